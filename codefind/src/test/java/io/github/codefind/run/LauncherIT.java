package io.github.codefind.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.codefind.testing.ChildJvm;
import io.github.codefind.testing.Javac;
import io.github.codefind.testing.Jdk;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code java -jar codefind.jar run ...} on a temporary project, in a child JVM on every JDK found:
 * each test edits the project's files the way a user would and waits for the running program to
 * follow.
 */
class LauncherIT {
    private static final String MAIN = String.join("\n",
            "package demo;",
            "import java.io.*;",
            "public class Main {",
            "    static int ticks;",
            "    public static void main(String[] args) throws Exception {",
            "        String name = new BufferedReader(new InputStreamReader(System.in)).readLine();",
            "        System.out.println(\"hello \" + name + \" \" + String.join(\",\", args));",
            "        while (!new File(args[0]).exists()) {",
            "            ticks++;",
            "            System.out.println(\"tick \" + ticks + \" \" + message());",
            "            Thread.sleep(40);",
            "        }",
            "        System.exit(3);",
            "    }",
            "    static String message() { return \"one\"; }",
            "    static String probe() { return \"probe\"; }",
            "}");

    @TempDir
    Path project;

    static Stream<Jdk> jdks() {
        return Jdk.all().stream();
    }

    private Path src() {
        return project.resolve("src");
    }

    private Path mainSource() {
        return src().resolve("demo/Main.java");
    }

    /** Writes the project's source, compiles it into its class folder, and returns that folder. */
    private Path compileProject() throws IOException {
        Path classes = project.resolve("classes");
        Files.createDirectories(mainSource().getParent());
        Files.writeString(mainSource(), MAIN);
        for (Map.Entry<String, byte[]> c : Javac.compile(Map.of("demo/Main.java", MAIN)).entrySet()) {
            Path f = classes.resolve(c.getKey() + ".class");
            Files.createDirectories(f.getParent());
            Files.write(f, c.getValue());
        }
        return classes;
    }

    private static List<String> nativeAccess(Jdk jdk) {
        return jdk.feature() >= 22 ? List.of("--enable-native-access=ALL-UNNAMED") : List.of();
    }

    private ChildJvm.Running launch(Jdk jdk, String... extra) throws IOException {
        return launch(jdk, nativeAccess(jdk), extra);
    }

    private ChildJvm.Running launch(Jdk jdk, List<String> jvm, String... extra) throws IOException {
        Path classes = compileProject();
        List<String> args = new ArrayList<>(List.of("run", "-v"));
        args.addAll(List.of(extra));
        if (!args.contains("--watch")) {
            args.addAll(List.of("--watch", src().toString()));
        }
        args.addAll(List.of("-cp", classes.toString(), "demo.Main", project.resolve("stop").toString(), "x"));
        ChildJvm.Running child = ChildJvm.on(jdk).jvmArgs(jvm).timeout(Duration.ofSeconds(40))
                .startJar(ChildJvm.codefindJar(), args.toArray(new String[0]));
        child.send("world");
        child.awaitLine(l -> l.equals("hello world " + project.resolve("stop") + ",x"));
        child.awaitLine(l -> l.startsWith("tick ") && l.endsWith(" one"));
        return child;
    }

    private static int tickOf(String line) {
        Matcher m = Pattern.compile("tick (\\d+) .*").matcher(line);
        assertTrue(m.matches(), line);
        return Integer.parseInt(m.group(1));
    }

    private void edit(String from, String to) throws IOException {
        Files.writeString(mainSource(), Files.readString(mainSource()).replace(from, to));
    }

    private void stop(ChildJvm.Running child) throws IOException {
        Files.createFile(project.resolve("stop"));
        assertEquals(3, child.awaitExit(), "the program's exit code passes through");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void helpAndVersionAnswerOnStandardOutputAndExitZero(Jdk jdk) throws IOException {
        for (String asked : List.of("--help", "--version")) {
            try (ChildJvm.Running child = ChildJvm.on(jdk).timeout(Duration.ofSeconds(40))
                    .startJar(ChildJvm.codefindJar(), asked)) {
                assertEquals(0, child.awaitExit(), child.allOutput());
                String output = child.allOutput();
                assertTrue(output.startsWith("codefind ") && !output.contains("version unknown"), output);
                assertTrue(asked.equals("--version") || output.contains("usage: java -jar codefind.jar run"), output);
                assertTrue(!output.contains("INFO") && !output.contains("WARNING") && !output.contains("unknown"), output);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void runAsTheReadmeSaysNothingWarnsAndTheHeapIsWalkedThroughJvmti(Jdk jdk) throws IOException {
        // No --enable-native-access: the jar's manifest allows codefind's native library. On JDK 24 and
        // later, also when the JVM denies native access to all other code.
        List<List<String>> settings = jdk.feature() >= 24
                ? List.of(List.of(), List.of("--illegal-native-access=deny")) : List.of(List.of());
        for (List<String> jvm : settings) {
            Files.deleteIfExists(project.resolve("stop"));
            try (ChildJvm.Running child = launch(jdk, jvm)) {
                // The warm-up makes the engine and the heap, which loads the native library.
                child.awaitLine(l -> l.startsWith("[codefind] warmed up in"));
                String output = child.allOutput();
                assertTrue(output.contains("codefind heap backend: jvmti"), jvm + ": " + output);
                assertTrue(!output.contains("restricted method") && !output.contains("WARNING"), jvm + ": " + output);
                stop(child);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void anEditAppearsAndStateIsKept(Jdk jdk) throws IOException {
        try (ChildJvm.Running child = launch(jdk)) {
            int before = tickOf(child.awaitLine(l -> l.startsWith("tick ")));
            edit("return \"one\";", "return \"two\";");
            String after = child.awaitLine(l -> l.endsWith(" two"));
            assertTrue(tickOf(after) > before, "the counter kept counting: " + after);
            // The program and codefind print concurrently: the line may have come before " two".
            java.util.function.Predicate<String> patchLine = l -> l.startsWith("[codefind] ") && l.contains("Main.java");
            String verbose = child.allOutput().lines().filter(patchLine).findFirst()
                    .orElseGet(() -> child.awaitLine(patchLine));
            assertTrue(verbose.contains("Main.java: Main.message() [BODY]"), verbose);
            assertTrue(verbose.matches(".*\\| applied in \\d+ ms after save \\(compile \\d+ ms( ahead)?, diff \\d+ ms, redefine"
                    + " \\d+ ms, discover \\d+ ms, conform \\d+ ms, listeners \\d+ ms\\) \\|.*"), verbose);
            stop(child);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void aCompileErrorKeepsTheOldCodeAndTheFixApplies(Jdk jdk) throws IOException {
        try (ChildJvm.Running child = launch(jdk)) {
            edit("return \"one\";", "return \"two\"");
            String error = child.awaitLine(l -> l.contains("Main.java:15:"));
            assertTrue(error.contains("error"), error);
            child.awaitLine(l -> l.startsWith("tick ") && l.endsWith(" one"));
            edit("return \"two\"", "return \"three\";");
            child.awaitLine(l -> l.endsWith(" three"));
            stop(child);
        }
    }

    /**
     * An edit saved while another file does not compile goes live, the console says which file is not, and
     * that file goes live with its fix.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void aBrokenFileHoldsBackOnlyItselfAndGoesLiveWithItsFix(Jdk jdk) throws IOException {
        try (ChildJvm.Running child = launch(jdk)) {
            Path other = src().resolve("demo/Other.java");
            Files.writeString(other, "package demo;\nclass Other {\n    static int x = \"broken\";\n}\n");
            edit("return \"one\";", "return \"two\";");
            child.awaitLine(l -> l.startsWith("tick ") && l.endsWith(" two"));
            child.awaitLine(l -> l.equals("[codefind] 1 file not live: Other.java (compile error)"));
            Files.writeString(other, "package demo;\nclass Other {\n    static int x = 1;\n}\n");
            child.awaitLine(l -> l.equals("[codefind] all saved files are live"));
            stop(child);
        }
    }

    /** An edit of the loop that is running is applied, but that frame keeps its code: the console says so. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void anEditOfTheRunningLoopSaysTheRunningCallKeepsItsOldCode(Jdk jdk) throws IOException {
        try (ChildJvm.Running child = launch(jdk)) {
            edit("ticks++;", "ticks += 2;");
            child.awaitLine(l -> l.startsWith("[codefind] note: demo.Main.main() is running on main: that call keeps"
                    + " its old code"));
            stop(child);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void theLastOfABurstOfSavesWins(Jdk jdk) throws IOException {
        try (ChildJvm.Running child = launch(jdk)) {
            String text = MAIN;
            for (int i = 1; i <= 10; i++) {
                text = MAIN.replace("return \"one\";", "return \"v" + i + "\";");
                Files.writeString(mainSource(), text);
            }
            child.awaitLine(l -> l.endsWith(" v10"));
            for (int i = 0; i < 5; i++) {
                String line = child.awaitLine(l -> l.startsWith("tick "));
                assertTrue(line.endsWith(" v10"), "an earlier save came back: " + line);
            }
            stop(child);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void aFileDeletedAndRecreated(Jdk jdk) throws IOException {
        try (ChildJvm.Running child = launch(jdk)) {
            String text = Files.readString(mainSource());
            Files.delete(mainSource());
            Files.writeString(mainSource(), text.replace("return \"one\";", "return \"recreated\";"));
            child.awaitLine(l -> l.endsWith(" recreated"));
            stop(child);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void aNewClassInANewFile(Jdk jdk) throws IOException {
        try (ChildJvm.Running child = launch(jdk)) {
            Files.writeString(src().resolve("demo/Helper.java"),
                    "package demo;\npublic class Helper {\n    static String text() { return \"from a new class\"; }\n}\n");
            edit("return \"one\";", "return Helper.text();");
            child.awaitLine(l -> l.endsWith(" from a new class"));
            stop(child);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void aLatin1FileIsAClearErrorUntilTheEncodingIsConfigured(Jdk jdk) throws IOException {
        try (ChildJvm.Running child = launch(jdk)) {
            Files.write(mainSource(), MAIN.replace("return \"one\";", "return \"caf\u00e9 \" + (int) \"\u00e9\".charAt(0);")
                    .getBytes(StandardCharsets.ISO_8859_1));
            String error = child.awaitLine(l -> l.contains("Main.java:15:"));
            assertTrue(error.toLowerCase().contains("utf-8") || error.toLowerCase().contains("unmappable"), error);
            child.awaitLine(l -> l.startsWith("tick ") && l.endsWith(" one"));
            stop(child);
        }
        Files.deleteIfExists(project.resolve("stop"));
        try (ChildJvm.Running child = launch(jdk, "--encoding", "ISO-8859-1")) {
            Files.write(mainSource(), MAIN.replace("return \"one\";", "return \"latin \" + (int) \"\u00e9\".charAt(0);")
                    .getBytes(StandardCharsets.ISO_8859_1));
            child.awaitLine(l -> l.endsWith(" latin 233"));
            stop(child);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void aSymlinkedRoot(Jdk jdk) throws IOException {
        Path link = project.resolve("linked-src");
        Files.createDirectories(src());
        Files.createSymbolicLink(link, src());
        try (ChildJvm.Running child = launch(jdk, "--watch", link.toString())) {
            edit("return \"one\";", "return \"through the link\";");
            child.awaitLine(l -> l.endsWith(" through the link"));
            stop(child);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void theAgentWatchesWithoutTheLauncher(Jdk jdk) throws IOException {
        Path classes = compileProject();
        List<String> jvm = new ArrayList<>(List.of("-javaagent:" + ChildJvm.codefindJar() + "=watch=" + src()
                + ",verbose,poll=100"));
        jvm.addAll(nativeAccess(jdk));
        try (ChildJvm.Running child = ChildJvm.on(jdk).jvmArgs(jvm).timeout(Duration.ofSeconds(40))
                .classPath(classes.toString()).start("demo.Main", project.resolve("stop").toString(), "x")) {
            child.send("agent");
            child.awaitLine(l -> l.startsWith("tick ") && l.endsWith(" one"));
            edit("return \"one\";", "return \"via the agent\";");
            child.awaitLine(l -> l.endsWith(" via the agent"));
            stop(child);
        }
    }

    /**
     * {@code -javaagent:codefind.jar=classes=classes}: a class folder given relative to the working
     * directory, as users write {@code classes=target/classes}, and a build written into it class file by
     * class file, a call into a method the same build adds landing first. The console says the build once,
     * with paths relative to the folder, and the JDK's log repeats nothing.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void theAgentFollowsABuildIntoARelativeClassFolder(Jdk jdk) throws IOException {
        Path classes = compileProject();
        List<String> jvm = new ArrayList<>(List.of("-javaagent:" + ChildJvm.codefindJar() + "=classes="
                + project.relativize(classes) + ",verbose"));
        jvm.addAll(nativeAccess(jdk));
        try (ChildJvm.Running child = ChildJvm.on(jdk).jvmArgs(jvm).timeout(Duration.ofSeconds(40)).directory(project)
                .classPath(classes.toString()).start("demo.Main", project.resolve("stop").toString(), "x")) {
            child.send("agent");
            child.awaitLine(l -> l.startsWith("tick ") && l.endsWith(" one"));
            Map<String, byte[]> build = Javac.compile(Map.of("demo/Main.java", MAIN.replace("return \"one\";",
                    "return Helper.added();"), "demo/Helper.java",
                    "package demo;\npublic class Helper {\n    static String added() { return \"built\"; }\n}\n"));
            // The caller first, then a gap longer than the settle time, then the class it needs.
            Files.write(classes.resolve("demo/Main.class"), build.get("demo/Main"));
            child.awaitLine(l -> l.contains("not live: Main.class (needs demo.Helper.added()"));
            Files.write(classes.resolve("demo/Helper.class"), build.get("demo/Helper"));
            // The console says the build is live once it is; lines before the match are consumed.
            child.awaitLine(l -> l.equals("[codefind] all saved files are live"));
            child.awaitLine(l -> l.startsWith("tick ") && l.endsWith(" built"));
            String output = child.allOutput();
            assertTrue(!output.contains("NoSuchMethodError") && !output.contains("NoClassDefFoundError"), output);
            List<String> applied = output.lines().filter(l -> l.contains(" | applied in ")).toList();
            assertEquals(1, applied.size(), output);
            // The build's files, the new class that loads when first used among them.
            assertTrue(applied.get(0).startsWith("[codefind] demo/Helper.class, demo/Main.class: "), applied.get(0));
            assertTrue(!output.contains(classes.toString()), "paths relative to the folder: " + output);
            assertTrue(!output.contains("WARNING"), output);
            stop(child);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void aMalformedAgentOptionIsSaidInOneLineAndTheProgramRuns(Jdk jdk) throws IOException {
        Path classes = compileProject();
        List<String> jvm = new ArrayList<>(List.of("-javaagent:" + ChildJvm.codefindJar() + "=classes=" + classes
                + ",settle=2s"));
        jvm.addAll(nativeAccess(jdk));
        try (ChildJvm.Running child = ChildJvm.on(jdk).jvmArgs(jvm).timeout(Duration.ofSeconds(40))
                .classPath(classes.toString()).start("demo.Main", project.resolve("stop").toString(), "x")) {
            child.send("agent");
            // Said as the agent starts, before main: lines before a match are consumed.
            String said = child.awaitLine(l -> l.contains("settle=2s"));
            child.awaitLine(l -> l.startsWith("tick ") && l.endsWith(" one"));
            assertEquals("[codefind] settle=2s is not a positive number of milliseconds (codefind.settle); the program"
                    + " runs without live patching: fix the agent's option and restart", said);
            assertTrue(!child.allOutput().contains("Exception"), child.allOutput());
            stop(child);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void aRejectedEditIsSaidOnce(Jdk jdk) throws IOException {
        try (ChildJvm.Running child = launch(jdk)) {
            edit("static String message()", "Main(int unused) { }\n    static String message()");
            child.awaitLine(l -> l.startsWith("[codefind] rejected ") && l.contains("Main.java"));
            child.awaitLine(l -> l.startsWith("[codefind]     what to do: "));
            // A later edit that applies: whatever the rejection printed, on any channel, came before it.
            Files.writeString(mainSource(), MAIN.replace("return \"one\";", "return \"after\";"));
            child.awaitLine(l -> l.endsWith(" after"));
            // The line that lists the files not live after each batch restates why; it is the state, not the event.
            List<String> said = child.allOutput().lines().filter(l -> l.contains("a constructor was added")
                    && !l.contains(" not live: ")).toList();
            assertEquals(1, said.size(), "the console says the rejection, and nothing else says it again: " + said);
            stop(child);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void loopModeReRunsAMethodAfterEachPatch(Jdk jdk) throws IOException {
        try (ChildJvm.Running child = launch(jdk, "--loop", "demo.Main#probe")) {
            assertTrue(child.output().contains("[codefind] demo.Main#probe returned probe"), "it ran once at start");
            edit("return \"probe\";", "return \"looped\";");
            child.awaitLine(l -> l.equals("[codefind] demo.Main#probe returned looped"));
            edit("return \"looped\";", "return String.valueOf(1 / 0);");
            child.awaitLine(l -> l.startsWith("[codefind] demo.Main#probe threw java.lang.ArithmeticException"));
            stop(child);
        }
    }
}
