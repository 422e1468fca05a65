package io.github.codefind.internal.registry;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;

/**
 * What the registry can see: which classes have registering constructors, which could not be
 * instrumented and why, and which were loaded before codefind was installed (their earlier instances
 * are invisible). A class is tracked when it, or a superclass, has registering constructors.
 *
 * <p>Thread-safe: the class-file hook records while queries read.
 */
public final class Tracking {
    /** Why an instance of a class that is neither instrumented nor a subclass of one is invisible. */
    public static final String NOT_TRACKED = "not tracked: only Conformable implementors and classes named in -D"
            + ClassSelection.PROPERTY + " are";
    /** Why instances of a class loaded before installation are invisible. */
    public static final String LOADED_BEFORE = "loaded before codefind was installed: instances created earlier"
            + " are invisible";
    /** Why instances of a hidden class are invisible. */
    public static final String HIDDEN = "a hidden class (such as a lambda) cannot be instrumented;"
            + " use a named class";

    /** Marks a class with registering constructors in {@link #states}. */
    private static final String INSTRUMENTED = "instrumented";

    private final ClassSelection selection;
    private final String inactiveReason;
    /** Per defining loader, per binary name: {@link #INSTRUMENTED} or why it could not be. */
    private final Map<ClassLoader, Map<String, String>> states = new WeakHashMap<>();
    private final Set<Class<?>> loadedBefore = Collections.newSetFromMap(new WeakHashMap<>());

    private Tracking(ClassSelection selection, String inactiveReason) {
        this.selection = selection;
        this.inactiveReason = inactiveReason;
    }

    /**
     * Tracking for a {@link RegistryTransformer} that the caller installs.
     *
     * @param selection the classes named by the user
     * @return the tracking
     */
    public static Tracking of(ClassSelection selection) {
        return new Tracking(selection, null);
    }

    /**
     * Tracking without any instrumentation: nothing is registered, every class is invisible.
     *
     * @param why why nothing can be instrumented, for every error
     * @return the tracking
     */
    public static Tracking inactive(String why) {
        return new Tracking(ClassSelection.parse(""), why);
    }

    /** @return the classes named by the user */
    public ClassSelection selection() {
        return selection;
    }

    /** @return why nothing is tracked, or null if a transformer is installed */
    public String inactiveReason() {
        return inactiveReason;
    }

    synchronized void instrumented(ClassLoader loader, String binaryName) {
        states.computeIfAbsent(loader, l -> new HashMap<>()).put(binaryName, INSTRUMENTED);
    }

    synchronized void untrackable(ClassLoader loader, String binaryName, String why) {
        states.computeIfAbsent(loader, l -> new HashMap<>()).put(binaryName, why);
    }

    synchronized void loadedBeforeInstallation(Class<?> type) {
        loadedBefore.add(type);
    }

    /** @return the tracked classes loaded before installation, whose earlier instances are invisible */
    public synchronized List<Class<?>> loadedBeforeInstallation() {
        return new ArrayList<>(loadedBefore);
    }

    /**
     * @param type a class
     * @return null if every live instance of exactly this class is registered, otherwise why not
     */
    public synchronized String whyInvisible(Class<?> type) {
        if (inactiveReason != null) {
            return inactiveReason;
        }
        if (type.isHidden()) {
            return HIDDEN;
        }
        if (loadedBefore.contains(type)) {
            return LOADED_BEFORE;
        }
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            Map<String, String> byName = states.get(c.getClassLoader());
            String state = byName == null ? null : byName.get(c.getName());
            if (state != null) {
                return state.equals(INSTRUMENTED) ? null : state;
            }
        }
        return NOT_TRACKED;
    }
}
