package io.github.codefind.jmh.startup;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
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
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * A harness that runs like a benchmark: what codefind adds to the start of a program that never patches,
 * a hello world, run as plain {@code java -cp <dir> Hello}, under {@code -javaagent:codefind.jar}, under
 * {@code java -jar codefind.jar run -cp <dir> Hello}, and the same two watching a source folder. The
 * commands run interleaved, in a new random order each round, so that the load of a shared machine
 * falls on all of them alike. Each reports its median wall time and median CPU time (user + system of the
 * child JVM and its threads, from the shell's {@code times}: getrusage of the waited-for child), their
 * ratios to plain {@code java}, and the classes loaded before {@code Hello} ({@code -Xlog:class+load}, one
 * more run each, not timed).
 *
 * <p>Two reference rows. {@code -javaagent:empty.jar} is an agent whose {@code premain} does nothing: what
 * the JVM itself charges for {@code -javaagent} (it turns off CDS's archived module graph, since the
 * option adds {@code java.instrument} to the root modules), which no agent can go below.
 * {@code java -jar empty.jar <dir> Hello} is what {@code run} cannot do without: an executable jar whose
 * {@code Launcher-Agent-Class} does nothing and whose main runs {@code Hello} from its own class loader.
 *
 * <pre>java -cp jmh/target/benchmarks.jar io.github.codefind.jmh.startup.StartupCost \
 *     --jar codefind/target/codefind-0.1.0-SNAPSHOT.jar [--java /path/to/bin/java] [--rounds 30] [--registry]</pre>
 *
 * <p>{@code --registry} adds {@code -javaagent:codefind.jar=heap=registry}, whose class-file hook reads
 * every class the program loads from the first one.
 *
 * <p>Linux only: it needs {@code bash}'s {@code EPOCHREALTIME} and {@code times}.
 */
public final class StartupCost {
    private static final String HELLO = "public class Hello { public static void main(String[] args) {"
            + " System.out.println(\"hello\"); } }\n";
    private static final String EMPTY_AGENT = "public class EmptyAgent {"
            + " public static void premain(String args, java.lang.instrument.Instrumentation i) { }"
            + " public static void agentmain(String args, java.lang.instrument.Instrumentation i) { }"
            + " public static void main(String[] args) throws Exception {"
            + " java.net.URLClassLoader loader = new java.net.URLClassLoader(new java.net.URL[] {"
            + " java.nio.file.Path.of(args[0]).toUri().toURL()}, ClassLoader.getSystemClassLoader());"
            + " Class.forName(args[1], false, loader).getMethod(\"main\", String[].class)"
            + ".invoke(null, (Object) new String[0]); } }\n";
    /** Times the command alone: the shell's own start is outside, and {@code times} counts only the child. */
    private static final String TIMED = "s=$EPOCHREALTIME; \"$@\" >\"$OUT\" 2>\"$ERR\"; e=$EPOCHREALTIME; echo \"$s $e\";"
            + " times";

    private StartupCost() {
    }

    /** One command line, and what it measured. */
    private static final class Command {
        final String name;
        final List<String> jvmOptions;
        final List<String> rest;
        final List<Double> wallMs = new ArrayList<>();
        final List<Double> cpuMs = new ArrayList<>();
        int classesBeforeHello = -1;
        int classesTotal = -1;
        List<String> heavyBeforeHello = List.of();
        String anomaly;

        Command(String name, List<String> jvmOptions, List<String> rest) {
            this.name = name;
            this.jvmOptions = jvmOptions;
            this.rest = rest;
        }

        List<String> line(String java, List<String> extra) {
            List<String> line = new ArrayList<>();
            line.add(java);
            line.addAll(extra);
            line.addAll(jvmOptions);
            line.addAll(rest);
            return line;
        }
    }

    /**
     * @param args {@code --jar <codefind jar>}, optionally {@code --java <java launcher>} (the JDK measured;
     *     this JVM's by default), {@code --rounds N} (30), {@code --seed N}, {@code --registry}
     * @throws Exception if the commands cannot be run
     */
    public static void main(String[] args) throws Exception {
        Path jar = null;
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        int rounds = 30;
        long seed = System.nanoTime();
        boolean registry = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--jar" -> jar = Path.of(args[++i]).toAbsolutePath();
                case "--java" -> java = args[++i];
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                case "--seed" -> seed = Long.parseLong(args[++i]);
                case "--registry" -> registry = true;
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        if (jar == null) {
            throw new IllegalArgumentException("--jar <codefind jar> is required");
        }
        Path dir = Files.createTempDirectory("codefind-startup");
        Path src = dir.resolve("src");
        Path classes = dir.resolve("classes");
        Files.createDirectories(src);
        Files.writeString(src.resolve("Hello.java"), HELLO);
        compile(src.resolve("Hello.java"), classes);
        Path empty = emptyAgent(dir);
        String cp = classes.toString();
        List<Command> commands = new ArrayList<>(List.of(
                new Command("java -cp <dir> Hello", List.of(), List.of("-cp", cp, "Hello")),
                new Command("-javaagent:codefind.jar", List.of("-javaagent:" + jar), List.of("-cp", cp, "Hello")),
                new Command("codefind.jar run", List.of(), List.of("-jar", jar.toString(), "run", "-cp", cp, "Hello")),
                new Command("-javaagent:codefind.jar=watch=<src>", List.of("-javaagent:" + jar + "=watch=" + src),
                        List.of("-cp", cp, "Hello")),
                new Command("codefind.jar run --watch <src>", List.of(), List.of("-jar", jar.toString(), "run",
                        "--watch", src.toString(), "-cp", cp, "Hello")),
                new Command("(floor) -javaagent:empty.jar", List.of("-javaagent:" + empty), List.of("-cp", cp,
                        "Hello")),
                new Command("(floor) java -jar empty.jar <dir> Hello", List.of(), List.of("-jar", empty.toString(), cp,
                        "Hello"))));
        if (registry) {
            // The registry instruments from the first class loaded, so its hook is ASM's from the start.
            commands.add(new Command("-javaagent:codefind.jar=heap=registry", List.of("-javaagent:" + jar
                    + "=heap=registry"), List.of("-cp", cp, "Hello")));
        }
        String load = loadAverage();
        for (Command c : commands) {
            countClasses(java, c, dir);
        }
        Random random = new Random(seed);
        List<Command> order = new ArrayList<>(commands);
        for (int round = -2; round < rounds; round++) {
            Collections.shuffle(order, random);
            for (Command c : order) {
                double[] measured = timed(java, c, dir);
                if (round >= 0) {
                    c.wallMs.add(measured[0]);
                    c.cpuMs.add(measured[1]);
                }
            }
        }
        report(java, rounds, seed, load, loadAverage(), commands);
    }

    private static void compile(Path source, Path into) {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int status = javac.run(null, null, null, "--release", "17", "-d", into.toString(), source.toString());
        if (status != 0) {
            throw new IllegalStateException("javac failed on " + source);
        }
    }

    /** @return a jar whose agent does nothing: the JVM's own price of {@code -javaagent} */
    private static Path emptyAgent(Path dir) throws IOException {
        Path src = dir.resolve("empty-agent");
        Files.createDirectories(src);
        Files.writeString(src.resolve("EmptyAgent.java"), EMPTY_AGENT);
        compile(src.resolve("EmptyAgent.java"), src);
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(new Attributes.Name("Premain-Class"), "EmptyAgent");
        manifest.getMainAttributes().put(new Attributes.Name("Launcher-Agent-Class"), "EmptyAgent");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, "EmptyAgent");
        Path jar = dir.resolve("empty.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest)) {
            out.putNextEntry(new JarEntry("EmptyAgent.class"));
            out.write(Files.readAllBytes(src.resolve("EmptyAgent.class")));
            out.closeEntry();
        }
        return jar;
    }

    /** @return wall and CPU milliseconds of one run */
    private static double[] timed(String java, Command c, Path dir) throws IOException, InterruptedException {
        List<String> line = new ArrayList<>(List.of("bash", "-c", TIMED, "timed"));
        line.addAll(c.line(java, List.of()));
        ProcessBuilder builder = new ProcessBuilder(line).directory(dir.toFile());
        Path out = dir.resolve("out.txt");
        Path err = dir.resolve("err.txt");
        builder.environment().put("OUT", out.toString());
        builder.environment().put("ERR", err.toString());
        Process p = builder.redirectErrorStream(true).start();
        String timings = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException("bash failed: " + timings);
        }
        String said = Files.readString(out);
        String complained = Files.readString(err);
        if (!said.equals("hello\n") || !complained.isEmpty()) {
            c.anomaly = "printed " + (said + complained).strip().replace('\n', '|');
        }
        String[] lines = timings.strip().split("\n");
        String[] wall = lines[0].trim().split(" ");
        String[] children = lines[2].trim().split(" ");
        double wallMs = (Double.parseDouble(wall[1]) - Double.parseDouble(wall[0])) * 1000;
        return new double[] {wallMs, (seconds(children[0]) + seconds(children[1])) * 1000};
    }

    /** @return the seconds of bash's {@code 0m0.034s} */
    private static double seconds(String minutesSeconds) {
        int m = minutesSeconds.indexOf('m');
        return Integer.parseInt(minutesSeconds.substring(0, m)) * 60
                + Double.parseDouble(minutesSeconds.substring(m + 1, minutesSeconds.length() - 1));
    }

    /** One untimed run with {@code -Xlog:class+load}: the classes loaded before {@code Hello}, and all. */
    private static void countClasses(String java, Command c, Path dir) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(c.line(java, List.of("-Xlog:class+load:stdout")))
                .directory(dir.toFile()).redirectErrorStream(true);
        Process p = builder.start();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        p.getInputStream().transferTo(bytes);
        p.waitFor();
        int before = -1;
        int total = 0;
        List<String> heavy = new ArrayList<>();
        for (String l : bytes.toString(StandardCharsets.UTF_8).split("\n")) {
            int at = l.indexOf("[class,load] ");
            if (at < 0) {
                continue;
            }
            String name = l.substring(at + "[class,load] ".length()).split(" ")[0];
            if (name.equals("Hello") && before < 0) {
                before = total;
            }
            if (before < 0 && isHeavy(name)) {
                heavy.add(name);
            }
            total++;
        }
        c.classesBeforeHello = before;
        c.classesTotal = total;
        c.heavyBeforeHello = heavy;
    }

    /** What must not load before {@code main}: the engine, ASM (codefind's copy), the compiler, the heap. */
    static boolean isHeavy(String className) {
        return className.startsWith("org.objectweb.asm.") || className.startsWith("io.github.codefind.internal.asm.")
                || className.equals("io.github.codefind.internal.patch.Engine") || className.startsWith("javax.tools.")
                || className.startsWith("com.sun.tools.javac.") || className.startsWith("java.util.logging.")
                || className.equals("io.github.codefind.internal.heap.Jvmti");
    }

    private static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private static void report(String java, int rounds, long seed, String loadBefore, String loadAfter,
            List<Command> commands) {
        Command plain = commands.get(0);
        double plainWall = median(plain.wallMs);
        double plainCpu = median(plain.cpuMs);
        System.out.printf(Locale.ROOT, "StartupCost: %s, %d rounds interleaved (seed %d), %d cores,"
                + " load average %s before, %s after%n", java, rounds, seed, Runtime.getRuntime().availableProcessors(),
                loadBefore, loadAfter);
        System.out.printf(Locale.ROOT, "%-38s %9s %9s %7s %7s %9s %9s%n", "command", "wall ms", "cpu ms", "wall x",
                "cpu x", "classes<", "classes");
        Map<String, String> notes = new LinkedHashMap<>();
        for (Command c : commands) {
            System.out.printf(Locale.ROOT, "%-38s %9.1f %9.1f %7.2f %7.2f %9d %9d%n", c.name, median(c.wallMs),
                    median(c.cpuMs), median(c.wallMs) / plainWall, median(c.cpuMs) / plainCpu, c.classesBeforeHello,
                    c.classesTotal);
            if (!c.heavyBeforeHello.isEmpty()) {
                notes.put(c.name, "heavy classes before Hello: " + c.heavyBeforeHello);
            }
            if (c.anomaly != null) {
                notes.put(c.name + " ", c.anomaly);
            }
        }
        System.out.printf(Locale.ROOT, "medians; spread (p25-p75) of the wall times: %s%n", spreads(commands));
        System.out.println("classes< = classes loaded before Hello (-Xlog:class+load, an untimed run)");
        notes.forEach((k, v) -> System.out.println("note: " + k.strip() + ": " + v));
    }

    private static String spreads(List<Command> commands) {
        List<String> parts = new ArrayList<>();
        for (Command c : commands) {
            List<Double> s = new ArrayList<>(c.wallMs);
            Collections.sort(s);
            parts.add(String.format(Locale.ROOT, "%.0f-%.0f", s.get(s.size() / 4), s.get(s.size() * 3 / 4)));
        }
        return String.join(", ", parts);
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
