package io.github.codefind.jmh;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.NoBenchmarksException;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the whole heap-walk suite with the right JVM options: codefind's JVMTI queries and every
 * baseline in one JMH invocation, the registry in a second; writes JMH's JSON result and prints
 * {@link Report}'s tables and ratios. See {@code jmh/README.md}.
 *
 * <p>Options: {@code --objects 1000000,10000000,40000000}, {@code --warmup 2},
 * {@code --iterations 3}, {@code --time-ms 1000} (each iteration), {@code --forks 1},
 * {@code --jvm /path/to/bin/java} (the JDK of the forks), {@code --jvm-args "..."} (prepended to
 * every fork and given to the JDI debuggee), {@code --heap 4g}, {@code --include REGEX}
 * (repeatable), {@code --no-pauses} (no safepoint log), {@code --out jmh-result.json},
 * {@code --smoke} (every benchmark once at 100,000 objects, 100 ms iterations, fail on error).
 * {@link DiscoveryBenchmark} has heap sizes of its own (small and large; small only in the smoke run).
 *
 * <p>The registry benchmark needs codefind's agent: its forks get {@code -javaagent:} this jar
 * (whose manifest names codefind's agent), in a second JMH invocation whose results are appended
 * to the same file. A probe JVM first checks that the registry sees the heap's conformables; if not,
 * the registry is skipped and the report says why.
 */
public final class Suite {
    private static final List<String> ALL = List.of(
            HeapWalkBenchmark.class.getName(), JdiBenchmark.class.getName(),
            ScanBenchmark.class.getName(), DiscoveryBenchmark.class.getName(), RegistryBenchmark.class.getName());

    private Suite() {
    }

    /**
     * Runs the suite.
     *
     * @param args the options above
     * @throws RunnerException if JMH fails, or in smoke mode if any benchmark fails
     * @throws IOException if the result cannot be read or a probe cannot run
     * @throws InterruptedException if interrupted while probing
     */
    public static void main(String[] args) throws RunnerException, IOException, InterruptedException {
        boolean smoke = false;
        boolean pauses = true;
        String objects = "1000000,10000000,40000000";
        int warmup = 2;
        int iterations = 3;
        int timeMs = 1000;
        int forks = 1;
        String jvm = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> jvmArgs = new ArrayList<>();
        String heap = null;
        List<String> includes = new ArrayList<>();
        String out = "jmh-result.json";
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--smoke":
                    smoke = true;
                    objects = "100000";
                    warmup = 1;
                    iterations = 1;
                    timeMs = 100;
                    break;
                case "--no-pauses":
                    pauses = false;
                    break;
                case "--objects":
                    objects = args[++i];
                    break;
                case "--warmup":
                    warmup = Integer.parseInt(args[++i]);
                    break;
                case "--iterations":
                    iterations = Integer.parseInt(args[++i]);
                    break;
                case "--time-ms":
                    timeMs = Integer.parseInt(args[++i]);
                    break;
                case "--forks":
                    forks = Integer.parseInt(args[++i]);
                    break;
                case "--jvm":
                    jvm = args[++i];
                    break;
                case "--jvm-args":
                    jvmArgs.addAll(Arrays.asList(args[++i].trim().split("\\s+")));
                    break;
                case "--heap":
                    heap = args[++i];
                    break;
                case "--include":
                    includes.add(args[++i]);
                    break;
                case "--out":
                    out = args[++i];
                    break;
                default:
                    System.err.println("unknown option " + a + "; see jmh/README.md");
                    System.exit(64);
                    return;
            }
        }
        jvmArgs.removeIf(String::isEmpty);

        int feature = featureVersion(jvm);
        List<String> prepend = new ArrayList<>();
        if (feature >= 22) {
            // JDK 24+ warns on System.load without it; JDK 17 knows the flag only for its incubator.
            prepend.add("--enable-native-access=ALL-UNNAMED");
        }
        prepend.addAll(jvmArgs);
        List<String> child = new ArrayList<>(List.of(heap == null ? "-Xms4g" : "-Xms" + heap,
                heap == null ? "-Xmx4g" : "-Xmx" + heap));
        child.addAll(jvmArgs);
        prepend.add("-D" + JdiBenchmark.CHILD_HEAP + "=" + String.join(" ", child));

        if (includes.isEmpty()) {
            includes.addAll(ALL);
        }
        String registry = RegistryBenchmark.class.getName();
        boolean wantRegistry = includes.stream().anyMatch(p -> Pattern.compile(p).matcher(registry).find());
        String registryNote = null;
        List<String> registryPrepend = new ArrayList<>(prepend);
        if (wantRegistry) {
            Path jar = ownJar();
            if (jar == null) {
                registryNote = "registry backend not measured: run from benchmarks.jar, the agent it needs";
            } else {
                // The registry sees only what codefind's agent instruments: benchmarks.jar is that agent.
                registryPrepend.add("-javaagent:" + jar);
                String probe = probeRegistry(jvm, registryPrepend);
                if (probe != null) {
                    registryNote = "registry backend not measured: " + probe;
                }
            }
            if (registryNote != null) {
                System.out.println(registryNote);
            }
        }

        // One JMH invocation for codefind's JVMTI queries and every baseline; the registry needs the
        // agent in its forks only, so it runs in a second one, and the results are merged.
        Path result = Path.of(out);
        Path registryResult = Path.of(out + ".registry.tmp");
        ChainedOptionsBuilder main = options(jvm, prepend, objects, warmup, iterations, timeMs, forks, smoke,
                heap, pauses, result);
        includes.forEach(main::include);
        main.exclude(Pattern.quote(registry));
        Files.deleteIfExists(result);
        try {
            new Runner(main.build()).run();
        } catch (NoBenchmarksException e) {
            System.out.println("(no benchmark but the registry's selected)");
        }
        if (wantRegistry && registryNote == null) {
            // Sub-millisecond calls whose JIT settles only after 5-8 s: warm up for 10 iterations.
            int registryWarmup = smoke ? warmup : Math.max(warmup, 10);
            ChainedOptionsBuilder second = options(jvm, registryPrepend, objects, registryWarmup, iterations,
                    timeMs, forks, smoke, heap, pauses, registryResult);
            second.include(Pattern.quote(registry));
            new Runner(second.build()).run();
            merge(result, registryResult);
        }
        System.out.println();
        if (smoke) {
            System.out.println("Smoke run: 100 ms iterations check that every benchmark works;"
                    + " its numbers are not measurements.");
        }
        Report.print(result, registryNote, System.out);
        if (smoke && !Report.complete(result, registryNote == null)) {
            throw new RunnerException("smoke run: some benchmarks have no result");
        }
    }

    private static ChainedOptionsBuilder options(String jvm, List<String> prepend, String objects, int warmup,
            int iterations, int timeMs, int forks, boolean smoke, String heap, boolean pauses, Path result) {
        ChainedOptionsBuilder options = new OptionsBuilder()
                .jvm(jvm)
                .jvmArgsPrepend(prepend.toArray(new String[0]))
                .param("objects", objects.split(","))
                .warmupIterations(warmup)
                .warmupTime(TimeValue.milliseconds(timeMs))
                .measurementIterations(iterations)
                .measurementTime(TimeValue.milliseconds(timeMs))
                .forks(forks)
                .timeUnit(TimeUnit.MILLISECONDS)
                .shouldFailOnError(smoke)
                .result(result.toString())
                .resultFormat(ResultFormatType.JSON);
        if (heap != null) {
            options.jvmArgs("-Xms" + heap, "-Xmx" + heap);
        }
        if (smoke) {
            options.param("size", "small"); // DiscoveryBenchmark's heap: its large one takes a while to build
        }
        if (pauses) {
            options.addProfiler(PauseProfiler.class);
            options.addProfiler(DebuggePauseProfiler.class);
        }
        return options;
    }

    /** Appends the second JSON array to the first file's, and deletes the second file. */
    private static void merge(Path into, Path from) throws IOException {
        if (!Files.exists(into) || Files.readString(into, StandardCharsets.UTF_8).isBlank()) {
            Files.move(from, into, StandardCopyOption.REPLACE_EXISTING);
            return;
        }
        String a = Files.readString(into, StandardCharsets.UTF_8).trim();
        String b = Files.readString(from, StandardCharsets.UTF_8).trim();
        String body = b.substring(1, b.length() - 1).trim();
        if (!body.isEmpty()) {
            String head = a.substring(0, a.length() - 1).trim();
            a = head + (head.endsWith("[") ? "\n" : ",\n") + body + "\n]";
        }
        Files.writeString(into, a + "\n", StandardCharsets.UTF_8);
        Files.delete(from);
    }

    /** @return the benchmarks jar this class runs from, or null when it runs from a directory */
    private static Path ownJar() {
        try {
            Path p = Path.of(Suite.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return Files.isRegularFile(p) ? p.toAbsolutePath() : null;
        } catch (URISyntaxException | RuntimeException e) {
            return null;
        }
    }

    /** @return the Java feature version of a JVM, such as 17 */
    private static int featureVersion(String jvm) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(jvm, "-XshowSettings:properties", "-version")
                .redirectErrorStream(true).start();
        String text = read(p.getInputStream());
        p.waitFor();
        Matcher m = Pattern.compile("java\\.specification\\.version = (\\d+)").matcher(text);
        if (!m.find()) {
            throw new IOException("cannot tell the version of " + jvm + ":\n" + text);
        }
        return Integer.parseInt(m.group(1));
    }

    /** @return null if the registry backend installs with these options, otherwise why not */
    private static String probeRegistry(String jvm, List<String> prepend) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(jvm);
        command.addAll(prepend);
        command.add("-Dcodefind.heap=registry");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(RegistryProbe.class.getName());
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String text = read(p.getInputStream()).trim();
        int exit = p.waitFor();
        if (exit == 0) {
            return null;
        }
        String verdict = "exit " + exit + ": " + text;
        for (String line : text.split("\n")) {
            if (line.startsWith(RegistryProbe.PREFIX)) {
                verdict = line.substring(RegistryProbe.PREFIX.length());
            }
        }
        return verdict;
    }

    private static String read(InputStream in) throws IOException {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
