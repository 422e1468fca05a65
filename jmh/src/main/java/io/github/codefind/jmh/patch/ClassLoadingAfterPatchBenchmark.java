package io.github.codefind.jmh.patch;

import io.github.codefind.Codefind;
import io.github.codefind.PatchResult;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What class loading costs once a patch has moved a member to a companion: from then on every class
 * being loaded is scanned for uses of moved members (in-process, through the native class-file hook,
 * a JNI call and a copy per class). Loads 100 small classes into a fresh loader, in a JVM where codefind
 * is installed but nothing was moved ({@code clean}) and in one where a patch added a method and a
 * field ({@code moved}); each in its own fork.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class ClassLoadingAfterPatchBenchmark {
    private static final int CLASSES = 100;

    /** {@code clean}: codefind installed, nothing moved; {@code moved}: a patch moved members. */
    @Param({"clean", "moved"})
    public String state;

    private Map<String, byte[]> batch;

    /**
     * Compiles the batch and, for {@code moved}, applies a patch that adds a method and a field.
     *
     * @throws Exception if javac or the patch fails
     */
    @Setup
    public void setUp() throws Exception {
        String classPath = System.getProperty("java.class.path");
        Map<String, String> sources = new LinkedHashMap<>();
        for (int i = 0; i < CLASSES; i++) {
            sources.put("batch/K" + i + ".java", "package batch;\npublic class K" + i + " {\n    int count;\n"
                    + "    public int next() { return ++count + " + i + "; }\n"
                    + "    public String label() { return \"k\" + count; }\n}\n");
        }
        batch = InMemoryJavac.compile(sources, classPath);
        String host = "package moved;\npublic class Host {\n    public static int value() { return 1; }\n}\n";
        Map<String, byte[]> v1 = InMemoryJavac.compile(Map.of("moved/Host.java", host), classPath);
        PatchLatencyBenchmark.Loader loader = new PatchLatencyBenchmark.Loader(v1);
        loader.loadClass("moved.Host").getMethod("value").invoke(null);
        Codefind.install();
        if (state.equals("moved")) {
            PatchResult r = Codefind.patch(loader, InMemoryJavac.compile(Map.of("moved/Host.java", host.replace(
                    "    public static int value() { return 1; }",
                    "    static int hits;\n    public static int value() { return helper() + hits; }\n"
                            + "    private static int helper() { return 2; }")), classPath));
            if (!r.applied()) {
                throw new IllegalStateException("the patch was rejected: " + r.rejections());
            }
        }
    }

    /**
     * @return the last class loaded
     * @throws ClassNotFoundException never: the loader has every class
     */
    @Benchmark
    public Class<?> load100Classes() throws ClassNotFoundException {
        PatchLatencyBenchmark.Loader loader = new PatchLatencyBenchmark.Loader(batch);
        Class<?> last = null;
        for (int i = 0; i < CLASSES; i++) {
            last = loader.loadClass("batch.K" + i);
        }
        return last;
    }
}
