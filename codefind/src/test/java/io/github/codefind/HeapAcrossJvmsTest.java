package io.github.codefind;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.codefind.testing.ChildJvm;
import io.github.codefind.testing.Jdk;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@link HeapChecks} and {@link DeadConformableChecks} in child JVMs: G1, Parallel and ZGC, on every JDK found. */
class HeapAcrossJvmsTest {
    static Stream<Arguments> jvms() {
        List<Arguments> all = new ArrayList<>();
        for (Jdk jdk : Jdk.all()) {
            for (String gc : List.of("-XX:+UseG1GC", "-XX:+UseParallelGC", "-XX:+UseZGC")) {
                all.add(Arguments.of(jdk, gc));
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("jvms")
    void heapAnswersHold(Jdk jdk, String gc) {
        passes(jdk, gc, HeapChecks.class);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("jvms")
    void deadConformablesAreNeitherFoundNorCalled(Jdk jdk, String gc) {
        passes(jdk, gc, DeadConformableChecks.class);
    }

    private static void passes(Jdk jdk, String gc, Class<?> checks) {
        List<String> args = new ArrayList<>(List.of(gc, "-Xmx256m"));
        if (jdk.feature() >= 22) {
            args.add("--enable-native-access=ALL-UNNAMED");
        }
        ChildJvm.Result r = ChildJvm.on(jdk).jvmArgs(args).run(checks).assertSuccess();
        assertTrue(r.stdout().contains("ALL CHECKS PASSED"), r.describe("did not pass every check"));
        assertTrue(!r.stderr().contains("WARNING: A restricted method"),
                r.describe("warned about native access although it was enabled"));
    }
}
