package io.github.codefind.jmh;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.profile.ExternalProfiler;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.BenchmarkResultMetaData;
import org.openjdk.jmh.results.ScalarResult;

/**
 * The stop-the-world pauses of each fork during its measurement iterations, from
 * {@code -Xlog:safepoint=info}, split into heap walks and the rest (see {@link Pauses}). JMH's own
 * {@code safepoints} profiler does not parse JDK 25's log lines, nor tell walks from collections.
 *
 * <p>Use: {@code -prof io.github.codefind.jmh.PauseProfiler}. Results: {@code pause.walk.median},
 * {@code pause.walk.max}, {@code pause.walk.count}, and {@code pause.other.*} for the other
 * pauses (collections).
 */
public final class PauseProfiler implements ExternalProfiler {
    /** Creates the profiler; JMH calls this. */
    public PauseProfiler() {
    }

    @Override
    public String getDescription() {
        return "stop-the-world pauses from -Xlog:safepoint, heap walks apart";
    }

    @Override
    public Collection<String> addJVMInvokeOptions(BenchmarkParams params) {
        return List.of();
    }

    @Override
    public Collection<String> addJVMOptions(BenchmarkParams params) {
        return List.of("-Xlog:safepoint=info");
    }

    @Override
    public void beforeTrial(BenchmarkParams benchmarkParams) {
        // Nothing to prepare.
    }

    @Override
    public Collection<ScalarResult> afterTrial(BenchmarkResult result, long pid, File stdOut, File stdErr) {
        double from = Double.NEGATIVE_INFINITY;
        double to = Double.POSITIVE_INFINITY;
        BenchmarkResultMetaData md = result.getMetadata();
        if (md != null) {
            from = md.getMeasurementTime() - md.getStartTime();
            to = md.getStopTime() - md.getStartTime();
        }
        List<Pauses.Pause> pauses = new ArrayList<>();
        try (BufferedReader reader = Files.newBufferedReader(stdOut.toPath(), Charset.defaultCharset())) {
            for (String line; (line = reader.readLine()) != null; ) {
                Pauses.Pause p = Pauses.parse(line);
                if (p != null && p.uptimeMs > from && p.uptimeMs < to) {
                    pauses.add(p);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Pauses.summarize("pause", pauses);
    }

    @Override
    public boolean allowPrintOut() {
        return false;
    }

    @Override
    public boolean allowPrintErr() {
        return true;
    }
}
