package io.github.codefind.internal.heap;

import io.github.codefind.CodeDependent;
import io.github.codefind.Heap;
import io.github.codefind.conform.CodeUnit;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The {@link Heap} both backends share: it expands subclasses, serializes queries, collects first
 * where needed (instances and counts; discovery only to tell the live among its candidates), and
 * matches {@code Conformable}s to code units.
 */
public final class ObjectHeap implements Heap {
    private final HeapBackend backend;
    private final ReentrantLock lock;
    private final boolean collect;

    ObjectHeap(HeapBackend backend) {
        this(backend, new ReentrantLock(), true);
    }

    private ObjectHeap(HeapBackend backend, ReentrantLock lock, boolean collect) {
        this.backend = backend;
        this.lock = lock;
        this.collect = collect;
    }

    @Override
    public String backend() {
        return backend.description();
    }

    @Override
    public <T> List<T> instances(Class<T> type, boolean includeSubclasses) {
        lock.lock();
        try {
            List<Class<?>> classes = classesOf(type, includeSubclasses);
            prepare();
            List<T> result = new ArrayList<>();
            for (Object o : backend.instances(classes)) {
                result.add(type.cast(o));
            }
            return result;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public long count(Class<?> type, boolean includeSubclasses) {
        lock.lock();
        try {
            List<Class<?>> classes = classesOf(type, includeSubclasses);
            prepare();
            return backend.count(classes);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public List<List<Object>> referrers(List<?> targets) {
        int[] slots = new int[targets.size()];
        Object[] distinct = distinct(targets, slots);
        lock.lock();
        try {
            List<List<Object>> found = backend.referrers(distinct, targets);
            List<List<Object>> result = new ArrayList<>();
            for (int slot : slots) {
                result.add(found.get(slot));
            }
            return result;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Removes duplicates by identity. The index map dies with this frame, so that it is not reported
     * as a referrer of every target.
     */
    private static Object[] distinct(List<?> targets, int[] slots) {
        Map<Object, Integer> index = new IdentityHashMap<>();
        List<Object> distinct = new ArrayList<>();
        int i = 0;
        for (Object t : targets) {
            Objects.requireNonNull(t, "a target is null");
            Integer slot = index.putIfAbsent(t, distinct.size());
            if (slot == null) {
                slot = distinct.size();
                distinct.add(t);
            }
            slots[i++] = slot;
        }
        return distinct.toArray();
    }

    /**
     * Walks once without collecting and matches what each conformable holds. No candidate: done, nothing
     * collected. Otherwise one full collection, with the candidates held weakly, tells the live ones
     * before any of their code runs. (A {@code FollowReferences} walk from the roots would avoid the
     * collection, but measured two to four times the collection even on a 6 MB heap: it traverses the
     * JDK's own object graph too, and all of it whenever one candidate is dead.)
     */
    @Override
    public List<CodeDependent> conformablesReferringTo(Collection<? extends CodeUnit> units) {
        CodeReferences wanted = new CodeReferences(units);
        if (wanted.isEmpty()) {
            return new ArrayList<>();
        }
        Candidates candidates;
        lock.lock();
        try {
            candidates = Candidates.find(backend, wanted);
            if (collect && !candidates.isEmpty()) {
                candidates.retainReachable(backend);
            }
        } finally {
            lock.unlock();
        }
        return candidates.dependents(wanted);
    }

    @Override
    public Heap withoutCollection() {
        return collect ? new ObjectHeap(backend, lock, false) : this;
    }

    /** @return the backend, for the agent and the patch pipeline */
    public HeapBackend backendImpl() {
        return backend;
    }

    @Override
    public String toString() {
        return "Heap[" + backend.description() + (collect ? "" : ", without collection") + "]";
    }

    private void prepare() {
        if (collect) {
            backend.collectIfNeeded();
        }
    }

    private List<Class<?>> classesOf(Class<?> type, boolean includeSubclasses) {
        List<Class<?>> classes = new ArrayList<>();
        if (!includeSubclasses) {
            if (instantiable(type)) {
                classes.add(type);
            }
            return classes;
        }
        for (Class<?> c : backend.loadedClasses()) {
            if (type.isAssignableFrom(c) && instantiable(c)) {
                classes.add(c);
            }
        }
        return classes;
    }

    /** @return whether a class can have instances of its own */
    static boolean instantiable(Class<?> c) {
        return c.isArray() || !c.isPrimitive() && !c.isInterface() && !Modifier.isAbstract(c.getModifiers());
    }
}
