package io.github.codefind.patch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.codefind.PatchResult;
import io.github.codefind.testing.Sandbox;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What must never happen: silent lambda swaps, half-applied patches, wrong line numbers. */
class SafetyTest {
    private static final String LAMBDAS = String.join("\n",
            "package p;",
            "import java.util.function.Supplier;",
            "public class Lambdas {",
            "    static Supplier<String> first, second;",
            "    public static Object make() {",
            "        Supplier<String> a = () -> \"alpha\";",
            "        Supplier<String> b = () -> \"beta\";",
            "        first = a; second = b;",
            "        return show();",
            "    }",
            "    public static Object show() { return first.get() + \",\" + second.get(); }",
            "}");

    @Test
    void reorderedLambdasDoNotSwapBodies() {
        Sandbox s = Sandbox.of(Map.of("p/Lambdas.java", LAMBDAS));
        assertEquals("alpha,beta", s.call("p.Lambdas", "make"));
        String reordered = LAMBDAS.replace(
                "        Supplier<String> a = () -> \"alpha\";\n        Supplier<String> b = () -> \"beta\";",
                "        Supplier<String> b = () -> \"beta\";\n        Supplier<String> a = () -> \"alpha\";");
        s.patchOrFail(Map.of("p/Lambdas.java", reordered));
        assertEquals("alpha,beta", s.call("p.Lambdas", "show"), "existing lambda objects keep their bodies");
        assertEquals("alpha,beta", s.call("p.Lambdas", "make"), "new ones too");
    }

    @Test
    void anInsertedLambdaRunsAndShiftsNoOtherLambdasBody() {
        Sandbox s = Sandbox.of(Map.of("p/Lambdas.java", LAMBDAS));
        s.call("p.Lambdas", "make");
        // javac numbers the inserted lambda first: without matching, every old body would shift by one.
        s.patchOrFail(Map.of("p/Lambdas.java", LAMBDAS
                .replace("        Supplier<String> a = () -> \"alpha\";",
                        "        Supplier<String> z = () -> \"zeta\";\n        Supplier<String> a = () -> \"alpha\";")
                .replace("return show();", "return show() + z.get();")));
        assertEquals("alpha,beta", s.call("p.Lambdas", "show"), "lambda objects made before the patch");
        assertEquals("alpha,betazeta", s.call("p.Lambdas", "make"), "the inserted lambda, from its companion");
    }

    @Test
    void aChangedCaptureMakesANewLambdaAndOldObjectsKeepTheirOwnBody() {
        Sandbox s = Sandbox.of(Map.of("p/Lambdas.java", LAMBDAS));
        s.call("p.Lambdas", "make");
        // Capturing x changes the lambda's descriptor: to the JVM, one lambda body removed and one added.
        s.patchOrFail(Map.of("p/Lambdas.java", LAMBDAS
                .replace("Supplier<String> a = () -> \"alpha\";", "String x = \"!\"; Supplier<String> a = () -> \"alpha\" + x;")));
        assertEquals("alpha,beta", s.call("p.Lambdas", "show"), "old objects run their own old body, not another's");
        assertEquals("alpha!,beta", s.call("p.Lambdas", "make"), "new objects run the new lambda");
    }

    private static final String TWO = String.join("\n",
            "package p;",
            "public class First { public static Object value() { return \"first \" + Second.value(); } }");
    private static final String SECOND = String.join("\n",
            "package p;",
            "public class Second { int kept; public static String value() { return \"second\"; } }");

    @Test
    void aRejectedPatchLeavesEveryClassAsItWas() {
        Sandbox s = Sandbox.of(Map.of("p/First.java", TWO, "p/Second.java", SECOND));
        assertEquals("first second", s.call("p.First", "value"));
        for (String bad : new String[] {
            SECOND.replace("int kept;", "static int kept;"),
            SECOND.replace("public class Second {", "public class Second implements Runnable { public void run() {}"),
            SECOND.replace("int kept;", "int kept; Second(int k) { kept = k; } Second() {}"),
        }) {
            PatchResult r = s.patch(Map.of("p/First.java", TWO.replace("first ", "FIRST "), "p/Second.java",
                    bad.replace("\"second\"", "\"SECOND\"")));
            assertFalse(r.applied(), bad);
            assertTrue(r.rejections().stream().allMatch(x -> x.className().equals("p.Second")), r.rejections().toString());
            assertEquals("first second", s.call("p.First", "value"), "First was not patched alone");
        }
        s.patchOrFail(Map.of("p/First.java", TWO.replace("first ", "FIRST ")));
        assertEquals("FIRST second", s.call("p.First", "value"), "the next good patch applies");
    }

    @Test
    void aFieldsAnnotationsChangeLive() throws Exception {
        String source = "package p;\npublic class Annotated { @Deprecated public int x; }\n";
        Sandbox s = Sandbox.of(Map.of("p/Annotated.java", source));
        Class<?> type = s.load("p.Annotated");
        assertTrue(type.getField("x").isAnnotationPresent(Deprecated.class));
        PatchResult r = s.patchOrFail(Map.of("p/Annotated.java", source.replace("@Deprecated ", "")));
        assertTrue(r.patch().orElseThrow().changes().get(0).is(io.github.codefind.conform.ChangeKind.ATTRIBUTES),
                r.summary());
        assertFalse(type.getField("x").isAnnotationPresent(Deprecated.class), "reflection sees the new annotations");
    }

    private static final String TRACE = String.join("\n",
            "package p;",
            "public class Trace {",
            "    public static Object patched() { return new Throwable().getStackTrace()[0].getLineNumber(); }",
            "    public static Object shifted() { return new Throwable().getStackTrace()[0].getLineNumber(); }",
            "}");

    @Test
    void stackTracesShowTheNewLineNumbers() {
        Sandbox s = Sandbox.of(Map.of("p/Trace.java", TRACE));
        assertEquals(3, s.call("p.Trace", "patched"));
        assertEquals(4, s.call("p.Trace", "shifted"));
        s.patchOrFail(Map.of("p/Trace.java", TRACE.replace("public class Trace {", "public class Trace {\n\n")
                .replace("static Object patched() { return new", "static Object patched() { int unused = 1; return new")));
        assertEquals(5, s.call("p.Trace", "patched"), "a patched member");
        assertEquals(6, s.call("p.Trace", "shifted"), "an unchanged member whose lines moved");
    }
}
