package io.github.codefind.patch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.codefind.PatchResult;
import io.github.codefind.testing.Sandbox;
import java.util.Map;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;

/**
 * Code a patch removed is dead code with live objects: a lambda body or an anonymous class that an earlier
 * patch removed keeps its body for the objects made before, so a later patch must never pair new code
 * with it, nor give new code its name (javac reuses the name when the new code takes the removed one's
 * place). Each test keeps objects of every lambda and anonymous class made before each patch, and checks
 * after every patch that they run their own body. Each test uses its own package so that the sandboxes
 * stay apart.
 */
class RemovedCodeNameTest {
    /**
     * @param pkg the package
     * @param lambdas the bodies of the lambdas {@code make()} makes, in source order
     * @return a class whose {@code keep()} makes one object of each lambda, keeps them with those made by
     *     earlier calls, and says what every kept object returns
     */
    static String lambdas(String pkg, String... lambdas) {
        StringBuilder b = new StringBuilder(String.join("\n",
                "package " + pkg + ";",
                "import java.util.function.Supplier;",
                "public class L {",
                "    static final java.util.List<Supplier<?>> KEPT = new java.util.ArrayList<>();",
                "    static void make(java.util.List<Supplier<?>> out) {",
                ""));
        for (String body : lambdas) {
            b.append("        out.add(() -> \"").append(body).append("\");\n");
        }
        return b.append(String.join("\n",
                "    }",
                "    public static Object keep() { make(KEPT); return kept(); }",
                "    public static Object kept() {",
                "        StringBuilder b = new StringBuilder();",
                "        for (Supplier<?> s : KEPT) { b.append(s.get()).append(','); }",
                "        return b.toString();",
                "    }",
                "}")).toString();
    }

    private static void applied(PatchResult r) {
        assertTrue(r.applied(), r.rejections().toString());
    }

    /** The ways a patch may be given its class files: the loaded ones, all of them, or the changed ones. */
    private static final Map<String, BiFunction<Sandbox, Map<String, String>, PatchResult>> WAYS = Map.of(
            "loaded", Sandbox::patch, "runner", Sandbox::patchAsRunner, "changed", Sandbox::patchChanged);

    @Test
    void aLambdaAddedAfterAnotherWasRemovedRunsNotInTheRemovedOnesObjects() {
        WAYS.forEach((way, patch) -> {
            String pkg = "rc1" + way;
            Sandbox s = Sandbox.of(Map.of(pkg + "/L.java", lambdas(pkg, "x")));
            assertEquals("x,", s.call(pkg + ".L", "keep"), way);
            applied(patch.apply(s, Map.of(pkg + "/L.java", lambdas(pkg))));
            assertEquals("x,", s.call(pkg + ".L", "kept"), way + ": the removed lambda's object keeps its body");
            // javac names the new lambda as it named the removed one.
            applied(patch.apply(s, Map.of(pkg + "/L.java", lambdas(pkg, "y"))));
            assertEquals("x,", s.call(pkg + ".L", "kept"), way + ": the removed lambda's object after an addition");
            assertEquals("x,y,", s.call(pkg + ".L", "keep"), way);
            applied(patch.apply(s, Map.of(pkg + "/L.java", lambdas(pkg, "y2"))));
            assertEquals("x,y2,y2,", s.call(pkg + ".L", "keep"), way + ": the new lambda edited in place");
        });
    }

    @Test
    void aLambdaAddedByAPatchRemovedThenAnotherAddedKeepsEachBody() {
        WAYS.forEach((way, patch) -> {
            String pkg = "rc2" + way;
            Sandbox s = Sandbox.of(Map.of(pkg + "/L.java", lambdas(pkg, "a")));
            assertEquals("a,", s.call(pkg + ".L", "keep"), way);
            // The second lambda goes to a companion class: the JVM cannot add its synthetic method.
            applied(patch.apply(s, Map.of(pkg + "/L.java", lambdas(pkg, "a", "x"))));
            assertEquals("a,a,x,", s.call(pkg + ".L", "keep"), way);
            applied(patch.apply(s, Map.of(pkg + "/L.java", lambdas(pkg, "a"))));
            assertEquals("a,a,x,", s.call(pkg + ".L", "kept"), way);
            applied(patch.apply(s, Map.of(pkg + "/L.java", lambdas(pkg, "a", "y"))));
            assertEquals("a,a,x,", s.call(pkg + ".L", "kept"), way + ": the removed lambda's object after an addition");
            assertEquals("a,a,x,a,y,", s.call(pkg + ".L", "keep"), way);
        });
    }

    @Test
    void aLambdaRemovedTwiceThenAddedKeepsEveryRemovedBody() {
        String pkg = "rc3";
        Sandbox s = Sandbox.of(Map.of(pkg + "/L.java", lambdas(pkg, "x")));
        assertEquals("x,", s.call(pkg + ".L", "keep"));
        applied(s.patchAsRunner(Map.of(pkg + "/L.java", lambdas(pkg))));
        applied(s.patchAsRunner(Map.of(pkg + "/L.java", lambdas(pkg, "y"))));
        assertEquals("x,y,", s.call(pkg + ".L", "keep"));
        applied(s.patchAsRunner(Map.of(pkg + "/L.java", lambdas(pkg))));
        assertEquals("x,y,", s.call(pkg + ".L", "kept"));
        applied(s.patchAsRunner(Map.of(pkg + "/L.java", lambdas(pkg, "z"))));
        assertEquals("x,y,", s.call(pkg + ".L", "kept"), "neither removed lambda's object runs z");
        assertEquals("x,y,z,", s.call(pkg + ".L", "keep"));
    }

    @Test
    void anAnonymousClassAppendedAfterTheLastWasRemovedRunsNotInTheRemovedOnesObjects() {
        WAYS.forEach((way, patch) -> {
            String pkg = "rc4" + way;
            Sandbox s = Sandbox.of(Map.of(pkg + "/L.java", AnonymousClassSubsetTest.source(pkg, "x", "y")));
            assertEquals("x,y,", s.call(pkg + ".L", "keep"), way);
            // L$2 (y) is removed: its class file goes, the loaded class stays for its object.
            applied(patch.apply(s, Map.of(pkg + "/L.java", AnonymousClassSubsetTest.source(pkg, "x"))));
            assertEquals("x,y,|x,", s.call(pkg + ".L", "keep"), way);
            // javac names the appended w L$2 again.
            applied(patch.apply(s, Map.of(pkg + "/L.java", AnonymousClassSubsetTest.source(pkg, "x", "w"))));
            assertEquals("x,y,|x,", s.call(pkg + ".L", "kept"), way + ": y's object after w was appended");
            assertEquals("x,y,|x,|x,w,", s.call(pkg + ".L", "keep"), way);
            applied(patch.apply(s, Map.of(pkg + "/L.java", AnonymousClassSubsetTest.source(pkg, "x", "w2"))));
            assertEquals("x,y,|x,|x,w2,|x,w2,", s.call(pkg + ".L", "keep"), way + ": w edited in place");
        });
    }

    @Test
    void anAnonymousClassAddedByAPatchRemovedThenAnotherAddedKeepsEachBody() {
        WAYS.forEach((way, patch) -> {
            String pkg = "rc5" + way;
            Sandbox s = Sandbox.of(Map.of(pkg + "/L.java", AnonymousClassSubsetTest.source(pkg, "a")));
            assertEquals("a,", s.call(pkg + ".L", "keep"), way);
            applied(patch.apply(s, Map.of(pkg + "/L.java", AnonymousClassSubsetTest.source(pkg, "a", "x"))));
            assertEquals("a,|a,x,", s.call(pkg + ".L", "keep"), way);
            applied(patch.apply(s, Map.of(pkg + "/L.java", AnonymousClassSubsetTest.source(pkg, "a"))));
            applied(patch.apply(s, Map.of(pkg + "/L.java", AnonymousClassSubsetTest.source(pkg, "a", "y"))));
            assertEquals("a,|a,x,", s.call(pkg + ".L", "kept"), way + ": x's object after y was appended");
            assertEquals("a,|a,x,|a,y,", s.call(pkg + ".L", "keep"), way);
        });
    }
}
