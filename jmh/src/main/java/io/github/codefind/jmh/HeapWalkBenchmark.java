package io.github.codefind.jmh;

import io.github.codefind.internal.heap.RawWalks;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * codefind's heap queries on the JVMTI backend, and the baselines that run in the same JVM against
 * the same heap: a raw class-filtered walk, a full GC, and the class histogram.
 *
 * <p>Each benchmark is one comparison ({@link Paired}): a call runs the baseline and the query, in
 * alternating order, each on a heap collected just before (untimed), so that both walk the same
 * objects under the same load. Each runs in a fork of its own that builds the {@link TestHeap} once.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgs = {"-Xms4g", "-Xmx4g"}, jvmArgsAppend = "-Dcodefind.heap=jvmti")
public class HeapWalkBenchmark {
    /** The heap, the queries' arguments and codefind's heap, built once per fork. */
    @State(Scope.Benchmark)
    public static class HeapState extends Queries {
        /** The number of small objects in the heap. */
        @Param({"1000000", "10000000", "40000000"})
        public int objects;

        List<Object> someObjects;
        List<Class<?>> conformableClasses;

        /** Builds the heap, collects, and checks that each query answers what it should. */
        @Setup
        public void setUp() {
            open("jvmti", objects, TestHeap.changedUnits());
            someObjects = testHeap.someObjects();
            conformableClasses = List.copyOf(Conformables.classes());
            Histograms.collect();
            check("instances", heap.instances(TestHeap.Target.class, false).size(), testHeap.targets());
            check("raw count", RawWalks.rawCount(TestHeap.Target.class), testHeap.targets());
            check("conformables", heap.conformablesReferringTo(units).size(),
                    TestHeap.expectedDependents());
            check("referrer lists", heap.referrers(someObjects).size(), someObjects.size());
            Histograms.collect();
        }

        static void check(String what, long actual, long expected) {
            if (actual != expected) {
                throw new IllegalStateException(what + ": " + actual + ", expected " + expected);
            }
        }
    }

    /** A full GC before every query, untimed: each query walks the built heap, not also garbage. */
    private static final Runnable COLLECT = System::gc;

    /**
     * {@code heap.withoutCollection().instances(Target.class, false)} against its floor, one
     * class-filtered {@code IterateThroughHeap} with a counting callback ({@code RawWalks.rawCount}).
     *
     * @param s the heap
     * @param p the two times
     * @param b consumes results
     */
    @Benchmark
    public void instancesVsRawCount(HeapState s, Paired p, Blackhole b) {
        p.run(b, COLLECT, () -> RawWalks.rawCount(TestHeap.Target.class),
                () -> s.withoutCollection.instances(TestHeap.Target.class, false));
    }

    /**
     * {@code heap.instances(Target.class, false)}, the default (a full GC, then the walk), against
     * the same without collection.
     *
     * @param s the heap
     * @param p the two times
     * @param b consumes results
     */
    @Benchmark
    public void instancesCollectFirstVsInstances(HeapState s, Paired p, Blackhole b) {
        p.run(b, COLLECT, () -> s.withoutCollection.instances(TestHeap.Target.class, false),
                () -> s.heap.instances(TestHeap.Target.class, false));
    }

    /**
     * {@code heap.referrers} of three objects (one {@code FollowReferences} walk from the roots)
     * against the raw class-filtered walk.
     *
     * @param s the heap
     * @param p the two times
     * @param b consumes results
     */
    @Benchmark
    public void referrersVsRawCount(HeapState s, Paired p, Blackhole b) {
        p.run(b, COLLECT, () -> RawWalks.rawCount(TestHeap.Target.class), () -> s.heap.referrers(s.someObjects));
    }

    /**
     * {@code heap.withoutCollection().conformablesReferringTo(units)} (one tag-filtered walk for the
     * four implementing classes, and the matching) against one class-filtered counting walk per
     * implementing class.
     *
     * @param s the heap
     * @param p the two times
     * @param b consumes results
     */
    @Benchmark
    public void conformablesVsRawCountPerClass(HeapState s, Paired p, Blackhole b) {
        p.run(b, COLLECT, () -> rawCountPerConformableClass(s),
                () -> s.withoutCollection.conformablesReferringTo(s.units));
    }

    /**
     * {@code heap.conformablesReferringTo(units)}, the default, against the same without collection.
     * A quarter of the conformables refer to the units, so the default collects once, with them held
     * weakly.
     *
     * @param s the heap
     * @param p the two times
     * @param b consumes results
     */
    @Benchmark
    public void conformablesDefaultVsWithoutCollection(HeapState s, Paired p, Blackhole b) {
        p.run(b, COLLECT, () -> s.withoutCollection.conformablesReferringTo(s.units),
                () -> s.heap.conformablesReferringTo(s.units));
    }

    /**
     * {@code GC.class_histogram -all} (every object, no GC) against the raw class-filtered walk.
     *
     * @param s the heap
     * @param p the two times
     * @param b consumes results
     */
    @Benchmark
    public void histogramAllVsRawCount(HeapState s, Paired p, Blackhole b) {
        p.run(b, COLLECT, () -> RawWalks.rawCount(TestHeap.Target.class), () -> Histograms.histogram(true).length());
    }

    /**
     * {@code GC.class_histogram} of live objects (a full GC in the same pause) against a full GC alone
     * (JVMTI {@code ForceGarbageCollection}, as the default queries force it).
     *
     * @param s the heap
     * @param p the two times
     * @param b consumes results
     */
    @Benchmark
    public void histogramLiveVsFullGc(HeapState s, Paired p, Blackhole b) {
        p.run(b, COLLECT, () -> {
            RawWalks.forceGc();
            return null;
        }, () -> Histograms.histogram(false).length());
    }

    private static long rawCountPerConformableClass(HeapState s) {
        long n = 0;
        for (Class<?> c : s.conformableClasses) {
            n += RawWalks.rawCount(c);
        }
        return n;
    }
}
