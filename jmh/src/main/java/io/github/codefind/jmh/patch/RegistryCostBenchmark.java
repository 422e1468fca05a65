package io.github.codefind.jmh.patch;

import io.github.codefind.Codefind;
import io.github.codefind.conform.CodeUnit;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What codefind costs a program at start-up, and what the code registry costs when first asked: each
 * measurement is the first call in a fresh JVM (single shot, one per fork). The registry is built
 * lazily, so installing reads no class file; the first query reads those of one package.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(5)
@Warmup(iterations = 0)
@Measurement(iterations = 1)
public class RegistryCostBenchmark {
    /** Installing codefind: loading the native library, choosing backends, creating the engine. */
    @Benchmark
    public void install() {
        Codefind.install();
    }

    /** codefind installed before the measurement. */
    @State(Scope.Benchmark)
    public static class Installed {
        /** Installs codefind. */
        @Setup
        public void install() {
            Codefind.install();
        }
    }

    /**
     * @param installed codefind, already installed
     * @return the units of one source file of JMH's own, found among the loaded classes and read on
     *     first use
     */
    @Benchmark
    public List<CodeUnit> firstQueryOfAFile(Installed installed) {
        return Codefind.registry().unitsIn("org/openjdk/jmh/runner/Runner.java");
    }
}
