package io.github.codefind.patch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.codefind.PatchResult;
import io.github.codefind.internal.patch.Engine;
import io.github.codefind.testing.Sandbox;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Links across patches on a stock JDK (issue 14): code that calls a member its owner gains in another
 * patch, earlier or later, reaches it, and a patch says when its new code uses a member nobody has yet.
 * Each test uses its own package so that the sandboxes stay apart.
 */
class CrossPatchLinkTest {
    private static final String OWNER = String.join("\n",
            "package PKG;",
            "public class B {",
            "    public static int count;",
            "    public static String f() { return \"f\"; }",
            "}");
    private static final String CALLER = String.join("\n",
            "package PKG;",
            "public class A {",
            "    public static Object value() { return \"a\"; }",
            "}");
    /** B with an added method, which a stock JDK keeps in a companion class. */
    private static final String OWNER_WITH_G = OWNER.replace("    public static String f()",
            "    public static String g() { return \"g\" + f(); }\n    public static String f()");

    private static Sandbox sandbox(String pkg) {
        Sandbox s = Sandbox.of(Map.of(pkg + "/A.java", CALLER.replace("PKG", pkg),
                pkg + "/B.java", OWNER.replace("PKG", pkg)));
        assertEquals("a", s.call(pkg + ".A", "value"), "loads A");
        assertEquals("f", s.call(pkg + ".B", "f"), "loads B");
        return s;
    }

    // A.1: the member came first, the caller later.

    @Test
    void aClassPatchedAfterAMemberWasAddedReachesIt() {
        Sandbox s = sandbox("s14a");
        PatchResult added = s.patchOnly(Map.of("s14a/B.java", OWNER_WITH_G.replace("PKG", "s14a")), "s14a/B");
        assertTrue(added.applied(), added.rejections().toString());
        PatchResult calling = s.patchOnly(Map.of("s14a/A.java", CALLER.replace("PKG", "s14a")
                .replace("return \"a\";", "return B.g();")), "s14a/A");
        assertTrue(calling.applied(), calling.rejections().toString());
        assertEquals("gf", s.call("s14a.A", "value"));
        assertTrue(calling.notes().stream().noneMatch(n -> n.contains("neither")), calling.notes().toString());
    }

    // A.2: the caller came first, the member in a later patch.

    @Test
    void aMemberAddedLaterIsReachedByTheClassesAnEarlierPatchMadeCallIt() {
        Sandbox s = sandbox("s14b");
        // A calls g() straight from a method the JVM has, and from a helper the patch adds, which lives in a
        // companion class of A's.
        String caller = CALLER.replace("PKG", "s14b").replace("return \"a\"; }",
                "return B.g() + \"/\" + twice(); }\n    private static String twice() { return B.g() + B.g(); }");
        PatchResult first = s.patchOnly(Map.of("s14b/A.java", caller, "s14b/B.java",
                OWNER_WITH_G.replace("PKG", "s14b")), "s14b/A");
        assertTrue(first.applied(), first.rejections().toString());
        AssertionError thrown = assertThrows(AssertionError.class, () -> s.call("s14b.A", "value"));
        NoSuchMethodError error = assertInstanceOf(NoSuchMethodError.class, thrown.getCause());
        assertTrue(String.valueOf(error.getMessage()).contains("s14b.B.g()"), error.getMessage());

        PatchResult second = s.patchOnly(Map.of(), "s14b/B");
        assertTrue(second.applied(), second.rejections().toString());
        assertEquals("gf/gfgf", s.call("s14b.A", "value"), "both calls reach the companion");
        assertTrue(second.notes().stream().noneMatch(n -> n.contains("neither")), second.notes().toString());

        PatchResult third = s.patchOnly(Map.of("s14b/A.java", caller.replace("\"/\"", "\"|\"")), "s14b/A");
        assertTrue(third.applied(), third.rejections().toString());
        assertEquals("gf|gfgf", s.call("s14b.A", "value"), "a later patch of A keeps the links");
    }

    @Test
    void aCallerAndTheMemberItCallsInOnePatchLinkWhateverTheirOrder() {
        Sandbox s = sandbox("s14c");
        PatchResult both = s.patchOnly(Map.of(
                "s14c/A.java", CALLER.replace("PKG", "s14c").replace("return \"a\";", "return B.g();"),
                "s14c/B.java", OWNER_WITH_G.replace("PKG", "s14c")), "s14c/A", "s14c/B");
        assertTrue(both.applied(), both.rejections().toString());
        assertEquals("gf", s.call("s14c.A", "value"));
        assertTrue(both.notes().stream().noneMatch(n -> n.contains("neither")), both.notes().toString());
    }

    // The note: one line per missing member, naming the classes that use it, said by the patch that brings
    // the use.

    @Test
    void aPatchNotesEachMemberItsNewCodeUsesThatNobodyHas() {
        Sandbox s = Sandbox.of(Map.of("s14d/A.java", CALLER.replace("PKG", "s14d"),
                "s14d/C.java", CALLER.replace("PKG", "s14d").replace("class A", "class C"),
                "s14d/B.java", OWNER.replace("PKG", "s14d")));
        assertEquals("a", s.call("s14d.A", "value"));
        assertEquals("a", s.call("s14d.C", "value"));
        assertEquals("f", s.call("s14d.B", "f"));
        String owner = OWNER_WITH_G.replace("PKG", "s14d").replace("public static int count;",
                "public static int count;\n    public static int more;");
        PatchResult r = s.patchOnly(Map.of(
                "s14d/A.java", CALLER.replace("PKG", "s14d").replace("return \"a\";", "return B.g() + B.more + B.f();"),
                "s14d/C.java", CALLER.replace("PKG", "s14d").replace("class A", "class C")
                        .replace("return \"a\";", "return B.g() + B.count;"),
                "s14d/B.java", owner), "s14d/A", "s14d/C");
        assertTrue(r.applied(), r.rejections().toString());
        List<String> missing = r.notes().stream().filter(n -> n.contains("neither")).toList();
        assertEquals(List.of(
                "s14d.A, s14d.C use s14d.B.g()Ljava/lang/String;, which neither this patch nor the running program"
                        + " has: calls to it throw NoSuchMethodError until a patch adds it",
                "s14d.A uses s14d.B.more:I, which neither this patch nor the running program has: uses of it throw"
                        + " NoSuchFieldError until a patch adds it"), missing);
        PatchResult later = s.patchOnly(Map.of("s14d/A.java", CALLER.replace("PKG", "s14d")
                .replace("return \"a\";", "return B.g() + B.more + B.f() + 1;")), "s14d/A");
        assertTrue(later.applied(), later.rejections().toString());
        assertEquals(List.of(), later.notes(), "the uses were said by the patch that brought them");
    }

    // A class loaded from a class folder after an earlier patch, compiled against a newer owner.

    private static final String LATE = String.join("\n",
            "package s14e;",
            "public class Late {",
            "    public static Object value() { return B.g(); }",
            "}");

    @Test
    void aClassLoadedFromAClassFolderAfterAnEarlierPatchReachesAMemberAddedLater() {
        Sandbox s = sandbox("s14e");
        PatchResult earlier = s.patchOnly(Map.of("s14e/B.java", OWNER.replace("PKG", "s14e")
                .replace("\"f\"", "\"f1\"")), "s14e/B");
        assertTrue(earlier.applied(), earlier.rejections().toString());
        // A build writes Late, compiled against a B with g(), to the class folder; the agent's transformer
        // remembers the class file of each class loaded from a class folder, as this does.
        Map<String, byte[]> built = s.build(Map.of("s14e/Late.java", LATE, "s14e/B.java",
                OWNER_WITH_G.replace("PKG", "s14e").replace("\"f\"", "\"f1\"")), "s14e/Late");
        Engine.get().classFiles().remember(s.loader(), "s14e.Late", built.get("s14e/Late"));
        AssertionError thrown = assertThrows(AssertionError.class, () -> s.call("s14e.Late", "value"));
        assertInstanceOf(NoSuchMethodError.class, thrown.getCause());
        PatchResult adding = s.patchOnly(Map.of(), "s14e/B");
        assertTrue(adding.applied(), adding.rejections().toString());
        assertEquals("gf1", s.call("s14e.Late", "value"));
    }
}
