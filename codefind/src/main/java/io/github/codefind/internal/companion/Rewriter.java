package io.github.codefind.internal.companion;

import io.github.codefind.internal.classfile.Uses;
import java.util.Set;
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

/** Rewrites the instructions that use moved members, so that they reach the members in their companions. */
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
                    AbstractInsnNode moved = slot == null ? null : fieldAccess(f, slot);
                    if (moved != null) {
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
     * @param keys method keys (name and descriptor) and field keys (name, colon, descriptor)
     * @return true if the class uses, or takes a handle to, a member of one of those keys
     */
    static boolean mentions(byte[] classfile, Set<String> keys) {
        return !Uses.of(classfile, null, keys).isEmpty();
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
        if (slot.finalIn() != null) {
            if (f.getOpcode() != Opcodes.PUTFIELD) {
                return null;
            }
            Type host = Type.getObjectType(slot.finalIn());
            return new InvokeDynamicInsnNode(f.name, "(L" + f.owner + ";" + f.desc + ")V",
                    new Handle(Opcodes.H_INVOKESTATIC, companion, Bodies.BOOTSTRAP_NAME, Bodies.BOOTSTRAP_DESCRIPTOR,
                            false), AccessBootstrap.PUT_FINAL, host, host);
        }
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
     * A field instruction may name a subclass or an implementing class of the class that got the field:
     * look it up as the JVM does, in the class, then its superinterfaces, then its superclass, up to the
     * first class that the JVM has the field in.
     */
    private static Host.FieldSlot resolveField(Resolver resolver, String owner, String key, ClassLoader loader) {
        if (owner.startsWith("[") || owner.startsWith("java/") || !resolver.anyMoved(key)) {
            return null;
        }
        Object found = lookUpField(resolver, owner, key, loader);
        return found instanceof Host.FieldSlot ? (Host.FieldSlot) found : null;
    }

    /** What {@link #lookUpField} returns when the JVM itself has the field: look no further. */
    private static final Object THE_JVM_HAS_IT = new Object();

    /** @return the companion field, {@link #THE_JVM_HAS_IT}, or null if not found in that class's hierarchy */
    private static Object lookUpField(Resolver resolver, String c, String key, ClassLoader loader) {
        if (c == null || c.startsWith("java/")) {
            return null;
        }
        Host.FieldSlot slot = resolver.resolveField(c, key, loader);
        if (slot != null) {
            return slot;
        }
        String name = key.substring(0, key.indexOf(':'));
        Hierarchy hierarchy = resolver.hierarchy();
        if (hierarchy.declaresField(c, name, key.substring(name.length() + 1), loader)) {
            return THE_JVM_HAS_IT;
        }
        for (String i : hierarchy.interfaces(c, loader)) {
            Object found = lookUpField(resolver, i, key, loader);
            if (found != null) {
                return found;
            }
        }
        return lookUpField(resolver, hierarchy.superName(c, loader), key, loader);
    }

}
