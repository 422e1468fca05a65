package io.github.codefind.internal.patch;

import io.github.codefind.Rejection;
import io.github.codefind.conform.Change;
import io.github.codefind.conform.ChangeKind;
import io.github.codefind.conform.MethodUnit;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.Handle;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * Refuses a patch that removes (or renames, or retypes) a method that loaded code outside the patch
 * still calls: that code was compiled against the method and is not compiled again, so it would throw
 * {@code NoSuchMethodError} at its next call. Fields whose type changed are refused the same way; see
 * {@code Checks.retypedFieldsInUse}. Scans only when a patch removes a method.
 */
final class RemovedCallers {
    private RemovedCallers() {
    }

    /**
     * What a patch removes from one class.
     *
     * @param file the class's source file, for messages
     * @param changes the class's changes
     */
    record Removal(String file, List<Change> changes) {
    }

    /**
     * @param removed each target's changes, for those that remove methods
     * @param loaded every loaded class
     * @param patched the classes the patch redefines or defines, by binary name
     * @param classFiles where the loaded classes' class files are
     * @return one rejection per removed method still called, naming its callers
     */
    static List<Rejection> check(Map<Class<?>, Removal> removed, List<Class<?>> loaded, Set<String> patched,
            ClassFiles classFiles) {
        List<Rejection> refused = new ArrayList<>();
        for (Map.Entry<Class<?>, Removal> e : removed.entrySet()) {
            Class<?> type = e.getKey();
            Map<String, MethodUnit> keys = new LinkedHashMap<>();
            for (Change c : e.getValue().changes()) {
                if (c.is(ChangeKind.REMOVED) && c.unit() instanceof MethodUnit m && !m.isStaticInitializer()) {
                    keys.put(m.name() + m.descriptor().descriptor(), m);
                }
            }
            if (keys.isEmpty()) {
                continue;
            }
            Set<String> owners = new HashSet<>();
            for (Class<?> c : loaded) {
                if (type.isAssignableFrom(c) && !c.isHidden()) {
                    owners.add(Type.getInternalName(c));
                }
            }
            Map<String, Set<String>> callers = new LinkedHashMap<>();
            for (Class<?> c : loaded) {
                if (patched.contains(c.getName()) || c.isHidden() || c.isArray() || c.isPrimitive()
                        || c.getClassLoader() == null || !sees(c.getClassLoader(), type.getClassLoader())) {
                    continue;
                }
                byte[] bytes;
                try {
                    bytes = classFiles.current(c);
                } catch (IOException | RuntimeException ex) {
                    continue; // nothing to read: nothing known to call it
                }
                for (String key : calls(bytes, owners, keys.keySet())) {
                    callers.computeIfAbsent(key, k -> new LinkedHashSet<>()).add(c.getName());
                }
            }
            callers.forEach((key, by) -> refused.add(new Rejection(type.getName(), e.getValue().file(), key,
                    "the method was removed, renamed or retyped, and " + String.join(", ", by) + ", which this"
                            + " patch does not change, still " + (by.size() == 1 ? "calls" : "call")
                            + " it: " + (by.size() == 1 ? "its" : "their") + " next call would throw NoSuchMethodError",
                    "Save " + String.join(", ", by) + " without the call in the same patch, or keep the method")));
        }
        return refused;
    }

    /** @return whether a class defined by {@code from} can see classes of {@code of} */
    private static boolean sees(ClassLoader from, ClassLoader of) {
        for (ClassLoader l = from; l != null; l = l.getParent()) {
            if (l == of) {
                return true;
            }
        }
        return of == null;
    }

    /** @return the keys of those methods the class calls, or names in a method handle */
    private static Set<String> calls(byte[] classfile, Set<String> owners, Set<String> keys) {
        Set<String> found = new LinkedHashSet<>();
        MethodVisitor scan = new MethodVisitor(Opcodes.ASM9) {
            @Override
            public void visitMethodInsn(int opcode, String owner, String name, String desc, boolean itf) {
                if (owners.contains(owner) && keys.contains(name + desc)) {
                    found.add(name + desc);
                }
            }

            @Override
            public void visitInvokeDynamicInsn(String name, String desc, Handle bootstrap, Object... arguments) {
                for (Object a : arguments) {
                    handle(a);
                }
            }

            @Override
            public void visitLdcInsn(Object value) {
                handle(value);
            }

            private void handle(Object constant) {
                if (constant instanceof Handle h && owners.contains(h.getOwner())
                        && keys.contains(h.getName() + h.getDesc())) {
                    found.add(h.getName() + h.getDesc());
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
        return found;
    }
}
