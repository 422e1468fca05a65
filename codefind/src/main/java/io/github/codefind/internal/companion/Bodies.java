package io.github.codefind.internal.companion;

import java.io.IOException;
import java.io.InputStream;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TypeInsnNode;

/** The method bodies companions and hosts are made of. */
final class Bodies {
    /** The name of the bootstrap method copied into every companion. */
    static final String BOOTSTRAP_NAME = "$codefind$access";
    static final String BOOTSTRAP_DESCRIPTOR = "(Ljava/lang/invoke/MethodHandles$Lookup;Ljava/lang/String;"
            + "Ljava/lang/invoke/MethodType;ILjava/lang/Class;Ljava/lang/Class;)Ljava/lang/invoke/CallSite;";
    /** The name of the bridging bootstrap method copied next to it. */
    static final String BRIDGE_NAME = "$codefind$bridge";
    static final String BRIDGE_DESCRIPTOR = "(Ljava/lang/invoke/MethodHandles$Lookup;Ljava/lang/String;"
            + "Ljava/lang/invoke/MethodType;[Ljava/lang/Object;)Ljava/lang/invoke/CallSite;";
    private static final MethodNode BOOTSTRAP = readBootstrap("access", BOOTSTRAP_DESCRIPTOR);
    private static final MethodNode BRIDGE = readBootstrap("bridge", BRIDGE_DESCRIPTOR);

    private Bodies() {
    }

    /**
     * @param key the method's name and descriptor
     * @param access its modifiers, kept: the JVM refuses a redefinition that changes them
     * @param message what the error says
     * @return a method that throws {@link NoSuchMethodError} with that message
     */
    static MethodNode throwing(String key, int access, String message) {
        int paren = key.indexOf('(');
        String desc = key.substring(paren);
        MethodNode m = new MethodNode(access & ~(Opcodes.ACC_ABSTRACT | Opcodes.ACC_NATIVE), key.substring(0, paren),
                desc, null, null);
        m.instructions.add(new TypeInsnNode(Opcodes.NEW, "java/lang/NoSuchMethodError"));
        m.instructions.add(new InsnNode(Opcodes.DUP));
        m.instructions.add(new LdcInsnNode(message));
        m.instructions.add(new MethodInsnNode(Opcodes.INVOKESPECIAL, "java/lang/NoSuchMethodError", "<init>",
                "(Ljava/lang/String;)V", false));
        m.instructions.add(new InsnNode(Opcodes.ATHROW));
        m.maxStack = 3;
        m.maxLocals = (Type.getArgumentsAndReturnSizes(desc) >> 2) - ((access & Opcodes.ACC_STATIC) != 0 ? 1 : 0);
        return m;
    }

    /**
     * @param host the host's internal name
     * @param source a method of the host's new class file; not modified
     * @param descriptor its descriptor as a static method of the companion
     * @return a public static copy, the receiver (if any) becoming the first parameter in the same slot
     */
    static MethodNode moved(String host, MethodNode source, String descriptor) {
        boolean instance = (source.access & Opcodes.ACC_STATIC) == 0;
        int access = Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC
                | source.access & (Opcodes.ACC_SYNTHETIC | Opcodes.ACC_VARARGS | Opcodes.ACC_STRICT);
        MethodNode copy = new MethodNode(access, source.name, descriptor, instance ? null : source.signature,
                source.exceptions.toArray(new String[0]));
        source.accept(copy);
        copy.access = access;
        copy.desc = descriptor;
        if (instance) {
            // Parameter metadata would be off by one: the receiver is now a parameter.
            copy.signature = null;
            copy.parameters = null;
            copy.visibleParameterAnnotations = null;
            copy.invisibleParameterAnnotations = null;
            copy.visibleAnnotableParameterCount = 0;
            copy.invisibleAnnotableParameterCount = 0;
        }
        return copy;
    }

    /** @return a fresh copy of {@link AccessBootstrap#access}, renamed */
    static MethodNode accessBootstrap() {
        // Public: a class's writes to a field it has as final, and the source no longer does, are linked by
        // its companion's copy.
        return copy(BOOTSTRAP, BOOTSTRAP_NAME, Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC | Opcodes.ACC_SYNTHETIC);
    }

    /** @return a fresh copy of {@link AccessBootstrap#bridge}, renamed */
    static MethodNode bridgeBootstrap() {
        return copy(BRIDGE, BRIDGE_NAME,
                Opcodes.ACC_PRIVATE | Opcodes.ACC_STATIC | Opcodes.ACC_SYNTHETIC | Opcodes.ACC_VARARGS);
    }

    private static MethodNode copy(MethodNode template, String name, int access) {
        MethodNode copy = new MethodNode(template.access, name, template.desc, null,
                template.exceptions.toArray(new String[0]));
        template.accept(copy);
        copy.name = name;
        copy.access = access;
        return copy;
    }

    private static MethodNode readBootstrap(String method, String descriptor) {
        String resource = AccessBootstrap.class.getSimpleName() + ".class";
        try (InputStream in = AccessBootstrap.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the codefind jar");
            }
            ClassNode node = new ClassNode();
            new ClassReader(in.readAllBytes()).accept(node, 0);
            for (MethodNode m : node.methods) {
                if (m.name.equals(method) && m.desc.equals(descriptor)) {
                    return m;
                }
            }
            throw new IllegalStateException("AccessBootstrap." + method + descriptor + " is missing");
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read " + resource + " from the codefind jar", e);
        }
    }
}
