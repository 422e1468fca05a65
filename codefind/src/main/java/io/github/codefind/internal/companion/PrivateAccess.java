package io.github.codefind.internal.companion;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.ListIterator;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.FieldInsnNode;
import org.objectweb.asm.tree.InvokeDynamicInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * Private access for classes outside their host's nest (companions, and new nested classes of a loaded
 * class): their instructions and {@code invokedynamic} sites that need a member they may not use are
 * routed through bootstrap methods copied into them, which link with the host's full-privilege lookup.
 */
final class PrivateAccess {
    private PrivateAccess() {
    }

    /**
     * Routes a companion's field and method instructions that need the host's private access through
     * {@code invokedynamic} sites that its copy of {@link AccessBootstrap#access} links.
     */
    static void rewriteHostAccess(ClassNode companion, Class<?> host, String bootstrapName) {
        Handle bootstrap = new Handle(Opcodes.H_INVOKESTATIC, companion.name, bootstrapName,
                Bodies.BOOTSTRAP_DESCRIPTOR, false);
        Type hostType = Type.getType(host);
        for (MethodNode m : companion.methods) {
            if (m.name.startsWith("$codefind$")) {
                continue;
            }
            for (ListIterator<AbstractInsnNode> it = m.instructions.iterator(); it.hasNext();) {
                AbstractInsnNode insn = it.next();
                InvokeDynamicInsnNode indy = null;
                if (insn instanceof FieldInsnNode) {
                    FieldInsnNode f = (FieldInsnNode) insn;
                    if (needsHostAccess(host, f.owner, f)) {
                        indy = fieldAccess(f, bootstrap, hostType);
                    }
                } else if (insn instanceof MethodInsnNode) {
                    MethodInsnNode c = (MethodInsnNode) insn;
                    if (!c.name.equals("<init>") && (c.getOpcode() == Opcodes.INVOKESPECIAL
                            || needsHostAccess(host, c.owner, c))) {
                        indy = methodAccess(c, bootstrap, hostType);
                    }
                }
                if (indy != null) {
                    it.set(indy);
                }
            }
        }
    }

    /**
     * Points the {@code invokedynamic} sites of a class (a companion, or a nested class defined outside
     * its nest) whose bootstrap arguments name private members it cannot reach, such as a method
     * reference to a private method of its host, at its copy of {@link AccessBootstrap#bridge}, which runs
     * the site's own bootstrap with the privileged class's lookup.
     *
     * @param node the class; it must hold a copy of the bridge named {@link Bodies#BRIDGE_NAME}
     * @param privileged the class whose lookup reaches those members: the host, or the nest host
     */
    static void bridgePrivateHandles(ClassNode node, Class<?> privileged) {
        Handle bridge = new Handle(Opcodes.H_INVOKESTATIC, node.name, Bodies.BRIDGE_NAME, Bodies.BRIDGE_DESCRIPTOR,
                false);
        ClassLoader loader = privileged.getClassLoader();
        for (MethodNode m : node.methods) {
            for (AbstractInsnNode insn = m.instructions.getFirst(); insn != null; insn = insn.getNext()) {
                if (!(insn instanceof InvokeDynamicInsnNode)) {
                    continue;
                }
                InvokeDynamicInsnNode indy = (InvokeDynamicInsnNode) insn;
                if (!indy.bsm.getOwner().startsWith("java/")) {
                    continue;
                }
                List<Object> args = new ArrayList<>(List.of(Type.getType(privileged),
                        indy.bsm));
                boolean bridged = false;
                for (Object arg : indy.bsmArgs) {
                    if (arg instanceof Handle && isPrivateMethod((Handle) arg, node.name, loader)) {
                        Handle h = (Handle) arg;
                        args.addAll(List.of(1, h.getTag(), Type.getObjectType(h.getOwner()), h.getName(),
                                Type.getMethodType(h.getDesc())));
                        bridged = true;
                    } else {
                        args.add(0);
                        args.add(arg);
                    }
                }
                if (bridged) {
                    indy.bsm = bridge;
                    indy.bsmArgs = args.toArray();
                }
            }
        }
    }

    private static boolean isPrivateMethod(Handle h, String self, ClassLoader loader) {
        if (h.getTag() < Opcodes.H_INVOKEVIRTUAL || h.getOwner().equals(self) || h.getOwner().startsWith("java/")) {
            return false;
        }
        Class<?> c = Rewriter.find(h.getOwner(), loader);
        int modifiers = c == null ? -1 : modifiers(c, h.getName(), h.getDesc());
        return modifiers >= 0 && Modifier.isPrivate(modifiers);
    }

    /** @return an {@code invokedynamic} standing for a field instruction, linked with the host's private access */
    static InvokeDynamicInsnNode fieldAccess(FieldInsnNode f, Handle bootstrap, Class<?> host) {
        return fieldAccess(f, bootstrap, Type.getType(host));
    }

    /** @return an {@code invokedynamic} standing for a call, linked with the host's private access */
    static InvokeDynamicInsnNode methodAccess(MethodInsnNode c, Handle bootstrap, Class<?> host) {
        return methodAccess(c, bootstrap, Type.getType(host));
    }

    private static InvokeDynamicInsnNode fieldAccess(FieldInsnNode f, Handle bootstrap, Type host) {
        Type owner = Type.getObjectType(f.owner);
        Type value = Type.getType(f.desc);
        switch (f.getOpcode()) {
            case Opcodes.GETFIELD:
                return indy(f.name, Type.getMethodDescriptor(value, owner), bootstrap, AccessBootstrap.GET_FIELD, host, owner);
            case Opcodes.PUTFIELD:
                return indy(f.name, Type.getMethodDescriptor(Type.VOID_TYPE, owner, value), bootstrap,
                        AccessBootstrap.PUT_FIELD, host, owner);
            case Opcodes.GETSTATIC:
                return indy(f.name, Type.getMethodDescriptor(value), bootstrap, AccessBootstrap.GET_STATIC, host, owner);
            default:
                return indy(f.name, Type.getMethodDescriptor(Type.VOID_TYPE, value), bootstrap,
                        AccessBootstrap.PUT_STATIC, host, owner);
        }
    }

    private static InvokeDynamicInsnNode methodAccess(MethodInsnNode c, Handle bootstrap, Type host) {
        Type owner = Type.getObjectType(c.owner);
        Type type = Type.getMethodType(c.desc);
        if (c.getOpcode() == Opcodes.INVOKESTATIC) {
            return indy(c.name, c.desc, bootstrap, AccessBootstrap.STATIC, host, owner);
        }
        Type[] args = type.getArgumentTypes();
        Type[] withReceiver = new Type[args.length + 1];
        System.arraycopy(args, 0, withReceiver, 1, args.length);
        boolean special = c.getOpcode() == Opcodes.INVOKESPECIAL;
        withReceiver[0] = special ? host : owner;
        return indy(c.name, Type.getMethodDescriptor(type.getReturnType(), withReceiver), bootstrap,
                special ? AccessBootstrap.SPECIAL : AccessBootstrap.VIRTUAL, host, owner);
    }

    private static InvokeDynamicInsnNode indy(String name, String desc, Handle bootstrap, int kind, Type host,
            Type owner) {
        return new InvokeDynamicInsnNode(name, desc, bootstrap, kind, host, owner);
    }

    /** @return true if a class of the host's package, other than the host, may not use the member */
    private static boolean needsHostAccess(Class<?> host, String owner, AbstractInsnNode insn) {
        Class<?> c = relative(host, owner);
        String name = insn instanceof FieldInsnNode ? ((FieldInsnNode) insn).name : ((MethodInsnNode) insn).name;
        String desc = insn instanceof FieldInsnNode ? ((FieldInsnNode) insn).desc : ((MethodInsnNode) insn).desc;
        for (Class<?> k = c; k != null; k = k.getSuperclass()) {
            int modifiers = modifiers(k, name, desc);
            if (modifiers >= 0) {
                return Modifier.isPrivate(modifiers)
                        || Modifier.isProtected(modifiers) && !k.getPackageName().equals(host.getPackageName());
            }
        }
        return false;
    }

    /**
     * @param c a class
     * @param name a member's name ({@code <init>} for a constructor)
     * @param desc a field's descriptor, or a method's or constructor's
     * @return the modifiers of the member {@code c} itself declares; -1 if it declares none such, or if its
     *     members cannot be listed (then it cannot be used through them either)
     */
    static int modifiers(Class<?> c, String name, String desc) {
        try {
            if (!desc.startsWith("(")) {
                for (Field f : c.getDeclaredFields()) {
                    if (f.getName().equals(name) && Type.getDescriptor(f.getType()).equals(desc)) {
                        return f.getModifiers();
                    }
                }
            } else if (name.equals("<init>")) {
                for (java.lang.reflect.Constructor<?> k : c.getDeclaredConstructors()) {
                    if (Type.getConstructorDescriptor(k).equals(desc)) {
                        return k.getModifiers();
                    }
                }
            } else {
                for (Method m : c.getDeclaredMethods()) {
                    if (m.getName().equals(name) && Type.getMethodDescriptor(m).equals(desc)) {
                        return m.getModifiers();
                    }
                }
            }
        } catch (LinkageError e) {
            return -1;
        }
        return -1;
    }

    /** @return the host or one of its superclasses if {@code owner} names it; else null */
    private static Class<?> relative(Class<?> host, String owner) {
        for (Class<?> k = host; k != null; k = k.getSuperclass()) {
            if (k.getName().replace('.', '/').equals(owner)) {
                return k;
            }
        }
        return null;
    }
}
