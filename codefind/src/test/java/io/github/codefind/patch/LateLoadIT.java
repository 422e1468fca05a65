package io.github.codefind.patch;

import static org.junit.jupiter.api.Assertions.assertTrue;

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
 * A class loaded from disk after a patch moved members to a companion, compiled against them (a build
 * tool compiled both files; only the loaded one was patched): it is rewritten as it loads, with the
 * agent's transformer or, in-process, through the native library's class-file hook, and reaches the
 * added method and field.
 */
class LateLoadIT {
    private static final String HOST = String.join("\n",
            "package late;",
            "public class Host {",
            "    public static String hello() { return \"v1\"; }",
            "}");
    private static final String HOST_V2 = String.join("\n",
            "package late;",
            "public class Host {",
            "    public static int hits = 40;",
            "    public static String hello() { return \"v2\"; }",
            "    public static String extra() { return \"extra \"; }",
            "}");
    private static final String LATE = String.join("\n",
            "package late;",
            "public class Late {",
            "    public static String run() { Host.hits += 2; return Host.extra() + Host.hits; }",
            "}");
    private static final String MAIN = String.join("\n",
            "package late;",
            "public class Main {",
            "    public static void main(String[] args) throws Exception {",
            "        if (args[1].equals(\"in-process\")) io.github.codefind.Codefind.install();",
            "        System.out.println(\"before \" + Host.hello());",
            "        byte[] v2 = java.nio.file.Files.readAllBytes(java.nio.file.Path.of(args[0]));",
            "        io.github.codefind.PatchResult r = io.github.codefind.Codefind.patch(Main.class.getClassLoader(),",
            "                java.util.Map.of(\"late/Host\", v2));",
            "        System.out.println(\"patched \" + r.applied() + \" \" + r.rejections() + \" \" + Host.hello());",
            "        Object late = Class.forName(\"late.Late\").getMethod(\"run\").invoke(null);",
            "        System.out.println(\"late \" + late);",
            "    }",
            "}");

    static Stream<Arguments> jdks() {
        List<Arguments> all = new ArrayList<>();
        for (Jdk jdk : Jdk.all()) {
            all.add(Arguments.of(jdk, "agent"));
            all.add(Arguments.of(jdk, "in-process"));
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("jdks")
    void aClassLoadedAfterThePatchReachesTheMovedMembers(Jdk jdk, String mode) throws Exception {
        Path classes = Files.createTempDirectory("codefind-late");
        Map<String, byte[]> v1 = Javac.compile(Map.of("late/Host.java", HOST, "late/Main.java", MAIN));
        Map<String, byte[]> v2 = Javac.compile(Map.of("late/Host.java", HOST_V2, "late/Late.java", LATE));
        write(classes, "late/Host", v1.get("late/Host"));
        write(classes, "late/Main", v1.get("late/Main"));
        write(classes, "late/Late", v2.get("late/Late"));
        Path hostV2 = Files.createTempFile("codefind-late", ".class");
        Files.write(hostV2, v2.get("late/Host"));
        List<String> args = new ArrayList<>();
        if (mode.equals("agent")) {
            args.add("-javaagent:" + ChildJvm.codefindJar());
        }
        if (jdk.feature() >= 22) {
            args.add("--enable-native-access=ALL-UNNAMED");
        }
        ChildJvm.Result r = ChildJvm.on(jdk).jvmArgs(args).timeout(Duration.ofSeconds(60))
                .classPath(classes + File.pathSeparator + ChildJvm.codefindJar())
                .run("late.Main", hostV2.toString(), mode).assertSuccess();
        assertTrue(r.stdout().contains("patched true [] v2"), r.stdout() + r.stderr());
        assertTrue(r.stdout().contains("late extra 42"), r.stdout() + r.stderr());
    }

    private static void write(Path root, String name, byte[] bytes) throws Exception {
        Path file = root.resolve(name + ".class");
        Files.createDirectories(file.getParent());
        Files.write(file, bytes);
    }
}
