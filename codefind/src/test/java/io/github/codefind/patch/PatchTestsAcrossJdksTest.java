package io.github.codefind.patch;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.codefind.testing.ChildJvm;
import io.github.codefind.testing.Jdk;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The in-JVM patch tests, again in a child JVM on every other JDK found (Temurin 25 here): one child per
 * suite, so that each suite's time limit is its own, and a failure names its suite.
 */
class PatchTestsAcrossJdksTest {
    static Stream<Arguments> suitesOnOtherJdks() {
        return Jdk.all().stream().filter(j -> !j.equals(Jdk.current()))
                .flatMap(jdk -> InJvmTestsOnOtherJdks.SUITES.stream().map(s -> Arguments.of(jdk, s.getSimpleName())));
    }

    @ParameterizedTest(name = "{1} on {0}")
    @MethodSource("suitesOnOtherJdks")
    void patchTestsPass(Jdk jdk, String suite) {
        List<String> args = new ArrayList<>(List.of("-Xmx512m"));
        if (jdk.feature() >= 22) {
            args.add("--enable-native-access=ALL-UNNAMED");
        }
        ChildJvm.Result r = ChildJvm.on(jdk).jvmArgs(args).run(InJvmTestsOnOtherJdks.class.getName(), suite)
                .assertSuccess();
        assertTrue(r.stdout().contains(" passed, 0 failed"), r.describe("did not pass"));
    }
}
