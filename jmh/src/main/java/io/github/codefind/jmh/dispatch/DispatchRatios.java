package io.github.codefind.jmh.dispatch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs {@link DispatchRatioBenchmark} and prints, per number of classes, the dispatcher's and the
 * chain's nanoseconds per call and their ratio per measurement iteration (median, min, max), of the
 * iteration's fastest passes and of all its passes: each ratio's two numbers come from the same
 * iteration of the same JVM. See {@code jmh/README.md}.
 *
 * <p>Options: {@code --jvm /path/to/bin/java} (the JDK of the forks; default this one),
 * {@code --classes 1,8,16,64}, {@code --forks 1}, {@code --warmup 5}, {@code --iterations 10},
 * {@code --time-ms 1000}, {@code --out dispatch-result.json} (JMH's JSON), {@code --smoke} (every
 * benchmark of this package once, in this JVM, failing on any error: a check, not a measurement).
 */
public final class DispatchRatios {
    private DispatchRatios() {
    }

    /**
     * @param args the options above
     * @throws RunnerException if JMH fails, or a benchmark fails (the passes disagree)
     * @throws IOException if the load average cannot be read
     * @throws NoSuchFieldException never: the benchmark's parameter is read to count its cases
     */
    public static void main(String[] args) throws RunnerException, IOException, NoSuchFieldException {
        String jvm = null;
        String classes = "1,8,16,64";
        int forks = 1;
        int warmup = 5;
        int iterations = 10;
        int timeMs = 1000;
        String out = null;
        boolean smoke = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--jvm" -> jvm = args[++i];
                case "--classes" -> classes = args[++i];
                case "--forks" -> forks = Integer.parseInt(args[++i]);
                case "--warmup" -> warmup = Integer.parseInt(args[++i]);
                case "--iterations" -> iterations = Integer.parseInt(args[++i]);
                case "--time-ms" -> timeMs = Integer.parseInt(args[++i]);
                case "--out" -> out = args[++i];
                case "--smoke" -> smoke = true;
                default -> throw new IllegalArgumentException("unknown option " + args[i] + "; see jmh/README.md");
            }
        }
        if (out == null) {
            // A smoke run's numbers are not measurements: they are not left in the working directory.
            out = smoke ? java.io.File.createTempFile("dispatch-smoke", ".json").getPath() : "dispatch-result.json";
        }
        ChainedOptionsBuilder options = new OptionsBuilder()
                .resultFormat(ResultFormatType.JSON)
                .result(out)
                .shouldFailOnError(true);
        if (smoke) {
            // Every benchmark of the package once, briefly: it must run and its passes agree.
            System.setProperty("jmh.ignoreLock", "true");
            options.include(DispatchRatios.class.getPackageName().replace(".", "\\.") + "\\..*")
                    .forks(0).warmupIterations(1).measurementIterations(1)
                    .warmupTime(TimeValue.milliseconds(50)).measurementTime(TimeValue.milliseconds(50));
        } else {
            options.include(DispatchRatioBenchmark.class.getName().replace(".", "\\."))
                    .param("classes", classes.split(","))
                    .forks(forks).warmupIterations(warmup).measurementIterations(iterations)
                    .warmupTime(TimeValue.milliseconds(timeMs)).measurementTime(TimeValue.milliseconds(timeMs));
            if (jvm != null) {
                options.jvm(jvm);
            }
        }
        String before = load();
        Collection<RunResult> results = new Runner(options.build()).run();
        System.out.println();
        System.out.println("load average (1, 5, 15 min) before: " + before + ", after: " + load());
        if (smoke) {
            System.out.println("smoke run: a check that every benchmark runs and agrees, not a measurement");
        }
        System.out.println(report(results));
        long ratios = results.stream().filter(DispatchRatios::isRatio).count();
        int counts = DispatchRatioBenchmark.class.getField("classes").getAnnotation(Param.class).value().length;
        if (smoke && ratios != counts) {
            throw new RunnerException("smoke run: " + ratios + " class counts of the ratio benchmark ran");
        }
    }

    private static boolean isRatio(RunResult run) {
        return run.getParams().getBenchmark().equals(DispatchRatioBenchmark.class.getName() + ".interleaved");
    }

    /**
     * @param results the runs of {@link DispatchRatioBenchmark}, other benchmarks ignored
     * @return a Markdown table: per class count, the ns per call of each (median over iterations of the
     *     fastest pass) and the ratio dispatcher / chain per iteration, of the fastest passes and of all
     */
    static String report(Collection<RunResult> results) {
        StringBuilder table = new StringBuilder("| JDK | classes | dispatcher ns/call | chain ns/call | ratio,"
                + " fastest passes: median [min, max] | ratio, all passes: median [min, max] | iterations |\n"
                + "|---|---|---|---|---|---|---|\n");
        for (RunResult run : results) {
            if (!isRatio(run)) {
                continue;
            }
            List<Double> dispatcher = new ArrayList<>();
            List<Double> chain = new ArrayList<>();
            List<Double> fastest = new ArrayList<>();
            List<Double> all = new ArrayList<>();
            for (BenchmarkResult fork : run.getBenchmarkResults()) {
                for (IterationResult iteration : fork.getIterationResults()) {
                    double d = score(iteration, "dispatcherMinNs");
                    double c = score(iteration, "chainMinNs");
                    dispatcher.add(d / DispatchRatioBenchmark.SIZE);
                    chain.add(c / DispatchRatioBenchmark.SIZE);
                    fastest.add(d / c);
                    all.add(score(iteration, "dispatcherNs") / score(iteration, "chainNs"));
                }
            }
            table.append(String.format(Locale.ROOT, "| %s | %s | %.2f | %.2f | **%s** | %s | %d |%n",
                    run.getParams().getVmVersion(), run.getParams().getParam("classes"), median(dispatcher),
                    median(chain), spread(fastest), spread(all), all.size()));
        }
        return table.toString();
    }

    /** @return such as {@code 1.02 [0.95, 1.10]}: median, min and max */
    private static String spread(List<Double> ratios) {
        return String.format(Locale.ROOT, "%.2f [%.2f, %.2f]", median(ratios),
                ratios.stream().mapToDouble(x -> x).min().orElse(Double.NaN),
                ratios.stream().mapToDouble(x -> x).max().orElse(Double.NaN));
    }

    private static double score(IterationResult iteration, String counter) {
        Result<?> result = iteration.getSecondaryResults().get(counter);
        if (result == null) {
            throw new IllegalStateException("no counter " + counter + " in "
                    + iteration.getSecondaryResults().keySet());
        }
        return result.getScore();
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(null);
        int n = sorted.size();
        return n == 0 ? Double.NaN : n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    /** @return the load averages as {@code uptime} prints them, from {@code /proc/loadavg}; "unknown" elsewhere */
    private static String load() throws IOException {
        Path loadavg = Path.of("/proc/loadavg");
        if (!Files.isReadable(loadavg)) {
            return "unknown";
        }
        String[] fields = Files.readString(loadavg).trim().split("\\s+");
        return fields[0] + ", " + fields[1] + ", " + fields[2];
    }
}
