package io.github.codefind.internal.companion;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ListIterator;
import java.util.Set;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.FieldInsnNode;
import org.objectweb.asm.tree.InvokeDynamicInsnNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;

/** Rewrites instructions: calls to moved methods, and a companion's uses of its host's private members. */
final class Rewriter {
    /** Where a method of a class's source lives now. */
    interface Resolver {
        /**
         * @param owner the internal name a call names
         * @param key the method's name and descriptor
         * @param loader the calling class's loader
         * @return the companion slot, or null if the JVM has the method where the call says
         */
        Host.Slot resolve(String owner, String key, ClassLoader loader);

        /**
         * @param owner the internal name a field instruction names
         * @param key the field's name, a colon and its descriptor
         * @param loader the calling class's loader
         * @return the companion field, or null if the JVM has the field where the instruction says
         */
        Host.FieldSlot resolveField(String owner, String key, ClassLoader loader);

        /**
         * @param key a method's name and descriptor, or a field's name, a colon and its descriptor
         * @return false if no class has a moved member of that key: a quick filter before loading classes
         */
        boolean anyMoved(String key);

        /** @return how to walk the superclasses of the classes instructions name */
        Hierarchy hierarchy();
    }

    private Rewriter() {
    }

    /**
     * Points calls and method handles that name a moved method, and instructions that use a moved field,
     * at its companion.
     *
     * @return true if anything changed
     */
    static boolean rewriteCalls(ClassNode node, Resolver resolver, ClassLoader loader) {
        boolean changed = false;
        for (MethodNode m : node.methods) {
            for (AbstractInsnNode insn = m.instructions.getFirst(); insn != null; insn = insn.getNext()) {
                if (insn instanceof FieldInsnNode) {
                    FieldInsnNode f = (FieldInsnNode) insn;
                    Host.FieldSlot slot = resolveField(resolver, f.owner, f.name + ":" + f.desc, loader);
                    if (slot != null) {
                        AbstractInsnNode moved = fieldAccess(f, slot);
                        m.instructions.set(insn, moved);
                        insn = moved;
                        changed = true;
                    }
                } else if (insn instanceof MethodInsnNode) {
                    MethodInsnNode call = (MethodInsnNode) insn;
                    Host.Slot slot = resolveInHierarchy(resolver, call.owner, call.name + call.desc, loader);
                    if (slot != null) {
                        call.setOpcode(Opcodes.INVOKESTATIC);
                        call.owner = slot.companion().internalName;
                        call.desc = slot.descriptor();
                        call.itf = false;
                        changed = true;
                    }
                } else if (insn instanceof InvokeDynamicInsnNode) {
                    Object[] args = ((InvokeDynamicInsnNode) insn).bsmArgs;
                    for (int i = 0; i < args.length; i++) {
                        Object moved = handle(args[i], resolver, loader);
                        changed |= moved != args[i];
                        args[i] = moved;
                    }
                } else if (insn instanceof LdcInsnNode) {
                    LdcInsnNode ldc = (LdcInsnNode) insn;
                    Object moved = handle(ldc.cst, resolver, loader);
                    changed |= moved != ldc.cst;
                    ldc.cst = moved;
                }
            }
        }
        return changed;
    }

    /**
     * @param classfile a class file
     * @param keys method names and descriptors
     * @return true if the class calls, or takes a handle to, a method of one of those keys
     */
    static boolean mentions(byte[] classfile, Set<String> keys) {
        boolean[] found = {false};
        MethodVisitor scan = new MethodVisitor(Opcodes.ASM9) {
            @Override
            public void visitMethodInsn(int opcode, String owner, String name, String desc, boolean itf) {
                found[0] |= keys.contains(name + desc);
            }

            @Override
            public void visitFieldInsn(int opcode, String owner, String name, String desc) {
                found[0] |= keys.contains(name + ":" + desc);
            }

            @Override
            public void visitInvokeDynamicInsn(String name, String desc, Handle bootstrap, Object... args) {
                for (Object a : args) {
                    visitLdcInsn(a);
                }
            }

            @Override
            public void visitLdcInsn(Object value) {
                found[0] |= value instanceof Handle
                        && keys.contains(((Handle) value).getName() + ((Handle) value).getDesc());
            }
        };
        scan(classfile, scan);
        return found[0];
    }

    /** Shows every method's instructions to one visitor, quickly: no debug information, no frames. */
    private static void scan(byte[] classfile, MethodVisitor scan) {
        new ClassReader(classfile).accept(new ClassVisitor(Opcodes.ASM9) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String desc, String signature,
                    String[] exceptions) {
                return scan;
            }
        }, ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
    }

    /**
     * @param classfile a class file
     * @param owners internal names a field instruction may name
     * @param keys fields' names, colons and descriptors
     * @return the first of those fields the class uses, or null
     */
    static String usesField(byte[] classfile, Set<String> owners, java.util.Collection<String> keys) {
        String[] found = {null};
        MethodVisitor scan = new MethodVisitor(Opcodes.ASM9) {
            @Override
            public void visitFieldInsn(int opcode, String owner, String name, String desc) {
                if (found[0] == null && owners.contains(owner) && keys.contains(name + ":" + desc)) {
                    found[0] = name + ":" + desc;
                }
            }
        };
        scan(classfile, scan);
        return found[0];
    }

    /** @return the first of those fields the method uses, or null */
    static String usesField(MethodNode method, Set<String> owners, java.util.Collection<String> keys) {
        for (AbstractInsnNode insn = method.instructions.getFirst(); insn != null; insn = insn.getNext()) {
            if (insn instanceof FieldInsnNode) {
                FieldInsnNode f = (FieldInsnNode) insn;
                if (owners.contains(f.owner) && keys.contains(f.name + ":" + f.desc)) {
                    return f.name + ":" + f.desc;
                }
            }
        }
        return null;
    }

    private static Object handle(Object constant, Resolver resolver, ClassLoader loader) {
        if (!(constant instanceof Handle)) {
            return constant;
        }
        Handle h = (Handle) constant;
        if (h.getTag() < Opcodes.H_INVOKEVIRTUAL) {
            return h;
        }
        Host.Slot slot = resolveInHierarchy(resolver, h.getOwner(), h.getName() + h.getDesc(), loader);
        return slot == null ? h
                : new Handle(Opcodes.H_INVOKESTATIC, slot.companion().internalName, h.getName(), slot.descriptor(),
                        false);
    }

    /** A call may name a subclass of the class that got the method: look up the superclasses too. */
    private static Host.Slot resolveInHierarchy(Resolver resolver, String owner, String key, ClassLoader loader) {
        if (owner.startsWith("[") || owner.startsWith("java/") || !resolver.anyMoved(key)) {
            return null;
        }
        Host.Slot direct = resolver.resolve(owner, key, loader);
        if (direct != null || key.startsWith("<")) {
            return direct;
        }
        Hierarchy hierarchy = resolver.hierarchy();
        for (String c = hierarchy.superName(owner, loader); c != null && !c.startsWith("java/");
                c = hierarchy.superName(c, loader)) {
            Host.Slot inherited = resolver.resolve(c, key, loader);
            if (inherited != null) {
                return inherited;
            }
        }
        return null;
    }

    /**
     * @param internalName a class's internal name
     * @param loader the loader to ask
     * @return the class, loaded but not initialised; null if it cannot be
     */
    static Class<?> find(String internalName, ClassLoader loader) {
        try {
            return Class.forName(internalName.replace('/', '.'), false, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            return null;
        }
    }

    /** The instruction that stands for a field instruction on a moved field. */
    private static AbstractInsnNode fieldAccess(FieldInsnNode f, Host.FieldSlot slot) {
        String companion = slot.companion().internalName;
        switch (f.getOpcode()) {
            case Opcodes.GETSTATIC:
            case Opcodes.PUTSTATIC:
                return new FieldInsnNode(f.getOpcode(), companion, slot.name(), f.desc);
            case Opcodes.GETFIELD:
                return new MethodInsnNode(Opcodes.INVOKESTATIC, companion, slot.accessor("get"),
                        "(Ljava/lang/Object;)" + f.desc, false);
            default:
                return new MethodInsnNode(Opcodes.INVOKESTATIC, companion, slot.accessor("set"),
                        "(Ljava/lang/Object;" + f.desc + ")V", false);
        }
    }

    /**
     * A field instruction may name a subclass of the class that got the field: look up the superclasses
     * too, up to the first that the JVM has the field in.
     */
    private static Host.FieldSlot resolveField(Resolver resolver, String owner, String key, ClassLoader loader) {
        if (owner.startsWith("[") || owner.startsWith("java/") || !resolver.anyMoved(key)) {
            return null;
        }
        Host.FieldSlot direct = resolver.resolveField(owner, key, loader);
        if (direct != null) {
            return direct;
        }
        String name = key.substring(0, key.indexOf(':'));
        String desc = key.substring(name.length() + 1);
        Hierarchy hierarchy = resolver.hierarchy();
        for (String c = owner; c != null && !c.startsWith("java/"); c = hierarchy.superName(c, loader)) {
            Host.FieldSlot slot = c.equals(owner) ? null : resolver.resolveField(c, key, loader);
            if (slot != null) {
                return slot;
            }
            if (hierarchy.declaresField(c, name, desc, loader)) {
                return null;
            }
        }
        return null;
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
                java.util.List<Object> args = new java.util.ArrayList<>(java.util.List.of(Type.getType(privileged),
                        indy.bsm));
                boolean bridged = false;
                for (Object arg : indy.bsmArgs) {
                    if (arg instanceof Handle && isPrivateMethod((Handle) arg, node.name, loader)) {
                        Handle h = (Handle) arg;
                        args.addAll(java.util.List.of(1, h.getTag(), Type.getObjectType(h.getOwner()), h.getName(),
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
        Class<?> c = find(h.getOwner(), loader);
        if (c == null) {
            return false;
        }
        try {
            if (h.getName().equals("<init>")) {
                for (java.lang.reflect.Constructor<?> k : c.getDeclaredConstructors()) {
                    if (Type.getConstructorDescriptor(k).equals(h.getDesc())) {
                        return Modifier.isPrivate(k.getModifiers());
                    }
                }
                return false;
            }
            for (Method method : c.getDeclaredMethods()) {
                if (method.getName().equals(h.getName()) && Type.getMethodDescriptor(method).equals(h.getDesc())) {
                    return Modifier.isPrivate(method.getModifiers());
                }
            }
        } catch (LinkageError e) {
            return false;
        }
        return false;
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
        if (c == null) {
            return false;
        }
        int modifiers = -1;
        Class<?> declaring = null;
        for (Class<?> k = c; k != null && modifiers < 0; k = k.getSuperclass()) {
            try {
                if (insn instanceof FieldInsnNode) {
                    FieldInsnNode f = (FieldInsnNode) insn;
                    for (Field field : k.getDeclaredFields()) {
                        if (field.getName().equals(f.name) && Type.getDescriptor(field.getType()).equals(f.desc)) {
                            modifiers = field.getModifiers();
                            declaring = k;
                        }
                    }
                } else {
                    MethodInsnNode m = (MethodInsnNode) insn;
                    for (Method method : k.getDeclaredMethods()) {
                        if (method.getName().equals(m.name) && Type.getMethodDescriptor(method).equals(m.desc)) {
                            modifiers = method.getModifiers();
                            declaring = k;
                        }
                    }
                }
            } catch (LinkageError e) {
                return false;
            }
        }
        if (declaring == null) {
            return false;
        }
        return Modifier.isPrivate(modifiers)
                || Modifier.isProtected(modifiers) && !declaring.getPackageName().equals(host.getPackageName());
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
