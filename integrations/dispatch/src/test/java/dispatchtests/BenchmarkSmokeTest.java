package dispatchtests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Collection;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs every benchmark once, briefly and in this JVM: a check that they work, not a measurement. The
 * real run is {@code mvn -o -pl integrations/dispatch test-compile exec:exec@bench} (see README.md).
 */
class BenchmarkSmokeTest {
    @Test
    void everyBenchmarkRuns() throws Exception {
        System.setProperty("jmh.ignoreLock", "true");
        Options options = new OptionsBuilder()
                .include("dispatchtests\\.bench\\..*")
                .forks(0)
                .warmupIterations(0)
                .measurementIterations(1)
                .measurementTime(TimeValue.milliseconds(50))
                .shouldFailOnError(true)
                .build();
        Collection<RunResult> results = new Runner(options).run();
        assertEquals(2 * 5 + 2, results.size(), "5 dispatch variants at 2 sites, and 2 conform benchmarks");
    }
}
