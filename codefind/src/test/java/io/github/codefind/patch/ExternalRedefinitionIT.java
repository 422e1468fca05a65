package io.github.codefind.patch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.jdi.Bootstrap;
import com.sun.jdi.ReferenceType;
import com.sun.jdi.VirtualMachine;
import com.sun.jdi.connect.AttachingConnector;
import com.sun.jdi.connect.Connector;
import io.github.codefind.testing.ChildJvm;
import io.github.codefind.testing.Javac;
import io.github.codefind.testing.Jdk;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A redefinition through the JDK's own debugger interface (JDI {@code redefineClasses}, what an IDE's
 * HotSwap does) against a child JVM running codefind, with its agent or in-process (the native
 * library's class-file hook): the child's conformers are called.
 */
class ExternalRedefinitionIT {
    private static final String TARGET = "package ext;\npublic class Target {\n"
            + "    public static String value() { return \"v1\"; }\n}\n";
    private static final String WATCHER = String.join("\n",
            "package ext;",
            "import io.github.codefind.conform.*;",
            "public class Watcher implements Conformable {",
            "    final java.lang.reflect.Method method;",
            "    Watcher() throws Exception { method = Target.class.getMethod(\"value\"); }",
            "    public void conform(Patch patch) {",
            "        System.out.println(\"conformed \" + patch.changes() + \" now \" + Target.value());",
            "    }",
            "    public static void main(String[] args) throws Exception {",
            "        if (args.length > 0) io.github.codefind.Codefind.install(); // in-process, no agent",
            "        Watcher w = new Watcher();",
            "        System.out.println(\"ready \" + Target.value());",
            "        while (true) { Thread.sleep(20); java.lang.ref.Reference.reachabilityFence(w); }",
            "    }",
            "}");

    static Stream<Arguments> jdks() {
        List<Arguments> all = new ArrayList<>();
        for (Jdk jdk : Jdk.all()) {
            all.add(Arguments.of(jdk, true));
            all.add(Arguments.of(jdk, false));
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0}, agent {1}")
    @MethodSource("jdks")
    void aDebuggerHotSwapTriggersConform(Jdk jdk, boolean agent) throws Exception {
        Path classes = Files.createTempDirectory("codefind-ext");
        Javac.write(Javac.compile(Map.of("ext/Target.java", TARGET, "ext/Watcher.java", WATCHER)), classes);
        byte[] v2 = Javac.compile(Map.of("ext/Target.java", TARGET.replace("v1", "v2"), "ext/Watcher.java", WATCHER))
                .get("ext/Target");
        try (ChildJvm.Running child = start(jdk, agent, classes, "ext.Watcher", Duration.ofSeconds(30))) {
            int port = port(child);
            child.awaitLine(l -> l.equals("ready v1"));
            if (agent) {
                // As an IDE does: the compiler overwrites the class file, then the debugger hot-swaps it.
                Files.write(classes.resolve("ext/Target.class"), v2);
            }
            VirtualMachine vm = attach(port);
            try {
                ReferenceType target = vm.classesByName("ext.Target").get(0);
                vm.redefineClasses(Map.of(target, v2));
            } finally {
                vm.dispose();
            }
            String conformed = child.awaitLine(l -> l.startsWith("conformed "));
            assertTrue(conformed.contains("[BODY] ext.Target.value()Ljava/lang/String;"), conformed);
            assertTrue(conformed.endsWith("now v2"), conformed);
        }
    }

    // One HotSwap of many large classes. The JVM runs the class-file hook for each class, verifies them all,
    // then commits them together: for a batch this size that takes far longer than for a small one (which
    // once made codefind drop most of the classes), and every class must still reach the conformers.

    private static final int BULK_CLASSES = 64;
    private static final int BULK_METHODS = 300;
    private static final int BULK_ROUNDS = 3;
    private static final String HOLDER = String.join("\n",
            "package bulk;",
            "import io.github.codefind.conform.*;",
            "import java.util.*;",
            "public class Holder implements Conformable {",
            "    final Class<?>[] classes;",
            "    Holder(Class<?>[] classes) { this.classes = classes; }",
            "    public void conform(Patch patch) {",
            "        Set<String> heard = new TreeSet<>();",
            "        for (ClassUnit c : patch.classes()) heard.add(c.name());",
            "        Set<Object> running = new TreeSet<>();",
            "        try {",
            "            for (Class<?> c : classes) running.add(c.getMethod(\"version\").invoke(null));",
            "        } catch (ReflectiveOperationException e) { throw new IllegalStateException(e); }",
            "        System.out.println(\"heard \" + heard + \" running \" + running);",
            "    }",
            "    public static void main(String[] args) throws Exception {",
            "        if (args.length > 1) io.github.codefind.Codefind.install(); // in-process, no agent",
            "        Class<?>[] classes = new Class<?>[Integer.parseInt(args[0])];",
            "        for (int i = 0; i < classes.length; i++) classes[i] = Class.forName(\"bulk.Big\" + i);",
            "        Holder h = new Holder(classes);",
            "        System.out.println(\"ready\");",
            "        while (true) { Thread.sleep(20); java.lang.ref.Reference.reachabilityFence(h); }",
            "    }",
            "}");
    /** Each round's class files, compiled once for every JDK and mode: javac takes seconds for them. */
    private static final Map<Integer, Map<String, byte[]>> BULK = new java.util.concurrent.ConcurrentHashMap<>();

    /** @return the bulk classes compiled for one round: every method's body differs from the other rounds' */
    private static Map<String, byte[]> bulk(int round) {
        return BULK.computeIfAbsent(round, r -> {
            Map<String, String> sources = new TreeMap<>();
            sources.put("bulk/Holder.java", HOLDER);
            for (int c = 0; c < BULK_CLASSES; c++) {
                StringBuilder s = new StringBuilder("package bulk;\npublic class Big" + c + " {\n");
                s.append("    public static String version() { return \"r").append(r).append("\"; }\n");
                for (int m = 0; m < BULK_METHODS; m++) {
                    s.append("    public static int m").append(m).append("(int x) { return x * ").append(m + 1)
                            .append(" + ").append(r).append("; }\n");
                }
                sources.put("bulk/Big" + c + ".java", s.append("}\n").toString());
            }
            return Javac.compile(sources);
        });
    }

    @ParameterizedTest(name = "{0}, agent {1}")
    @MethodSource("jdks")
    void oneHotSwapOfManyLargeClassesReachesTheConformerForEveryClass(Jdk jdk, boolean agent) throws Exception {
        Path classes = Files.createTempDirectory("codefind-ext-bulk");
        Javac.write(bulk(0), classes);
        Set<String> all = IntStream.range(0, BULK_CLASSES).mapToObj(i -> "bulk.Big" + i).collect(Collectors.toSet());
        try (ChildJvm.Running child = start(jdk, agent, classes, "bulk.Holder", Duration.ofSeconds(60),
                String.valueOf(BULK_CLASSES))) {
            int port = port(child);
            child.awaitLine(l -> l.equals("ready"));
            VirtualMachine vm = attach(port);
            try {
                for (int round = 1; round <= BULK_ROUNDS; round++) {
                    Map<String, byte[]> next = bulk(round);
                    if (agent) {
                        Javac.write(next, classes); // as an IDE's compiler does before its HotSwap
                    }
                    Map<ReferenceType, byte[]> swap = new HashMap<>();
                    for (int c = 0; c < BULK_CLASSES; c++) {
                        swap.put(vm.classesByName("bulk.Big" + c).get(0), next.get("bulk/Big" + c));
                    }
                    vm.redefineClasses(swap); // one JDWP RedefineClasses: the JVM commits it whole or not at all
                    // Until the conformer heard of every class (or the child's deadline, if some never reach it).
                    Set<String> heard = new TreeSet<>();
                    while (!heard.containsAll(all)) {
                        String line = child.awaitLine(l -> l.startsWith("heard "));
                        assertTrue(line.endsWith(" running [r" + round + "]"), "round " + round + ": " + line);
                        heard.addAll(List.of(line.substring(line.indexOf('[') + 1, line.indexOf(']')).split(", ")));
                    }
                    assertEquals(all, heard, "round " + round + ": no other class");
                }
            } finally {
                vm.dispose();
            }
        }
    }

    // A HotSwap the JVM refuses reaches nobody, and codefind's own patch of the class afterwards is not taken
    // for it being committed late.

    private static final String OTHER = "package ext;\npublic class Other {\n"
            + "    public static String value() { return \"o1\"; }\n}\n";
    private static final String PATCHER = String.join("\n",
            "package ext;",
            "import io.github.codefind.conform.*;",
            "public class Patcher implements Conformable {",
            "    final java.lang.reflect.Method[] methods;",
            "    Patcher() throws Exception { methods = new java.lang.reflect.Method[] {",
            "            Target.class.getMethod(\"value\"), Other.class.getMethod(\"value\")}; }",
            "    public void conform(Patch patch) {",
            "        System.out.println(\"conformed \" + patch.changes() + \" now \" + Target.value() + \" \" + Other.value());",
            "    }",
            "    public static void main(String[] args) throws Exception {",
            "        if (args.length > 0) io.github.codefind.Codefind.install(); // in-process, no agent",
            "        io.github.codefind.Codefind.addListener(r -> System.out.println(\"listener \" + r.origin()));",
            "        Patcher p = new Patcher();",
            "        System.out.println(\"ready \" + Target.value() + \" \" + Other.value());",
            "        java.io.BufferedReader in = new java.io.BufferedReader(new java.io.InputStreamReader(System.in));",
            "        for (String line = in.readLine(); line != null; line = in.readLine()) {",
            "            byte[] bytes = java.nio.file.Files.readAllBytes(java.nio.file.Path.of(line));",
            "            System.out.println(\"patched \" + io.github.codefind.Codefind.patch(",
            "                    java.util.Map.of(\"ext.Target\", bytes)).applied());",
            "        }",
            "        java.lang.ref.Reference.reachabilityFence(p);",
            "    }",
            "}");

    @ParameterizedTest(name = "{0}, agent {1}")
    @MethodSource("jdks")
    void aRefusedHotSwapReachesNobody(Jdk jdk, boolean agent) throws Exception {
        Map<String, String> sources = Map.of("ext/Target.java", TARGET, "ext/Other.java", OTHER,
                "ext/Patcher.java", PATCHER);
        Path classes = Files.createTempDirectory("codefind-ext-refused");
        Javac.write(Javac.compile(sources), classes);
        Map<String, String> added = new HashMap<>(sources);
        added.put("ext/Target.java", TARGET.replace("}\n}", "}\n    public static int extra() { return 1; }\n}"));
        byte[] refused = Javac.compile(added).get("ext/Target");
        Map<String, String> v3 = new HashMap<>(sources);
        v3.put("ext/Target.java", TARGET.replace("v1", "v3"));
        Path patch = classes.resolve("Target-v3.class");
        Files.write(patch, Javac.compile(v3).get("ext/Target"));
        Map<String, String> o2 = new HashMap<>(sources);
        o2.put("ext/Other.java", OTHER.replace("o1", "o2"));
        byte[] other = Javac.compile(o2).get("ext/Other");
        try (ChildJvm.Running child = start(jdk, agent, classes, "ext.Patcher", Duration.ofSeconds(30))) {
            int port = port(child);
            child.awaitLine(l -> l.equals("ready v1 o1"));
            VirtualMachine vm = attach(port);
            try {
                ReferenceType target = vm.classesByName("ext.Target").get(0);
                assertThrows(UnsupportedOperationException.class, () -> vm.redefineClasses(Map.of(target, refused)),
                        "a stock JVM refuses an added method");
                // codefind's own patch of the class bumps its redefinition count, as a late commit would.
                child.send(patch.toString());
                String own = child.awaitLine(l -> l.startsWith("conformed "));
                assertTrue(own.startsWith("conformed [[BODY] ext.Target.value()Ljava/lang/String; (")
                        && !own.contains("extra") && own.endsWith(" now v3 o1"), "codefind's patch, from v1: " + own);
                child.awaitLine(l -> l.equals("patched true"));
                // Whatever codefind had pending for Target would go out with the next external patch.
                vm.redefineClasses(Map.of(vm.classesByName("ext.Other").get(0), other));
                String external = child.awaitLine(l -> l.startsWith("conformed "));
                assertTrue(external.startsWith("conformed [[BODY] ext.Other.value()Ljava/lang/String; (")
                        && !external.contains("ext.Target") && external.endsWith(" now v3 o2"),
                        "only the HotSwap the JVM took: " + external);
                child.awaitLine(l -> l.equals("listener EXTERNAL"));
            } finally {
                vm.dispose();
            }
            String seen = child.allOutput();
            assertEquals(List.of("listener CODEFIND", "listener EXTERNAL"),
                    seen.lines().filter(l -> l.startsWith("listener ")).collect(Collectors.toList()), seen);
            assertFalse(seen.contains("extra"), seen);
        }
    }

    private static ChildJvm.Running start(Jdk jdk, boolean agent, Path classes, String main, Duration timeout,
            String... args) {
        List<String> jvm = new ArrayList<>(List.of(
                "-agentlib:jdwp=transport=dt_socket,server=y,suspend=n,address=127.0.0.1:0"));
        if (agent) {
            jvm.add("-javaagent:" + ChildJvm.codefindJar());
        }
        if (jdk.feature() >= 22) {
            jvm.add("--enable-native-access=ALL-UNNAMED");
        }
        List<String> mainArgs = new ArrayList<>(List.of(args));
        if (!agent) {
            mainArgs.add("in-process");
        }
        return ChildJvm.on(jdk).jvmArgs(jvm).timeout(timeout)
                .classPath(classes + File.pathSeparator + (agent ? conformApi() : ChildJvm.codefindJar().toString()))
                .start(main, mainArgs.toArray(new String[0]));
    }

    private static int port(ChildJvm.Running child) {
        String listening = child.awaitLine(l -> l.startsWith("Listening for transport dt_socket at address:"));
        return Integer.parseInt(listening.substring(listening.lastIndexOf(':') + 1).trim());
    }

    private static VirtualMachine attach(int port) throws Exception {
        for (AttachingConnector c : Bootstrap.virtualMachineManager().attachingConnectors()) {
            if (c.name().equals("com.sun.jdi.SocketAttach")) {
                Map<String, Connector.Argument> arguments = c.defaultArguments();
                arguments.get("hostname").setValue("127.0.0.1");
                arguments.get("port").setValue(String.valueOf(port));
                return c.attach(arguments);
            }
        }
        throw new AssertionError("no socket attaching connector");
    }

    private static String conformApi() {
        for (String entry : ChildJvm.testClassPath().split(File.pathSeparator)) {
            if (entry.contains("conform-api")) {
                return entry;
            }
        }
        throw new AssertionError("conform-api is not on the test class path");
    }
}
