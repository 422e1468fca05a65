package io.github.codefind.patch;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.codefind.testing.ChildJvm;
import io.github.codefind.testing.Jdk;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The in-JVM patch tests, again in a child JVM on every other JDK found (Temurin 25 here). */
class PatchTestsAcrossJdksTest {
    static Stream<Jdk> otherJdks() {
        return Jdk.all().stream().filter(j -> !j.equals(Jdk.current()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("otherJdks")
    void patchTestsPass(Jdk jdk) {
        List<String> args = new ArrayList<>(List.of("-Xmx512m"));
        if (jdk.feature() >= 22) {
            args.add("--enable-native-access=ALL-UNNAMED");
        }
        ChildJvm.Result r = ChildJvm.on(jdk).jvmArgs(args).run(InJvmTestsOnOtherJdks.class).assertSuccess();
        assertTrue(r.stdout().contains(" passed, 0 failed"), r.describe("did not pass"));
    }
}
