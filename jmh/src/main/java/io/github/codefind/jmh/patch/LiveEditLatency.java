package io.github.codefind.jmh.patch;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A harness that runs like a benchmark: save-to-applied latency of a one-method edit under
 * {@code java -jar codefind.jar run}, on a warm JVM, against a full restart of the same program (javac,
 * then a new JVM, until it prints the same output), in the same run. {@code --startup-ms} makes the
 * program build state for that long before its first output, as a server or a game does: a restart
 * pays it again, a live edit does not.
 *
 * <pre>java -cp jmh/target/benchmarks.jar io.github.codefind.jmh.patch.LiveEditLatency \
 *     --jar codefind/target/codefind-0.1.0-SNAPSHOT.jar [--edits 40] [--restarts 8] [--startup-ms 1000]</pre>
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
            "    static String value() { return \"VALUE\"; }",
            "}",
            "");

    private LiveEditLatency() {
    }

    /**
     * @param args {@code --jar <codefind jar>}, optionally {@code --edits N}, {@code --restarts N},
     *     {@code --startup-ms N}
     * @throws Exception if the program cannot be run
     */
    public static void main(String[] args) throws Exception {
        Path jar = null;
        int edits = 40;
        int restarts = 8;
        long startupMs = 0;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--jar" -> jar = Path.of(args[++i]);
                case "--edits" -> edits = Integer.parseInt(args[++i]);
                case "--restarts" -> restarts = Integer.parseInt(args[++i]);
                case "--startup-ms" -> startupMs = Long.parseLong(args[++i]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        if (jar == null) {
            throw new IllegalArgumentException("--jar <codefind jar> is required");
        }
        Path project = Files.createTempDirectory("codefind-latency");
        Path source = project.resolve("src/live/Main.java");
        Path classes = project.resolve("classes");
        Files.createDirectories(source.getParent());
        Files.writeString(source, MAIN.replace("VALUE", "v0"));
        compileTo(classes, "v0");

        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<Double> live = new ArrayList<>();
        Process p = new ProcessBuilder(java, "-jar", jar.toString(), "run", "--watch", project.resolve("src").toString(),
                "-cp", classes.toString(), "live.Main", String.valueOf(startupMs)).redirectErrorStream(true).start();
        BlockingQueue<String> lines = reader(p);
        try {
            await(lines, "value v0");
            int warmup = 10;
            for (int i = 1; i <= warmup + edits; i++) {
                Thread.sleep(150);
                Files.writeString(source, MAIN.replace("VALUE", "v" + i));
                long t0 = System.nanoTime();
                await(lines, "value v" + i);
                if (i > warmup) {
                    live.add((System.nanoTime() - t0) / 1e6);
                }
            }
        } finally {
            p.destroyForcibly().waitFor();
        }

        List<Double> restart = new ArrayList<>();
        List<Double> jvmOnly = new ArrayList<>();
        for (int i = 0; i < restarts; i++) {
            long t0 = System.nanoTime();
            compileTo(classes, "r" + i);
            long compiled = System.nanoTime();
            Process q = new ProcessBuilder(java, "-cp", classes.toString(), "live.Main", String.valueOf(startupMs)).redirectErrorStream(true).start();
            try {
                await(reader(q), "value r" + i);
            } finally {
                q.destroyForcibly().waitFor();
            }
            long end = System.nanoTime();
            restart.add((end - t0) / 1e6);
            jvmOnly.add((end - compiled) / 1e6);
        }
        double p50 = percentile(live, 50);
        System.out.printf(Locale.ROOT, "save-to-applied (warm, %d edits): p50 %.1f ms, p95 %.1f ms, max %.1f ms%n",
                live.size(), p50, percentile(live, 95), Collections.max(live));
        System.out.printf(Locale.ROOT, "restart (javac + new JVM to the same output, %d runs): p50 %.1f ms;"
                + " new JVM alone: p50 %.1f ms%n", restart.size(), percentile(restart, 50), percentile(jvmOnly, 50));
        System.out.printf(Locale.ROOT, "ratio restart / live: %.1fx (JVM alone / live: %.1fx)%n",
                percentile(restart, 50) / p50, percentile(jvmOnly, 50) / p50);
    }

    private static void compileTo(Path classes, String value) throws IOException {
        Map<String, byte[]> compiled = InMemoryJavac.compile(Map.of("live/Main.java", MAIN.replace("VALUE", value)),
                System.getProperty("java.class.path"));
        for (Map.Entry<String, byte[]> c : compiled.entrySet()) {
            Path f = classes.resolve(c.getKey() + ".class");
            Files.createDirectories(f.getParent());
            Files.write(f, c.getValue());
        }
    }

    private static BlockingQueue<String> reader(Process p) {
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread t = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String l = in.readLine(); l != null; l = in.readLine()) {
                    lines.add(l);
                }
            } catch (IOException e) {
                lines.add("<unreadable: " + e + ">");
            }
        });
        t.setDaemon(true);
        t.start();
        return lines;
    }

    private static void await(BlockingQueue<String> lines, String expected) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        List<String> seen = new ArrayList<>();
        while (System.nanoTime() < deadline) {
            String l = lines.poll(10, TimeUnit.MILLISECONDS);
            if (l != null) {
                if (l.equals(expected)) {
                    return;
                }
                seen.add(l);
            }
        }
        throw new IllegalStateException("no '" + expected + "' within 30 s; saw " + seen);
    }

    private static double percentile(List<Double> values, int p) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1)));
    }
}
