package dispatchtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.codefind.testing.Sandbox;
import io.github.codefind.ConformOutcome;
import io.github.codefind.PatchResult;
import io.github.codefind.dispatch.Dispatch;
import io.github.codefind.dispatch.DispatchException;
import io.github.codefind.dispatch.Dispatcher;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Dispatchers under real patches: handler classes compiled by javac, loaded in a sandbox, recompiled
 * after an edit and redefined by codefind in this JVM, which finds the dispatcher on the heap and
 * calls its {@code conform}. Each test uses its own package, so that a patch of one never reaches
 * another test's dispatcher by name.
 */
class ConformByPatchTest {
    private static String handlers(String pkg, String generalPriority, String specificPriority, String body) {
        return String.join("\n",
                "package " + pkg + ";",
                "import io.github.codefind.dispatch.Handler;",
                "public class Handlers {",
                "    @Handler(priority = " + generalPriority + ") public static String general(Object o) { return \"general"
                        + body + "\"; }",
                "    @Handler(priority = " + specificPriority + ") public static String specific(String s) { return \"specific"
                        + body + "\"; }",
                "    public static String helper(Integer i) { return \"helper\"; }",
                "}");
    }

    @Test
    void aPriorityChangeChangesTheWinner() {
        Sandbox s = Sandbox.of(Map.of("pa/Handlers.java", handlers("pa", "1", "0", "")));
        Dispatcher<String> d = Dispatch.on(s.load("pa.Handlers")).returning(String.class).build();
        warm(d);
        assertEquals("general", d.call("x"), "priority 1 beats the more specific handler");

        PatchResult r = s.patchOrFail(Map.of("pa/Handlers.java", handlers("pa", "0", "0", "")));
        assertEquals(ConformOutcome.Status.CONFORMED, outcome(r, d).status(), r.summary());
        assertTrue(kinds(r, d).contains("[ATTRIBUTES] pa.Handlers.general(Ljava/lang/Object;)Ljava/lang/String;"),
                kinds(r, d).toString());
        assertEquals(1, d.rebuilds());
        assertEquals("specific", d.call("x"), "now specificity decides");
        assertEquals("general", d.call(1));
    }

    @Test
    void anAnnotationAddedMakesAHandler() {
        String before = handlers("pb", "0", "0", "");
        Sandbox s = Sandbox.of(Map.of("pb/Handlers.java", before));
        Dispatcher<String> d = Dispatch.on(s.load("pb.Handlers")).returning(String.class).build();
        assertEquals("general", d.call(1));
        s.patchOrFail(Map.of("pb/Handlers.java", before.replace("    public static String helper",
                "    @Handler public static String helper")));
        assertEquals(1, d.rebuilds());
        assertEquals("helper", d.call(1));
        s.patchOrFail(Map.of("pb/Handlers.java", before));
        assertEquals(2, d.rebuilds());
        assertEquals("general", d.call(1), "and removing it unmakes it");
    }

    private static final String CALLING_A_HELPER = String.join("\n",
            "package pc;",
            "import io.github.codefind.dispatch.Handler;",
            "public class Handlers {",
            "    @Handler public static String general(Object o) { return \"general\" + suffix(); }",
            "    @Handler public static String specific(String s) { return \"specific\" + suffix(); }",
            "    static String suffix() { return \"\"; }",
            "}");

    @Test
    void aBodyChangeOutsideTheHandlersCostsNothingAndRunsTheNewBody() {
        Sandbox s = Sandbox.of(Map.of("pc/Handlers.java", CALLING_A_HELPER));
        Dispatcher<String> d = Dispatch.on(s.load("pc.Handlers")).returning(String.class).build();
        for (int round = 1; round <= 3; round++) {
            warm(d);
            PatchResult r = s.patchOrFail(Map.of("pc/Handlers.java",
                    CALLING_A_HELPER.replace("return \"\";", "return \" v" + round + "\";")));
            assertEquals(ConformOutcome.Status.CONFORMED, outcome(r, d).status(), "it was told");
            assertEquals(List.of("[BODY] pc.Handlers.suffix()Ljava/lang/String;", "[REDEFINED] pc.Handlers"), kinds(r, d));
            assertEquals(0, d.rebuilds(), "no rebuild, no switch point invalidated");
            assertEquals("specific v" + round, d.call("x"), "the handlers run the new helper");
            assertEquals("general v" + round, d.call(2));
        }
    }

    @Test
    void aHandlersBodyChangeRenewsItsMethodHandlesAndRunsTheNewBody() {
        // HotSpot 17 and 25 can keep running the old body of a method that warm, compiled method-handle
        // code inlined; without new handles this fails in some rounds.
        String source = handlers("pg", "0", "0", "");
        Sandbox s = Sandbox.of(Map.of("pg/Handlers.java", source));
        Dispatcher<String> d = Dispatch.on(s.load("pg.Handlers")).returning(String.class).build();
        for (int round = 1; round <= 6; round++) {
            warm(d);
            PatchResult r = s.patchOrFail(Map.of("pg/Handlers.java", handlers("pg", "0", "0", " v" + round)));
            assertTrue(kinds(r, d).contains("[BODY] pg.Handlers.specific(Ljava/lang/String;)Ljava/lang/String;"),
                    kinds(r, d).toString());
            assertEquals(round, d.rebuilds(), "new handles for the changed handlers");
            assertEquals("specific v" + round, d.call("x"), "round " + round);
            assertEquals("general v" + round, d.call(2), "round " + round);
        }
    }

    @Test
    void aPatchThatMakesHandlersAmbiguousIsRefusedUntilFixed() {
        Sandbox s = Sandbox.of(Map.of("pd/Handlers.java", handlers("pd", "0", "0", "")));
        Dispatcher<String> d = Dispatch.on(s.load("pd.Handlers")).returning(String.class).build();
        String twins = handlers("pd", "0", "0", "").replace("specific(String s)", "specific(Object s)");
        // Changing a parameter type removes a method and adds one. A stock JVM keeps the old one, whose
        // body now throws, and runs the new one from a companion class, which the dispatcher cannot see:
        // it drops the removed handler and says it cannot use the new one.
        PatchResult changed = s.patchOrFail(Map.of("pd/Handlers.java", twins));
        assertEquals(ConformOutcome.Status.CANNOT_CONFORM, outcome(changed, d).status(), changed.summary());
        assertEquals(1, d.rebuilds());
        assertEquals("general", d.call("x"), "the removed handler is no longer called");

        // Two handlers of the same type at the same priority: made so by an annotation edit.
        String base = handlers("pd", "0", "0", "").replace("helper(Integer i)", "helper(String i)");
        Sandbox t = Sandbox.of(Map.of("pe/Handlers.java", base.replace("package pd;", "package pe;")));
        Dispatcher<String> e = Dispatch.on(t.load("pe.Handlers")).returning(String.class).build();
        String clash = base.replace("package pd;", "package pe;").replace("    public static String helper",
                "    @Handler public static String helper");
        PatchResult r = t.patchOrFail(Map.of("pe/Handlers.java", clash));
        ConformOutcome o = outcome(r, e);
        assertEquals(ConformOutcome.Status.CANNOT_CONFORM, o.status(), r.summary());
        assertTrue(o.error().getMessage().contains("same parameter types"), o.error().getMessage());
        DispatchException call = assertThrows(DispatchException.class, () -> e.call("x"));
        assertTrue(call.getMessage().contains("cannot be used since patch #"), call.getMessage());

        t.patchOrFail(Map.of("pe/Handlers.java", clash.replace("@Handler public static String helper",
                "@Handler(priority = 2) public static String helper")));
        assertEquals(2, e.rebuilds());
        assertEquals("helper", e.call("x"), "a later patch fixed the handlers");
        assertEquals("general", e.call(1));
    }

    @Test
    void anOverloadAddedOnAStockJvmIsReportedAsUnusableAndTheOldHandlersKeepWorking() {
        String before = handlers("pf", "0", "0", "");
        Sandbox s = Sandbox.of(Map.of("pf/Handlers.java", before));
        Dispatcher<String> d = Dispatch.on(s.load("pf.Handlers")).returning(String.class).build();
        PatchResult r = s.patchOrFail(Map.of("pf/Handlers.java", before.replace("    public static String helper",
                "    @Handler public static String number(Integer i) { return \"number\"; }\n"
                        + "    public static String helper")));
        // HotSpot cannot add the method: codefind runs it from a companion class, which reflection (and so
        // the dispatcher) cannot see. The dispatcher says so instead of ignoring it.
        ConformOutcome o = outcome(r, d);
        assertEquals(ConformOutcome.Status.CANNOT_CONFORM, o.status(), r.summary());
        String message = o.failure().orElseThrow().getMessage();
        assertTrue(message.contains("number(Ljava/lang/Integer;)") && message.contains("meant as a handler"), message);
        assertEquals("general", d.call(1), "the old handlers still dispatch");
        assertEquals("specific", d.call("x"));
    }

    /**
     * The handler class's file is deleted: the dispatcher hears its code is removed and drops it. When
     * the file comes back unchanged, the dispatcher hears it is ADDED and dispatches again.
     */
    @Test
    void aHandlerFileDeletedThenRestoredDispatchesAgain() {
        String source = handlers("pz", "0", "0", "");
        Sandbox s = Sandbox.of(Map.of("pz/Handlers.java", source));
        Dispatcher<String> d = Dispatch.on(s.load("pz.Handlers")).returning(String.class).build();
        assertEquals("specific", d.call("x"));

        PatchResult deleted = io.github.codefind.internal.patch.Engine.get()
                .removed(io.github.codefind.Codefind.registry().unitsIn("pz/Handlers.java"));
        assertEquals(ConformOutcome.Status.CANNOT_CONFORM, outcome(deleted, d).status(), deleted.summary());
        assertThrows(DispatchException.class, () -> d.call("x"), "the removed handlers are not called");

        PatchResult restored = s.patchOrFail(Map.of("pz/Handlers.java", source));
        assertEquals(ConformOutcome.Status.CONFORMED, outcome(restored, d).status(), restored.summary());
        assertTrue(kinds(restored, d).contains("[ADDED] pz.Handlers"), kinds(restored, d).toString());
        assertEquals("specific", d.call("x"), "the restored handlers dispatch again");
        assertEquals("general", d.call(1));
    }

    private static void warm(Dispatcher<String> d) {
        for (int i = 0; i < 20_000; i++) {
            d.call(i % 2 == 0 ? "x" : (Object) i);
        }
    }

    private static ConformOutcome outcome(PatchResult r, Object conformer) {
        List<ConformOutcome> mine = r.conformers().stream().filter(o -> o.object() == conformer)
                .collect(Collectors.toList());
        assertEquals(1, mine.size(), () -> "called once: " + r.conformers());
        return mine.get(0);
    }

    private static List<String> kinds(PatchResult r, Object conformer) {
        return outcome(r, conformer).patch().changes().stream().map(c -> c.kinds() + " " + c.unit())
                .collect(Collectors.toList());
    }
}
