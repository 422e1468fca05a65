package io.github.codefind.spring;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.codefind.spring.testing.SpringBuild;
import io.github.codefind.testing.ChildJvm;
import io.github.codefind.spring.testing.DemoApp;
import io.github.codefind.spring.testing.Http;
import io.github.codefind.testing.Javac;
import io.github.codefind.testing.Jdk;
import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * The benchmark harness: time from an edit to the new behaviour being served over HTTP, for the same
 * application, in the same run, under codefind (a class file written, as an IDE or {@code mvn compile}
 * writes it; and a source file saved) and under Spring Boot DevTools (a class file written; its default
 * settings, and its fastest sensible settings). Each edit changes the string a handler returns; the clock
 * starts just before the file is written and stops at the first response with the new string.
 *
 * <p>Runs only with {@code -Dcodefind.spring.benchmark=true} (about two minutes):
 * {@code mvn -pl integrations/spring verify -Dcodefind.spring.benchmark=true -Dit.test=EditToResponseBenchmarkIT}.
 * Results go to standard output and to {@code target/edit-to-response.md}.
 */
@EnabledIfSystemProperty(named = "codefind.spring.benchmark", matches = "true")
class EditToResponseBenchmarkIT {
    private static final int WARMUP = 2;
    private static final int MEASURED = Integer.getInteger("codefind.spring.benchmark.edits", 10);
    private static final String ONLY = System.getProperty("codefind.spring.benchmark.only", "");
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String FILE = "demo/app/BodyController.java";

    @TempDir
    Path root;

    /** One way of running the application and applying an edit. */
    private interface Setup {
        ChildJvm.Running start(Path project, Path classes, int port) throws IOException;

        void edit(Path project, Path classes, int version) throws IOException;
    }

    private record Result(String name, long startupMillis, List<Double> millis) {
        double median() {
            double[] sorted = millis.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            return sorted.length % 2 == 1 ? sorted[sorted.length / 2]
                    : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
        }

        double min() {
            return millis.stream().mapToDouble(Double::doubleValue).min().orElse(0);
        }

        double max() {
            return millis.stream().mapToDouble(Double::doubleValue).max().orElse(0);
        }
    }

    private static String source(int version) {
        return DemoApp.edit(FILE, "\"body v1 #\"", "\"body v" + version + " #\"");
    }

    private static final Map<Integer, Map<String, byte[]>> COMPILED = new LinkedHashMap<>();

    private static synchronized Map<String, byte[]> classFiles(int version) {
        return COMPILED.computeIfAbsent(version, v -> Javac.compile(Map.of(FILE, source(v)), List.of()));
    }

    private static final Setup CODEFIND_CLASSES = new Setup() {
        @Override
        public ChildJvm.Running start(Path project, Path classes, int port) {
            return launchCodefind(classes, port, "--classes", classes.toString());
        }

        @Override
        public void edit(Path project, Path classes, int version) {
            Javac.write(classFiles(version), classes);
        }
    };

    private static final Setup CODEFIND_SOURCES = new Setup() {
        @Override
        public ChildJvm.Running start(Path project, Path classes, int port) {
            return launchCodefind(classes, port, "--watch", project.resolve("src").toString());
        }

        @Override
        public void edit(Path project, Path classes, int version) throws IOException {
            Files.writeString(project.resolve("src").resolve(FILE), source(version));
        }
    };

    private static Setup devTools(String... settings) {
        return new Setup() {
            @Override
            public ChildJvm.Running start(Path project, Path classes, int port) {
                String classPath = classes + File.pathSeparator + SpringBuild.springClassPath() + File.pathSeparator
                        + System.getProperty("codefind.spring.devtools");
                List<String> args = new ArrayList<>(List.of("--server.port=" + port, "--server.address=127.0.0.1",
                        "--spring.devtools.livereload.enabled=false"));
                args.addAll(DemoApp.ARGS);
                args.addAll(Arrays.asList(settings));
                return ChildJvm.on(Jdk.current()).classPath(classPath).timeout(WAIT)
                        .start(DemoApp.MAIN, args.toArray(new String[0]));
            }

            @Override
            public void edit(Path project, Path classes, int version) {
                Javac.write(classFiles(version), classes);
            }
        };
    }

    private static ChildJvm.Running launchCodefind(Path classes, int port, String... watch) {
        List<String> args = new ArrayList<>(List.of("run", "-v"));
        args.addAll(Arrays.asList(watch));
        args.addAll(List.of("-cp", classes + File.pathSeparator + SpringBuild.moduleClasses() + File.pathSeparator
                + SpringBuild.springClassPath(), DemoApp.MAIN, "--server.port=" + port, "--server.address=127.0.0.1"));
        args.addAll(DemoApp.ARGS);
        List<String> jvm = new ArrayList<>();
        if (Jdk.current().feature() >= 22) {
            jvm.add("--enable-native-access=ALL-UNNAMED");
        }
        return ChildJvm.on(Jdk.current()).jvmArgs(jvm).timeout(WAIT)
                .startJar(ChildJvm.codefindJar(), args.toArray(new String[0]));
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private Result measure(String name, Setup setup) throws IOException, InterruptedException {
        if (!name.contains(ONLY)) {
            return new Result(name + " (skipped)", 0, List.of(Double.NaN));
        }
        Path project = Files.createDirectories(root.resolve(name.replaceAll("[^a-z]+", "-")));
        Path classes = DemoApp.writeProject(project);
        int port = freePort();
        long launched = System.nanoTime();
        ChildJvm.Running child = setup.start(project, classes, port);
        try (child) {
            Http http = new Http(port);
            http.await("/body", r -> r.status() == 200, WAIT);
            long startup = (System.nanoTime() - launched) / 1_000_000;
            List<Double> millis = new ArrayList<>();
            for (int i = 0; i < WARMUP + MEASURED; i++) {
                int version = i + 2;
                classFiles(version);   // compiled before the clock starts: the edit is only the write
                Thread.sleep(1100);   // DevTools compares modification times: one edit per second at most
                long t0 = System.nanoTime();
                setup.edit(project, classes, version);
                List<String> polls = new ArrayList<>();
                http.await("/body", r -> {
                    polls.add(String.format(Locale.ROOT, "%.0f", (System.nanoTime() - t0) / 1e6));
                    return r.body().startsWith("body v" + version + " #");
                }, WAIT);
                double ms = (System.nanoTime() - t0) / 1e6;
                if (Boolean.getBoolean("codefind.spring.benchmark.trace")) {
                    System.out.println(name + " edit " + version + ": " + polls.size() + " polls at " + polls);
                }
                if (i >= WARMUP) {
                    millis.add(ms);
                }
            }
            Path log = Path.of(System.getProperty("codefind.spring.results", "target/edit-to-response.md"))
                    .resolveSibling("edit-to-response-" + project.getFileName() + ".log");
            Files.writeString(log, child.allOutput());
            return new Result(name, startup, millis);
        } catch (AssertionError e) {
            throw new AssertionError(name + ": " + e.getMessage() + "\noutput:\n" + child.allOutput(), e);
        }
    }

    @Test
    void editToResponse() throws IOException, InterruptedException {
        List<Result> results = new ArrayList<>();
        results.add(measure("codefind, class file written (--classes)", CODEFIND_CLASSES));
        results.add(measure("codefind, source file saved (--watch, compiled in-process)", CODEFIND_SOURCES));
        results.add(measure("DevTools restart, class file written (defaults: poll 1 s, quiet 400 ms)", devTools()));
        results.add(measure("DevTools restart, class file written (poll 100 ms, quiet 50 ms)",
                devTools("--spring.devtools.restart.poll-interval=100ms",
                        "--spring.devtools.restart.quiet-period=50ms")));
        StringBuilder table = new StringBuilder();
        table.append(String.format(Locale.ROOT, "JDK %s, %d cores; %d edits each after %d warm-up edits%n%n",
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(), MEASURED, WARMUP));
        table.append("| setup | start-up to first response (ms) | edit to new response, median (ms) | min | max |\n");
        table.append("|---|---|---|---|---|\n");
        for (Result r : results) {
            table.append(String.format(Locale.ROOT, "| %s | %d | %.0f | %.0f | %.0f |%n", r.name(), r.startupMillis(),
                    r.median(), r.min(), r.max()));
        }
        double classes = results.get(0).median();
        table.append(String.format(Locale.ROOT, "%ncodefind (class file) vs DevTools defaults: %.1fx faster; vs tuned"
                + " DevTools: %.1fx; codefind (source) vs DevTools defaults: %.1fx%n",
                results.get(2).median() / classes, results.get(3).median() / classes,
                results.get(2).median() / results.get(1).median()));
        String report = table.toString();
        System.out.println(report);
        Files.writeString(Path.of(System.getProperty("codefind.spring.results", "target/edit-to-response.md")), report);
        assertTrue(results.stream().allMatch(r -> r.millis().size() == MEASURED || r.name().endsWith("(skipped)")));
    }
}
