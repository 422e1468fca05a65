package io.github.codefind.internal.patch;

import io.github.codefind.internal.classfile.ClassModel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The loaded classes of one patch, by name, built once per patch: a Spring application has some twenty
 * thousand loaded classes, and the planning steps that each scanned all of them for a name took most of a
 * patch's diff. Hidden classes, arrays and primitives are left out: no step looks them up by name.
 *
 * <p>One index is kept, for the list of loaded classes of the patch being planned, and dropped with
 * {@link #forget()} when the patch ends, so that it keeps no class from being unloaded. Patches are
 * planned one at a time, under the engine's lock.
 */
public final class LoadedIndex {
    private static LoadedIndex current;

    private final List<Class<?>> loaded;
    /** By name: the one class of that name, or a {@code List<Class<?>>} where several loaders have it. */
    private final Map<String, Object> byName;
    /** The numbered classes asked for so far, by binary name of the enclosing class. */
    private final Map<String, List<Class<?>>> numbered = new HashMap<>();

    private LoadedIndex(List<Class<?>> loaded) {
        this.loaded = loaded;
        // Sized once: resizing a table of twenty thousand names was a fair part of the build.
        byName = new HashMap<>(loaded.size() * 4 / 3 + 1);
        for (Class<?> c : loaded) {
            if (c.isArray() || c.isPrimitive() || c.isHidden()) {
                continue;
            }
            byName.merge(c.getName(), c, LoadedIndex::both);
        }
    }

    private static Object both(Object earlier, Object added) {
        List<Class<?>> all = new ArrayList<>(2);
        if (earlier instanceof Class<?> c) {
            all.add(c);
        } else {
            @SuppressWarnings("unchecked")
            List<Class<?>> list = (List<Class<?>>) earlier;
            all.addAll(list);
        }
        all.add((Class<?>) added);
        return all;
    }

    /**
     * @param loaded every loaded class, as the patch being planned listed them
     * @return the index of that list: the one built already for it, or a new one
     */
    public static synchronized LoadedIndex of(List<Class<?>> loaded) {
        if (current == null || current.loaded != loaded) {
            current = new LoadedIndex(loaded);
        }
        return current;
    }

    /** Drops the index, at the end of a patch. */
    static synchronized void forget() {
        current = null;
    }

    /**
     * @param binaryName a class name, as {@link Class#getName()} gives it
     * @return the loaded classes of that name, in the list's order (one per class loader that has it)
     */
    public List<Class<?>> named(String binaryName) {
        Object found = byName.get(binaryName);
        if (found == null) {
            return List.of();
        }
        if (found instanceof Class<?> c) {
            return List.of(c);
        }
        @SuppressWarnings("unchecked")
        List<Class<?>> all = (List<Class<?>>) found;
        return all;
    }

    /**
     * @param internalName a class's internal name
     * @return its loaded anonymous and local classes ({@code Outer$1}, {@code Outer$1Local}), in the list's order
     */
    public synchronized List<Class<?>> numberedIn(String internalName) {
        // Asked for the few classes a patch touches: one pass each, comparing names, costs less than
        // indexing the thousands of nested classes of a Spring application by their outer class.
        return numbered.computeIfAbsent(internalName.replace('/', '.'), outer -> {
            List<Class<?>> found = new ArrayList<>();
            int length = outer.length();
            for (Class<?> c : loaded) {
                String name = c.getName();
                if (name.length() > length + 1 && name.charAt(length) == '$' && name.startsWith(outer)
                        && Character.isDigit(name.charAt(length + 1)) && !c.isHidden() && !c.isArray()
                        && outer.equals(ClassModel.enclosingOf(name))) {
                    found.add(c);
                }
            }
            return found;
        });
    }
}
