package io.github.codefind.internal.heap;

import java.lang.instrument.Instrumentation;
import java.util.Locale;

/**
 * Chooses the heap backend, once per JVM: JVMTI when the native library loads and works, otherwise
 * the registry. The property {@value #PROPERTY} ({@code auto}, {@code jvmti} or {@code registry})
 * forces a choice. One log line says which backend was chosen and why.
 */
public final class Backends {
    /** The system property that forces a backend. */
    public static final String PROPERTY = "codefind.heap";

    private static final System.Logger LOG = System.getLogger("io.github.codefind.heap");
    private static volatile ObjectHeap heap;
    private static volatile Instrumentation instrumentation;

    private Backends() {
    }

    /**
     * Called by the agent as it starts: records its instrumentation and chooses the backend at once,
     * so that the registry, if chosen, instruments classes from the first one loaded.
     *
     * @param agentInstrumentation the agent's instrumentation
     */
    public static void agentStarted(Instrumentation agentInstrumentation) {
        instrumentation = agentInstrumentation;
        heap();
    }

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
                    h = new ObjectHeap(choose(instrumentation));
                    LOG.log(System.Logger.Level.INFO, "codefind heap backend: " + h.backend());
                    heap = h;
                }
            }
        }
        return h;
    }

    private static HeapBackend choose(Instrumentation instrumentation) {
        String forced = System.getProperty(PROPERTY, "auto").trim().toLowerCase(Locale.ROOT);
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
            case "auto":
                break;
            default:
                throw new IllegalArgumentException(PROPERTY + "=" + forced
                        + " is not one of auto, jvmti, registry");
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
