package io.github.codefind.internal.heap;

import io.github.codefind.conform.Conformable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * Picks, from the loaded classes, those whose instances discovery looks for: the instantiable classes that
 * implement {@link Conformable}.
 *
 * <p>Asking a class walks its interfaces. On a Spring application's twenty thousand classes that took
 * 6 ms of every discovery, most often to find none. So a "no" is remembered for the classes of the JDK's
 * built-in loaders (boot, platform, application) and of the launcher's loader of the program
 * ({@link Backends#neverUnloaded}), which are never unloaded: holding them keeps nothing alive that
 * would otherwise go. Classes of other loaders, and hidden classes, are asked every time.
 *
 * <p>A "no" stays true because stock HotSpot's redefinition cannot change a class's supertypes. JetBrains
 * Runtime's enhanced redefinition can, so there nothing is remembered.
 */
final class Implementors {
    private static final boolean SUPERTYPES_FIXED = !String.valueOf(System.getProperty("java.vm.vendor"))
            .contains("JetBrains");

    private final Set<Class<?>> notConformable = Collections.newSetFromMap(new IdentityHashMap<>());

    /**
     * @param loaded every loaded class
     * @return those that implement {@link Conformable} and can have instances
     */
    synchronized List<Class<?>> in(List<Class<?>> loaded) {
        List<Class<?>> found = new ArrayList<>();
        for (Class<?> c : loaded) {
            if (notConformable.contains(c)) {
                continue;
            }
            if (Conformable.class.isAssignableFrom(c) && ObjectHeap.instantiable(c)) {
                found.add(c);
            } else if (SUPERTYPES_FIXED && permanent(c)) {
                notConformable.add(c);
            }
        }
        return found;
    }

    /** @return whether the class can never be unloaded: not hidden, of a built-in or never-dropped loader */
    private static boolean permanent(Class<?> c) {
        if (c.isHidden()) {
            return false; // a hidden class is unloaded on its own, whatever its loader
        }
        ClassLoader loader = c.getClassLoader();
        return loader == null || loader == ClassLoader.getPlatformClassLoader()
                || loader == ClassLoader.getSystemClassLoader() || Backends.NEVER_UNLOADED.contains(loader);
    }
}
