package io.github.codefind.jmh.patch;

import io.github.codefind.Codefind;
import io.github.codefind.PatchResult;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.IntUnaryOperator;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What structural edits cost at run time on a stock JVM, against the same code on members the class
 * always had, in the same run: a field added by a patch (side storage, reached through the
 * companion's accessors) against a field of the class, and a helper method added by a patch (a static
 * method of the companion) against the same expression inline. The object was made before the patch,
 * as in a running program. And what it costs to make an object of a class that gained fields, whose
 * constructor registers it with the side storage, against one of a class that did not.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class StructuralAccessBenchmark {
    private static final String BEFORE = String.join("\n",
            "package structural;",
            "public class Acc implements java.util.function.IntUnaryOperator {",
            "    int plain;",
            "    public int applyAsInt(int k) {",
            "        switch (k) { case 0: return ++plain; case 1: return ++plain; case 2: return plain + 1;",
            "            case 4: return new Acc().plain; case 5: return new Plain().plain;",
            "            case 6: return new Tally().plain; default: return plain + 1; }",
            "    }",
            "}");
    private static final String AFTER = String.join("\n",
            "package structural;",
            "public class Acc implements java.util.function.IntUnaryOperator {",
            "    int plain;",
            "    int added;",
            "    public int applyAsInt(int k) {",
            "        switch (k) { case 0: return ++plain; case 1: return ++added; case 2: return plain + 1;",
            "            case 4: return new Acc().plain; case 5: return new Plain().plain;",
            "            case 6: return new Tally().plain; default: return helper(plain); }",
            "    }",
            "    private int helper(int x) { return x + 1; }",
            "}");
    private static final String TALLY = String.join("\n",
            "package structural;",
            "public class Tally {",
            "    int plain = 1;",
            "}");
    private static final String TALLY_AFTER = TALLY.replace("int plain = 1;", "int plain = 1;\n    int hits = 1;");
    private static final String PLAIN = String.join("\n",
            "package structural;",
            "public class Plain {",
            "    int plain = 1;",
            "}");

    private IntUnaryOperator made;

    /**
     * Loads the first version, makes the object, then patches the class.
     *
     * @throws Exception if javac, loading or the patch fails
     */
    @Setup
    public void setUp() throws Exception {
        String classPath = System.getProperty("java.class.path");
        Map<String, byte[]> before = InMemoryJavac.compile(Map.of("structural/Acc.java", BEFORE,
                "structural/Plain.java", PLAIN, "structural/Tally.java", TALLY), classPath);
        PatchLatencyBenchmark.Loader loader = new PatchLatencyBenchmark.Loader(before);
        made = (IntUnaryOperator) loader.loadClass("structural.Acc").getConstructor().newInstance();
        made.applyAsInt(0);
        made.applyAsInt(6);
        PatchResult r = Codefind.patch(loader, InMemoryJavac.compile(Map.of("structural/Acc.java", AFTER,
                "structural/Plain.java", PLAIN, "structural/Tally.java", TALLY_AFTER), classPath));
        if (!r.applied()) {
            throw new IllegalStateException("the patch was rejected: " + r.rejections());
        }
    }

    /** @return a field the class always had, incremented */
    @Benchmark
    public int fieldOfTheClass() {
        return made.applyAsInt(0);
    }

    /** @return a field the patch added, incremented: two side-storage lookups */
    @Benchmark
    public int addedField() {
        return made.applyAsInt(1);
    }

    /** @return an expression inline */
    @Benchmark
    public int inlineExpression() {
        return made.applyAsInt(2);
    }

    /** @return a field of a new object of a class that gained a field without an initializer */
    @Benchmark
    public int newObjectOfAClassWithAddedFields() {
        return made.applyAsInt(4);
    }

    /**
     * @return a field of a new object of a class that gained a field with an initializer: its constructor
     *     assigns it, so the object gets side storage at once
     */
    @Benchmark
    public int newObjectOfAClassWithAnInitialisedAddedField() {
        return made.applyAsInt(6);
    }

    /** @return a field of a new object of a class that did not */
    @Benchmark
    public int newObjectOfAnUnpatchedClass() {
        return made.applyAsInt(5);
    }

    /** @return the same expression in a helper the patch added */
    @Benchmark
    public int addedHelper() {
        return made.applyAsInt(3);
    }
}
