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
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * On JetBrains Runtime with {@code -XX:+AllowEnhancedClassRedefinition}, structural edits go to the JVM
 * itself, not to companion classes: reflection then sees the added field and method, which it never
 * does on a stock JVM. Runs for every JetBrains Runtime found among the JDKs; skipped where there is
 * none.
 */
class EnhancedRedefinitionIT {
    private static final String SHAPE = String.join("\n",
            "package jbr;",
            "public class Shape {",
            "    public static String value() { return \"v1\"; }",
            "}");
    private static final String MAIN = String.join("\n",
            "package jbr;",
            "public class Main {",
            "    public static void main(String[] args) throws Exception {",
            "        System.out.println(Shape.value());",
            "        byte[] v2 = java.nio.file.Files.readAllBytes(java.nio.file.Path.of(args[0]));",
            "        io.github.codefind.PatchResult r = io.github.codefind.Codefind.patch(Main.class.getClassLoader(),",
            "                java.util.Map.of(\"jbr/Shape\", v2));",
            "        System.out.println(\"applied \" + r.applied() + \" \" + r.rejections() + \" \" + Shape.value());",
            "        System.out.println(\"reflection \" + Shape.class.getDeclaredField(\"hits\").getName() + \" \"",
            "                + Shape.class.getDeclaredMethod(\"helper\").getName());",
            "    }",
            "}");

    static Stream<Jdk> jetBrainsRuntimes() {
        List<Jdk> found = new ArrayList<>();
        for (Jdk jdk : Jdk.all()) {
            // A JDK's release file names its implementor: IMPLEMENTOR="JetBrains s.r.o." for this runtime.
            try {
                if (Files.readString(jdk.home().resolve("release")).contains("JetBrains")) {
                    found.add(jdk);
                }
            } catch (java.io.IOException e) {
                // no release file: not a JDK image this test can tell apart
            }
        }
        return found.isEmpty() ? Stream.of((Jdk) null) : found.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jetBrainsRuntimes")
    void structuralEditsGoToTheJvmItself(Jdk jdk) throws Exception {
        Assumptions.assumeTrue(jdk != null, "no JetBrains Runtime on this machine");
        Path classes = Files.createTempDirectory("codefind-jbr");
        Map<String, byte[]> v1 = Javac.compile(Map.of("jbr/Shape.java", SHAPE, "jbr/Main.java", MAIN));
        for (Map.Entry<String, byte[]> e : v1.entrySet()) {
            Path file = classes.resolve(e.getKey() + ".class");
            Files.createDirectories(file.getParent());
            Files.write(file, e.getValue());
        }
        Path v2 = Files.createTempFile("codefind-jbr", ".class");
        Files.write(v2, Javac.compile(Map.of("jbr/Shape.java", SHAPE.replace("    public static String value() { return \"v1\"; }",
                "    static int hits = 2;\n    public static String value() { return helper() + hits; }\n"
                        + "    static String helper() { return \"v\"; }"))).get("jbr/Shape"));
        ChildJvm.Result r = ChildJvm.on(jdk)
                .jvmArgs("-XX:+AllowEnhancedClassRedefinition", "-javaagent:" + ChildJvm.codefindJar())
                .timeout(Duration.ofSeconds(60)).classPath(classes + File.pathSeparator + ChildJvm.codefindJar())
                .run("jbr.Main", v2.toString()).assertSuccess();
        assertTrue(r.stdout().contains("applied true [] v"), r.stdout() + r.stderr());
        assertTrue(r.stdout().contains("reflection hits helper"), "the JVM itself added them: " + r.stdout());
    }
}
