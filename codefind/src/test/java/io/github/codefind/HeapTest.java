package io.github.codefind;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.ref.Reference;
import java.lang.ref.SoftReference;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The heap questions, answered by the JVMTI backend in this very JVM. */
class HeapTest {
    static class Node {
        Object ref;
    }

    static class SubNode extends Node {
    }

    static final class Other {
    }

    static final class OnlyInTheConcurrencyTest {
    }

    static Object staticHolder;

    private final Heap heap = Codefind.heap();

    @Test
    void theNativeBackendIsChosenWhereItWasBuilt() {
        assertTrue(heap.backend().startsWith("jvmti"), heap.backend());
    }

    @Test
    void instancesAndCountsWithAndWithoutSubclasses() {
        List<Node> nodes = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            nodes.add(i % 3 == 0 ? new SubNode() : new Node());
        }
        assertEquals(200, heap.count(Node.class, false));
        assertEquals(300, heap.count(Node.class, true));
        assertEquals(100, heap.count(SubNode.class, true));
        assertEquals(identitySet(nodes), identitySet(heap.instances(Node.class, true)));
        assertEquals(0, heap.count(Runnable.class, false), "an interface has no instances of its own");
        Reference.reachabilityFence(nodes);
    }

    @Test
    void unreachableObjectsAreNeverReported() {
        List<Node> kept = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            Node n = new Node();
            if (i % 10 == 0) {
                kept.add(n);
            }
        }
        // 900 dead nodes are still in the heap until a collection; the default heap collects first.
        assertEquals(identitySet(kept), identitySet(heap.instances(Node.class, false)));
        assertEquals(100, heap.count(Node.class, false));
        Reference.reachabilityFence(kept);
    }

    @Test
    void noTagSurvivesAQuery() {
        List<Node> nodes = List.of(new Node(), new Node());
        List<Other> others = List.of(new Other());
        assertEquals(2, heap.instances(Node.class, false).size());
        // A leaked tag would make the first query's objects show up here.
        assertEquals(identitySet(others), identitySet(heap.instances(Other.class, false)));
        Node target = new Node();
        nodes.get(0).ref = target;
        assertEquals(1, heap.referrers(List.of(target)).get(0).size());
        assertEquals(identitySet(others), identitySet(heap.instances(Other.class, false)));
        Reference.reachabilityFence(nodes);
    }

    @Test
    void referrersThroughFieldsArraysAndStatics() {
        Object target = new Object();
        Node holder = new Node();
        holder.ref = target;
        Object[] array = {null, target, target};
        List<Object> list = new ArrayList<>(List.of(target));
        WeakReference<Object> weak = new WeakReference<>(target);
        SoftReference<Object> soft = new SoftReference<>(target);
        staticHolder = target;
        try {
            Set<Object> referrers = identitySet(heap.referrers(List.of(target)).get(0));
            Set<Object> expected = identitySet(List.of(holder, array, HeapTest.class));
            // The ArrayList refers to its element array, which holds the target.
            for (Object r : referrers) {
                if (r instanceof Object[] && r != array) {
                    expected.add(r);
                }
            }
            assertEquals(expected, referrers, "weak and soft referents do not count");
            assertEquals(4, referrers.size(), "holder, array, the list's backing array, the static field");
        } finally {
            staticHolder = null;
        }
        Reference.reachabilityFence(list);
        Reference.reachabilityFence(weak);
        Reference.reachabilityFence(soft);
    }

    @Test
    void referrersKeepTheCallersOrderAndDuplicates() {
        Object a = new Object();
        Object b = new Object();
        Node holdsA = new Node();
        holdsA.ref = a;
        Node holdsB = new Node();
        holdsB.ref = b;
        List<List<Object>> found = heap.referrers(List.of(b, a, b));
        assertEquals(3, found.size());
        assertSame(holdsB, found.get(0).get(0));
        assertSame(holdsA, found.get(1).get(0));
        assertEquals(found.get(0), found.get(2));
        assertEquals(1, found.get(1).size(), "the argument list itself is not a referrer");
    }

    @Test
    void aTargetThatRefersToAnotherTargetIsItsReferrer() {
        Node first = new Node();
        Node second = new Node();
        first.ref = second;
        List<List<Object>> found = heap.referrers(List.of(first, second));
        assertEquals(List.of(first), found.get(1));
        Reference.reachabilityFence(first);
    }

    @Test
    void concurrentQueriesAreSerializedAndCorrect() throws Exception {
        List<Node> nodes = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            nodes.add(new Node());
        }
        List<Object> others = List.of(new OnlyInTheConcurrencyTest(), new OnlyInTheConcurrencyTest(),
                new OnlyInTheConcurrencyTest());
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<Long>> calls = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                calls.add(i % 2 == 0 ? () -> heap.withoutCollection().count(OnlyInTheConcurrencyTest.class, false)
                        : () -> (long) heap.withoutCollection().instances(Node.class, false).size());
            }
            List<Future<Long>> results = pool.invokeAll(calls);
            for (int i = 0; i < results.size(); i++) {
                long got = results.get(i).get();
                assertTrue(i % 2 == 0 ? got == 3 : got >= 500, "query " + i + " saw " + got);
            }
        } finally {
            pool.shutdownNow();
        }
        Reference.reachabilityFence(nodes);
        Reference.reachabilityFence(others);
    }

    static Set<Object> identitySet(List<?> objects) {
        Set<Object> set = Collections.newSetFromMap(new IdentityHashMap<>());
        set.addAll(objects);
        return set;
    }
}
