package io.github.codefind.internal.heap;

import io.github.codefind.conform.Conformable;
import java.util.List;

/**
 * What a heap backend must answer; {@link ObjectHeap} adds everything that both backends share.
 * Callers serialize access: implementations need not be thread-safe.
 */
public interface HeapBackend {
    /** @return the backend's name and why it was chosen, for the log and {@code Heap.backend()} */
    String description();

    /**
     * Forces a collection, when this backend's {@link #instances} could otherwise report unreachable
     * objects (on ZGC a JVMTI walk reports none, but does report weakly reachable ones).
     */
    void collectIfNeeded();

    /**
     * Forces a full collection on every collector, ZGC included: afterwards a weak reference is
     * cleared unless its referent is strongly or softly reachable. Discovery holds its candidates
     * weakly across it.
     */
    void collect();

    /**
     * The instances of exactly these classes (no subclasses beyond those listed).
     *
     * @param classes the classes, none of them interfaces
     * @return the instances
     * @throws UnsupportedOperationException if some class's instances cannot all be seen
     */
    List<Object> instances(List<Class<?>> classes);

    /**
     * The number of instances of exactly these classes.
     *
     * @param classes the classes
     * @return the count
     * @throws UnsupportedOperationException if some class's instances cannot all be seen
     */
    long count(List<Class<?>> classes);

    /**
     * The referrers of each target, as documented on {@code Heap.referrers}.
     *
     * @param targets the targets, distinct; this array is never reported as a referrer
     * @param ignored objects whose references, and whose arrays' references, are not reported: the
     *     caller's own collection of targets
     * @return one list per target
     * @throws UnsupportedOperationException if the backend cannot see every referrer
     */
    List<List<Object>> referrers(Object[] targets, Object ignored);

    /**
     * Every live {@code Conformable} this backend can see.
     *
     * @return the objects
     */
    List<Conformable> conformables();

    /** @return every class loaded in this JVM, as far as the backend knows */
    List<Class<?>> loadedClasses();
}
