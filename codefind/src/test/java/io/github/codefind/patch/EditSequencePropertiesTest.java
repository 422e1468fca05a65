package io.github.codefind.patch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.codefind.testing.Sandbox;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * jurigged's best test, for the JVM: random sequences of body edits applied live leave a program that
 * behaves exactly like a fresh run of the final source, lambdas created before the edits included.
 */
class EditSequencePropertiesTest {
    private static final int METHODS = 3;
    private static final int LAMBDAS = 3;

    /** The program's source, as a value that edits change. */
    record Program(List<Integer> constants, List<Integer> lambdaConstants, List<Integer> lambdaOrder,
            List<Integer> blankLines) {
        String source() {
            StringBuilder b = new StringBuilder("package p;\nimport java.util.List;\n"
                    + "import java.util.function.Supplier;\npublic class Prog {\n"
                    + "    static final List<Supplier<String>> L = make();\n"
                    + "    static List<Supplier<String>> make() {\n");
            // Reordering these declarations renumbers the lambdas, not the fields.
            for (int j : lambdaOrder) {
                b.append("\n".repeat(blankLines.get(j)));
                b.append("        Supplier<String> l").append(j).append(" = () -> \"l").append(j)
                        .append(":\" + ").append(lambdaConstants.get(j)).append(";\n");
            }
            b.append("        return List.of(l0, l1, l2);\n    }\n");
            for (int i = 0; i < METHODS; i++) {
                b.append("\n".repeat(blankLines.get(LAMBDAS + i)));
                b.append("    static String m").append(i).append("() { return \"m").append(i).append(":\" + ")
                        .append(constants.get(i)).append(" + \"@\" + new Throwable().getStackTrace()[0].getLineNumber(); }\n");
            }
            b.append("    public static Object describe() {\n        return String.join(\",\"");
            for (int i = 0; i < METHODS; i++) {
                b.append(", m").append(i).append("()");
            }
            for (int j = 0; j < LAMBDAS; j++) {
                b.append(", L.get(").append(j).append(").get()");
            }
            return b.append(");\n    }\n}\n").toString();
        }

        Program with(Edit e) {
            List<Integer> c = new ArrayList<>(constants);
            List<Integer> lc = new ArrayList<>(lambdaConstants);
            List<Integer> order = new ArrayList<>(lambdaOrder);
            List<Integer> blanks = new ArrayList<>(blankLines);
            switch (e.kind()) {
                case 0 -> c.set(e.a() % METHODS, e.b());
                case 1 -> lc.set(e.a() % LAMBDAS, e.b());
                case 2 -> blanks.set(e.a() % blanks.size(), e.b() % 4);
                default -> java.util.Collections.swap(order, e.a() % LAMBDAS, e.b() % LAMBDAS);
            }
            return new Program(c, lc, order, blanks);
        }
    }

    /** @param kind 0 method body, 1 lambda body, 2 lines moved, 3 lambdas reordered */
    record Edit(int kind, int a, int b) {
    }

    @Property(tries = 20)
    void liveEditsBehaveLikeAFreshRun(@ForAll("edits") List<Edit> edits) {
        Program program = new Program(List.of(0, 0, 0), List.of(0, 0, 0), List.of(0, 1, 2),
                List.of(0, 0, 0, 0, 0, 0));
        Sandbox live = Sandbox.of(Map.of("p/Prog.java", program.source()));
        live.call("p.Prog", "describe"); // the lambdas now exist and outlive every edit
        for (Edit e : edits) {
            program = program.with(e);
            live.patchOrFail(Map.of("p/Prog.java", program.source()));
        }
        Sandbox fresh = Sandbox.of(Map.of("p/Prog.java", program.source()));
        assertEquals(fresh.call("p.Prog", "describe"), live.call("p.Prog", "describe"), edits.toString());
    }

    @Provide
    Arbitrary<List<Edit>> edits() {
        return Combinators.combine(Arbitraries.integers().between(0, 3), Arbitraries.integers().between(0, 5),
                Arbitraries.integers().between(0, 9)).as(Edit::new).list().ofMinSize(1).ofMaxSize(6);
    }
}
