package io.github.codefind.internal.heap;

import io.github.codefind.internal.log.Log;
import java.lang.instrument.Instrumentation;
import java.util.Locale;
import java.util.Set;

/**
 * Chooses the heap backend, once per JVM: JVMTI when the native library loads and works, otherwise
 * the registry. The property {@value #PROPERTY} ({@code auto}, {@code jvmti} or {@code registry})
 * forces a choice. One log line says which backend was chosen and why ({@link Log#info()}: with
 * {@code -v} only).
 *
 * <p>Under the agent the choice is made on first use, so that a program that never patches never
 * loads the native library: at start-up only when the registry must instrument classes from the first
 * one loaded ({@code registry} forced, or {@code auto} with no native library to try), or when
 * {@code jvmti} is forced, so that a library that cannot load is said at once.
 */
public final class Backends {
    /** The system property that forces a backend. */
    public static final String PROPERTY = "codefind.heap";

    private static volatile ObjectHeap heap;
    private static volatile Instrumentation instrumentation;
    /** Run once, before the backend is chosen; null if none. */
    private static volatile Runnable beforeFirstUse;

    private Backends() {
    }

    /**
     * Called by the agent as it starts: records its instrumentation, checks {@value #PROPERTY}, and
     * chooses the backend at once only when it must (see the class comment).
     *
     * @param agentInstrumentation the agent's instrumentation
     * @param prepare run once before the backend is chosen, whenever that is (the agent opens the JDK
     *     packages codefind reads); null for nothing
     * @throws IllegalArgumentException if {@value #PROPERTY} is not one of its values
     */
    public static void agentStarted(Instrumentation agentInstrumentation, Runnable prepare) {
        instrumentation = agentInstrumentation;
        beforeFirstUse = prepare;
        String forced = forced();
        if (!forced.equals("auto") || !NativeLibrary.mayLoad()) {
            heap();
        }
    }

    /** @return the value of {@value #PROPERTY}, checked */
    private static String forced() {
        String forced = System.getProperty(PROPERTY, "auto").trim().toLowerCase(Locale.ROOT);
        if (!forced.equals("auto") && !forced.equals("jvmti") && !forced.equals("registry")) {
            throw new IllegalArgumentException(PROPERTY + "=" + forced + " is not one of auto, jvmti, registry");
        }
        return forced;
    }

    /**
     * Says that a class loader lives as long as the JVM, as the JDK's built-in ones do: the launcher's
     * loader of the program. Discovery then remembers which of its classes are no conformables.
     *
     * <p><b>Danger:</b> the loader's classes are held from then on; never name a loader that may be dropped.
     *
     * @param loader a loader that is never dropped
     */
    public static void neverUnloaded(ClassLoader loader) {
        NEVER_UNLOADED.add(loader); // here, not in Implementors: the launcher calls this before main
    }

    /** Loaders other than the JDK's built-in ones that are never dropped. */
    static final Set<ClassLoader> NEVER_UNLOADED = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /** @return the agent's instrumentation, or null when codefind runs without its agent */
    public static Instrumentation instrumentation() {
        return instrumentation;
    }

    /**
     * The heap, choosing its backend on first use.
     *
     * @return the heap
     */
    public static ObjectHeap heap() {
        ObjectHeap h = heap;
        if (h == null) {
            synchronized (Backends.class) {
                h = heap;
                if (h == null) {
                    Runnable prepare = beforeFirstUse;
                    if (prepare != null) {
                        beforeFirstUse = null;
                        prepare.run();
                    }
                    HeapBackend chosen = choose(instrumentation);
                    h = new ObjectHeap(chosen);
                    // A fallback is said without -v: the description names the remedy.
                    boolean fellBack = chosen instanceof RegistryBackend && forced().equals("auto");
                    System.getLogger("io.github.codefind.heap").log(fellBack ? System.Logger.Level.WARNING
                            : Log.info(), "codefind heap backend: " + h.backend());
                    heap = h;
                }
            }
        }
        return h;
    }

    private static HeapBackend choose(Instrumentation instrumentation) {
        String forced = forced();
        switch (forced) {
            case "registry":
                return RegistryBackend.install(instrumentation, PROPERTY + "=registry");
            case "jvmti":
                try {
                    return JvmtiBackend.load(PROPERTY + "=jvmti");
                } catch (Throwable e) {
                    throw new IllegalStateException(PROPERTY + "=jvmti, but the native library cannot be used: "
                            + e + ". Remove the property to fall back to the registry backend.", e);
                }
            default:
                break;
        }
        try {
            return JvmtiBackend.load("chosen automatically");
        } catch (Throwable e) {
            if (e instanceof VirtualMachineError) {
                throw (VirtualMachineError) e;
            }
            return RegistryBackend.install(instrumentation, "native library unusable: " + e
                    + hint(e));
        }
    }

    private static String hint(Throwable e) {
        if (e.getClass().getName().equals("java.lang.IllegalCallerException")) {
            return " (native access is denied: run with --enable-native-access=ALL-UNNAMED)";
        }
        if (e instanceof UnsatisfiedLinkError) {
            return " (no native library for " + NativeLibrary.platform() + ", or it failed to link;"
                    + " set -D" + NativeLibrary.PATH_PROPERTY + "=/path/to/libcodefind.so)";
        }
        return "";
    }
}
