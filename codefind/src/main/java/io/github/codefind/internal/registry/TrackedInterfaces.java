package io.github.codefind.internal.registry;

import java.io.IOException;
import java.io.InputStream;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import org.objectweb.asm.ClassReader;

/**
 * Decides whether an interface is tracked: {@code Conformable}, an interface the user named, or one
 * that extends a tracked interface. Reads interface class files through the loader's
 * {@code getResourceAsStream}, never loading a class: it runs inside the class-file hook, where
 * loading classes can deadlock or recurse. Answers are cached per loader.
 */
final class TrackedInterfaces {
    /** {@code io.github.codefind.conform.Conformable}, as an internal name. */
    static final String CONFORMABLE = "io/github/codefind/conform/Conformable";

    /** Asked for when a line is logged: looking the logger up at class load would start the log back end. */
    private static System.Logger log() {
        return System.getLogger("io.github.codefind.registry");
    }
    /** Deeper interface hierarchies are not followed: a guard against malformed cycles. */
    private static final int MAX_DEPTH = 32;

    private final ClassSelection selection;
    private final Map<ClassLoader, Map<String, Boolean>> cache =
            Collections.synchronizedMap(new WeakHashMap<>());

    TrackedInterfaces(ClassSelection selection) {
        this.selection = selection;
    }

    /**
     * @param loader the loader that defines the class naming the interface
     * @param internalName the interface, such as {@code com/example/Plugin}
     * @return whether implementing it makes a class tracked
     */
    boolean isTracked(ClassLoader loader, String internalName) {
        return isTracked(loader, internalName, 0);
    }

    private boolean isTracked(ClassLoader loader, String internalName, int depth) {
        if (internalName.equals(CONFORMABLE)) {
            return true;
        }
        if (selection.matches(internalName.replace('/', '.'))) {
            return true;
        }
        if (RegistryTransformer.isJdkName(internalName) || loader == null || depth > MAX_DEPTH) {
            return false;
        }
        Map<String, Boolean> known = cache.computeIfAbsent(loader, l -> new ConcurrentHashMap<>());
        Boolean cached = known.get(internalName);
        if (cached != null) {
            return cached;
        }
        boolean tracked = false;
        for (String superInterface : superInterfaces(loader, internalName)) {
            if (isTracked(loader, superInterface, depth + 1)) {
                tracked = true;
                break;
            }
        }
        known.put(internalName, tracked);
        return tracked;
    }

    private static String[] superInterfaces(ClassLoader loader, String internalName) {
        try (InputStream in = loader.getResourceAsStream(internalName + ".class")) {
            if (in == null) {
                log().log(System.Logger.Level.DEBUG, () -> "No class file for interface " + internalName
                        + " in " + loader + ": taken as not extending Conformable");
                return new String[0];
            }
            return new ClassReader(in.readAllBytes()).getInterfaces();
        } catch (IOException | RuntimeException e) {
            log().log(System.Logger.Level.DEBUG, () -> "Cannot read interface " + internalName + " from "
                    + loader + ": taken as not extending Conformable", e);
            return new String[0];
        }
    }
}
