package io.github.codefind.jmh;

import io.github.codefind.CodeDependent;
import io.github.codefind.Codefind;
import io.github.codefind.Heap;
import io.github.codefind.conform.CodeUnit;
import io.github.codefind.internal.heap.RawWalks;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * codefind's heap queries on the JVMTI backend, and the baselines that run in the same JVM against
 * the same heap: a raw class-filtered walk, a full GC, and the class histogram.
 *
 * <p>Each benchmark runs in a fork of its own that builds the {@link TestHeap} once; every call is
 * one query, on a heap collected just before (untimed), so that every call and every baseline
 * walks the same objects. Results are in milliseconds per query.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgs = {"-Xms4g", "-Xmx4g"}, jvmArgsAppend = "-Dcodefind.heap=jvmti")
public class HeapWalkBenchmark {
    /** The heap, the queries' arguments and codefind's heap, built once per fork. */
    @State(Scope.Benchmark)
    public static class HeapState {
        /** The number of small objects in the heap. */
        @Param({"1000000", "10000000", "40000000"})
        public int objects;

        TestHeap testHeap;
        Heap heap;
        Heap withoutCollection;
        List<Object> someObjects;
        List<CodeUnit> units;
        List<Class<?>> conformableClasses;

        /** Builds the heap, collects, and checks that each query answers what it should. */
        @Setup
        public void setUp() {
            heap = Codefind.heap();
            if (!heap.backend().startsWith("jvmti")) {
                throw new IllegalStateException("not the JVMTI backend: " + heap.backend());
            }
            withoutCollection = heap.withoutCollection();
            testHeap = TestHeap.build(objects);
            someObjects = testHeap.someObjects();
            units = TestHeap.changedUnits();
            conformableClasses = List.copyOf(Conformables.classes());
            Histograms.collect();
            check("instances", heap.instances(TestHeap.Target.class, false).size(), testHeap.targets());
            check("raw count", RawWalks.rawCount(TestHeap.Target.class), testHeap.targets());
            check("conformables", heap.conformablesReferringTo(units).size(),
                    TestHeap.expectedDependents());
            check("referrer lists", heap.referrers(someObjects).size(), someObjects.size());
            Histograms.collect();
        }

        /**
         * A full GC before every call, outside the measured time: each call walks the same heap, the
         * built one, and not also the garbage that earlier calls left, which the walks would visit
         * too (they see unreachable objects until they are collected).
         */
        @Setup(Level.Invocation)
        public void collect() {
            System.gc();
        }

        static void check(String what, long actual, long expected) {
            if (actual != expected) {
                throw new IllegalStateException(what + ": " + actual + ", expected " + expected);
            }
        }
    }

    /**
     * Baseline: one class-filtered {@code IterateThroughHeap} with a counting callback.
     *
     * @param s the heap
     * @return the count
     */
    @Benchmark
    public long rawCount(HeapState s) {
        return RawWalks.rawCount(TestHeap.Target.class);
    }

    /**
     * {@code heap.withoutCollection().instances(Target.class, false)}: like for like with
     * {@link #rawCount}, plus tagging and fetching the instances.
     *
     * @param s the heap
     * @return the instances
     */
    @Benchmark
    public List<TestHeap.Target> instances(HeapState s) {
        return s.withoutCollection.instances(TestHeap.Target.class, false);
    }

    /**
     * {@code heap.instances(Target.class, false)}, the default: a full GC, then the walk.
     *
     * @param s the heap
     * @return the instances
     */
    @Benchmark
    public List<TestHeap.Target> instancesCollectFirst(HeapState s) {
        return s.heap.instances(TestHeap.Target.class, false);
    }

    /**
     * The full GC alone (JVMTI {@code ForceGarbageCollection}), as the default queries force it.
     *
     * @param s the heap
     */
    @Benchmark
    public void fullGc(HeapState s) {
        RawWalks.forceGc();
    }

    /**
     * {@code heap.referrers} of three objects: one {@code FollowReferences} walk from the roots.
     *
     * @param s the heap
     * @return the referrers
     */
    @Benchmark
    public List<List<Object>> referrers(HeapState s) {
        return s.heap.referrers(s.someObjects);
    }

    /**
     * {@code heap.withoutCollection().conformablesReferringTo(units)}: find every
     * {@code Conformable} (one tag-filtered walk for the four implementing classes) and match its
     * fields against the units.
     *
     * @param s the heap
     * @return the dependents
     */
    @Benchmark
    public List<CodeDependent> conformables(HeapState s) {
        return s.withoutCollection.conformablesReferringTo(s.units);
    }

    /**
     * {@code heap.conformablesReferringTo(units)}, the default: a full GC first.
     *
     * @param s the heap
     * @return the dependents
     */
    @Benchmark
    public List<CodeDependent> conformablesCollectFirst(HeapState s) {
        return s.heap.conformablesReferringTo(s.units);
    }

    /**
     * Baseline for discovery: one class-filtered counting walk per implementing class.
     *
     * @param s the heap
     * @return the total count
     */
    @Benchmark
    public long rawCountPerConformableClass(HeapState s) {
        long n = 0;
        for (Class<?> c : s.conformableClasses) {
            n += RawWalks.rawCount(c);
        }
        return n;
    }

    /**
     * Baseline: {@code GC.class_histogram -all}, every object, no GC.
     *
     * @param s the heap
     * @return the histogram's length
     */
    @Benchmark
    public int histogramAll(HeapState s) {
        return Histograms.histogram(true).length();
    }

    /**
     * Baseline: {@code GC.class_histogram}, live objects only: forces a full GC first.
     *
     * @param s the heap
     * @return the histogram's length
     */
    @Benchmark
    public int histogramLive(HeapState s) {
        return Histograms.histogram(false).length();
    }
}
