package io.github.codefind.jmh.patch;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A harness that runs like a benchmark: save-to-new-output latency of edits under {@code java -jar
 * codefind.jar run -v --watch src}, against an edit-compile-restart loop as a user runs it ({@code javac}
 * as a command, then a new JVM until the program prints the new output), interleaved in one run.
 *
 * <ul>
 * <li><b>Later saves</b>: one long-running program takes 10 warm-up edits, then, in each round and in
 *     a shuffled order, a body edit, a structural edit (a method with a lambda added, the previous one
 *     removed) and a restart. The restart edits a copy of the project, so that the live program does
 *     not see it.</li>
 * <li><b>First saves</b>: in fresh programs, after codefind says its background warm-up is over, the
 *     first save, a body edit in some and a structural edit in others.</li>
 * </ul>
 * {@code --startup-ms} makes the program build state for that long before its first output, as a server
 * or a game does: a restart pays it again, a live edit does not. The phases are read off the runner's
 * {@code -v} lines.
 *
 * <pre>java -cp jmh/target/benchmarks.jar io.github.codefind.jmh.patch.LiveEditLatency \
 *     --jar codefind/target/codefind-0.1.0-SNAPSHOT.jar [--rounds 20] [--fresh 3] [--startup-ms 0]</pre>
 */
public final class LiveEditLatency {
    private static final String MAIN = String.join("\n",
            "package live;",
            "public class Main {",
            "    public static void main(String[] args) throws Exception {",
            "        long state = 0, until = System.nanoTime() + Long.parseLong(args[0]) * 1_000_000L;",
            "        while (System.nanoTime() < until) { state += Long.numberOfTrailingZeros(state * 31 + 7); }",
            "        System.out.println(\"state built \" + (state > 0));",
            "        String last = null;",
            "        while (true) {",
            "            String v = value();",
            "            if (!v.equals(last)) { System.out.println(\"value \" + v); last = v; }",
            "            Thread.sleep(1);",
            "        }",
            "    }",
            "    static String value() { return VALUE; }",
            "    HELPER",
            "}",
            "");
    private static final Pattern PHASE = Pattern.compile("(compile|diff|redefine|discover|conform|listeners) (\\d+) ms");
    /** Seconds to wait for a line before the run fails. */
    private static final long WAIT_SECONDS = 60;

    private final Path jar;
    private final String java;
    private final String javac;
    private final long startupMs;
    private final Map<String, List<Double>> phases = new LinkedHashMap<>();

    private LiveEditLatency(Path jar, long startupMs) {
        this.jar = jar;
        this.startupMs = startupMs;
        Path bin = Path.of(System.getProperty("java.home"), "bin");
        this.java = bin.resolve("java").toString();
        this.javac = bin.resolve("javac").toString();
    }

    /**
     * @param args {@code --jar <codefind jar>}, optionally {@code --rounds N}, {@code --fresh N},
     *     {@code --startup-ms N}
     * @throws Exception if the program cannot be run
     */
    public static void main(String[] args) throws Exception {
        Path jar = null;
        int rounds = 20;
        int fresh = 3;
        long startupMs = 0;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--jar" -> jar = Path.of(args[++i]);
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                case "--fresh" -> fresh = Integer.parseInt(args[++i]);
                case "--startup-ms" -> startupMs = Long.parseLong(args[++i]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        if (jar == null) {
            throw new IllegalArgumentException("--jar <codefind jar> is required");
        }
        new LiveEditLatency(jar, startupMs).run(rounds, fresh);
    }

    private void run(int rounds, int fresh) throws Exception {
        Path live = project("live");
        Path restarted = project("restart");
        List<Double> body = new ArrayList<>();
        List<Double> structural = new ArrayList<>();
        List<Double> restart = new ArrayList<>();
        List<Double> jvmOnly = new ArrayList<>();
        int[] version = {0};
        Running program = start(live);
        try {
            for (int i = 0; i < 10; i++) {
                edit(program, live, ++version[0], i % 2 == 1);
            }
            phases.clear();
            Random random = new Random(42);
            List<String> order = new ArrayList<>(List.of("body", "structural", "restart"));
            for (int r = 0; r < rounds; r++) {
                Collections.shuffle(order, random);
                for (String what : order) {
                    switch (what) {
                        case "body" -> body.add(edit(program, live, ++version[0], false));
                        case "structural" -> structural.add(edit(program, live, ++version[0], true));
                        default -> {
                            double[] t = restart(restarted, ++version[0]);
                            restart.add(t[0]);
                            jvmOnly.add(t[1]);
                        }
                    }
                }
            }
        } finally {
            program.stop();
        }
        Map<String, List<Double>> later = new LinkedHashMap<>(phases);
        List<Double> firstBody = new ArrayList<>();
        List<Double> firstStructural = new ArrayList<>();
        for (int i = 0; i < fresh; i++) {
            for (boolean structuralEdit : new boolean[] {false, true}) {
                Path project = project("fresh");
                Running first = start(project);
                try {
                    first.await("warmed up in");
                    Thread.sleep(200);
                    (structuralEdit ? firstStructural : firstBody).add(edit(first, project, 1, structuralEdit));
                } finally {
                    first.stop();
                }
            }
        }

        System.out.printf(Locale.ROOT, "program start-up: %d ms; %d rounds; load: %s%n", startupMs, rounds,
                Files.readString(Path.of("/proc/loadavg")).trim());
        line("body edit, save to new output", body);
        line("structural edit, save to new output", structural);
        line("restart: javac, then a new JVM to the new output", restart);
        line("  of which the new JVM", jvmOnly);
        line("first save after start, body edit", firstBody);
        line("first save after start, structural edit", firstStructural);
        later.forEach((phase, ms) -> System.out.printf(Locale.ROOT, "  phase %-9s p50 %6.1f ms%n", phase,
                percentile(ms, 50)));
        System.out.printf(Locale.ROOT, "ratio restart / body edit: %.1fx; restart / structural edit: %.1fx%n",
                percentile(restart, 50) / percentile(body, 50), percentile(restart, 50) / percentile(structural, 50));
        System.out.printf(Locale.ROOT, "ratio first / later save: body %.2fx, structural %.2fx (goal: 2x or less)%n",
                percentile(firstBody, 50) / percentile(body, 50),
                percentile(firstStructural, 50) / percentile(structural, 50));
    }

    /** A project folder with the program's source at version 0, compiled by javac. */
    private Path project(String name) throws IOException, InterruptedException {
        Path project = Files.createTempDirectory("codefind-latency-" + name);
        Files.createDirectories(project.resolve("src/live"));
        Files.writeString(source(project), source(0, false));
        compile(project);
        return project;
    }

    private static Path source(Path project) {
        return project.resolve("src/live/Main.java");
    }

    /** The program's source: a body edit changes the value; a structural one moves it into a new method. */
    private static String source(int version, boolean structural) {
        return structural
                ? MAIN.replace("VALUE", "helper" + version + "()").replace("HELPER", "static String helper" + version
                        + "() { java.util.function.Supplier<String> s = () -> \"v" + version + "\"; return s.get(); }")
                : MAIN.replace("VALUE", "\"v" + version + "\"").replace("HELPER", "");
    }

    private Running start(Path project) throws IOException, InterruptedException {
        Running r = new Running(new ProcessBuilder(java, "-jar", jar.toString(), "run", "-v", "--watch",
                project.resolve("src").toString(), "-cp", project.resolve("classes").toString(), "live.Main",
                String.valueOf(startupMs)).redirectErrorStream(true).start());
        r.await("value v0");
        return r;
    }

    /** Saves a version and returns the milliseconds until the program prints it. */
    private double edit(Running program, Path project, int version, boolean structural) throws Exception {
        Thread.sleep(150);
        long t0 = System.nanoTime();
        Files.writeString(source(project), source(version, structural));
        program.await("value v" + version);
        double ms = (System.nanoTime() - t0) / 1e6;
        for (String l : program.seen) {
            Matcher m = PHASE.matcher(l.contains("| applied in") ? l : "");
            while (m.find()) {
                phases.computeIfAbsent(m.group(1), k -> new ArrayList<>()).add(Double.parseDouble(m.group(2)));
            }
        }
        program.seen.clear();
        return ms;
    }

    /** An edit-compile-restart: returns the total and the new JVM's part, in ms. */
    private double[] restart(Path project, int version) throws Exception {
        long t0 = System.nanoTime();
        Files.writeString(source(project), source(version, false));
        compile(project);
        long compiled = System.nanoTime();
        Running q = new Running(new ProcessBuilder(java, "-cp", project.resolve("classes").toString(), "live.Main",
                String.valueOf(startupMs)).redirectErrorStream(true).start());
        try {
            q.await("value v" + version);
        } finally {
            q.stop();
        }
        long end = System.nanoTime();
        return new double[] {(end - t0) / 1e6, (end - compiled) / 1e6};
    }

    /** Runs javac as a user does: a command, on the project's source. */
    private void compile(Path project) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(javac, "-d", project.resolve("classes").toString(), source(project).toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException("javac failed: " + out);
        }
    }

    private static void line(String what, List<Double> ms) {
        System.out.printf(Locale.ROOT, "%-52s n=%3d  p50 %7.1f ms  p95 %7.1f ms  max %7.1f ms%n", what, ms.size(),
                percentile(ms, 50), percentile(ms, 95), Collections.max(ms));
    }

    private static double percentile(List<Double> values, int p) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1)));
    }

    /** A child JVM and the lines it printed. */
    private static final class Running {
        private final Process process;
        private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        /** The lines read by {@link #await} before the one awaited, since the last edit. */
        final List<String> seen = new ArrayList<>();

        Running(Process process) {
            this.process = process;
            Thread t = new Thread(() -> {
                try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                        StandardCharsets.UTF_8))) {
                    for (String l = in.readLine(); l != null; l = in.readLine()) {
                        lines.add(l);
                    }
                } catch (IOException e) {
                    lines.add("<unreadable: " + e + ">");
                }
            });
            t.setDaemon(true);
            t.start();
        }

        /** Waits for a line that starts with a text; the lines before it are kept in {@link #seen}. */
        String await(String start) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
            while (System.nanoTime() < deadline) {
                String l = lines.poll(10, TimeUnit.MILLISECONDS);
                if (l != null) {
                    if (l.startsWith(start) || l.startsWith("[codefind] " + start)) {
                        return l;
                    }
                    seen.add(l);
                }
            }
            throw new IllegalStateException("no '" + start + "' within " + WAIT_SECONDS + " s; saw " + seen);
        }

        void stop() throws InterruptedException {
            process.destroyForcibly().waitFor();
        }
    }
}
