package io.github.codefind.internal.heap;

import io.github.codefind.conform.Conformable;
import io.github.codefind.internal.registry.ClassSelection;
import io.github.codefind.internal.registry.GarbageCollection;
import io.github.codefind.internal.registry.Registry;
import io.github.codefind.internal.registry.RegistryInstaller;
import io.github.codefind.internal.registry.TrackedReferrers;
import io.github.codefind.internal.registry.Tracking;
import java.lang.instrument.Instrumentation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.WeakHashMap;

/**
 * The pure-Java backend, for when native code cannot be used: answers from the weak
 * {@link Registry} that instrumented constructors fill. It sees only instances of tracked classes
 * ({@code Conformable} implementors, classes named in {@value ClassSelection#PROPERTY}, and their
 * subclasses) created after codefind was installed, and without an {@link Instrumentation} it sees
 * nothing. Questions it cannot answer completely throw {@link UnsupportedOperationException} saying
 * why.
 *
 * <p>Referrers: by default it refuses, since it cannot see referrers outside tracked objects. With
 * {@value #PARTIAL_REFERRERS_PROPERTY}{@code =true} it reports the referrers it finds among tracked
 * objects and what they hold ({@link TrackedReferrers}), and may miss others.
 */
public final class RegistryBackend implements HeapBackend {
    /** Set to {@code true} to get referrers among tracked objects instead of an exception. */
    public static final String PARTIAL_REFERRERS_PROPERTY = "codefind.registry.partialReferrers";

    /** How long a collection may take before queries go on without it. */
    private static final Duration COLLECTION_LIMIT = Duration.ofSeconds(2);
    private static final String NO_INSTRUMENTATION = "no Instrumentation: codefind was not started as an agent,"
            + " so no class is instrumented and the registry sees nothing; start the JVM with"
            + " -javaagent:codefind.jar";
    /** Asked for when a line is logged: looking the logger up at class load would start the log back end. */
    private static System.Logger log() {
        return System.getLogger("io.github.codefind.heap");
    }

    private final Tracking tracking;
    private final String description;
    private final Instrumentation instrumentation;
    private final boolean partialReferrers;
    private final Set<Class<?>> reportedInvisible = Collections.newSetFromMap(new WeakHashMap<>());
    private final Implementors implementors = new Implementors();
    private boolean collectionFailureLogged;

    private RegistryBackend(Tracking tracking, String reason, Instrumentation instrumentation,
            boolean partialReferrers) {
        this.tracking = tracking;
        this.instrumentation = instrumentation;
        this.partialReferrers = partialReferrers;
        this.description = describe(tracking, reason);
    }

    /**
     * Installs the registry into the agent's instrumentation, if there is one.
     *
     * @param instrumentation the agent's, or null when codefind was not started as an agent
     * @param reason why this backend was chosen
     * @return the backend
     */
    static HeapBackend install(Instrumentation instrumentation, String reason) {
        boolean partial = Boolean.getBoolean(PARTIAL_REFERRERS_PROPERTY);
        if (instrumentation == null) {
            return new RegistryBackend(Tracking.inactive(NO_INSTRUMENTATION), reason, null, partial);
        }
        Tracking tracking = RegistryInstaller.install(instrumentation, ClassSelection.fromSystemProperty());
        return new RegistryBackend(tracking, reason, instrumentation, partial);
    }

    /**
     * A backend over a tracking whose transformer the caller applies itself, as tests do.
     *
     * @param tracking what the caller's transformer records
     * @param reason why this backend is used, for the description
     * @param partialReferrers whether {@link #referrers} answers among tracked objects instead of
     *     refusing
     * @return the backend
     */
    public static RegistryBackend over(Tracking tracking, String reason, boolean partialReferrers) {
        return new RegistryBackend(tracking, reason, null, partialReferrers);
    }

    private static String describe(Tracking tracking, String reason) {
        String sees = tracking.inactiveReason() != null ? "; " + tracking.inactiveReason()
                : "; sees only instances of Conformable implementors and of classes named in -D"
                        + ClassSelection.PROPERTY + " created after codefind was installed";
        int early = tracking.loadedBeforeInstallation().size();
        return "registry (" + reason + ")" + sees
                + (early == 0 ? "" : "; " + early + (early == 1 ? " tracked class was" : " tracked classes were")
                        + " loaded before installation: their earlier instances are invisible");
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public void collectIfNeeded() {
        collect();
    }

    @Override
    public void collect() {
        if (!GarbageCollection.collect(COLLECTION_LIMIT) && !collectionFailureLogged) {
            collectionFailureLogged = true;
            log().log(System.Logger.Level.WARNING, "System.gc() did not clear weak references within "
                    + COLLECTION_LIMIT.toSeconds() + " s (is -XX:+DisableExplicitGC set?): registry results may"
                    + " include objects that are unreachable but not yet collected");
        }
    }

    @Override
    public List<Object> instances(List<Class<?>> classes) {
        checkVisible(classes);
        List<Object> result = new ArrayList<>();
        for (Class<?> c : classes) {
            Registry.addInstancesTo(c, result);
        }
        return result;
    }

    @Override
    public long count(List<Class<?>> classes) {
        checkVisible(classes);
        long n = 0;
        for (Class<?> c : classes) {
            n += Registry.count(c);
        }
        return n;
    }

    private void checkVisible(List<Class<?>> classes) {
        if (tracking.inactiveReason() != null) {
            // Even for no classes: without instrumentation, an empty answer would be a guess.
            throw new UnsupportedOperationException("The registry heap backend sees no instances: "
                    + tracking.inactiveReason());
        }
        for (Class<?> c : classes) {
            String why = tracking.whyInvisible(c);
            if (why != null) {
                throw new UnsupportedOperationException("The registry heap backend cannot see every instance of "
                        + c.getName() + ": " + why);
            }
        }
    }

    @Override
    public List<List<Object>> referrers(Object[] targets, Object ignored) {
        if (!partialReferrers) {
            throw new UnsupportedOperationException("The registry heap backend cannot find referrers outside"
                    + " tracked objects. Run with native access (the JVMTI backend: on JDK 24 and later"
                    + " --enable-native-access=ALL-UNNAMED) to find them all, or set -D"
                    + PARTIAL_REFERRERS_PROPERTY + "=true to search tracked objects only");
        }
        return TrackedReferrers.find(targets, ignored);
    }

    @Override
    public List<Conformable> conformables() {
        List<Conformable> result = new ArrayList<>();
        Registry.forEachLive(Conformable.class::isAssignableFrom, o -> result.add((Conformable) o));
        warnAboutInvisibleImplementors();
        return result;
    }

    /** Logs each implementing class it cannot fully see once, with the reason. */
    private void warnAboutInvisibleImplementors() {
        List<Class<?>> candidates = instrumentation != null ? loadedClasses() : tracking.loadedBeforeInstallation();
        TreeMap<String, String> invisible = new TreeMap<>();
        for (Class<?> c : implementors.in(candidates)) {
            if (!reportedInvisible.contains(c)) {
                String why = tracking.whyInvisible(c);
                if (why != null) {
                    reportedInvisible.add(c);
                    invisible.put(c.getName(), why);
                }
            }
        }
        if (tracking.inactiveReason() != null && reportedInvisible.add(Conformable.class)) {
            log().log(System.Logger.Level.WARNING, "The registry heap backend finds no Conformable: "
                    + tracking.inactiveReason());
        } else if (!invisible.isEmpty()) {
            StringBuilder message = new StringBuilder("The registry heap backend cannot see every instance of"
                    + " these Conformable classes, so conform will not reach them all:");
            invisible.forEach((name, why) -> message.append("\n  ").append(name).append(": ").append(why));
            log().log(System.Logger.Level.WARNING, message.toString());
        }
    }

    @Override
    public List<Class<?>> loadedClasses() {
        return instrumentation != null ? Arrays.asList(instrumentation.getAllLoadedClasses())
                : Registry.registeredClasses();
    }

    @Override
    public String toString() {
        return description;
    }
}
