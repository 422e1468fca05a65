package io.github.codefind.internal.registry;

import io.github.codefind.conform.Conformable;
import io.github.codefind.internal.log.Log;
import java.lang.instrument.Instrumentation;
import java.lang.instrument.UnmodifiableClassException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * Installs the registry's class-file hook into an {@link Instrumentation}, then deals with the
 * tracked classes already loaded: retransforms them, so that new instances register, and records
 * them as loaded before installation, since their earlier instances are invisible.
 */
public final class RegistryInstaller {
    /** Asked for when a line is logged: looking the logger up at class load would start the log back end. */
    private static System.Logger log() {
        return System.getLogger("io.github.codefind.registry");
    }

    private RegistryInstaller() {
    }

    /**
     * @param instrumentation the agent's
     * @param selection the classes the user names
     * @return what the registry can see from now on
     */
    public static Tracking install(Instrumentation instrumentation, ClassSelection selection) {
        Tracking tracking = Tracking.of(selection);
        boolean retransform = instrumentation.isRetransformClassesSupported();
        instrumentation.addTransformer(new RegistryTransformer(tracking, instrumentation), retransform);
        // Taken after the hook is in place: a class missing here is instrumented as it loads.
        Class<?>[] before = instrumentation.getAllLoadedClasses();
        List<Class<?>> earlier = new ArrayList<>();
        for (Class<?> c : before) {
            if (isTracked(c, selection)) {
                earlier.add(c);
                tracking.loadedBeforeInstallation(c);
                if (retransform && declaresTracking(c, selection) && instrumentation.isModifiableClass(c)) {
                    retransform(instrumentation, c);
                }
            }
        }
        // A subclass loaded while its superclass was being retransformed may have been instantiated
        // without registering: it counts as loaded before installation too.
        Set<Class<?>> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Collections.addAll(seen, before);
        for (Class<?> c : instrumentation.getAllLoadedClasses()) {
            if (!seen.contains(c) && hasAncestorIn(c, earlier)) {
                tracking.loadedBeforeInstallation(c);
            }
        }
        if (!earlier.isEmpty()) {
            log().log(Log.info(), () -> "Tracked classes loaded before codefind was installed: "
                    + earlier.size() + "; their earlier instances are invisible to the registry"
                    + (retransform ? "" : ", and so are their new ones (retransformation is not supported)"));
        }
        return tracking;
    }

    private static void retransform(Instrumentation instrumentation, Class<?> c) {
        try {
            // One class per call: a failure then affects only that class.
            instrumentation.retransformClasses(c);
        } catch (UnmodifiableClassException | RuntimeException | LinkageError e) {
            log().log(System.Logger.Level.WARNING, "codefind could not retransform " + c.getName()
                    + "; its instances stay invisible to the registry", e);
        }
    }

    /** @return whether instances of this class would be registered had it loaded after installation */
    private static boolean isTracked(Class<?> c, ClassSelection selection) {
        if (c.isInterface() || c.isArray() || c.isPrimitive() || c.isHidden()
                || RegistryTransformer.isJdkName(c.getName().replace('.', '/'))) {
            return false;
        }
        for (Class<?> s = c; s != null; s = s.getSuperclass()) {
            if (declaresTracking(s, selection)) {
                return true;
            }
        }
        return false;
    }

    /** @return whether the transformer instruments this class itself, not only through a superclass */
    private static boolean declaresTracking(Class<?> c, ClassSelection selection) {
        if (selection.matches(c.getName())) {
            return true;
        }
        for (Class<?> i : c.getInterfaces()) {
            if (Conformable.class.isAssignableFrom(i) || extendsNamed(i, selection)) {
                return true;
            }
        }
        return false;
    }

    private static boolean extendsNamed(Class<?> type, ClassSelection selection) {
        if (selection.matches(type.getName())) {
            return true;
        }
        for (Class<?> i : type.getInterfaces()) {
            if (extendsNamed(i, selection)) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasAncestorIn(Class<?> c, List<Class<?>> classes) {
        for (Class<?> s = c.getSuperclass(); s != null; s = s.getSuperclass()) {
            if (classes.contains(s)) {
                return true;
            }
        }
        return false;
    }
}
