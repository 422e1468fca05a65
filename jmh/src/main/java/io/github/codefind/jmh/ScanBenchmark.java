package io.github.codefind.jmh;

import java.lang.management.ManagementFactory;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
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

/**
 * Baseline, the physical limit: a sequential read of a {@code long[]} as large as the {@link TestHeap}
 * of the same number of objects (its used heap after a full GC, measured in this fork). No walk
 * of the heap can be faster than reading it once.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgs = {"-Xms4g", "-Xmx4g"})
public class ScanBenchmark {
    /** The array, as large as the heap it stands for. */
    @State(Scope.Benchmark)
    public static class Memory {
        /** The number of small objects in the heap the array stands for. */
        @Param({"1000000", "10000000", "40000000"})
        public int objects;

        long[] data;
        long heapBytes;

        /** Builds the heap, measures it, drops it and allocates the array in its place. */
        @Setup
        public void setUp() {
            TestHeap heap = TestHeap.build(objects);
            Histograms.collect();
            heapBytes = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
            if (heap.targets() != objects / TestHeap.CHUNK) {
                throw new IllegalStateException("heap not built");
            }
            heap = null;
            Histograms.collect();
            data = new long[Math.toIntExact(heapBytes / Long.BYTES)];
            for (int i = 0; i < data.length; i++) {
                data[i] = i;
            }
            System.out.println("scan: heap of " + objects + " objects uses " + heapBytes + " bytes");
        }
    }

    /**
     * Counts the bytes read, as the secondary result {@code bytes}: in average-time mode JMH reports
     * it as time per byte, so the heap's size is the primary score divided by it.
     */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Size {
        /** The bytes read in this iteration. */
        public long bytes;
    }

    /**
     * Sums the array with four accumulators.
     *
     * @param m the array
     * @param size the reported size
     * @return the sum
     */
    @Benchmark
    public long scan(Memory m, Size size) {
        long[] d = m.data;
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
        size.bytes += (long) d.length * Long.BYTES;
        return a + b + c + e;
    }
}
