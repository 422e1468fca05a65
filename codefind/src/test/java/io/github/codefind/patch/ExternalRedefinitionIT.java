package io.github.codefind.patch;

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
import java.util.List;
import java.util.Map;
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
        Map<String, byte[]> v1 = Javac.compile(Map.of("ext/Target.java", TARGET, "ext/Watcher.java", WATCHER));
        for (Map.Entry<String, byte[]> e : v1.entrySet()) {
            Path file = classes.resolve(e.getKey() + ".class");
            Files.createDirectories(file.getParent());
            Files.write(file, e.getValue());
        }
        byte[] v2 = Javac.compile(Map.of("ext/Target.java", TARGET.replace("v1", "v2"), "ext/Watcher.java", WATCHER))
                .get("ext/Target");
        List<String> args = new ArrayList<>(List.of(
                "-agentlib:jdwp=transport=dt_socket,server=y,suspend=n,address=127.0.0.1:0"));
        if (agent) {
            args.add("-javaagent:" + ChildJvm.codefindJar());
        }
        if (jdk.feature() >= 22) {
            args.add("--enable-native-access=ALL-UNNAMED");
        }
        try (ChildJvm.Running child = ChildJvm.on(jdk).jvmArgs(args).timeout(Duration.ofSeconds(30))
                .classPath(classes + File.pathSeparator + (agent ? conformApi() : ChildJvm.codefindJar().toString()))
                .start("ext.Watcher", agent ? new String[0] : new String[] {"in-process"})) {
            String listening = child.awaitLine(l -> l.startsWith("Listening for transport dt_socket at address:"));
            int port = Integer.parseInt(listening.substring(listening.lastIndexOf(':') + 1).trim());
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
