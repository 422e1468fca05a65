package io.github.codefind.internal.heap;

import io.github.codefind.conform.Conformable;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.ref.Reference;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The JVMTI backend: class-filtered {@code IterateThroughHeap} walks for instances, and one
 * {@code FollowReferences} walk from the roots for referrers. Sees every object.
 */
final class JvmtiBackend implements HeapBackend {
    private final String description;
    private final boolean reportsDeadObjects;
    private final Implementors implementors = new Implementors();
    private int referentIndex = Integer.MIN_VALUE;

    private JvmtiBackend(String description) {
        this.reportsDeadObjects = !collectorIsZgc();
        this.description = description;
    }

    /**
     * Loads the native library and checks that JVMTI is usable.
     *
     * @param reason why this backend is being tried, for the description
     * @return the backend
     * @throws Throwable whatever stopped it: the caller logs it and falls back
     */
    static JvmtiBackend load(String reason) throws Throwable {
        String origin = NativeLibrary.load();
        String error = Jvmti.init0();
        if (error != null) {
            throw new IllegalStateException(error);
        }
        return new JvmtiBackend("jvmti (" + reason + "; native library " + origin + ")");
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public void collectIfNeeded() {
        // IterateThroughHeap reports unreachable objects not yet collected on every collector but ZGC.
        if (reportsDeadObjects) {
            collect();
        }
    }

    @Override
    public void collect() {
        Jvmti.forceGc0();
    }

    @Override
    public List<Object> instances(List<Class<?>> classes) {
        if (classes.isEmpty()) {
            return List.of();
        }
        return Arrays.asList(Jvmti.instances0(classes.toArray(new Class<?>[0])));
    }

    @Override
    public long count(List<Class<?>> classes) {
        return classes.isEmpty() ? 0 : Jvmti.count0(classes.toArray(new Class<?>[0]));
    }

    @Override
    public List<List<Object>> referrers(Object[] targets, Object ignored) {
        List<Class<?>> referenceClasses = new ArrayList<>();
        for (Class<?> c : Jvmti.loadedClasses0()) {
            if (Reference.class.isAssignableFrom(c)) {
                referenceClasses.add(c);
            }
        }
        Object[] ignoredArray = {ignored, targets};
        Object[] result = Jvmti.referrers0(targets, ignoredArray,
                referenceClasses.toArray(new Class<?>[0]), referentIndex());
        Object[] referrers = (Object[]) result[0];
        long[] pairs = (long[]) result[1];
        List<Set<Object>> found = new ArrayList<>();
        for (int i = 0; i < targets.length; i++) {
            found.add(Collections.newSetFromMap(new IdentityHashMap<>()));
        }
        for (int i = 0; i < pairs.length; i += 2) {
            long r = pairs[i];
            if (r == Long.MAX_VALUE) {
                continue;
            }
            Object referrer = r < 0 ? targets[(int) (-r - 1)] : referrers[(int) r];
            found.get((int) pairs[i + 1]).add(referrer);
        }
        List<List<Object>> lists = new ArrayList<>();
        for (Set<Object> s : found) {
            lists.add(List.copyOf(new LinkedHashSet<>(s)));
        }
        return lists;
    }

    @Override
    public List<Conformable> conformables() {
        // Listed now, not taken from the patch's planning: a class loaded since may have instances the old
        // code made.
        List<Conformable> result = new ArrayList<>();
        for (Object o : instances(implementors.in(loadedClasses()))) {
            result.add((Conformable) o);
        }
        return result;
    }

    @Override
    public List<Class<?>> loadedClasses() {
        return Arrays.asList(Jvmti.loadedClasses0());
    }

    private int referentIndex() {
        if (referentIndex == Integer.MIN_VALUE) {
            Object probe = new Object();
            WeakReference<Object> reference = new WeakReference<>(probe);
            referentIndex = Jvmti.referentIndex0(reference, probe);
            Reference.reachabilityFence(probe);
        }
        return referentIndex;
    }

    private static boolean collectorIsZgc() {
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (gc.getName().startsWith("ZGC")) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return description;
    }
}
