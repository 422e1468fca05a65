package io.github.codefind.internal.run;

import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.FieldVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Compile-time constants whose value a patch changes. javac copies such a value into each class that
 * uses it and keeps no reference to the field, so those classes must be compiled again to see the new
 * value; found by the constant's name in their sources.
 */
final class Constants {
    /** How a file that copied a changed constant is described while it is compiled again. */
    static final String STALE = "compiled again: it uses ";

    private Constants() {
    }

    /**
     * @param compiled the classes about to be patched, internal name to class file
     * @param running the classes the runner patched in before, internal name to class file
     * @param loader the program's loader, whose class path has the other classes as they were loaded
     * @return the changed constants, as {@code Simple.NAME}
     */
    static Set<String> changed(Map<String, byte[]> compiled, Map<String, byte[]> running, ClassLoader loader) {
        Set<String> changed = new TreeSet<>();
        for (Map.Entry<String, byte[]> c : compiled.entrySet()) {
            Map<String, Object> now = constants(c.getValue());
            if (now.isEmpty()) {
                continue;
            }
            byte[] before = running.get(c.getKey());
            if (before == null) {
                before = classPathBytes(loader, c.getKey());
            }
            if (before == null) {
                continue; // a new class: nothing could have copied its constants yet
            }
            Map<String, Object> then = constants(before);
            String simple = c.getKey().substring(c.getKey().lastIndexOf('/') + 1);
            simple = simple.substring(simple.lastIndexOf('$') + 1);
            for (Map.Entry<String, Object> f : now.entrySet()) {
                if (then.containsKey(f.getKey()) && !Objects.equals(then.get(f.getKey()), f.getValue())) {
                    changed.add(simple + "." + f.getKey());
                }
            }
        }
        return changed;
    }

    /**
     * @param source a source file's text
     * @param constants constants as {@code Simple.NAME}
     * @return the first of those constants whose name the source mentions, or null
     */
    static String named(String source, Set<String> constants) {
        for (String c : constants) {
            String name = c.substring(c.indexOf('.') + 1);
            Matcher m = Pattern.compile("\\b" + Pattern.quote(name) + "\\b").matcher(source);
            if (m.find()) {
                return c;
            }
        }
        return null;
    }

    /** @return each {@code static final} field with a constant value: name to value */
    private static Map<String, Object> constants(byte[] classfile) {
        Map<String, Object> values = new HashMap<>();
        new ClassReader(classfile).accept(new ClassVisitor(Opcodes.ASM9) {
            @Override
            public FieldVisitor visitField(int access, String name, String descriptor, String signature,
                    Object value) {
                if (value != null && (access & (Opcodes.ACC_STATIC | Opcodes.ACC_FINAL))
                        == (Opcodes.ACC_STATIC | Opcodes.ACC_FINAL)) {
                    values.put(name, value);
                }
                return null;
            }
        }, ClassReader.SKIP_CODE | ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
        return values;
    }

    private static byte[] classPathBytes(ClassLoader loader, String internalName) {
        try (InputStream in = loader.getResourceAsStream(internalName + ".class")) {
            return in == null ? null : in.readAllBytes();
        } catch (IOException e) {
            return null;
        }
    }
}
