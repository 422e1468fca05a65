package io.github.codefind.internal.companion;

import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.Objects;

/**
 * Never used as itself: a companion that holds instance fields a patch added is a renamed copy of this
 * class, with those fields declared on it. Each instance of the copy is one host object's side storage,
 * weakly keyed by the object's identity, so storage never keeps an object alive and an overridden
 * {@code equals} never merges two objects' fields. The copy uses JDK classes only, since the program's
 * class loader may not see codefind.
 *
 * <p>Danger: every access takes one lock for the copy (a few tens of nanoseconds), and the initial
 * values of an old object's fields are computed under it, by the field initializers of the source.
 */
class SideFields extends WeakReference<Object> {
    private static final ReferenceQueue<Object> QUEUE = new ReferenceQueue<>();
    private static SideFields[] table = new SideFields[16];
    private static int size;

    private final int hash;
    private SideFields next;

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
        synchronized (QUEUE) {
            SideFields[] t = table;
            for (SideFields e = t[hash & (t.length - 1)]; e != null; e = e.next) {
                if (e.hash == hash && e.get() == owner) {
                    return e;
                }
            }
            expunge();
            SideFields made = new SideFields(owner, hash);
            if (!born) {
                initialise(made);
            }
            t = table;
            int i = hash & (t.length - 1);
            made.next = t[i];
            t[i] = made;
            if (++size > t.length - (t.length >> 2)) {
                grow();
            }
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
        for (Object dead; (dead = QUEUE.poll()) != null;) {
            SideFields gone = (SideFields) dead;
            int i = gone.hash & (table.length - 1);
            SideFields previous = null;
            for (SideFields e = table[i]; e != null; previous = e, e = e.next) {
                if (e == gone) {
                    if (previous == null) {
                        table[i] = e.next;
                    } else {
                        previous.next = e.next;
                    }
                    size--;
                    break;
                }
            }
        }
    }

    private static void grow() {
        SideFields[] bigger = new SideFields[table.length * 2];
        for (SideFields head : table) {
            for (SideFields e = head; e != null;) {
                SideFields following = e.next;
                int i = e.hash & (bigger.length - 1);
                e.next = bigger[i];
                bigger[i] = e;
                e = following;
            }
        }
        table = bigger;
    }
}
