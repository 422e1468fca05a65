package io.github.codefind.internal.patch;

import io.github.codefind.internal.classfile.Uses;
import io.github.codefind.internal.companion.Draft;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.FieldNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * Notes the members a patch's new code uses that neither the patch nor the running program has: the
 * JVM accepts such code, and it throws {@link NoSuchMethodError} (or {@link NoSuchFieldError}) at the
 * use, until a patch adds the member. Said by the patch that brings the use, once. Only what is known to
 * be missing is said: a member of a class that is not loaded, or whose class file cannot be read, is taken
 * to exist.
 */
final class MissingMembers {
    /** The JDK's classes, whose members are not looked for: only their supertypes' members are, by reflection. */
    private static final List<String> JDK = List.of("java/", "javax/", "jdk/", "sun/", "com/sun/");

    /** One redefined class: its class file before and after the patch, renamed. */
    record Edited(Class<?> type, byte[] before, byte[] after) {
    }

    private final Map<String, byte[]> patch;
    private final LoadedIndex loadedByName;
    private final ClassFiles classFiles;
    private final Draft draft;
    private final Map<String, ClassNode> shapes = new HashMap<>();

    private MissingMembers(Map<String, byte[]> patch, List<Class<?>> loadedClasses, ClassFiles classFiles,
            Draft draft) {
        this.patch = patch;
        this.classFiles = classFiles;
        this.draft = draft;
        this.loadedByName = LoadedIndex.of(loadedClasses);
    }

    /**
     * @param edited the classes the patch redefines from new class files
     * @param patch every class file of the patch, renamed, by internal name
     * @param loadedClasses every loaded class
     * @param classFiles the current class files
     * @param draft the patch's structural plan, or null
     * @return one note per missing member, naming the classes that use it
     */
    static List<String> notes(List<Edited> edited, Map<String, byte[]> patch, List<Class<?>> loadedClasses,
            ClassFiles classFiles, Draft draft) {
        MissingMembers m = new MissingMembers(patch, loadedClasses, classFiles, draft);
        Map<Uses.Use, Set<String>> missing = new LinkedHashMap<>();
        for (Edited e : edited) {
            Set<Uses.Use> uses = Uses.of(e.after());
            uses.removeAll(Uses.of(e.before())); // a use the class had already was said when it came
            for (Uses.Use u : uses) {
                if (!isJdk(u.owner()) && !u.owner().startsWith("[")
                        && !m.has(u.owner(), u.key(), e.type().getClassLoader())) {
                    missing.computeIfAbsent(u, k -> new TreeSet<>()).add(e.type().getName());
                }
            }
        }
        List<String> notes = new ArrayList<>();
        missing.forEach((u, by) -> notes.add(String.join(", ", by) + (by.size() == 1 ? " uses " : " use ")
                + u.owner().replace('/', '.') + "." + u.key() + ", which neither this patch nor the running program"
                + " has: " + (u.field() ? "uses of it throw NoSuchFieldError" : "calls to it throw NoSuchMethodError")
                + " until a patch adds it"));
        return notes;
    }

    /** @return false only if the member is known to be missing from the class and its supertypes */
    private boolean has(String owner, String key, ClassLoader from) {
        if (isJdk(owner)) {
            return jdkHas(owner, key, from);
        }
        if (draft != null && draft.links().inCompanion(owner, key, from)) {
            return true;
        }
        ClassNode shape = shape(owner, from);
        if (shape == null) {
            return true; // not loaded, or unreadable: not known to be missing
        }
        if (declares(shape, key)) {
            return true;
        }
        if (key.startsWith("<")) {
            return false; // constructors are not inherited
        }
        if (shape.superName != null && has(shape.superName, key, from)) {
            return true;
        }
        for (String i : shape.interfaces) {
            if (has(i, key, from)) {
                return true;
            }
        }
        return false;
    }

    /** @return the class's members as the patch or the JVM has them; null if not known */
    private ClassNode shape(String owner, ClassLoader from) {
        if (shapes.containsKey(owner)) {
            return shapes.get(owner);
        }
        byte[] bytes = patch.get(owner);
        if (bytes == null) {
            Class<?> loaded = null;
            for (Class<?> c : loadedByName.named(owner.replace('/', '.'))) {
                if (Uses.sees(from, c.getClassLoader())) {
                    loaded = c;
                }
            }
            bytes = loaded == null ? null : running(loaded);
        }
        ClassNode node = null;
        if (bytes != null) {
            node = new ClassNode();
            new ClassReader(bytes).accept(node,
                    ClassReader.SKIP_CODE | ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
        }
        shapes.put(owner, node);
        return node;
    }

    private byte[] running(Class<?> c) {
        byte[] physical = draft == null ? null : draft.physicalNow(c);
        if (physical != null) {
            return physical;
        }
        try {
            return classFiles.current(c);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static boolean declares(ClassNode shape, String key) {
        for (MethodNode m : shape.methods) {
            if (key.equals(m.name + m.desc)) {
                return true;
            }
        }
        for (FieldNode f : shape.fields) {
            if (key.equals(f.name + ":" + f.desc)) {
                return true;
            }
        }
        return false;
    }

    /** A JDK class reached as a supertype: its members, declared or inherited, by reflection. */
    private static boolean jdkHas(String owner, String key, ClassLoader from) {
        try {
            return jdkHas(Class.forName(owner.replace('/', '.'), false, from), key);
        } catch (ClassNotFoundException | LinkageError | RuntimeException e) {
            return true;
        }
    }

    private static boolean jdkHas(Class<?> c, String key) {
        if (c == null) {
            return false;
        }
        for (Method m : c.getDeclaredMethods()) {
            if (key.equals(m.getName() + Type.getMethodDescriptor(m))) {
                return true;
            }
        }
        for (Constructor<?> k : c.getDeclaredConstructors()) {
            if (key.equals("<init>" + Type.getConstructorDescriptor(k))) {
                return true;
            }
        }
        for (Field f : c.getDeclaredFields()) {
            if (key.equals(f.getName() + ":" + Type.getDescriptor(f.getType()))) {
                return true;
            }
        }
        if (key.startsWith("<")) {
            return false;
        }
        if (jdkHas(c.getSuperclass(), key)) {
            return true;
        }
        for (Class<?> i : c.getInterfaces()) {
            if (jdkHas(i, key)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isJdk(String owner) {
        for (String prefix : JDK) {
            if (owner.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }
}
