package io.github.codefind.patch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.codefind.Codefind;
import io.github.codefind.ConformOutcome;
import io.github.codefind.PatchListener;
import io.github.codefind.PatchResult;
import io.github.codefind.testing.Sandbox;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** After the new code is live, each Conformable that refers to it is called once, in isolation. */
class ConformPipelineTest {
    private static final String HANDLERS = String.join("\n",
            "package p;",
            "public class Handlers {",
            "    public static String a() { return \"a1\"; }",
            "    public static String b() { return \"b1\"; }",
            "    public static String c() { return \"c1\"; }",
            "}");

    private static final String TABLES = String.join("\n",
            "package p;",
            "import io.github.codefind.conform.*;",
            "import java.lang.reflect.Method;",
            "import java.util.*;",
            "public class Tables {",
            "    public static final List<String> calls = Collections.synchronizedList(new ArrayList<>());",
            "    public static class Table implements Conformable {",
            "        final String name; final Map<String, Method> methods = new HashMap<>();",
            "        Table(String name, String... handlers) throws Exception {",
            "            this.name = name;",
            "            for (String h : handlers) methods.put(h, Handlers.class.getMethod(h));",
            "        }",
            "        public void conform(Patch patch) throws ConformException {",
            "            List<String> units = new ArrayList<>();",
            "            for (Change c : patch.changes()) units.add(c.kinds() + \" \" + c.unit());",
            "            Collections.sort(units);",
            "            calls.add(name + \" \" + units);",
            "            if (name.equals(\"throws\")) throw new IllegalStateException(\"broken conformer\");",
            "            if (name.equals(\"refuses\")) throw new ConformException(\"cannot follow\");",
            "            if (name.equals(\"reenters\")) {",
            "                try { io.github.codefind.Codefind.patch(Map.of()); calls.add(\"reentered!\"); }",
            "                catch (IllegalStateException e) { calls.add(\"reentry refused\"); }",
            "            }",
            "        }",
            "    }",
            "    public static final List<Table> tables = new ArrayList<>();",
            "    public static Object setUp() throws Exception {",
            "        tables.add(new Table(\"ab\", \"a\", \"b\"));",
            "        tables.add(new Table(\"c\", \"c\"));",
            "        tables.add(new Table(\"throws\", \"a\"));",
            "        tables.add(new Table(\"refuses\", \"b\"));",
            "        tables.add(new Table(\"reenters\", \"a\"));",
            "        return null;",
            "    }",
            "}");

    @Test
    void eachDependentIsCalledOnceWithItsChangesAndFailuresAreIsolated() {
        Sandbox s = Sandbox.of(Map.of("p/Handlers.java", HANDLERS, "p/Tables.java", TABLES));
        s.call("p.Tables", "setUp");
        List<PatchResult> heard = new ArrayList<>();
        PatchListener listener = heard::add;
        Codefind.addListener(listener);
        PatchResult r;
        try {
            r = s.patchOrFail(Map.of("p/Handlers.java", HANDLERS.replace("a1", "a2").replace("b1", "b2")));
        } finally {
            Codefind.removeListener(listener);
        }
        @SuppressWarnings("unchecked")
        List<String> calls = new ArrayList<>((List<String>) field(s, "calls"));
        String a = "[BODY] p.Handlers.a()Ljava/lang/String;";
        String b = "[BODY] p.Handlers.b()Ljava/lang/String;";
        String cls = "[REDEFINED] p.Handlers";
        assertTrue(calls.contains("ab [" + String.join(", ", List.of(a, b, cls)) + "]"), calls.toString());
        assertTrue(calls.contains("throws [" + a + ", " + cls + "]"), calls.toString());
        assertTrue(calls.contains("refuses [" + b + ", " + cls + "]"), calls.toString());
        assertTrue(calls.contains("reentry refused"), calls.toString());
        assertEquals(1, calls.stream().filter(c -> c.startsWith("ab ")).count(), "called once per patch");
        // c() did not change, but its class was redefined: a held Method matches its class's change.
        assertTrue(calls.contains("c [" + cls + "]"), calls.toString());
        assertTrue(r.applied());
        assertEquals(5, r.conformers().size());
        assertEquals(List.of(ConformOutcome.Status.FAILED), statuses(r, ConformOutcome.Status.FAILED));
        assertEquals(List.of(ConformOutcome.Status.CANNOT_CONFORM), statuses(r, ConformOutcome.Status.CANNOT_CONFORM));
        assertEquals("a2", s.call("p.Handlers", "a"), "the new code stays live");
        assertEquals(List.of(r), heard, "the listener heard the patch");
    }

    @Test
    void rejectionsAndConformerFailuresAreSaidByTheResultAndNotAgainInTheLog() {
        Sandbox s = Sandbox.of(Map.of("quiet/Handlers.java", HANDLERS.replace("package p;", "package quiet;"),
                "quiet/Tables.java", TABLES.replace("package p;", "package quiet;")));
        s.call("quiet.Tables", "setUp");
        Codefind.registry(); // the engine says once how it patches when it starts: not what is looked at here
        List<String> logged = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.logging.Handler capture = new java.util.logging.Handler() {
            @Override
            public void publish(java.util.logging.LogRecord record) {
                if (record.getLevel().intValue() >= java.util.logging.Level.INFO.intValue()) {
                    logged.add(record.getLevel() + " " + record.getMessage());
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        java.util.logging.Logger codefindLog = java.util.logging.Logger.getLogger("io.github.codefind");
        codefindLog.addHandler(capture);
        PatchResult applied;
        PatchResult rejected;
        try {
            System.getLogger("io.github.codefind.patch").log(System.Logger.Level.WARNING, "the capture works");
            applied = s.patchOrFail(Map.of("quiet/Handlers.java", HANDLERS.replace("package p;", "package quiet;")
                    .replace("a1", "a2").replace("b1", "b2")));
            rejected = s.patch(Map.of("quiet/Handlers.java", HANDLERS.replace("package p;", "package quiet;")
                    .replace("public class Handlers {", "public class Handlers {\n    public Handlers(int x) { }")));
        } finally {
            codefindLog.removeHandler(capture);
        }
        assertEquals(2, applied.failures().size(), "one conformer threw and one refused: " + applied.conformers());
        assertFalse(rejected.applied(), "an added constructor is refused");
        assertTrue(rejected.rejections().get(0).reason().contains("a constructor was added"), rejected.summary());
        assertEquals(List.of("WARNING the capture works"), logged,
                "the results carry the failures and the rejection; the log does not say them again");
    }

    @Test
    void deletedSourceIsReportedAsRemoved() {
        Sandbox s = Sandbox.of(Map.of("gone/Handlers.java", HANDLERS.replace("package p;", "package gone;"),
                "gone/Tables.java", TABLES.replace("package p;", "package gone;")));
        try {
            s.load("gone.Tables").getMethod("setUp").invoke(null);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
        List<io.github.codefind.conform.CodeUnit> units = Codefind.registry().unitsIn("src/gone/Handlers.java");
        assertTrue(units.stream().anyMatch(u -> u.toString().equals("gone.Handlers")), units.toString());
        PatchResult r = io.github.codefind.internal.patch.Engine.get().removed(units);
        assertTrue(r.applied());
        assertEquals(5, r.conformers().size(), "every table refers to Handlers");
        assertTrue(r.conformers().stream().allMatch(o -> o.patch().changes().stream()
                .allMatch(c -> c.is(io.github.codefind.conform.ChangeKind.REMOVED))), r.conformers().toString());
    }

    private static List<ConformOutcome.Status> statuses(PatchResult r, ConformOutcome.Status wanted) {
        return r.conformers().stream().map(ConformOutcome::status).filter(wanted::equals).toList();
    }

    private static Object field(Sandbox s, String name) {
        try {
            return s.load("p.Tables").getField(name).get(null);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }
}
