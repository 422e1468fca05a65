package io.github.codefind.jmh;

import io.github.codefind.CodeDependent;
import io.github.codefind.Heap;
import io.github.codefind.conform.ClassUnit;
import io.github.codefind.conform.Conformable;
import io.github.codefind.internal.heap.RawWalks;
import java.lang.management.ManagementFactory;
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
 * Discovery after a patch, the engine's call {@code heap.conformablesReferringTo(units)}, against the
 * collect-first discovery it replaced (walk; if there is any conformable, a full GC; walk again),
 * interleaved in one fork ({@link Paired}; collect-first is the baseline). No collection between
 * calls: a patch meets the heap as the program left it.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgs = "-Xmx4g", jvmArgsAppend = "-Dcodefind.heap=jvmti")
public class DiscoveryBenchmark {
    /** The program's heap and the patch's changed units. */
    @State(Scope.Benchmark)
    public static class Program extends Queries {
        /** {@code small}: 100,000 objects, about 5 MB of heap; {@code large}: 10,000,000, about 290 MB. */
        @Param({"small", "large"})
        public String size;

        /**
         * {@code none}: no conformable refers to the changed code; {@code some}: a quarter of the 1000
         * do, by holding {@code Target.class}, and one implementing class changed.
         */
        @Param({"none", "some"})
        public String referring;


        /** Builds the heap and checks that both discoveries find what they should. */
        @Setup
        public void setUp() {
            boolean some = referring.equals("some");
            open("jvmti", size.equals("small") ? 100_000 : 10_000_000,
                    some ? TestHeap.changedUnits() : List.of(ClassUnit.of(DiscoveryBenchmark.class)));
            int expected = some ? TestHeap.expectedDependents() : 0;
            HeapWalkBenchmark.HeapState.check("discovery", heap.conformablesReferringTo(units).size(), expected);
            HeapWalkBenchmark.HeapState.check("collect-first discovery", collectFirst(this).size(), expected);
            System.out.println("discovery: " + size + " heap uses "
                    + ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() + " bytes after a full GC");
        }
    }

    /**
     * The new discovery against collect-first.
     *
     * @param s the heap and units
     * @param p the two times
     * @param b consumes results
     */
    @Benchmark
    public void discoveryVsCollectFirst(Program s, Paired p, Blackhole b) {
        p.run(b, null, () -> collectFirst(s), () -> s.heap.conformablesReferringTo(s.units));
    }

    /** What discovery did before: the same calls the old {@code ObjectHeap} made. */
    static List<CodeDependent> collectFirst(Program s) {
        if (anyConformable(s.withoutCollection)) {
            RawWalks.forceGc();
        }
        return s.withoutCollection.conformablesReferringTo(s.units);
    }

    /** A method of its own, as it was: the objects it finds must not be on the stack during the GC. */
    private static boolean anyConformable(Heap heap) {
        return !heap.instances(Conformable.class, true).isEmpty();
    }
}
