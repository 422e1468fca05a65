package io.github.codefind.internal.patch;

import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;

/**
 * Which loaded class each of javac's anonymous and local classes is, for the classes whose numbered
 * classes a patch renamed: after an insertion, javac's {@code L$1} may be the loaded {@code L$3}. A later
 * patch that leaves {@code L$1} out (an IDE passes the changed files only) means that unchanged class,
 * which only this record can name. Classes whose names all stand for themselves are not recorded.
 * Also the names of the lambda bodies patches removed from each class: the JVM keeps those bodies for the
 * lambda objects made before, and javac gives a lambda added later the same name, which must not take it.
 * Guarded by the engine's patch lock.
 */
final class JavacNames {
    private final Map<ClassLoader, Map<String, Map<String, String>>> byLoader =
            Collections.synchronizedMap(new WeakHashMap<>());
    private final Map<ClassLoader, Map<String, Set<String>>> removedLambdas =
            Collections.synchronizedMap(new WeakHashMap<>());

    /**
     * @param loader the enclosing class's loader
     * @param enclosing the internal name of a class that declares numbered classes
     * @return javac's name to the loaded class's name, for each numbered class of the last build a patch
     *     had the enclosing class from; null if every name stands for itself
     */
    Map<String, String> get(ClassLoader loader, String enclosing) {
        Map<String, Map<String, String>> of = byLoader.get(loader);
        return of == null ? null : of.get(enclosing);
    }

    /**
     * @param loader the enclosing class's loader
     * @param enclosing the internal name of a class that declares numbered classes
     * @param names javac's name to the loaded class's name; null when every name stands for itself
     */
    void put(ClassLoader loader, String enclosing, Map<String, String> names) {
        if (names == null) {
            Map<String, Map<String, String>> of = byLoader.get(loader);
            if (of != null) {
                of.remove(enclosing);
            }
        } else {
            byLoader.computeIfAbsent(loader, l -> new HashMap<>()).put(enclosing, Map.copyOf(names));
        }
    }

    /**
     * @param loader a class's loader
     * @param className its internal name
     * @return the names of the lambda bodies patches removed from it, kept by the JVM for their objects
     */
    Set<String> removedLambdas(ClassLoader loader, String className) {
        Map<String, Set<String>> of = removedLambdas.get(loader);
        Set<String> names = of == null ? null : of.get(className);
        return names == null ? Set.of() : Set.copyOf(names);
    }

    /**
     * Records lambda bodies a patch removed; they stay removed for good, whatever later patches do, since
     * their objects may live as long as the class.
     *
     * @param loader a class's loader
     * @param className its internal name
     * @param names the names of the lambda bodies the patch removed from it
     */
    void lambdasRemoved(ClassLoader loader, String className, Set<String> names) {
        removedLambdas.computeIfAbsent(loader, l -> new HashMap<>()).computeIfAbsent(className, c -> new HashSet<>())
                .addAll(names);
    }
}
