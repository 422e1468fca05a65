package io.github.codefind.internal.registry;

import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * A concurrent set of objects compared by identity, holding them weakly: it never keeps an object
 * alive. Cleared entries are purged on every addition and read.
 */
final class WeakIdentitySet {
    private final Set<Entry> entries = ConcurrentHashMap.newKeySet();
    private final ReferenceQueue<Object> cleared = new ReferenceQueue<>();

    /**
     * Adds an object unless it is already there. Cheap: it runs in constructors.
     *
     * @param object the object
     */
    void add(Object object) {
        purge();
        // A duplicate entry is dropped unreachable, so it is never enqueued.
        entries.add(new Entry(object, cleared));
    }

    /**
     * Passes every object still alive to the consumer, holding each strongly meanwhile.
     *
     * @param consumer receives the objects
     */
    void forEachLive(Consumer<Object> consumer) {
        purge();
        for (Entry e : entries) {
            Object o = e.get();
            if (o != null) {
                consumer.accept(o);
            }
        }
    }

    /**
     * Adds the live objects to a list.
     *
     * @param into the list
     */
    void addLiveTo(List<Object> into) {
        forEachLive(into::add);
    }

    /** @return how many objects are alive */
    long liveCount() {
        purge();
        long n = 0;
        for (Entry e : entries) {
            if (!e.refersTo(null)) {
                n++;
            }
        }
        return n;
    }

    private void purge() {
        for (Reference<?> r = cleared.poll(); r != null; r = cleared.poll()) {
            entries.remove(r);
        }
    }

    /** A weak reference with its referent's identity hash; equal to another for the same referent. */
    private static final class Entry extends WeakReference<Object> {
        private final int hash;

        Entry(Object referent, ReferenceQueue<Object> queue) {
            super(referent, queue);
            this.hash = System.identityHashCode(referent);
        }

        @Override
        public int hashCode() {
            return hash;
        }

        /** A cleared entry equals only itself, so that the purge removes exactly it. */
        @Override
        public boolean equals(Object other) {
            if (other == this) {
                return true;
            }
            if (!(other instanceof Entry) || ((Entry) other).hash != hash) {
                return false;
            }
            Object referent = get();
            return referent != null && ((Entry) other).refersTo(referent);
        }
    }
}
