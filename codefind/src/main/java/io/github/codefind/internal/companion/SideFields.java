package io.github.codefind.internal.companion;

import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Never used as itself: a companion that holds instance fields a patch added is a renamed copy of this
 * class, with those fields declared on it. Each instance of the copy is one host object's side storage,
 * weakly keyed by the object's identity, so storage never keeps an object alive and an overridden
 * {@code equals} never merges two objects' fields. The copy uses JDK classes only, since the program's
 * class loader may not see codefind.
 *
 * <p>Finding an object's entry takes no lock: buckets are arrays replaced whole, under the lock, when an
 * entry is added or a collected object's entry dropped, and published by volatile writes. Danger:
 * the initial values of an old object's fields are computed under that lock, by the field initializers
 * of the source.
 */
class SideFields extends WeakReference<Object> {
    private static final ReferenceQueue<Object> QUEUE = new ReferenceQueue<>();
    private static final SideFields[] EMPTY = new SideFields[0];
    private static volatile AtomicReferenceArray<SideFields[]> table = empty(16);
    private static int size;

    private final int hash;

    SideFields(Object owner, int hash) {
        super(owner, QUEUE);
        this.hash = hash;
    }

    /**
     * @param owner a host object
     * @param born true from the host's constructors: the fields keep their defaults for the constructor to
     *     assign, as in a fresh run; false from anywhere else, when a missing entry means an object made
     *     before its class gained the fields, which then get their initial values
     * @return the owner's side storage
     */
    public static SideFields of(Object owner, boolean born) {
        int hash = System.identityHashCode(Objects.requireNonNull(owner));
        AtomicReferenceArray<SideFields[]> t = table;
        for (SideFields e : t.get(hash & (t.length() - 1))) {
            if (e.get() == owner) {
                return e;
            }
        }
        synchronized (QUEUE) {
            t = table;
            for (SideFields e : t.get(hash & (t.length() - 1))) {
                if (e.get() == owner) {
                    return e;
                }
            }
            expunge();
            SideFields made = new SideFields(owner, hash);
            if (!born) {
                initialise(made);
            }
            if (++size > table.length()) {
                grow();
            }
            t = table;
            int i = hash & (t.length() - 1);
            SideFields[] bucket = Arrays.copyOf(t.get(i), t.get(i).length + 1);
            bucket[bucket.length - 1] = made;
            t.set(i, bucket);
            return made;
        }
    }

    /** Called by the host's constructors once the superclass's constructor returned. */
    public static void born(Object owner) {
        of(owner, true);
    }

    /** Replaced in each copy: stores the declared initial value of each field it can compute. */
    private static void initialise(SideFields entry) {
        Objects.requireNonNull(entry);
    }

    private static void expunge() {
        AtomicReferenceArray<SideFields[]> t = table;
        for (Object dead; (dead = QUEUE.poll()) != null;) {
            SideFields gone = (SideFields) dead;
            int i = gone.hash & (t.length() - 1);
            SideFields[] bucket = t.get(i);
            for (int j = 0; j < bucket.length; j++) {
                if (bucket[j] == gone) {
                    SideFields[] smaller = Arrays.copyOf(bucket, bucket.length - 1);
                    System.arraycopy(bucket, j + 1, smaller, j, bucket.length - j - 1);
                    t.set(i, smaller);
                    size--;
                    break;
                }
            }
        }
    }

    private static void grow() {
        AtomicReferenceArray<SideFields[]> old = table;
        AtomicReferenceArray<SideFields[]> bigger = empty(old.length() * 2);
        for (int b = 0; b < old.length(); b++) {
            for (SideFields e : old.get(b)) {
                int i = e.hash & (bigger.length() - 1);
                SideFields[] bucket = Arrays.copyOf(bigger.get(i), bigger.get(i).length + 1);
                bucket[bucket.length - 1] = e;
                bigger.set(i, bucket);
            }
        }
        table = bigger;
    }

    private static AtomicReferenceArray<SideFields[]> empty(int length) {
        SideFields[][] buckets = new SideFields[length][];
        Arrays.fill(buckets, EMPTY);
        return new AtomicReferenceArray<>(buckets);
    }
}
