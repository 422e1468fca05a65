package io.github.codefind.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.codefind.Codefind;
import io.github.codefind.DeadConformableChecks;
import io.github.codefind.testing.ChildJvm;
import io.github.codefind.testing.Jdk;
import java.io.File;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The registry backend in real child JVMs started with the packaged codefind jar as their agent, on
 * every JDK found: forced, as the fallback when the native library fails or native access is denied,
 * and attached late. The children see codefind only through the agent jar.
 */
class RegistryAgentIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    static Stream<Jdk> jdks() {
        return Jdk.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void theForcedRegistryFindsExactlyTheLiveTrackedObjects(Jdk jdk) {
        ChildJvm.Result r = probe(jdk, List.of("-Dcodefind.heap=registry"),
                "=registry.classes=" + RegistryProbe.Named.class.getName() + ",registry.partialReferrers=true");
        Map<String, String> out = parse(r);
        assertTrue(out.get("backend").startsWith("registry (codefind.heap=registry); sees only instances"),
                r.describe("chose another backend"));
        assertEquals(ChildJvm.codefindJar().toAbsolutePath(), Path.of(URI.create(out.get("registryFrom"))),
                r.describe("codefind came from elsewhere than the agent jar"));
        assertTrue(out.get("asmVisible").startsWith("ClassNotFoundException"), r.describe("ASM is not relocated"));
        assertEquals("30", out.get("widgets"), r.describe("wrong count"));
        assertEquals("40", out.get("widgetsAndSubclasses"), r.describe("wrong count with subclasses"));
        assertEquals("5", out.get("plugins"), r.describe("an interface extending Conformable was not followed"));
        assertEquals("7", out.get("named"), r.describe("the class named in the agent options was not tracked"));
        assertEquals("true", out.get("onlyKeptFound"), r.describe("reported an object it should not"));
        assertEquals("0", out.get("droppedAlive"), r.describe("did not collect the dropped objects"));
        assertEquals("40", out.get("dependents"), r.describe("wrong conformables"));
        assertTrue(out.get("untracked").contains("java.lang.StringBuilder: not tracked"), r.describe("untracked"));
        assertEquals("[[Ljava.lang.Object;, " + RegistryProbe.Holder.class.getName() + ", java.util.HashMap$Node]",
                out.get("referrers"), r.describe("wrong partial referrers (are java.util's internals open?)"));
    }

    static Stream<Arguments> jdksAndCollectors() {
        return Jdk.all().stream().flatMap(jdk -> Stream.of("-XX:+UseG1GC", "-XX:+UseParallelGC", "-XX:+UseZGC")
                .map(gc -> Arguments.of(jdk, gc)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("jdksAndCollectors")
    void deadConformablesAreNeitherFoundNorCalled(Jdk jdk, String gc) {
        List<String> args = new ArrayList<>(List.of(gc, "-Xmx256m", "-Dcodefind.heap=registry",
                "-javaagent:" + ChildJvm.codefindJar()));
        ChildJvm.Result r = ChildJvm.on(jdk).classPath(classPathWithoutCodefind()).jvmArgs(args).timeout(TIMEOUT)
                .run(DeadConformableChecks.class).assertSuccess();
        assertTrue(r.stdout().contains("backend: registry") && r.stdout().contains("ALL CHECKS PASSED"),
                r.describe("did not pass every check on the registry"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void aNativeLibraryThatFailsToLoadFallsBackToTheRegistry(Jdk jdk) {
        ChildJvm.Result r = probe(jdk, List.of("-Dcodefind.native.path=/nonexistent/libcodefind.so"), "");
        Map<String, String> out = parse(r);
        String backend = out.get("backend");
        assertTrue(backend.startsWith("registry (native library unusable: java.lang.UnsatisfiedLinkError")
                && backend.contains("/nonexistent/libcodefind.so"), r.describe("wrong backend"));
        assertTrue(r.stderr().contains("codefind heap backend: registry (native library unusable"),
                r.describe("did not log the fallback"));
        assertEquals("30", out.get("widgets"), r.describe("the fallback does not count"));
        assertTrue(out.get("referrers").contains("cannot find referrers outside tracked objects"),
                r.describe("answered referrers without being allowed to be partial"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void deniedNativeAccessFallsBackAndNamesTheRemedy(Jdk jdk) {
        Assumptions.assumeTrue(jdk.feature() >= 24, "--illegal-native-access exists from JDK 24");
        ChildJvm.Result r = probe(jdk, List.of("--illegal-native-access=deny"), "");
        Map<String, String> out = parse(r);
        assertTrue(out.get("backend").startsWith("registry (native library unusable: java.lang.IllegalCallerException"),
                r.describe("wrong backend"));
        assertTrue(r.stderr().contains("native access is denied: run with --enable-native-access=ALL-UNNAMED"),
                r.describe("did not log the denial and its remedy"));
        assertEquals("30", out.get("widgets"), r.describe("the fallback does not count"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void aForcedJvmtiBackendThatCannotLoadFailsClearly(Jdk jdk) {
        ChildJvm.Result r = probe(jdk, List.of("-Dcodefind.heap=jvmti",
                "-Dcodefind.native.path=/nonexistent/libcodefind.so"), "");
        String error = parse(r).get("error");
        assertTrue(error != null && error.startsWith("java.lang.IllegalStateException: codefind.heap=jvmti, but the"
                + " native library cannot be used") && error.contains("/nonexistent/libcodefind.so"),
                r.describe("did not fail clearly"));
        assertTrue(r.stderr().contains("codefind agent could not start"), r.describe("the agent did not log it"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void aLateAttachSeesOnlyObjectsCreatedAfterIt(Jdk jdk) {
        List<String> args = new ArrayList<>(List.of("-Djdk.attach.allowAttachSelf=true", "-Dcodefind.heap=registry"));
        if (jdk.feature() >= 21) {
            args.add("-XX:+EnableDynamicAgentLoading");
        }
        ChildJvm.Result r = ChildJvm.on(jdk).classPath(classPathWithoutCodefind()).jvmArgs(args).timeout(TIMEOUT)
                .run(LateAttachProbe.class, ChildJvm.codefindJar().toString()).assertSuccess();
        Map<String, String> out = parse(r);
        assertTrue(out.get("backend").contains("1 tracked class was loaded before installation"),
                r.describe("wrong backend"));
        assertTrue(out.get("early").contains(LateAttachProbe.Early.class.getName()
                + ": loaded before codefind was installed"), r.describe("counted a class it cannot fully see"));
        assertEquals("4", out.get("late"), r.describe("wrong count of a class loaded after the agent"));
        assertEquals("2", out.get("earlyDependents"), r.describe("retransformation did not track new instances"));
        assertTrue(r.stderr().contains("cannot see every instance of these Conformable classes")
                && r.stderr().contains(LateAttachProbe.Early.class.getName()), r.describe("did not warn"));
    }

    private static ChildJvm.Result probe(Jdk jdk, List<String> jvmArgs, String agentOptions) {
        List<String> args = new ArrayList<>(jvmArgs);
        args.add("-javaagent:" + ChildJvm.codefindJar() + agentOptions);
        return ChildJvm.on(jdk).classPath(classPathWithoutCodefind()).jvmArgs(args).timeout(TIMEOUT)
                .run(RegistryProbe.class).assertSuccess();
    }

    /** The test class path less codefind's classes and ASM, so that the agent jar alone provides them. */
    private static String classPathWithoutCodefind() {
        Path codefind;
        try {
            codefind = Path.of(Codefind.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        List<String> kept = new ArrayList<>();
        for (String entry : ChildJvm.testClassPath().split(File.pathSeparator)) {
            Path p = Path.of(entry).toAbsolutePath();
            if (!p.equals(codefind.toAbsolutePath()) && !p.equals(ChildJvm.codefindJar().toAbsolutePath())
                    && !entry.contains("org" + File.separator + "ow2" + File.separator + "asm")) {
                kept.add(entry);
            }
        }
        return String.join(File.pathSeparator, kept);
    }

    private static Map<String, String> parse(ChildJvm.Result r) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : r.stdout().split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                out.put(line.substring(0, eq), line.substring(eq + 1).trim());
            }
        }
        if (!out.containsKey("backend") && !out.containsKey("error")) {
            throw new AssertionError(r.describe("printed no result"));
        }
        return out;
    }
}
