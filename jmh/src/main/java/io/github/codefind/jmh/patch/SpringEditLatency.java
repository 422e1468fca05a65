package io.github.codefind.jmh.patch;

import io.github.codefind.demo.spring.testing.Clinic;
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
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A harness that runs like a benchmark: save to new HTTP response on demo-spring's clinic (Spring MVC, JPA on H2,
 * Thymeleaf, 100+ jars), for codefind's runner ((a) a source file saved, (b) class files written into a watched
 * class folder) and Spring Boot DevTools' restart ((c) defaults, (d) poll 100 ms, quiet period 50 ms). All four
 * clinics run at once; each round edits each in turn (round-robin), so that load from elsewhere falls on all of
 * them alike. An edit changes the text {@code GET /api/owners/1/summary} answers; the clock starts just before
 * the file is written (class files are compiled before) and stops at the first response with the new text,
 * polled every 5 ms.
 *
 * <pre>java -cp jmh/target/benchmarks.jar io.github.codefind.jmh.patch.SpringEditLatency [--edits 10] [--warmup 3]</pre>
 *
 * <p>The clinics run in child JVMs through the tests' helpers ({@code ChildJvm}, {@code Http}, {@code Javac},
 * {@code Clinic}), shaded into benchmarks.jar.
 *
 * from the repository root, after {@code mvn -B -q package -DskipTests -pl demo-spring,jmh -am}. See jmh/README.md.
 */
public final class SpringEditLatency {
    private static final Duration START = Duration.ofMinutes(5);
    private static final Duration EDIT = Duration.ofSeconds(60);
    private static final String FILE = "owner/OwnerApiController.java";
    private static final String PATH = "/api/owners/1/summary";

    private SpringEditLatency() {
    }

    /**
     * @param args see jmh/README.md
     * @throws Exception if a clinic does not start or an edit is not served in time
     */
    public static void main(String[] args) throws Exception {
        Options o = Options.parse(args);
        System.setProperty("codefind.jar", o.jar.toString());
        Clinic clinic = Clinic.inModule(o.module);
        Path devtools = o.module.resolve("target/devtools/spring-boot-devtools.jar");
        List<Path> compileClassPath = new ArrayList<>(List.of(clinic.classes()));
        Arrays.stream(clinic.runtimeClassPath().split(File.pathSeparator)).map(Path::of).forEach(compileClassPath::add);
        String loadBefore = Files.readString(Path.of("/proc/loadavg")).trim();
        Path work = Files.createTempDirectory("codefind-spring-latency");
        Map<SpringSetup, SpringSetup.Running> running = new EnumMap<>(SpringSetup.class);
        Map<SpringSetup, Http> http = new EnumMap<>(SpringSetup.class);
        Map<SpringSetup, List<Double>> millis = new EnumMap<>(SpringSetup.class);
        Map<SpringSetup, Boolean> kept = new EnumMap<>(SpringSetup.class);
        Map<SpringSetup, String> created = new EnumMap<>(SpringSetup.class);
        // Ctrl-C, or a kill, ends the clinics too: they are not this JVM's threads.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> running.values().forEach(r -> r.child().close())));
        try {
            long launched = System.nanoTime();
            // One after the other: four Spring start-ups at once on two shared cores only slow each other down.
            for (SpringSetup s : o.setups) {
                int port = freePort();
                running.put(s, s.start(clinic, o.jdk, devtools, o.settle, work.resolve(s.letter()), port));
                http.put(s, new Http(port));
                millis.put(s, new ArrayList<>());
                http.get(s).await(PATH, r -> r.body().contains(" has "), START);
                // State the application holds, to see at the end whether the edits kept it.
                String owner = http.get(s).post("/api/owners", "application/json", "{\"firstName\":\"Ada\",\"lastName\":"
                        + "\"Lovelace\",\"address\":\"12 St James's Sq.\",\"city\":\"London\",\"telephone\":\"0201234567\"}")
                        .body();
                created.put(s, owner.substring("{\"id\":".length(), owner.indexOf(',')));
            }
            System.out.printf(Locale.ROOT, "%d clinics serving after %.1f s; %d warm-up and %d measured edits each%n",
                    o.setups.size(), (System.nanoTime() - launched) / 1e9, o.warmup, o.edits);
            for (int version = 1; version <= o.warmup + o.edits; version++) {
                String marker = "(edit " + version + ")";
                String source = Clinic.edited(clinic.sources(), FILE, "\" has \"", "\" has " + marker + " \"");
                Map<String, byte[]> classes = Javac.compile(Map.of(Clinic.PACKAGE + FILE, source), compileClassPath);
                for (SpringSetup s : o.setups) {
                    // What the previous edit set off (a restart's tail, JIT, GC) settles before the clock starts.
                    Thread.sleep(o.gapMs);
                    long t0 = System.nanoTime();
                    s.edit(running.get(s), Clinic.PACKAGE + FILE, source, classes);
                    http.get(s).await(PATH, r -> r.body().contains(marker), EDIT);
                    double ms = (System.nanoTime() - t0) / 1e6;
                    if (version > o.warmup) {
                        millis.get(s).add(ms);
                    }
                    System.out.printf(Locale.ROOT, "edit %d, (%s): %.0f ms%s%n", version, s.letter(), ms,
                            version > o.warmup ? "" : " (warm-up)");
                }
            }
            for (SpringSetup s : o.setups) {
                kept.put(s, http.get(s).get("/api/owners/" + created.get(s)).status() == 200);
            }
        } finally {
            for (Map.Entry<SpringSetup, SpringSetup.Running> r : running.entrySet()) {
                Files.writeString(work.resolve(r.getKey().letter()).resolve("child.log"), r.getValue().child().allOutput());
                r.getValue().child().close();
            }
        }
        String report = report(o, millis, kept, loadBefore, Files.readString(Path.of("/proc/loadavg")).trim())
                + "\nchild logs: " + work + "/" + (o.setups.size() == 1 ? o.setups.get(0).letter()
                        : "{" + String.join(",", o.setups.stream().map(SpringSetup::letter).toList()) + "}")
                + "/child.log\n";
        System.out.print(report);
        if (o.out != null) {
            Files.writeString(o.out, report);
        }
    }

    private static String report(Options o, Map<SpringSetup, List<Double>> millis, Map<SpringSetup, Boolean> kept,
            String loadBefore, String loadAfter) {
        StringBuilder t = new StringBuilder();
        t.append(String.format(Locale.ROOT, "%nJDK %s (children: JDK %d), %d cores, load average before %s, after %s%n",
                System.getProperty("java.version"), o.jdk.feature(), Runtime.getRuntime().availableProcessors(),
                load(loadBefore), load(loadAfter)));
        t.append(String.format(Locale.ROOT, "%d edits per setup after %d warm-up edits, round-robin%n%n", o.edits,
                o.warmup));
        t.append("| setup | save to new response, p50 (ms) | min | max | owner created before the edits kept |\n");
        t.append("|---|---|---|---|---|\n");
        for (SpringSetup s : o.setups) {
            List<Double> m = millis.get(s);
            t.append(String.format(Locale.ROOT, "| (%s) %s | %.0f | %.0f | %.0f | %s |%n", s.letter(), s.title(),
                    p50(m), Collections.min(m), Collections.max(m), kept.get(s) ? "yes" : "no"));
        }
        t.append('\n');
        Double a = median(millis, SpringSetup.CODEFIND_SOURCE);
        Double b = median(millis, SpringSetup.CODEFIND_CLASSES);
        Double c = median(millis, SpringSetup.DEVTOOLS);
        Double d = median(millis, SpringSetup.DEVTOOLS_TUNED);
        if (a != null) {
            goal(t, "(a) p50 <= 150 ms", "%.0f ms", a, a <= 150);
        }
        if (a != null && c != null) {
            goal(t, "(a) >= 10x faster than DevTools defaults", "%.1fx", c / a, c / a >= 10);
        }
        if (a != null && d != null) {
            goal(t, "(a) >= 3x faster than DevTools tuned", "%.1fx", d / a, d / a >= 3);
        }
        if (b != null) {
            goal(t, "(b) p50 <= 80 ms", "%.0f ms", b, b <= 80);
        }
        if (b != null && c != null) {
            goal(t, "(b) faster than DevTools defaults", "%.1fx", c / b, null);
        }
        if (b != null && d != null) {
            goal(t, "(b) faster than DevTools tuned", "%.1fx", d / b, null);
        }
        return t.toString();
    }

    private static void goal(StringBuilder t, String goal, String format, double value, Boolean met) {
        t.append(String.format(Locale.ROOT, "%-42s " + format + "%s%n", goal + ":", value,
                met == null ? "" : met ? "  met" : "  NOT met"));
    }

    // The 1, 5 and 15 minute load averages of a /proc/loadavg line.
    private static String load(String loadavg) {
        return String.join(" ", Arrays.asList(loadavg.split(" ")).subList(0, 3));
    }

    private static Double median(Map<SpringSetup, List<Double>> millis, SpringSetup s) {
        return millis.containsKey(s) ? p50(millis.get(s)) : null;
    }

    private static double p50(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static int freePort() throws IOException {
        // Fixed per clinic, not 0: a DevTools restart must come back on the port the harness polls.
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** The command line. */
    private static final class Options {
        Path module = Path.of("demo-spring");
        Path jar = Path.of("codefind/target/codefind-0.1.0-SNAPSHOT.jar");
        Jdk jdk = Jdk.current();
        int edits = 10;
        int warmup = 3;
        long gapMs = 500;
        Integer settle;
        Path out;
        List<SpringSetup> setups = Arrays.asList(SpringSetup.values());

        static Options parse(String[] args) {
            Options o = new Options();
            for (int i = 0; i < args.length; i++) {
                String v = i + 1 < args.length ? args[i + 1] : null;
                switch (args[i]) {
                    case "--module" -> o.module = Path.of(v);
                    case "--jar" -> o.jar = Path.of(v);
                    case "--jdk" -> o.jdk = Jdk.all().stream().filter(j -> j.feature() == Integer.parseInt(v)).findFirst()
                            .orElseThrow(() -> new IllegalArgumentException("no JDK " + v + " in " + Jdk.all()));
                    case "--edits" -> o.edits = Integer.parseInt(v);
                    case "--warmup" -> o.warmup = Integer.parseInt(v);
                    case "--gap-ms" -> o.gapMs = Long.parseLong(v);
                    case "--settle" -> o.settle = Integer.valueOf(v);
                    case "--out" -> o.out = Path.of(v);
                    case "--only" -> o.setups = Arrays.stream(v.split(","))
                            .map(l -> Arrays.stream(SpringSetup.values()).filter(s -> s.letter().equals(l)).findFirst()
                                    .orElseThrow(() -> new IllegalArgumentException("no setup " + l)))
                            .toList();
                    default -> throw new IllegalArgumentException("unknown argument " + args[i]);
                }
                i++;
            }
            if (o.edits < 1) {
                throw new IllegalArgumentException("--edits must be at least 1");
            }
            return o;
        }
    }
}
