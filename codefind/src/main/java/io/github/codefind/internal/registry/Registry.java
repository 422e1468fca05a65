package io.github.codefind.internal.registry;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The weak registry of tracked instances, filled by constructors that {@link RegistryTransformer}
 * instrumented. One weak identity set per exact class, so that per-class questions read only their
 * own objects. The registry never keeps an object or a class alive.
 *
 * <p>Instrumented code in any class loader calls {@link #register}: this class must be visible to it.
 * With {@code -javaagent} the codefind jar is on the system class path, so every loader that delegates
 * to the system loader sees it; the transformer skips, and reports, classes whose loader does not.
 */
public final class Registry {
    /** Asked for when a line is logged: looking the logger up at class load would start the log back end. */
    private static System.Logger log() {
        return System.getLogger("io.github.codefind.registry");
    }

    private static final ClassValue<Bucket> BUCKETS = new ClassValue<>() {
        @Override
        protected Bucket computeValue(Class<?> type) {
            Bucket bucket = new Bucket(type);
            ALL_BUCKETS.add(new WeakReference<>(bucket));
            return bucket;
        }
    };

    /** Weakly, so that a class can be unloaded: its bucket lives as long as the class does. */
    private static final Queue<WeakReference<Bucket>> ALL_BUCKETS = new ConcurrentLinkedQueue<>();

    private static final AtomicBoolean FAILURE_LOGGED = new AtomicBoolean();

    private Registry() {
    }

    /**
     * Records a newly constructed object. Called by instrumented constructors just before they
     * return; never throws into them. Registering an object twice (a subclass's constructor calls its
     * instrumented superclass's, or {@code this(...)}) records it once.
     *
     * @param object the object, fully constructed by the instrumented constructor
     */
    public static void register(Object object) {
        try {
            BUCKETS.get(object.getClass()).objects.add(object);
        } catch (RuntimeException e) {
            if (FAILURE_LOGGED.compareAndSet(false, true)) {
                log().log(System.Logger.Level.ERROR, "codefind could not register an instance of "
                        + object.getClass().getName() + "; the registry may miss objects", e);
            }
        }
    }

    /**
     * The registered instances of exactly this class that are still alive.
     *
     * @param type the class
     * @param into receives the instances
     */
    public static void addInstancesTo(Class<?> type, List<Object> into) {
        BUCKETS.get(type).objects.addLiveTo(into);
    }

    /**
     * @param type the class
     * @return how many registered instances of exactly this class are alive
     */
    public static long count(Class<?> type) {
        return BUCKETS.get(type).objects.liveCount();
    }

    /**
     * Passes every live registered object whose class passes the filter to the consumer.
     *
     * @param classes which exact classes to include
     * @param consumer receives the objects
     */
    public static void forEachLive(Predicate<Class<?>> classes, Consumer<Object> consumer) {
        for (Bucket b : buckets()) {
            if (classes.test(b.type)) {
                b.objects.forEachLive(consumer);
            }
        }
    }

    /** @return the classes the registry holds a set for (registered or asked about) that are still loaded */
    public static List<Class<?>> registeredClasses() {
        List<Class<?>> classes = new ArrayList<>();
        for (Bucket b : buckets()) {
            classes.add(b.type);
        }
        return classes;
    }

    private static List<Bucket> buckets() {
        List<Bucket> live = new ArrayList<>();
        for (Iterator<WeakReference<Bucket>> it = ALL_BUCKETS.iterator(); it.hasNext(); ) {
            Bucket b = it.next().get();
            if (b == null) {
                it.remove();
            } else if (BUCKETS.get(b.type) == b) {
                // Two threads may compute a class's bucket at once; only the one kept counts.
                live.add(b);
            }
        }
        return live;
    }

    /** The registered objects of one exact class. */
    private static final class Bucket {
        final Class<?> type;
        final WeakIdentitySet objects = new WeakIdentitySet();

        Bucket(Class<?> type) {
            this.type = type;
        }
    }
}
