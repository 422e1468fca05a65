package io.github.codefind.jmh.dispatch;

import io.github.codefind.dispatch.Dispatch;
import io.github.codefind.dispatch.Dispatcher;
import io.github.codefind.jmh.dispatch.Kinds.Kind;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.CompilerControl;
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
 * The dispatcher against the hand-written {@code instanceof} chain ({@link KindHandlers#chain}), same
 * handler bodies, over one random sequence of {@value #SIZE} arguments of 1, 8, 16 or 64 classes drawn
 * uniformly: far more than a branch predictor learns, so both pay for every unpredictable class.
 *
 * <p>Each invocation runs one pass of each over the whole sequence, in alternating order, and adds
 * each pass's nanoseconds to {@link Times}: JMH reports both as secondary results of the same
 * iterations, so every ratio compares runs of the same JVM, interleaved, under the same load.
 * {@link DispatchRatios} runs this benchmark and prints the ratio per iteration. A pass whose sum
 * differs from the other's fails the run: the dispatcher chose another handler.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
public class DispatchRatioBenchmark {
    /** The length of the sequence: 64K. */
    static final int SIZE = 1 << 16;

    /** How many classes the sequence draws from: the first so many {@link Kinds}. */
    @Param({"1", "8", "16", "64"})
    public int classes;

    private final Kind[] sequence = new Kind[SIZE];
    private Dispatcher<Integer> dispatcher;
    private boolean dispatcherFirst;

    /**
     * Each pass's time, summed over an iteration, and the fastest pass of each: secondary results of
     * the same iterations. {@code passes} counts the passes of each, to turn the sums into nanoseconds
     * per call. On a loaded machine a pass the scheduler interrupts is slow for a reason that has
     * nothing to do with dispatch, and the sums take it in; the fastest passes, of well under a time
     * slice each, mostly do not.
     */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Times {
        /** Nanoseconds in dispatcher passes this iteration. */
        public long dispatcherNs;
        /** Nanoseconds in chain passes this iteration. */
        public long chainNs;
        /** The fastest dispatcher pass this iteration, ns; 0 before the first. */
        public long dispatcherMinNs;
        /** The fastest chain pass this iteration, ns; 0 before the first. */
        public long chainMinNs;
        /** Passes of each this iteration. */
        public long passes;

        /**
         * JMH reports each counter's value at the end of an iteration: each iteration starts afresh.
         * JMH zeroes the counters too, after this (measured): a minimum starts at 0, meaning none yet.
         */
        @Setup(Level.Iteration)
        public void clear() {
            dispatcherNs = 0;
            chainNs = 0;
            dispatcherMinNs = 0;
            chainMinNs = 0;
            passes = 0;
        }

        /**
         * @param dispatcher one dispatcher pass, ns
         * @param chain the chain pass of the same invocation, ns
         */
        void add(long dispatcher, long chain) {
            dispatcherNs += dispatcher;
            chainNs += chain;
            dispatcherMinNs = passes == 0 ? dispatcher : Math.min(dispatcherMinNs, dispatcher);
            chainMinNs = passes == 0 ? chain : Math.min(chainMinNs, chain);
            passes++;
        }
    }

    /** Draws the sequence (seed 42) and builds the dispatcher over the 64 handlers. */
    @Setup
    public void setUp() {
        Kind[] kinds = Kinds.all();
        Random random = new Random(42);
        for (int i = 0; i < SIZE; i++) {
            sequence[i] = kinds[random.nextInt(classes)];
        }
        dispatcher = Dispatch.on(KindHandlers.class).byName("area").returning(Integer.class).build();
    }

    /**
     * One pass of each, the first in turn.
     *
     * @param times where the passes' nanoseconds go
     * @return the sum, for the blackhole
     */
    @Benchmark
    public int interleaved(Times times) {
        long start = System.nanoTime();
        int first = dispatcherFirst ? dispatcherPass() : chainPass();
        long middle = System.nanoTime();
        int second = dispatcherFirst ? chainPass() : dispatcherPass();
        long end = System.nanoTime();
        if (first != second) {
            throw new IllegalStateException("the dispatcher and the chain disagree: " + first + " against "
                    + second + " (dispatcher first: " + dispatcherFirst + ")");
        }
        times.add(dispatcherFirst ? middle - start : end - middle, dispatcherFirst ? end - middle : middle - start);
        dispatcherFirst = !dispatcherFirst;
        return first;
    }

    // Each pass is compiled on its own, never inlined into the caller, so that neither gets the other's
    // treatment from the JIT: the same frame, the same loop, only the call in it differs.

    /** @return the sum of the handlers' results through the dispatcher */
    @CompilerControl(CompilerControl.Mode.DONT_INLINE)
    int dispatcherPass() {
        int sum = 0;
        for (Kind k : sequence) {
            sum += dispatcher.call(k);
        }
        return sum;
    }

    /** @return the sum of the handlers' results through the hand-written chain */
    @CompilerControl(CompilerControl.Mode.DONT_INLINE)
    int chainPass() {
        int sum = 0;
        for (Kind k : sequence) {
            sum += KindHandlers.chain(k);
        }
        return sum;
    }
}
