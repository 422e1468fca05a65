package io.github.codefind.jmh;

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
 * {@code Conformable} discovery on the registry backend ({@code -Dcodefind.heap=registry}), against
 * the same {@link TestHeap}: the registry tracks the 1000 conformables, so its cost should not
 * depend on the heap's size. {@link Suite} runs it only when a probe JVM shows the registry backend
 * can be installed.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgs = {"-Xms4g", "-Xmx4g"}, jvmArgsAppend = "-Dcodefind.heap=registry")
public class RegistryBenchmark {
    /** The heap, built after the registry is installed. */
    @State(Scope.Benchmark)
    public static class RegistryState extends Queries {
        /** The number of small objects in the heap. */
        @Param({"1000000", "10000000", "40000000"})
        public int objects;


        /** Installs the registry, then builds the heap, so that the conformables are tracked. */
        @Setup
        public void setUp() {
            open("registry", objects, TestHeap.changedUnits());
            Histograms.collect();
            HeapWalkBenchmark.HeapState.check("conformables", heap.conformablesReferringTo(units).size(),
                    TestHeap.expectedDependents());
        }
    }

    /**
     * {@code heap.conformablesReferringTo(units)}, the default (a quarter of the conformables refer
     * to the units, so it collects once with them held weakly), against
     * {@code heap.withoutCollection().conformablesReferringTo(units)}, interleaved ({@link Paired}).
     *
     * @param s the heap
     * @param p the two times
     * @param b consumes results
     */
    @Benchmark
    public void conformablesDefaultVsWithoutCollection(RegistryState s, Paired p, Blackhole b) {
        p.run(b, null, () -> s.withoutCollection.conformablesReferringTo(s.units),
                () -> s.heap.conformablesReferringTo(s.units));
    }
}
