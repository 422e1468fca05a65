package io.github.codefind.internal.classfile;

import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.Handle;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * Which members a class file's code uses: the calls, method handles and field instructions of every
 * method. One scan serves every question of the form "which loaded code uses this member": methods a
 * patch removes, fields it retypes, members it moves to companions, members nobody has.
 */
public final class Uses {
    /**
     * One member an instruction names.
     *
     * @param owner the internal name the instruction names, which may be a subclass of the declaring one
     * @param key a method's name and descriptor, or a field's name, a colon and its descriptor
     * @param field true for a field instruction
     */
    public record Use(String owner, String key, boolean field) {
    }

    private Uses() {
    }

    /**
     * @param classfile a class file
     * @return every member its code names, in order of first use
     */
    public static Set<Use> of(byte[] classfile) {
        Set<Use> found = new LinkedHashSet<>();
        scan(classfile, found::add);
        return found;
    }

    /**
     * @param classfile a class file
     * @param owners the internal names an instruction must name to count; null for any
     * @param keys method keys (name and descriptor) and field keys (name, colon, descriptor)
     * @return those keys the class's code uses, in order of first use
     */
    public static Set<String> of(byte[] classfile, Set<String> owners, Collection<String> keys) {
        Set<String> found = new LinkedHashSet<>();
        scan(classfile, use -> {
            if ((owners == null || owners.contains(use.owner())) && keys.contains(use.key())) {
                found.add(use.key());
            }
        });
        return found;
    }

    /**
     * @param classfile a class file
     * @param names member names
     * @return false if no string of the class's constant pool is one of the names: then no instruction
     *     of it can use such a member. Reads only the constant pool, for a quick look before a scan.
     */
    public static boolean namesAny(byte[] classfile, Set<String> names) {
        ClassReader r = new ClassReader(classfile);
        char[] buffer = new char[r.getMaxStringLength()];
        for (int i = 1; i < r.getItemCount(); i++) {
            int offset = r.getItem(i);
            // A constant's tag is the byte before its item. Every use of a member goes through a
            // CONSTANT_NameAndType (tag 12), whose first item is the member's name.
            if (offset > 0 && r.readByte(offset - 1) == 12 && names.contains(r.readUTF8(offset, buffer))) {
                return true;
            }
        }
        return false;
    }

    /**
     * @param key a method key or a field key
     * @return the member's name
     */
    public static String nameOf(String key) {
        int end = key.indexOf('(') >= 0 ? key.indexOf('(') : key.indexOf(':');
        return end < 0 ? key : key.substring(0, end);
    }

    /**
     * Finds the loaded classes whose code uses members of a class. A call may name the class or any
     * subclass of it, so every loaded subtype counts as an owner.
     *
     * @param type the class whose members are looked for
     * @param keys the members' keys
     * @param loaded every loaded class, to find the subtypes
     * @param candidates the classes to look in
     * @param skip classes not to look in, on top of those that cannot see {@code type}
     * @param bytesOf the class file to read for a candidate; null if there is none
     * @return each candidate that uses some of the members, with the keys it uses, in candidate order
     */
    public static Map<Class<?>, Set<String>> callers(Class<?> type, Collection<String> keys, List<Class<?>> loaded,
            Iterable<Class<?>> candidates, Predicate<Class<?>> skip, Function<Class<?>, byte[]> bytesOf) {
        Map<Class<?>, Set<String>> callers = new LinkedHashMap<>();
        if (keys.isEmpty()) {
            return callers;
        }
        Set<String> owners = null; // a scan of every loaded class: only once some candidate names a member
        Set<String> names = new HashSet<>();
        for (String key : keys) {
            names.add(nameOf(key));
        }
        for (Class<?> c : candidates) {
            if (c.isHidden() || c.isArray() || c.isPrimitive() || c.getClassLoader() == null
                    || !sees(c.getClassLoader(), type.getClassLoader()) || skip.test(c)) {
                continue;
            }
            byte[] bytes = bytesOf.apply(c);
            if (bytes == null || !namesAny(bytes, names)) {
                continue;
            }
            if (owners == null) {
                owners = owners(type, loaded);
            }
            Set<String> used = of(bytes, owners, keys);
            if (!used.isEmpty()) {
                callers.put(c, used);
            }
        }
        return callers;
    }

    /**
     * @param type a class
     * @param loaded every loaded class
     * @return the internal names an instruction using a member of the class may name: its own, and those
     *     of its loaded subtypes
     */
    public static Set<String> owners(Class<?> type, List<Class<?>> loaded) {
        Set<String> owners = new HashSet<>();
        for (Class<?> c : loaded) {
            if (type.isAssignableFrom(c) && !c.isHidden()) {
                owners.add(Type.getInternalName(c));
            }
        }
        return owners;
    }

    /** @return whether a class defined by {@code from} can see classes of {@code of} */
    public static boolean sees(ClassLoader from, ClassLoader of) {
        for (ClassLoader l = from; l != null; l = l.getParent()) {
            if (l == of) {
                return true;
            }
        }
        return of == null;
    }

    /** Shows every member instruction of every method to one consumer; no debug information, no frames. */
    private static void scan(byte[] classfile, java.util.function.Consumer<Use> found) {
        MethodVisitor scan = new MethodVisitor(Opcodes.ASM9) {
            @Override
            public void visitMethodInsn(int opcode, String owner, String name, String desc, boolean itf) {
                found.accept(new Use(owner, name + desc, false));
            }

            @Override
            public void visitFieldInsn(int opcode, String owner, String name, String desc) {
                found.accept(new Use(owner, name + ":" + desc, true));
            }

            @Override
            public void visitInvokeDynamicInsn(String name, String desc, Handle bootstrap, Object... arguments) {
                for (Object a : arguments) {
                    visitLdcInsn(a);
                }
            }

            @Override
            public void visitLdcInsn(Object value) {
                if (value instanceof Handle h) {
                    boolean field = h.getTag() <= Opcodes.H_PUTSTATIC;
                    found.accept(new Use(h.getOwner(), h.getName() + (field ? ":" : "") + h.getDesc(), field));
                }
            }
        };
        new ClassReader(classfile).accept(new ClassVisitor(Opcodes.ASM9) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String desc, String signature,
                    String[] exceptions) {
                return scan;
            }
        }, ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
    }
}
