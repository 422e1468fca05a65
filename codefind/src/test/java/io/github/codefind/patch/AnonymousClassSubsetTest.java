package io.github.codefind.patch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.codefind.PatchResult;
import io.github.codefind.Rejection;
import io.github.codefind.testing.Sandbox;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Anonymous classes inserted, removed or renumbered never run another one's body (issue 14), whether a
 * patch has every {@code $N} file of their class (as the runner passes them), the loaded ones (as
 * {@link Sandbox#patch} does), or only the changed ones (as an IDE does). Each test keeps objects of every
 * anonymous class made before each patch, and checks after each patch that they run their own body (or,
 * for one edited in place, its new body). Each test uses its own package so that the sandboxes stay apart.
 */
class AnonymousClassSubsetTest {
    /**
     * @param pkg the package
     * @param bodies what each anonymous class returns, in source order, each on its own line
     * @return a class whose {@code keep()} makes one object of each anonymous class, keeps them with those
     *     made by earlier calls, and says what every kept object returns, one {@code |}-separated group per call
     */
    static String source(String pkg, String... bodies) {
        StringBuilder b = new StringBuilder(String.join("\n",
                "package " + pkg + ";",
                "import java.util.function.Supplier;",
                "public class L {",
                "    static final java.util.List<Object[]> KEPT = new java.util.ArrayList<>();",
                "    static Object[] make() {",
                "        return new Object[] {",
                ""));
        for (String body : bodies) {
            b.append("            new Supplier<String>() { public String get() { return \"").append(body)
                    .append("\"; } },\n");
        }
        return b.append(String.join("\n",
                "        };",
                "    }",
                "    public static Object keep() { KEPT.add(make()); return kept(); }",
                "    public static Object kept() {",
                "        StringBuilder b = new StringBuilder();",
                "        for (Object[] made : KEPT) {",
                "            b.append(b.length() == 0 ? \"\" : \"|\");",
                "            for (Object o : made) { b.append(((Supplier<?>) o).get()).append(','); }",
                "        }",
                "        return b.toString();",
                "    }",
                "}")).toString();
    }

    private static void applied(PatchResult r) {
        assertTrue(r.applied(), r.rejections().toString());
    }

    @Test
    void aRemovedAnonymousClassLeavesTheOthersTheirBodies() {
        Sandbox s = Sandbox.of(Map.of("s14r/L.java", source("s14r", "x", "y", "w")));
        assertEquals("x,y,w,", s.call("s14r.L", "keep"));
        // javac now writes L$1 (y) and L$2 (w), and no L$3; the loaded L$3 is not in the patch.
        applied(s.patch(Map.of("s14r/L.java", source("s14r", "y", "w"))));
        assertEquals(Set.of("s14r/L", "s14r/L$1", "s14r/L$2"), s.lastPassed().keySet());
        assertEquals("x,y,w,", s.call("s14r.L", "kept"), "objects made before the patch");
        assertEquals("x,y,w,|y,w,", s.call("s14r.L", "keep"), "and the new ones");
        applied(s.patchChanged(Map.of("s14r/L.java", source("s14r", "y", "w2"))));
        assertEquals("x,y,w2,|y,w2,|y,w2,", s.call("s14r.L", "keep"), "w was edited in place");
    }

    @Test
    void anAnonymousClassInsertedAtTheStartWithAllFilesThenEditedWithOnlyItsFile() {
        Sandbox s = Sandbox.of(Map.of("s14s/L.java", source("s14s", "x", "y")));
        assertEquals("x,y,", s.call("s14s.L", "keep"));
        applied(s.patchAsRunner(Map.of("s14s/L.java", source("s14s", "z", "x", "y"))));
        assertEquals("x,y,", s.call("s14s.L", "kept"));
        assertEquals("x,y,|z,x,y,", s.call("s14s.L", "keep"));
        // Only z's class file changed: javac's L$1, which runs as another class.
        applied(s.patchChanged(Map.of("s14s/L.java", source("s14s", "z2", "x", "y"))));
        assertEquals(Set.of("s14s/L$1"), s.lastPassed().keySet());
        assertEquals("x,y,|z2,x,y,", s.call("s14s.L", "kept"), "z's object runs z's new body, x's and y's theirs");
        assertEquals("x,y,|z2,x,y,|z2,x,y,", s.call("s14s.L", "keep"));
        // Another insertion at the start, only the changed files: all of them, since all are renumbered.
        applied(s.patchChanged(Map.of("s14s/L.java", source("s14s", "q", "z2", "x", "y"))));
        assertEquals("x,y,|z2,x,y,|z2,x,y,|q,z2,x,y,", s.call("s14s.L", "keep"));
    }

    @Test
    void anAnonymousClassInsertedWithOnlyTheChangedFiles() {
        Sandbox s = Sandbox.of(Map.of("s14t/L.java", source("s14t", "x", "y", "w")));
        assertEquals("x,y,w,", s.call("s14t.L", "keep"));
        // L$1 (x) is unchanged and left out; the loaded L$1 must not be taken for a new name.
        applied(s.patchChanged(Map.of("s14t/L.java", source("s14t", "x", "z", "y", "w"))));
        assertEquals(Set.of("s14t/L", "s14t/L$2", "s14t/L$3", "s14t/L$4"), s.lastPassed().keySet());
        assertEquals("x,y,w,", s.call("s14t.L", "kept"));
        assertEquals("x,y,w,|x,z,y,w,", s.call("s14t.L", "keep"));
        applied(s.patchChanged(Map.of("s14t/L.java", source("s14t", "q", "x", "z", "y", "w"))));
        assertEquals("x,y,w,|x,z,y,w,", s.call("s14t.L", "kept"));
        assertEquals("x,y,w,|x,z,y,w,|q,x,z,y,w,", s.call("s14t.L", "keep"));
        // Edits in place of two of them, only their files.
        applied(s.patchChanged(Map.of("s14t/L.java", source("s14t", "q", "x2", "z", "y", "w2"))));
        assertEquals(2, s.lastPassed().size(), s.lastPassed().keySet().toString());
        assertEquals("x2,y,w2,|x2,z,y,w2,|q,x2,z,y,w2,", s.call("s14t.L", "kept"));
    }

    @Test
    void anAppendedAnonymousClassWithOnlyTheHostAndItsFile() {
        Sandbox s = Sandbox.of(Map.of("s14u/L.java", source("s14u", "x", "y", "w")));
        assertEquals("x,y,w,", s.call("s14u.L", "keep"));
        applied(s.patchChanged(Map.of("s14u/L.java", source("s14u", "y", "w"))));
        assertEquals("x,y,w,|y,w,", s.call("s14u.L", "keep"));
        // javac's L$3 is new; the loaded L$3 is w, which javac now calls L$2.
        applied(s.patchChanged(Map.of("s14u/L.java", source("s14u", "y", "w", "v"))));
        assertEquals(Set.of("s14u/L", "s14u/L$3"), s.lastPassed().keySet());
        assertEquals("x,y,w,|y,w,", s.call("s14u.L", "kept"));
        assertEquals("x,y,w,|y,w,|y,w,v,", s.call("s14u.L", "keep"));
    }

    @Test
    void aPatchLeavingOutANewAnonymousClassWhoseNameAnotherClassHasIsRefused() {
        Sandbox s = Sandbox.of(Map.of("s14v/L.java", source("s14v", "x", "y", "w")));
        assertEquals("x,y,w,", s.call("s14v.L", "keep"));
        applied(s.patch(Map.of("s14v/L.java", source("s14v", "y", "w"))));
        // javac's L$3 (w) is new to this build and left out, and the loaded L$3 is the old w.
        PatchResult r = s.patchOnly(Map.of("s14v/L.java", source("s14v", "z", "y", "w")), "s14v/L", "s14v/L$1",
                "s14v/L$2");
        assertFalse(r.applied(), r.summary());
        Rejection why = r.rejections().get(0);
        assertEquals("s14v.L$3", why.className(), why.toString());
        assertEquals("s14v/L.java", why.file(), why.toString());
        assertTrue(why.remedy().contains("s14v/L.java"), why.toString());
        assertEquals("x,y,w,|y,w,", s.call("s14v.L", "keep"), "nothing changed");
        applied(s.patchAsRunner(Map.of("s14v/L.java", source("s14v", "z", "y", "w"))));
        assertEquals("x,y,w,|y,w,|z,y,w,", s.call("s14v.L", "keep"));
    }

    // Local classes of the same name are numbered as anonymous ones are.

    private static final String LOCAL = String.join("\n",
            "package s14x;",
            "import java.util.function.Supplier;",
            "public class K {",
            "    static final java.util.List<Supplier<?>> KEPT = new java.util.ArrayList<>();",
            "    static Supplier<?> a() {",
            "        class Local implements Supplier<String> { public String get() { return \"a\"; } }",
            "        return new Local();",
            "    }",
            "    static Supplier<?> b() {",
            "        class Local implements Supplier<String> { public String get() { return \"b\"; } }",
            "        return new Local();",
            "    }",
            "    static void make() { KEPT.add(a()); KEPT.add(b()); }",
            "    public static Object keep() {",
            "        make();",
            "        StringBuilder out = new StringBuilder();",
            "        for (Supplier<?> s : KEPT) { out.append(s.get()).append(','); }",
            "        return out.toString();",
            "    }",
            "}");

    @Test
    void localClassesOfOneNameKeepTheirBodiesWhenOneIsInsertedBeforeThem() {
        Sandbox s = Sandbox.of(Map.of("s14x/K.java", LOCAL));
        assertEquals("a,b,", s.call("s14x.K", "keep"));
        String inserted = LOCAL.replace("    static Supplier<?> a()", "    static Supplier<?> c() { class Local"
                + " implements Supplier<String> { public String get() { return \"c\"; } } return new Local(); }\n"
                + "    static Supplier<?> a()").replace("KEPT.add(a());", "KEPT.add(c()); KEPT.add(a());");
        applied(s.patchAsRunner(Map.of("s14x/K.java", inserted)));
        assertEquals("a,b,c,a,b,", s.call("s14x.K", "keep"));
    }

    // Lambdas are matched as before, next to anonymous classes renumbered in the same patch.

    private static final String MIXED = String.join("\n",
            "package s14w;",
            "import java.util.function.Supplier;",
            "public class M {",
            "    static final java.util.List<Supplier<?>> KEPT = new java.util.ArrayList<>();",
            "    static void make() {",
            "        KEPT.add(new Supplier<String>() { public String get() { return \"a1\"; } });",
            "        KEPT.add(() -> \"l1\");",
            "        KEPT.add(new Supplier<String>() { public String get() { return \"a2\"; } });",
            "        KEPT.add(() -> \"l2\");",
            "    }",
            "    public static Object keep() {",
            "        make();",
            "        StringBuilder b = new StringBuilder();",
            "        for (Supplier<?> s : KEPT) { b.append(s.get()).append(','); }",
            "        return b.toString();",
            "    }",
            "}");

    @Test
    void lambdasKeepTheirBodiesBesideRenumberedAnonymousClasses() {
        Sandbox s = Sandbox.of(Map.of("s14w/M.java", MIXED));
        assertEquals("a1,l1,a2,l2,", s.call("s14w.M", "keep"));
        // A lambda and an anonymous class inserted after the first one: javac renumbers both lambdas and a2.
        String inserted = MIXED.replace("        KEPT.add(() -> \"l1\");",
                "        KEPT.add(() -> \"l0\");"
                        + " KEPT.add(new Supplier<String>() { public String get() { return \"a0\"; } });\n"
                        + "        KEPT.add(() -> \"l1\");");
        applied(s.patchChanged(Map.of("s14w/M.java", inserted)));
        assertFalse(s.lastPassed().containsKey("s14w/M$1"), "a1 is unchanged");
        assertEquals("a1,l1,a2,l2,a1,l0,a0,l1,a2,l2,", s.call("s14w.M", "keep"));
        applied(s.patchChanged(Map.of("s14w/M.java",
                inserted.replace("\"l1\"", "\"L1\"").replace("\"a2\"", "\"A2\""))));
        assertEquals("a1,L1,A2,l2,a1,l0,a0,L1,A2,l2,a1,l0,a0,L1,A2,l2,", s.call("s14w.M", "keep"), "edited in place");
    }
}
