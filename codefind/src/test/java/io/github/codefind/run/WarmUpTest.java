package io.github.codefind.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.codefind.Codefind;
import io.github.codefind.PatchListener;
import io.github.codefind.PatchResult;
import io.github.codefind.internal.patch.Engine;
import io.github.codefind.internal.run.WarmUp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runner's background warm-up runs what a first save runs (the compiler on the program's sources, the
 * engine's planning of a structural patch) and changes nothing: no class is redefined, no listener or
 * conformer is told, no patch number is used, and the first save is then patched as usual.
 */
class WarmUpTest {
    @TempDir
    Path tmp;

    private static String a(String value) {
        return "package wu;\npublic class A {\n    public static String value() {\n"
                + "        java.util.function.Supplier<String> s = () -> " + value + ";\n        return s.get();\n    }\n}\n";
    }

    @Test
    void theWarmUpChangesNothingAndTheFirstSaveIsPatchedAsUsual() throws Exception {
        List<PatchResult> heard = new CopyOnWriteArrayList<>();
        PatchListener listener = heard::add;
        Codefind.addListener(listener);
        try (LiveProject p = new LiveProject(tmp, Map.of("wu/A.java", a("\"a1\""))).watch()) {
            WarmUp.afterMainBegins(p.runner()); // as the launcher and the agent do once main begins
            // Bounded only so that a warm-up that never ends fails the test instead of hanging it.
            long deadline = System.nanoTime() + 120_000_000_000L;
            while (p.lines("warmed up in").isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertEquals(1, p.lines("warmed up in").size(), p.console());
            // The build runs tests as the agent runs the runner: with javac's task pool exported to codefind.
            assertTrue(p.lines("warmed up in").get(0).contains("1 source file(s); its symbol tables are kept from one"
                    + " save to the next) and the engine"), p.console());
            assertEquals(List.of(), heard, "the warm-up told nobody of anything");
            // It paid the JVM's one-time cost of a first redefinition on a class of codefind's own.
            org.junit.jupiter.api.Assertions.assertFalse(Engine.get().rehearseRedefinition(),
                    "the warm-up redefined the probe already");
            Class<?> a = Class.forName("wu.A", false, p.loader());
            assertArrayEquals(Files.readAllBytes(tmp.resolve("classes/wu/A.class")),
                    Engine.get().classFiles().current(a), "the warm-up redefined nothing");
            assertEquals("a1", p.call("wu.A", "value"));

            p.save("wu/A.java", a("\"a2\"")).batch();
            assertEquals("a2", p.call("wu.A", "value"));
            assertEquals(1, heard.size(), "the first save is one patch, heard once");
            assertTrue(heard.get(0).applied(), heard.get(0).summary());
        } finally {
            Codefind.removeListener(listener);
        }
    }
}
