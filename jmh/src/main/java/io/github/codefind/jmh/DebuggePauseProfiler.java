package io.github.codefind.jmh;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.ScalarResult;
import org.openjdk.jmh.runner.IterationType;

/**
 * The stop-the-world pauses of {@link JdiBenchmark}'s debuggee in each measurement iteration, as
 * {@code debuggee.walk.*} and {@code debuggee.other.*} ({@code median}, {@code max},
 * {@code count}): the pauses the JDI walks impose, which the benchmark's own fork does not see.
 * Reports nothing for the other benchmarks.
 *
 * <p>Use: {@code -prof io.github.codefind.jmh.DebuggePauseProfiler}.
 */
public final class DebuggePauseProfiler implements InternalProfiler {
    private static final List<Pauses.Pause> PAUSES = new ArrayList<>();
    private static boolean recording;

    /** Creates the profiler; JMH calls this. */
    public DebuggePauseProfiler() {
    }

    /**
     * Records a debuggee's log line, if it logs a pause and an iteration is being measured.
     *
     * @param line a line of the debuggee's output
     * @return whether the line logged a pause
     */
    static boolean offer(String line) {
        Pauses.Pause p = Pauses.parse(line);
        if (p == null) {
            return false;
        }
        synchronized (PAUSES) {
            if (recording) {
                PAUSES.add(p);
            }
        }
        return true;
    }

    @Override
    public String getDescription() {
        return "stop-the-world pauses of the JDI debuggee";
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
        synchronized (PAUSES) {
            PAUSES.clear();
            recording = iterationParams.getType() == IterationType.MEASUREMENT;
        }
    }

    @Override
    public Collection<ScalarResult> afterIteration(BenchmarkParams benchmarkParams,
            IterationParams iterationParams, IterationResult result) {
        List<Pauses.Pause> pauses;
        synchronized (PAUSES) {
            recording = false;
            pauses = new ArrayList<>(PAUSES);
            PAUSES.clear();
        }
        if (!benchmarkParams.getBenchmark().startsWith(JdiBenchmark.class.getName())
                || iterationParams.getType() != IterationType.MEASUREMENT) {
            return List.of();
        }
        return Pauses.summarize("debuggee", pauses);
    }
}
