package io.github.codefind.internal.companion;

import io.github.codefind.Rejection;
import java.lang.reflect.Modifier;
import java.util.List;
import java.util.ListIterator;
import java.util.Set;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.FieldInsnNode;
import org.objectweb.asm.tree.FieldNode;
import org.objectweb.asm.tree.FrameNode;
import org.objectweb.asm.tree.InvokeDynamicInsnNode;
import org.objectweb.asm.tree.JumpInsnNode;
import org.objectweb.asm.tree.LookupSwitchInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TableSwitchInsnNode;
import org.objectweb.asm.tree.TypeInsnNode;

/**
 * New nested, local and anonymous classes of a loaded class. A loaded class's nest cannot grow, so such
 * a class is defined outside it, as a plain class of the same package: its private members become
 * package-private, so that its outer class and its old nestmates reach them as before, and its uses of
 * their private members go through {@code invokedynamic} sites linked with their full-privilege lookup.
 */
final class Nests {
    private Nests() {
    }

    /**
     * @param node a class the patch defines; modified
     * @param members the nest members the JVM has for the host; null if it surely lacks the class
     * @param host its nest host, loaded
     * @param loader the loader it will be defined in
     * @param added the internal names of every class the patch defines
     * @param refused what cannot be done, added to
     * @return true if the class was changed
     */
    static boolean detach(ClassNode node, List<String> members, Class<?> host, ClassLoader loader,
            Set<String> added, List<Rejection> refused) {
        if (members != null && members.contains(node.name)) {
            return false;
        }
        node.nestHostClass = null;
        for (FieldNode f : node.fields) {
            f.access &= ~Opcodes.ACC_PRIVATE;
        }
        // An interface's methods are public or private: a private one must become public.
        int widened = (node.access & Opcodes.ACC_INTERFACE) != 0 ? Opcodes.ACC_PUBLIC : 0;
        for (MethodNode m : node.methods) {
            if ((m.access & Opcodes.ACC_PRIVATE) != 0) {
                m.access = m.access & ~Opcodes.ACC_PRIVATE | widened;
            }
        }
        Handle bootstrap = new Handle(Opcodes.H_INVOKESTATIC, node.name, Bodies.BOOTSTRAP_NAME,
                Bodies.BOOTSTRAP_DESCRIPTOR, false);
        for (MethodNode m : node.methods) {
            for (ListIterator<AbstractInsnNode> it = m.instructions.iterator(); it.hasNext();) {
                AbstractInsnNode insn = it.next();
                String owner = insn instanceof FieldInsnNode ? ((FieldInsnNode) insn).owner
                        : insn instanceof MethodInsnNode ? ((MethodInsnNode) insn).owner : null;
                if (owner == null || owner.equals(node.name) || added.contains(owner) || owner.startsWith("[")) {
                    continue;
                }
                Class<?> mate = nestmate(owner, host, loader);
                if (mate == null || !isPrivate(mate, insn)) {
                    continue;
                }
                if (insn instanceof MethodInsnNode && ((MethodInsnNode) insn).name.equals("<init>")) {
                    InvokeDynamicInsnNode made = construct(m, (MethodInsnNode) insn, bootstrap, mate);
                    if (made != null) {
                        it.set(made);
                        continue;
                    }
                    refused.add(new Rejection(node.name.replace('/', '.'), sourcePath(node), m.name + m.desc, "the new class calls the private constructor of "
                            + mate.getName() + " in a way codefind cannot route (inside a branch of an argument"
                            + " list); a loaded class's nest cannot take a new member, so the new class is not its"
                            + " nestmate", "Make that constructor package-private, or restart"));
                    continue;
                }
                it.set(insn instanceof FieldInsnNode ? PrivateAccess.fieldAccess((FieldInsnNode) insn, bootstrap, mate)
                        : PrivateAccess.methodAccess((MethodInsnNode) insn, bootstrap, mate));
            }
        }
        // Always there, even if unused, so that the class's shape stays the same in later patches.
        node.methods.add(Bodies.accessBootstrap());
        node.methods.add(Bodies.bridgeBootstrap());
        PrivateAccess.bridgePrivateHandles(node, host);
        return true;
    }

    /**
     * {@code new T(args)} is {@code new T; dup; args; invokespecial T.<init>}. When nothing between the
     * {@code new} and the call branches (no stack-map frame holds the uninitialised object), the
     * {@code new} and {@code dup} go, and the call becomes an {@code invokedynamic} that takes the
     * arguments and returns the object, made through the nestmate's private constructor.
     *
     * @return the {@code invokedynamic} to put in place of the call, with the {@code new} and {@code dup}
     *     removed; null if the pattern does not hold, and nothing is changed
     */
    private static InvokeDynamicInsnNode construct(MethodNode m, MethodInsnNode init, Handle bootstrap,
            Class<?> mate) {
        int depth = 0;
        AbstractInsnNode made = null;
        for (AbstractInsnNode insn = init.getPrevious(); insn != null; insn = insn.getPrevious()) {
            if (insn instanceof FrameNode || insn instanceof JumpInsnNode || insn instanceof TableSwitchInsnNode
                    || insn instanceof LookupSwitchInsnNode) {
                return null;
            }
            if (insn.getOpcode() == Opcodes.INVOKESPECIAL && ((MethodInsnNode) insn).name.equals("<init>")) {
                depth++;
            } else if (insn.getOpcode() == Opcodes.NEW && depth-- == 0) {
                made = insn;
                break;
            }
        }
        AbstractInsnNode dup = made == null ? null : made.getNext();
        while (dup != null && dup.getOpcode() < 0) {
            dup = dup.getNext();
        }
        if (made == null || dup == null || dup.getOpcode() != Opcodes.DUP
                || !((TypeInsnNode) made).desc.equals(init.owner)) {
            return null;
        }
        m.instructions.remove(made);
        m.instructions.remove(dup);
        Type type = Type.getObjectType(init.owner);
        return new InvokeDynamicInsnNode("new", Type.getMethodDescriptor(type, Type.getArgumentTypes(init.desc)),
                bootstrap, AccessBootstrap.NEW_INSTANCE, Type.getType(mate), type);
    }

    private static String sourcePath(ClassNode node) {
        if (node.sourceFile == null) {
            return "";
        }
        int slash = node.name.lastIndexOf('/');
        return slash < 0 ? node.sourceFile : node.name.substring(0, slash + 1) + node.sourceFile;
    }

    /** @return the loaded class if it belongs to the host's nest; else null */
    private static Class<?> nestmate(String owner, Class<?> host, ClassLoader loader) {
        Class<?> c = Rewriter.find(owner, loader);
        try {
            return c != null && c.getNestHost() == host ? c : null;
        } catch (LinkageError e) {
            return null;
        }
    }

    private static boolean isPrivate(Class<?> c, AbstractInsnNode insn) {
        int modifiers = insn instanceof FieldInsnNode
                ? PrivateAccess.modifiers(c, ((FieldInsnNode) insn).name, ((FieldInsnNode) insn).desc)
                : PrivateAccess.modifiers(c, ((MethodInsnNode) insn).name, ((MethodInsnNode) insn).desc);
        return modifiers >= 0 && Modifier.isPrivate(modifiers);
    }
}
