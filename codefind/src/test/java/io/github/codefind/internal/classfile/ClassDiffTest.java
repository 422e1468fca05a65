package io.github.codefind.internal.classfile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.codefind.conform.Change;
import io.github.codefind.conform.ChangeKind;
import io.github.codefind.testing.Javac;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Two real compilations of a class, compared method by method. */
class ClassDiffTest {
    private static final String V1 = String.join("\n",
            "package p;",
            "public class A {",
            "    static int counter = 1;",
            "    int field;",
            "    public int one() { return 1; }",
            "    public int two() { return 2; }",
            "    @Deprecated public int three() { return 3; }",
            "}");

    @Test
    void anIdenticalRecompileIsUnchanged() {
        assertTrue(diff(V1, V1).unchanged());
    }

    @Test
    void aBodyChangeIsBodyAndTheClassIsRedefined() {
        ClassComparison c = diff(V1, V1.replace("return 1;", "return 11;"));
        assertEquals(Map.of("p.A.one()I", Set.of(ChangeKind.BODY), "p.A", Set.of(ChangeKind.REDEFINED)), kinds(c));
        assertTrue(c.structural().isEmpty());
    }

    @Test
    void codeMovedDownIsLinesOnly() {
        ClassComparison c = diff(V1, V1.replace("public class A {", "public class A {\n\n"));
        for (Change ch : c.changes()) {
            assertFalse(ch.altersBehaviour(), ch.toString());
        }
        assertEquals(Set.of(ChangeKind.LINES), kinds(c).get("p.A.two()I"));
        Change two = c.changes().stream().filter(ch -> ch.unit().toString().equals("p.A.two()I"))
                .findFirst().orElseThrow();
        assertEquals(6, two.before().orElseThrow().source().orElseThrow().firstLine());
        assertEquals(8, two.after().orElseThrow().source().orElseThrow().firstLine(), "two lines inserted above");
    }

    @Test
    void annotationsAndModifiers() {
        ClassComparison c = diff(V1, V1.replace("@Deprecated public int three", "public int three")
                .replace("public int two()", "public synchronized int two()"));
        assertEquals(Set.of(ChangeKind.ATTRIBUTES), kinds(c).get("p.A.three()I"));
        assertEquals(Set.of(ChangeKind.SIGNATURE), kinds(c).get("p.A.two()I"));
        assertEquals(StructuralChange.Kind.METHOD_MODIFIERS, c.structural().get(0).kind());
    }

    @Test
    void addedAndRemovedMethodsAndFields() {
        ClassComparison c = diff(V1, V1.replace("public int two() { return 2; }", "public int four() { return 4; }")
                .replace("int field;", "int field; long more;"));
        assertEquals(Set.of(ChangeKind.ADDED), kinds(c).get("p.A.four()I"));
        assertEquals(Set.of(ChangeKind.REMOVED), kinds(c).get("p.A.two()I"));
        assertEquals(Set.of(ChangeKind.REDEFINED, ChangeKind.SIGNATURE), kinds(c).get("p.A"));
        assertEquals(List.of(StructuralChange.Kind.METHOD_ADDED, StructuralChange.Kind.METHOD_REMOVED,
                StructuralChange.Kind.FIELDS), c.structural().stream().map(StructuralChange::kind).sorted().toList());
    }

    @Test
    void aFieldsAnnotationsAreAttributesOfItsClassNotItsShape() {
        ClassComparison c = diff(V1, V1.replace("int field;", "@Deprecated int field;"));
        assertEquals(Map.of("p.A", Set.of(ChangeKind.REDEFINED, ChangeKind.ATTRIBUTES)), kinds(c));
        assertTrue(c.structural().isEmpty(), c.structural().toString());
        ClassComparison renamed = diff(V1, V1.replace("int field;", "long field;"));
        assertEquals(StructuralChange.Kind.FIELDS, renamed.structural().get(0).kind());
    }

    @Test
    void supertypesAndTheStaticInitializer() {
        ClassComparison c = diff(V1, V1.replace("public class A {", "public class A implements Runnable {"
                + " public void run() {}").replace("counter = 1", "counter = 2"));
        assertTrue(c.staticInitializerChanged());
        assertTrue(c.structural().stream().anyMatch(s -> s.kind() == StructuralChange.Kind.SUPERTYPES));
    }

    static ClassComparison diff(String before, String after) {
        return ClassDiff.compare(model(before, "p/A"), model(after, "p/A"));
    }

    static ClassModel model(String source, String name) {
        return ClassModel.read(Javac.compile(Map.of("p/A.java", source)).get(name));
    }

    static Map<String, Set<ChangeKind>> kinds(ClassComparison c) {
        Map<String, Set<ChangeKind>> out = new TreeMap<>();
        for (Change ch : c.changes()) {
            out.put(ch.unit().toString(), ch.kinds());
        }
        return out;
    }

    static Map<String, ClassModel> models(Map<String, byte[]> classes) {
        Map<String, ClassModel> out = new LinkedHashMap<>();
        classes.forEach((n, b) -> out.put(n, ClassModel.read(b)));
        return out;
    }
}
