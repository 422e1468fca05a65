package io.github.codefind.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What runs is what was saved, or the runner says where not: sequences of saves that once left the
 * program running code the disk no longer held, with nothing said. Each test has a package of its own.
 */
class SavedVersusLiveTest {
    @TempDir
    Path tmp;

    private static String a(String pkg, String body) {
        return "package " + pkg + ";\npublic class A {\n    public static String value() { return " + body + "; }\n}\n";
    }

    private static String b(String pkg, String members) {
        return "package " + pkg + ";\npublic class B {\n    public static String value() { return \"b1\"; }\n"
                + members + "}\n";
    }

    private LiveProject project(String pkg) throws Exception {
        return new LiveProject(tmp, Map.of(pkg + "/A.java", a(pkg, "\"a1\""), pkg + "/B.java", b(pkg, "")));
    }

    @Test
    void aSaveBetweenTheBaselineAndTheWatchersStartGoesLive() throws Exception {
        try (LiveProject p = project("sv0")) {
            // The runner has read its baseline; the watchers are not started yet: the moments after a
            // program starts, in which a save was once taken for what runs and never compiled.
            Thread.sleep(100);
            java.nio.file.Files.writeString(p.file("sv0/A.java"), a("sv0", "\"a2\""));
            p.watch();
            long deadline = System.nanoTime() + 60_000_000_000L; // a bound, not a timing: fails if never live
            while (!"a2".equals(p.call("sv0.A", "value")) && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertEquals("a2", p.call("sv0.A", "value"), p.console());
            while (!p.notLive().isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertEquals(Map.of(), p.notLive());
        }
    }

    @Test
    void savesAreCompiledWhileTheySettleAndAHalfWrittenFileIsNeverReported() throws Exception {
        try (LiveProject p = project("sv20").watch()) {
            long deadline = System.nanoTime() + 60_000_000_000L; // a bound, not a timing
            while (!p.runner().sawLatestSaves() && System.nanoTime() < deadline) {
                Thread.sleep(10); // the watchers' start is over: saves from now on are batches' alone
            }
            // Truncated, then written, as some editors save: the first write is heard and may be compiled
            // ahead, half written; only what the batch reads counts.
            String whole = a("sv20", "\"a2\"");
            java.nio.file.Files.writeString(p.file("sv20/A.java"), whole.substring(0, whole.length() / 2));
            Thread.sleep(5);
            java.nio.file.Files.writeString(p.file("sv20/A.java"), whole);
            awaitValue(p, "sv20.A", "a2");
            assertEquals(Map.of(), p.notLive(), p.console());
            assertTrue(p.lines("error").isEmpty(), p.console());
            // One write, then quiet: the batch takes what was compiled while it settled. Several saves, so
            // that a compilation ahead starved of the CPU for the whole quiet period cannot fail the test.
            for (int i = 3; i < 13 && p.lines(" ahead, diff").isEmpty(); i++) {
                java.nio.file.Files.writeString(p.file("sv20/A.java"), a("sv20", "\"a" + i + "\""));
                awaitValue(p, "sv20.A", "a" + i);
            }
            assertTrue(!p.lines(" ahead, diff").isEmpty(), p.console());
        }
    }

    private static void awaitValue(LiveProject p, String className, String value) throws InterruptedException {
        long deadline = System.nanoTime() + 60_000_000_000L; // a bound, not a timing: fails if never live
        while (!value.equals(p.call(className, "value")) && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(value, p.call(className, "value"), p.console());
        // The code runs from the redefinition on; the batch records and reports it just after.
        while (!p.runner().sawLatestSaves() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
    }

    @Test
    void anEditSavedWithABrokenFileGoesLiveAndTheBrokenFileWhenItIsFixed() throws Exception {
        try (LiveProject p = project("sv1")) {
            p.save("sv1/A.java", a("sv1", "\"a2\"")).save("sv1/B.java", b("sv1", "    static int x = \"s\";\n")).batch();
            assertEquals("a2", p.call("sv1.A", "value"), "A does not need B's change: it went live");
            assertEquals(Map.of("sv1/B.java", "compile error"), p.notLive());
            assertTrue(p.console().contains("1 file not live: B.java (compile error)"), p.console());

            p.save("sv1/B.java", b("sv1", "    static int x = 1;\n")).batch();
            assertEquals(Map.of(), p.notLive());
            assertTrue(p.console().contains("all saved files are live"), p.console());
        }
    }

    @Test
    void anEditThatNeedsABrokenFilesChangeWaitsForItsFix() throws Exception {
        try (LiveProject p = project("sv11")) {
            p.save("sv11/A.java", a("sv11", "B.extra()"))
                    .save("sv11/B.java", b("sv11", "    static String extra() { return \"extra\"; }\n    static int x = \"s\";\n"))
                    .batch();
            assertEquals("a1", p.call("sv11.A", "value"));
            assertEquals(Map.of("sv11/A.java", "compile error without the change to B.java, which is not live",
                    "sv11/B.java", "compile error"), p.notLive());

            p.save("sv11/B.java", b("sv11", "    static String extra() { return \"extra\"; }\n")).batch();
            assertEquals("extra", p.call("sv11.A", "value"), "A's saved edit went live with B's fix");
            assertEquals(Map.of(), p.notLive());
        }
    }

    @Test
    void aCallOfAMethodNotWrittenYetGoesLiveWhenItIsWritten() throws Exception {
        try (LiveProject p = project("sv2")) {
            p.save("sv2/A.java", a("sv2", "B.extra()")).batch();
            assertEquals(Set.of("sv2/A.java"), p.notLiveNames());
            assertEquals("compile error", p.notLive().get("sv2/A.java"));

            p.save("sv2/B.java", b("sv2", "    static String extra() { return \"extra\"; }\n")).batch();
            assertEquals("extra", p.call("sv2.A", "value"));
            assertEquals(Map.of(), p.notLive());
        }
    }

    @Test
    void aCompileErrorFixedInALaterSaveGoesLive() throws Exception {
        try (LiveProject p = project("sv3")) {
            p.save("sv3/A.java", a("sv3", "\"a2\" +")).save("sv3/B.java", b("sv3", "").replace("b1", "b2")).batch();
            assertEquals("b2", p.call("sv3.B", "value"), "B went live");
            assertEquals(Set.of("sv3/A.java"), p.notLiveNames());
            p.save("sv3/A.java", a("sv3", "\"a3\"")).batch();
            assertEquals("a3", p.call("sv3.A", "value"));
            assertEquals(Map.of(), p.notLive());
            assertEquals(1, p.lines("error:").size(), "the error was said once: " + p.console());
        }
    }

    @Test
    void aRefusedChangeRevertedLeavesTheOtherFilesChangeLive() throws Exception {
        try (LiveProject p = project("sv4")) {
            String refused = "package sv4;\npublic class B implements java.io.Serializable {\n"
                    + "    public static String value() { return \"b2\"; }\n}\n";
            p.save("sv4/A.java", a("sv4", "\"a2\"")).save("sv4/B.java", refused).batch();
            assertEquals("a2", p.call("sv4.A", "value"), "A does not need B's refused change: it went live");
            assertEquals("b1", p.call("sv4.B", "value"));
            assertEquals(Set.of("sv4/B.java"), p.notLiveNames());
            assertTrue(p.notLive().get("sv4/B.java").startsWith("refused: "), p.notLive().toString());

            p.save("sv4/B.java", b("sv4", "")).batch();
            assertEquals(Map.of(), p.notLive(), "B is back to what runs");
            assertEquals("a2", p.call("sv4.A", "value"));
        }
    }

    @Test
    void codeCompiledAgainstARefusedChangeWaitsForIt() throws Exception {
        try (LiveProject p = project("sv5")) {
            String refused = "package sv5;\npublic class B implements java.io.Serializable {\n"
                    + "    public static String value() { return \"b1\"; }\n"
                    + "    public static String foo() { return \"foo\"; }\n}\n";
            p.save("sv5/B.java", refused).batch();
            assertEquals(Set.of("sv5/B.java"), p.notLiveNames());

            p.save("sv5/A.java", a("sv5", "B.foo()")).batch();
            assertEquals("a1", p.call("sv5.A", "value"), "A would call a method the JVM does not have");
            assertTrue(p.notLive().get("sv5/A.java").startsWith("compile error without the change to B.java"),
                    p.notLive().toString());
            assertTrue(p.notLive().get("sv5/B.java").startsWith("refused: "), p.notLive().toString());

            // Fixing B (no new interface) brings both.
            p.save("sv5/B.java", refused.replace(" implements java.io.Serializable", "")).batch();
            assertEquals("foo", p.call("sv5.A", "value"));
            assertEquals(Map.of(), p.notLive());
        }
    }

    @Test
    void aRefusalIsSaidOnceThoughTheFileIsCompiledAgainWithEveryBatch() throws Exception {
        try (LiveProject p = project("sv6")) {
            String refused = "package sv6;\npublic class B implements java.io.Serializable {\n"
                    + "    public static String value() { return \"b2\"; }\n}\n";
            p.save("sv6/B.java", refused).batch();
            for (int i = 2; i <= 4; i++) {
                p.save("sv6/A.java", a("sv6", "\"a" + i + "\"")).batch();
                assertEquals("a" + i, p.call("sv6.A", "value"));
            }
            assertEquals(1, p.lines("rejected").size(), p.console());
            assertEquals(4, p.lines("1 file not live: B.java (refused: ").size(), p.console());
        }
    }

    @Test
    void aFileSavedBackToWhatRunsIsLiveWithoutAPatch() throws Exception {
        try (LiveProject p = project("sv7")) {
            p.save("sv7/A.java", a("sv7", "\"a2\" +")).batch();
            assertEquals(Set.of("sv7/A.java"), p.notLiveNames());
            int patches = p.results().size();
            p.save("sv7/A.java", a("sv7", "\"a1\"")).batch();
            assertEquals(Map.of(), p.notLive());
            assertEquals(patches, p.results().size(), "nothing to patch");
        }
    }

    @Test
    void aDeletedFileIsNotLiveUntilItComesBack() throws Exception {
        try (LiveProject p = project("sv8")) {
            p.delete("sv8/B.java").batch();
            assertEquals(Map.of("sv8/B.java", "deleted; its classes stay loaded until a rebuild and restart"),
                    p.notLive());
            p.save("sv8/A.java", a("sv8", "B.value()")).batch();
            assertEquals("a1", p.call("sv8.A", "value"), "new code does not compile against a deleted class");
            assertEquals("compile error", p.notLive().get("sv8/A.java"));
            p.save("sv8/B.java", b("sv8", "")).batch();
            assertEquals(Map.of(), p.notLive());
            assertEquals("b1", p.call("sv8.A", "value"));
            assertEquals(List.of(), p.results().get(p.results().size() - 1).rejections());
        }
    }

    @Test
    void removingAMethodThatUnchangedLoadedCodeStillCallsIsRefusedNamingTheCaller() throws Exception {
        String extra = "    static String extra() { return \"extra\"; }\n";
        try (LiveProject p = new LiveProject(tmp, Map.of("sv9/A.java", a("sv9", "B.extra()"), "sv9/B.java",
                b("sv9", extra)))) {
            p.save("sv9/B.java", b("sv9", extra.replace("extra()", "renamed()"))).batch();
            assertEquals("extra", p.call("sv9.A", "value"), "A's call still works: the rename was refused");
            String why = p.notLive().get("sv9/B.java");
            assertTrue(why.startsWith("refused: extra()Ljava/lang/String;: ") && why.contains("sv9.A"), why);
            assertTrue(why.contains("NoSuchMethodError"), why);

            p.save("sv9/A.java", a("sv9", "B.renamed()")).batch();
            assertEquals("extra", p.call("sv9.A", "value"));
            assertEquals(Map.of(), p.notLive(), "saved with its caller, the rename goes live");
        }
    }

    /**
     * A deleted file's classes stay loaded and conformers drop what they derived from them; when the file
     * comes back, even unchanged, conformers hear its classes and members are {@code ADDED}, so that they
     * take them back, and later edits reach them as changes of code they know.
     */
    @Test
    void aRestoredFileComesBackAsAddedToConformers() throws Exception {
        String recorder = "package sv10;\n"
                + "public class R implements io.github.codefind.conform.Conformable {\n"
                + "    public static final R INSTANCE = new R();\n"
                + "    final Class<?> watched = B.class;\n"
                + "    public final java.util.List<String> heard = new java.util.ArrayList<>();\n"
                + "    @Override public void conform(io.github.codefind.conform.Patch patch) {\n"
                + "        for (io.github.codefind.conform.Change c : patch.changes()) {\n"
                + "            if (c.unit().equals(io.github.codefind.conform.ClassUnit.of(B.class))) heard.add(c.kinds().toString());\n"
                + "        }\n"
                + "    }\n"
                + "    public static String heard() { return INSTANCE.heard.toString(); }\n"
                + "}\n";
        try (LiveProject p = new LiveProject(tmp, Map.of("sv10/A.java", a("sv10", "\"a1\""), "sv10/B.java", b("sv10", ""),
                "sv10/R.java", recorder))) {
            p.delete("sv10/B.java").batch();
            assertEquals("[[REMOVED]]", p.call("sv10.R", "heard"));
            p.save("sv10/B.java", b("sv10", "")).batch();
            assertEquals("[[REMOVED], [ADDED]]", p.call("sv10.R", "heard"), p.console());
            assertEquals(Map.of(), p.notLive());
            p.save("sv10/B.java", b("sv10", "").replace("b1", "b2")).batch();
            assertEquals("b2", p.call("sv10.B", "value"));
        }
    }

    /**
     * javac copies a constant's value into the classes that use it, which are not saved when the constant
     * changes: they are compiled again, or they would run the old value with nothing said.
     */
    @Test
    void aChangedConstantReachesTheClassesThatCopiedIt() throws Exception {
        String tag = "    public static final String TAG = \"t1\";\n";
        try (LiveProject p = new LiveProject(tmp, Map.of("sv12/A.java", a("sv12", "B.TAG"), "sv12/B.java",
                b("sv12", tag)))) {
            assertEquals("t1", p.call("sv12.A", "value"));
            p.save("sv12/B.java", b("sv12", tag.replace("t1", "t2"))).batch();
            assertEquals("t2", p.call("sv12.A", "value"), p.console());
            assertEquals(Map.of(), p.notLive());
        }
    }

    /**
     * A class that a file no longer declares stays loaded, as a deleted file's do: the file is not live
     * until it declares the class again. Emptying the file is the same.
     */
    @Test
    void aClassAFileNoLongerDeclaresIsSaidToStayLoaded() throws Exception {
        String extra = "class Extra {\n    static String x() { return \"x\"; }\n}\n";
        try (LiveProject p = new LiveProject(tmp, Map.of("sv13/A.java", a("sv13", "Extra.x()"), "sv13/B.java",
                b("sv13", "") + extra))) {
            p.save("sv13/B.java", b("sv13", "")).batch();
            assertEquals(Map.of("sv13/B.java", "no longer declares sv13.Extra; it stays loaded until a rebuild and"
                    + " restart"), p.notLive());
            p.save("sv13/B.java", b("sv13", "") + extra).batch();
            assertEquals(Map.of(), p.notLive(), p.console());

            p.save("sv13/B.java", "package sv13;\n" + extra).batch();
            assertEquals(Map.of("sv13/B.java", "no longer declares sv13.B; it stays loaded until a rebuild and"
                    + " restart"), p.notLive());
            assertTrue(p.console().contains("B.java no longer declares sv13.B: it stays loaded"), p.console());
        }
    }
}
