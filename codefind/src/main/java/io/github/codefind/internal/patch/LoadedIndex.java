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
    private final Map<String, List<Class<?>>> byName = new HashMap<>();
    private final Map<String, List<Class<?>>> byEnclosing = new HashMap<>();

    private LoadedIndex(List<Class<?>> loaded) {
        this.loaded = loaded;
        for (Class<?> c : loaded) {
            if (c.isHidden() || c.isArray() || c.isPrimitive()) {
                continue;
            }
            String name = c.getName();
            byName.computeIfAbsent(name, k -> new ArrayList<>(1)).add(c);
            if (name.indexOf('$') > 0) {
                String enclosing = ClassModel.enclosingOf(name.replace('.', '/'));
                if (enclosing != null) {
                    byEnclosing.computeIfAbsent(enclosing, k -> new ArrayList<>()).add(c);
                }
            }
        }
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
        return byName.getOrDefault(binaryName, List.of());
    }

    /**
     * @param internalName a class's internal name
     * @return its loaded anonymous and local classes ({@code Outer$1}, {@code Outer$1Local}), in the list's order
     */
    public List<Class<?>> numberedIn(String internalName) {
        return byEnclosing.getOrDefault(internalName, List.of());
    }
}
