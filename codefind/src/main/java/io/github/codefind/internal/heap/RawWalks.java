package io.github.codefind.internal.heap;

/**
 * Bare JVMTI calls, for benchmarks: the baselines that {@code jmh/} compares {@link ObjectHeap}'s
 * queries with. <b>No liveness</b>: nothing is collected first, so counts include objects that are
 * unreachable but not yet collected. <b>No locking</b>: callers must not run these concurrently with
 * each other or with heap queries. Not for use outside benchmarks.
 */
public final class RawWalks {
    private RawWalks() {
    }

    /**
     * One class-filtered {@code IterateThroughHeap} with a counting callback: the cheapest walk there
     * is, and so the floor for {@code Heap.instances} and {@code Heap.count}.
     *
     * @param type the exact class; subclasses do not count
     * @return the number of its instances, reachable or not yet collected
     * @throws IllegalStateException if the JVMTI backend is not in use
     */
    public static long rawCount(Class<?> type) {
        requireJvmti();
        return Jvmti.count0(new Class<?>[] {type});
    }

    /**
     * JVMTI {@code ForceGarbageCollection}: a full collection on G1, Parallel and Serial, as the heap
     * queries force before they answer.
     *
     * @throws IllegalStateException if the JVMTI backend is not in use
     */
    public static void forceGc() {
        requireJvmti();
        Jvmti.forceGc0();
    }

    /**
     * JVMTI {@code GetLoadedClasses}.
     *
     * @return every loaded class
     * @throws IllegalStateException if the JVMTI backend is not in use
     */
    public static Class<?>[] loadedClasses() {
        requireJvmti();
        return Jvmti.loadedClasses0();
    }

    /** The natives are linked once the backend has loaded the library and checked JVMTI. */
    private static void requireJvmti() {
        HeapBackend backend = Backends.heap().backendImpl();
        if (!(backend instanceof JvmtiBackend)) {
            throw new IllegalStateException("RawWalks needs the JVMTI backend; in use: "
                    + backend.description());
        }
    }
}
