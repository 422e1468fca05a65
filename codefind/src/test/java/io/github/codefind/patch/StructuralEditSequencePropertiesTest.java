package io.github.codefind.patch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.codefind.PatchResult;
import io.github.codefind.testing.Sandbox;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * The edit-sequence property, extended to structural edits on a stock JDK: random sequences that add
 * and remove helpers (static, instance, holding a lambda), fields (instance and static, made final or
 * not) and an anonymous class, and change bodies and initializers, applied live, leave a program whose
 * new objects and calls behave exactly like a fresh run of the final source. State is kept, as it should be: an
 * object made before the edits, and static fields, hold the value a field had when it first existed,
 * which the model tracks.
 */
class StructuralEditSequencePropertiesTest {
    private static final int HELPERS = 3;
    /** Fields f0 and f1 are instance fields, s2 a static one. */
    private static final int FIELDS = 3;

    /**
     * The program, as a value that edits change.
     *
     * @param helpers which helpers exist
     * @param helperValues their constants
     * @param fields which fields exist
     * @param fieldValues their initializers' constants
     * @param finals whether instance fields f0 and f1 are final
     * @param anonymous whether {@code m()} uses an anonymous class
     * @param body the constant of {@code m()}
     */
    record Program(List<Boolean> helpers, List<Integer> helperValues, List<Boolean> fields,
            List<Integer> fieldValues, List<Boolean> finals, boolean anonymous, int body) {
        static Program initial() {
            return new Program(List.of(true, false, false), List.of(0, 0, 0), List.of(true, false, false),
                    List.of(0, 0, 0), List.of(false, false), false, 0);
        }

        String source() {
            StringBuilder b = new StringBuilder("package q;\npublic class Prog {\n"
                    + "    static final Prog OLD = new Prog();\n    private int base = 1;\n");
            for (int i = 0; i < FIELDS; i++) {
                if (fields.get(i)) {
                    // Integer.sum: a constant initializer would make a final field a constant, which javac
                    // inlines at every use, so an old object's field would never be read.
                    b.append(i == 2 ? "    static int s2 = " : finals.get(i) ? "    final int f" + i + " = "
                            : "    int f" + i + " = ").append("Integer.sum(").append(fieldValues.get(i))
                            .append(", 0);\n");
                }
            }
            if (helpers.get(0)) {
                b.append("    private static String h0() { return \"h0:\" + ").append(helperValues.get(0)).append("; }\n");
            }
            if (helpers.get(1)) {
                b.append("    private String h1() { return \"h1:\" + (base + ").append(helperValues.get(1)).append("); }\n");
            }
            if (helpers.get(2)) {
                b.append("    private String h2() { java.util.function.Supplier<String> s = () -> \"h2:\" + (base * ")
                        .append(helperValues.get(2)).append("); return s.get(); }\n");
            }
            b.append("    String m() {\n        String out = \"m:").append(body).append("\";\n");
            for (int i = 0; i < HELPERS; i++) {
                if (helpers.get(i)) {
                    b.append("        out += \",\" + h").append(i).append("();\n");
                }
            }
            if (anonymous) {
                b.append("        out += \",\" + new Object() { public String toString() { return \"anon:\" + base; }"
                        + " }.toString();\n");
            }
            b.append("        return out;\n    }\n");
            b.append("    public static Object fresh() {\n        Prog p = new Prog();\n        return p.m()");
            for (int i = 0; i < FIELDS; i++) {
                if (fields.get(i) && i < 2) {
                    b.append(" + \",f").append(i).append("=\" + p.f").append(i);
                }
            }
            b.append(";\n    }\n    public static Object kept() {\n        return OLD.m()");
            for (int i = 0; i < FIELDS; i++) {
                if (fields.get(i)) {
                    b.append(i == 2 ? " + \",s2=\" + s2" : " + \",f" + i + "=\" + OLD.f" + i);
                }
            }
            return b.append(";\n    }\n}\n").toString();
        }

        Program with(Edit e) {
            List<Boolean> h = new ArrayList<>(helpers);
            List<Integer> hv = new ArrayList<>(helperValues);
            List<Boolean> f = new ArrayList<>(fields);
            List<Integer> fv = new ArrayList<>(fieldValues);
            List<Boolean> fin = new ArrayList<>(finals);
            boolean anon = anonymous;
            int m = body;
            switch (e.kind()) {
                case 0 -> h.set(e.a() % HELPERS, !h.get(e.a() % HELPERS));
                case 1 -> hv.set(e.a() % HELPERS, e.b());
                case 2 -> f.set(e.a() % FIELDS, !f.get(e.a() % FIELDS));
                case 3 -> fv.set(e.a() % FIELDS, e.b());
                case 4 -> anon = !anon;
                case 5 -> m = e.b();
                default -> fin.set(e.a() % 2, !fin.get(e.a() % 2));
            }
            return new Program(h, hv, f, fv, fin, anon, m);
        }
    }

    /**
     * @param kind 0 helper added or removed, 1 helper body, 2 field added or removed, 3 field initializer,
     *     4 anonymous class added or removed, 5 method body, 6 an instance field made final or not
     */
    record Edit(int kind, int a, int b) {
    }

    @Property(tries = 30)
    void structuralEditsBehaveLikeAFreshRun(@ForAll("edits") List<Edit> edits) {
        check(edits);
    }

    /** The same check with a fixed seed, as a plain test: it also runs in the other JDKs' child JVMs. */
    @Test
    void seededSequencesBehaveLikeAFreshRun() {
        Random random = new Random(8);
        for (int run = 0; run < 4; run++) {
            List<Edit> edits = new ArrayList<>();
            for (int i = 0, n = 3 + random.nextInt(6); i < n; i++) {
                edits.add(new Edit(random.nextInt(7), random.nextInt(6), random.nextInt(10)));
            }
            check(edits);
        }
    }

    private static void check(List<Edit> edits) {
        Program program = Program.initial();
        Sandbox live = Sandbox.of(Map.of("q/Prog.java", program.source()));
        live.call("q.Prog", "kept");
        // A field's value on the old object (and a static's) is its initializer when it first existed.
        Integer[] firstValue = {0, null, null};
        for (Edit e : edits) {
            program = program.with(e);
            PatchResult r = live.patchAsRunner(Map.of("q/Prog.java", program.source()));
            assertTrue(r.applied(), edits + ": " + r.rejections());
            for (int i = 0; i < FIELDS; i++) {
                if (program.fields().get(i) && firstValue[i] == null) {
                    firstValue[i] = program.fieldValues().get(i);
                }
            }
            assertEquals(expectedKept(program, firstValue), live.call("q.Prog", "kept"), edits + "\n" + program.source());
        }
        Sandbox fresh = Sandbox.of(Map.of("q/Prog.java", program.source()));
        assertEquals(fresh.call("q.Prog", "fresh"), live.call("q.Prog", "fresh"), edits + "\n" + program.source());
    }

    /** @return what {@code kept()} returns: today's code, with the values the fields got when they first existed */
    private static String expectedKept(Program program, Integer[] firstValue) {
        StringBuilder out = new StringBuilder("m:" + program.body());
        int base = 1;
        List<Integer> v = program.helperValues();
        String[] helpers = {"h0:" + v.get(0), "h1:" + (base + v.get(1)), "h2:" + base * v.get(2)};
        for (int i = 0; i < HELPERS; i++) {
            if (program.helpers().get(i)) {
                out.append(',').append(helpers[i]);
            }
        }
        if (program.anonymous()) {
            out.append(",anon:").append(base);
        }
        for (int i = 0; i < FIELDS; i++) {
            if (program.fields().get(i)) {
                out.append(i == 2 ? ",s2=" : ",f" + i + "=").append(firstValue[i]);
            }
        }
        return out.toString();
    }

    @Provide
    Arbitrary<List<Edit>> edits() {
        return Combinators.combine(Arbitraries.integers().between(0, 6), Arbitraries.integers().between(0, 5),
                Arbitraries.integers().between(0, 9)).as(Edit::new).list().ofMinSize(1).ofMaxSize(8);
    }
}
