package io.github.codefind.internal.classfile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.codefind.conform.ChangeKind;
import io.github.codefind.testing.Javac;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Lambdas and anonymous classes keep the names of the code they replace, whatever javac's numbering
 * does, and an ambiguous edit is refused rather than guessed.
 */
class MatchingTest {
    private static String lambdas(String... bodies) {
        StringBuilder b = new StringBuilder("package p;\nimport java.util.function.*;\npublic class A {\n"
                + "    static Object[] make() {\n        return new Object[] {\n");
        for (String body : bodies) {
            b.append("            (IntSupplier) () -> ").append(body).append(",\n");
        }
        return b.append("        };\n    }\n}\n").toString();
    }

    @Test
    void swappedLambdasKeepTheirNames() {
        Result r = match(lambdas("1 + 10", "2 * 20"), lambdas("2 * 20", "1 + 10"));
        assertTrue(r.ambiguities().isEmpty());
        // After renaming, each lambda body is unchanged: only make() changed, since it creates them in
        // another order. Without renaming, both lambdas would be BODY changes: a silent swap.
        assertEquals(Map.of("p.A.make()[Ljava/lang/Object;", Set.of(ChangeKind.BODY),
                "lambda in p.A -> p.A.lambda$make$0()I", Set.of(ChangeKind.LINES),
                "lambda in p.A -> p.A.lambda$make$1()I", Set.of(ChangeKind.LINES),
                "p.A", Set.of(ChangeKind.REDEFINED)), r.kinds());
    }

    @Test
    void anInsertedLambdaIsAddedAndTheOthersKeepTheirNames() {
        Result r = match(lambdas("1 + 10", "2 * 20"), lambdas("3 - 30", "1 + 10", "2 * 20"));
        assertTrue(r.ambiguities().isEmpty());
        assertEquals(1, r.kinds().entrySet().stream().filter(e -> e.getKey().startsWith("lambda in p.A")
                && e.getValue().equals(Set.of(ChangeKind.ADDED))).count(), r.kinds().toString());
        assertEquals(Set.of(ChangeKind.LINES), r.kinds().get("lambda in p.A -> p.A.lambda$make$0()I"));
        assertEquals(Set.of(ChangeKind.LINES), r.kinds().get("lambda in p.A -> p.A.lambda$make$1()I"));
    }

    @Test
    void aChangedCaptureIsARemovalAndAnAddition() {
        String before = "package p;\npublic class A {\n  static Runnable r(int x) { return () -> System.out.println(1); }\n}\n";
        String after = "package p;\npublic class A {\n  static Runnable r(int x) { return () -> System.out.println(x); }\n}\n";
        Result r = match(before, after);
        assertEquals(Set.of(ChangeKind.REMOVED), r.kinds().get("lambda in p.A -> p.A.lambda$r$0()V"));
        assertTrue(r.kinds().keySet().stream().anyMatch(k -> k.contains("lambda$r$") && k.endsWith("(I)V")),
                r.kinds().toString());
    }

    @Test
    void aLambdaEditedInPlaceIsABodyChange() {
        Result r = match(lambdas("1 + 10", "2 * 20"), lambdas("1 + 10", "2 * 21"));
        assertEquals(Set.of(ChangeKind.BODY), r.kinds().get("lambda in p.A -> p.A.lambda$make$1()I"));
        assertFalse(r.kinds().containsKey("p.A.make()[Ljava/lang/Object;"));
    }

    @Test
    void twoSimilarLambdasEditedAndSwappedAreAmbiguous() {
        Result r = match(lambdas("1 + 10", "2 + 20"), lambdas("2 + 21", "1 + 11"));
        assertFalse(r.ambiguities().isEmpty(), r.kinds().toString());
        // One sentence: the code, its candidates, why it cannot be told, and what a guess would do.
        String reason = r.ambiguities().get(0).reason();
        assertTrue(reason.matches("codefind cannot tell which lambda body of p\\.A the new lambda\\$make\\$\\d"
                + " replaces: lambda\\$make\\$0, lambda\\$make\\$1 all changed in this patch,"
                + " .*run another lambda's body"), reason);
    }

    private static String anonymous(String... values) {
        StringBuilder b = new StringBuilder("package p;\nimport java.util.function.*;\npublic class A {\n"
                + "    static Object[] make() {\n        return new Object[] {\n");
        for (String v : values) {
            b.append("            new IntSupplier() { public int getAsInt() { return ").append(v).append("; } },\n");
        }
        return b.append("        };\n    }\n}\n").toString();
    }

    @Test
    void swappedAnonymousClassesKeepTheirNames() {
        Result r = match(anonymous("111", "2 * 22"), anonymous("2 * 22", "111"));
        assertTrue(r.ambiguities().isEmpty());
        assertEquals(Set.of("p/A", "p/A$1", "p/A$2"), r.classes().keySet());
        assertFalse(altersBehaviour(r, "p/A$1"));
        assertFalse(altersBehaviour(r, "p/A$2"));
    }

    @Test
    void anInsertedAnonymousClassGetsAFreshName() {
        Result r = match(anonymous("111", "2 * 22"), anonymous("333", "111", "2 * 22"));
        assertEquals(Set.of("p/A", "p/A$1", "p/A$2", "p/A$3"), r.classes().keySet());
        assertFalse(altersBehaviour(r, "p/A$1"));
        assertFalse(altersBehaviour(r, "p/A$2"));
        assertTrue(ClassModel.read(r.classes().get("p/A$3")).methods.values().stream()
                .anyMatch(m -> m.body.contains(333)), "the new class is the inserted one");
    }

    private static boolean altersBehaviour(Result r, String name) {
        ClassComparison c = ClassDiff.compare(r.before().get(name), ClassModel.read(r.classes().get(name)));
        return c.changes().stream().anyMatch(ch -> ch.altersBehaviour());
    }

    record Result(Map<String, ClassModel> before, Map<String, byte[]> classes,
            java.util.List<Matching.Ambiguity> ambiguities,
            Map<String, Set<ChangeKind>> kinds) {
    }

    static Result match(String before, String after) {
        Map<String, ClassModel> old = ClassDiffTest.models(Javac.compile(Map.of("p/A.java", before)));
        Map<String, ClassModel> now = ClassDiffTest.models(Javac.compile(Map.of("p/A.java", after)));
        Matching.Result m = Matching.match(old, now);
        ClassComparison c = ClassDiff.compare(old.get("p/A"), ClassModel.read(m.classes().get("p/A")));
        return new Result(old, m.classes(), m.ambiguities(), ClassDiffTest.kinds(c));
    }
}
