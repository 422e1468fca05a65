package io.github.codefind.jmh;

import java.util.function.Supplier;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * A comparison measured in one JVM, interleaved: each benchmark call runs a baseline and a subject,
 * alternating which goes first, and adds each one's nanoseconds to its counter. JMH reports the
 * counters as secondary results ({@code baselineNanos}, {@code subjectNanos}, {@code pairs}); the
 * mean of each is its nanoseconds divided by {@code pairs}, and their ratio compares the two under
 * the same load, heap and JIT state. The primary score (the whole call) is not a measurement of
 * either: it includes both, and any untimed collection before them.
 *
 * <p>Separate forks, minutes apart on a shared machine, could differ by more than what is measured;
 * interleaving removes drift in load and JIT state from the ratio.
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.EVENTS)
public class Paired {
    /** Nanoseconds spent in the baseline in this iteration. */
    public long baselineNanos;
    /** Nanoseconds spent in the subject in this iteration. */
    public long subjectNanos;
    /** Calls in this iteration, each running both once. */
    public long pairs;

    /** Counters count one iteration. */
    @Setup(Level.Iteration)
    public void reset() {
        baselineNanos = 0;
        subjectNanos = 0;
        pairs = 0;
    }

    /**
     * Runs both once, in alternating order.
     *
     * @param blackhole consumes the results
     * @param before run untimed before each of the two, such as a full GC; may be null
     * @param baseline the baseline
     * @param subject what is compared with it
     */
    public void run(Blackhole blackhole, Runnable before, Supplier<?> baseline, Supplier<?> subject) {
        if (pairs % 2 == 0) {
            baselineNanos += time(blackhole, before, baseline);
            subjectNanos += time(blackhole, before, subject);
        } else {
            subjectNanos += time(blackhole, before, subject);
            baselineNanos += time(blackhole, before, baseline);
        }
        pairs++;
    }

    private static long time(Blackhole blackhole, Runnable before, Supplier<?> what) {
        if (before != null) {
            before.run();
        }
        long start = System.nanoTime();
        Object result = what.get();
        long nanos = System.nanoTime() - start;
        blackhole.consume(result);
        return nanos;
    }
}
