package io.github.codefind.jmh;

import io.github.codefind.internal.heap.RawWalks;
import java.lang.management.ManagementFactory;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * The physical limit: the raw class-filtered walk of the {@link TestHeap} against a sequential read
 * of a {@code long[]} as large as that heap (its used bytes after a full GC), interleaved in one fork
 * ({@link Paired}; the read is the baseline). No walk of the heap can be faster than reading it once.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgs = {"-Xms4g", "-Xmx4g"}, jvmArgsAppend = "-Dcodefind.heap=jvmti")
public class ScanBenchmark {
    /** The heap and an array as large as it. */
    @State(Scope.Benchmark)
    public static class Memory {
        /** The number of small objects in the heap. */
        @Param({"1000000", "10000000", "40000000"})
        public int objects;

        TestHeap heap;
        long[] data;

        /** Builds the heap, measures it, and allocates the array beside it. */
        @Setup
        public void setUp() {
            TestHeap.codefindHeap("jvmti");
            heap = TestHeap.build(objects);
            Histograms.collect();
            long heapBytes = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
            data = new long[Math.toIntExact(heapBytes / Long.BYTES)];
            for (int i = 0; i < data.length; i++) {
                data[i] = i;
            }
            Histograms.collect();
            System.out.println("scan: heap of " + objects + " objects uses " + heapBytes + " bytes");
        }
    }

    /**
     * The bytes read, as the secondary result {@code bytes}; divided by {@code pairs}, the size of the
     * heap the array stands for.
     */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Size {
        /** The bytes read in this iteration. */
        public long bytes;

        /** Counts one iteration. */
        @Setup(Level.Iteration)
        public void reset() {
            bytes = 0;
        }
    }

    /**
     * The raw walk against the read; no collection between calls: neither allocates.
     *
     * @param m the heap and the array
     * @param size the reported size
     * @param p the two times
     * @param b consumes results
     */
    @Benchmark
    public void rawCountVsScan(Memory m, Size size, Paired p, Blackhole b) {
        p.run(b, null, () -> sum(m.data), () -> RawWalks.rawCount(TestHeap.Target.class));
        size.bytes += (long) m.data.length * Long.BYTES;
    }

    /** Sums the array with four accumulators. */
    private static long sum(long[] d) {
        long a = 0;
        long b = 0;
        long c = 0;
        long e = 0;
        int i = 0;
        for (; i + 3 < d.length; i += 4) {
            a += d[i];
            b += d[i + 1];
            c += d[i + 2];
            e += d[i + 3];
        }
        for (; i < d.length; i++) {
            a += d[i];
        }
        return a + b + c + e;
    }
}
