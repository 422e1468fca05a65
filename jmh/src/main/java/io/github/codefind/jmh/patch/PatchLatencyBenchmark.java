package io.github.codefind.jmh.patch;

import io.github.codefind.Codefind;
import io.github.codefind.PatchResult;
import io.github.codefind.internal.classfile.ClassDiff;
import io.github.codefind.internal.classfile.ClassModel;
import io.github.codefind.internal.classfile.Matching;
import io.github.codefind.internal.heap.NativeRedefinition;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
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
 * Patch latency: codefind's whole pipeline (read, match and diff the class files, check, redefine,
 * discover and call conformers) for 1, 10 and 100 changed classes, against the bare JVM redefinition
 * of the same bytes in the same run. Each call switches every class to the other of two versions, so
 * every call changes real code. Ten {@code Conformable}s refer to the classes, so discovery finds
 * them and (by default) collects first.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgs = {"-Xms512m", "-Xmx512m"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class PatchLatencyBenchmark {
    /** How many classes each patch changes. */
    @Param({"1", "10", "100"})
    public int classes;

    /** {@code collect}: discovery collects first (the default); {@code fast}: it does not. */
    @Param({"collect", "fast"})
    public String discovery;

    private Loader loader;
    private final List<Map<String, byte[]>> versions = new ArrayList<>();
    private Class<?>[] loaded;
    private final byte[][][] bytes = new byte[2][][];
    private final List<Object> conformables = new ArrayList<>();
    private int flip;

    /**
     * Compiles two versions of the classes, loads the first, and makes the conformables.
     *
     * @throws Exception if javac or loading fails
     */
    @Setup
    public void setUp() throws Exception {
        System.setProperty("codefind.discovery", discovery);
        String classPath = System.getProperty("java.class.path");
        for (int v = 0; v < 2; v++) {
            Map<String, String> sources = new LinkedHashMap<>();
            for (int i = 0; i < classes; i++) {
                sources.put("bench/C" + i + ".java", "package bench;\npublic class C" + i + " {\n"
                        + "    public static int value(int x) { return x * " + (v + 2) + " + " + i + "; }\n"
                        + "    public static java.util.function.IntSupplier lambda() { return () -> " + (v + 7) + "; }\n}\n");
            }
            sources.put("bench/Holder.java", "package bench;\n"
                    + "public class Holder implements io.github.codefind.conform.Conformable {\n"
                    + "    public final java.util.List<Class<?>> types = new java.util.ArrayList<>();\n"
                    + "    public int conformed;\n"
                    + "    public void conform(io.github.codefind.conform.Patch p) { conformed++; }\n}\n");
            Map<String, byte[]> compiled = InMemoryJavac.compile(sources, classPath);
            compiled.remove("bench/Holder");
            versions.add(compiled);
            if (v == 0) {
                Map<String, byte[]> all = new HashMap<>(compiled);
                all.put("bench/Holder", InMemoryJavac.compile(Map.of("bench/Holder.java", sources.get("bench/Holder.java")),
                        classPath).get("bench/Holder"));
                loader = new Loader(all);
            }
        }
        loaded = new Class<?>[classes];
        for (int i = 0; i < classes; i++) {
            loaded[i] = Class.forName("bench.C" + i, true, loader);
        }
        for (int v = 0; v < 2; v++) {
            bytes[v] = new byte[classes][];
            for (int i = 0; i < classes; i++) {
                bytes[v][i] = versions.get(v).get("bench/C" + i);
            }
        }
        Class<?> holder = Class.forName("bench.Holder", true, loader);
        for (int h = 0; h < 10; h++) {
            Object o = holder.getConstructor().newInstance();
            @SuppressWarnings("unchecked")
            List<Class<?>> types = (List<Class<?>>) holder.getField("types").get(o);
            for (int i = h; i < classes; i += 10) {
                types.add(loaded[i]);
            }
            conformables.add(o);
        }
        Codefind.install();
    }

    /** @return the result of codefind's whole patch pipeline */
    @Benchmark
    public PatchResult codefindPatch() {
        flip ^= 1;
        PatchResult r = Codefind.patch(loader, versions.get(flip));
        if (!r.applied() || r.patch().isEmpty()) {
            throw new IllegalStateException(r.summary());
        }
        return r;
    }

    /** @return null: the JVM's own redefinition of the same bytes, in one JVMTI call */
    @Benchmark
    public String bareRedefinition() {
        flip ^= 1;
        String error = NativeRedefinition.redefine(loaded, bytes[flip]);
        if (error != null) {
            throw new IllegalStateException(error);
        }
        return error;
    }

    /** @return the number of changes: reading, matching and diffing alone, no JVM call */
    @Benchmark
    public int diffOnly() {
        flip ^= 1;
        Map<String, ClassModel> before = models(versions.get(flip ^ 1));
        Map<String, ClassModel> after = models(versions.get(flip));
        int changes = 0;
        for (Map.Entry<String, byte[]> e : Matching.match(before, after).classes().entrySet()) {
            changes += ClassDiff.compare(before.get(e.getKey()), ClassModel.read(e.getValue())).changes().size();
        }
        return changes;
    }

    private static Map<String, ClassModel> models(Map<String, byte[]> classes) {
        Map<String, ClassModel> out = new LinkedHashMap<>();
        classes.forEach((n, b) -> out.put(n, ClassModel.read(b)));
        return out;
    }

    /** Defines the benchmark's classes from memory and serves their bytes, as a class path would. */
    static final class Loader extends ClassLoader {
        private final Map<String, byte[]> classes;

        Loader(Map<String, byte[]> classes) {
            super(PatchLatencyBenchmark.class.getClassLoader());
            this.classes = classes;
        }

        @Override
        protected Class<?> findClass(String name) throws ClassNotFoundException {
            byte[] b = classes.get(name.replace('.', '/'));
            if (b == null) {
                throw new ClassNotFoundException(name);
            }
            return defineClass(name, b, 0, b.length);
        }

        @Override
        public InputStream getResourceAsStream(String name) {
            byte[] b = name.endsWith(".class") ? classes.get(name.substring(0, name.length() - 6)) : null;
            return b != null ? new ByteArrayInputStream(b) : super.getResourceAsStream(name);
        }
    }
}
