package io.github.codefind.internal.registry;

import java.lang.ref.WeakReference;
import java.time.Duration;

/**
 * Forces a garbage collection from Java, without JVMTI. Weak references return objects that are
 * unreachable but not yet collected, so the registry must collect before answering.
 *
 * <p>{@code System.gc()} is only a request: with {@code -XX:+DisableExplicitGC} it does nothing, and
 * with {@code -XX:+ExplicitGCInvokesConcurrent} it returns before the cycle ends. A canary weak
 * reference, created just before, tells when a collection has cleared weak references.
 */
public final class GarbageCollection {
    private GarbageCollection() {
    }

    /**
     * Requests collections until one has cleared weak references, or the time is up.
     *
     * @param limit how long to keep trying
     * @return whether a collection cleared weak references; false if the JVM ignored the requests
     */
    public static boolean collect(Duration limit) {
        WeakReference<Object> canary = new WeakReference<>(new Object());
        long deadline = System.nanoTime() + limit.toNanos();
        long pauseMillis = 1;
        while (true) {
            System.gc();
            if (canary.refersTo(null)) {
                return true;
            }
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            try {
                // A concurrent cycle may still be running: give it time before asking again.
                Thread.sleep(pauseMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return canary.refersTo(null);
            }
            pauseMillis = Math.min(pauseMillis * 2, 200);
        }
    }
}
