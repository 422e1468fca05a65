package io.github.codefind.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.codefind.testing.ChildJvm;
import io.github.codefind.testing.Javac;
import io.github.codefind.testing.Jdk;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What codefind costs a program before its {@code main}: a hello world under {@code -javaagent}, under
 * {@code java -jar codefind.jar run}, and both watching a source folder, on every JDK found. None loads
 * the engine, ASM, the compiler, the native heap's JNI class or {@code java.util.logging} before
 * {@code main} prints, and codefind prints nothing: the output is the program's line and the JVM's class
 * log ({@code -Xlog:class+load}, to standard output, so that the two interleave in order).
 */
class StartupIT {
    private static final String HELLO = "public class Hello { public static void main(String[] args) {"
            + " System.out.println(\"hello\"); } }\n";

    @TempDir
    Path project;

    static Stream<Arguments> modes() {
        return Jdk.all().stream().flatMap(jdk -> Stream.of("agent", "run", "agent-watch", "run-watch")
                .map(mode -> Arguments.of(jdk, mode)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("modes")
    void nothingHeavyLoadsBeforeMainAndNothingIsPrinted(Jdk jdk, String mode) throws IOException {
        Path classes = project.resolve("classes");
        Path src = project.resolve("src");
        Files.createDirectories(classes);
        Files.createDirectories(src);
        Files.writeString(src.resolve("Hello.java"), HELLO);
        for (Map.Entry<String, byte[]> c : Javac.compile(Map.of("Hello.java", HELLO)).entrySet()) {
            Files.write(classes.resolve(c.getKey() + ".class"), c.getValue());
        }
        String jar = ChildJvm.codefindJar().toString();
        ChildJvm child = ChildJvm.on(jdk).jvmArgs("-Xlog:class+load:stdout").classPath(classes.toString())
                .timeout(Duration.ofSeconds(60));
        ChildJvm.Running running = switch (mode) {
            case "agent" -> child.jvmArgs("-javaagent:" + jar).start("Hello");
            case "agent-watch" -> child.jvmArgs("-javaagent:" + jar + "=watch=" + src).start("Hello");
            case "run" -> child.startJar(ChildJvm.codefindJar(), "run", "-cp", classes.toString(), "Hello");
            default -> child.startJar(ChildJvm.codefindJar(), "run", "--watch", src.toString(), "-cp",
                    classes.toString(), "Hello");
        };
        try (running) {
            assertEquals(0, running.awaitExit(), running.allOutput());
            List<String> output = running.allOutput().lines().toList();
            List<String> printed = output.stream().filter(l -> !l.startsWith("[")).toList();
            assertEquals(List.of("hello"), printed, "codefind printed something: " + printed);
            int main = output.indexOf("hello");
            List<String> heavy = new ArrayList<>();
            for (String line : output.subList(0, main)) {
                int at = line.indexOf("[class,load] ");
                String name = at < 0 ? "" : line.substring(at + "[class,load] ".length()).split(" ")[0];
                if (isHeavy(name)) {
                    heavy.add(name);
                }
            }
            assertTrue(heavy.isEmpty(), "loaded before main: " + heavy);
            assertTrue(output.stream().anyMatch(l -> l.contains("io.github.codefind.internal.agent.CodefindAgent")),
                    "the agent ran: " + output.size() + " lines");
        }
    }

    /**
     * What must wait for first use: the JDK's own ASM copy ({@code jdk.internal.org.objectweb.asm}), which
     * the java launcher uses for {@code Launcher-Agent-Class}, does not count.
     */
    private static boolean isHeavy(String className) {
        return className.startsWith("org.objectweb.asm.") || className.startsWith("io.github.codefind.internal.asm.")
                || className.startsWith("io.github.codefind.internal.patch.Engine")
                || className.startsWith("io.github.codefind.internal.classfile.")
                || className.startsWith("io.github.codefind.internal.companion.")
                || className.equals("io.github.codefind.internal.heap.Jvmti")
                || className.startsWith("javax.tools.") || className.startsWith("com.sun.tools.javac.")
                || className.startsWith("java.util.logging.");
    }
}
