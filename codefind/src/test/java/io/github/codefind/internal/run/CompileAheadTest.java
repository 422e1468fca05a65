package io.github.codefind.internal.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.codefind.testing.Javac;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A compilation made ahead of a batch, while the save settles, is taken only by a batch that compiles
 * exactly what it compiled: a file read half written ahead of time is compiled again from what the batch
 * reads, and what the half-written file's compilation found is never the batch's.
 */
class CompileAheadTest {
    private static final Path A = Path.of("ca/A.java").toAbsolutePath();

    private static Map<Path, byte[]> a(String body) {
        return Map.of(A, ("package ca;\npublic class A {\n    public static String value() {\n        return "
                + body + "\n    }\n}\n").getBytes(StandardCharsets.UTF_8));
    }

    private static SourceCompiler compiler() {
        return new SourceCompiler(Javac.testClassPath(), StandardCharsets.UTF_8, List.of());
    }

    @Test
    void aBatchOfTheSameContentTakesTheCompilationMadeAhead() throws Exception {
        CompileAhead ahead = new CompileAhead(compiler(), files -> { });
        ahead.compileAhead(a("\"a2\";"), Map.of(), Set.of());
        CompileAhead.Compiled first = ahead.compile(a("\"a2\";"), Map.of(), Set.of());
        assertTrue(first.ahead(), "the same content, compiled ahead");
        assertTrue(first.result().ok(), first.result().errors().toString());

        CompileAhead.Compiled again = ahead.compile(a("\"a2\";"), Map.of(), Set.of());
        assertFalse(again.ahead(), "a compilation ahead is taken once");
        assertNotSame(first.result(), again.result());
    }

    @Test
    void aFileReadHalfWrittenAheadIsCompiledAgainFromWhatTheBatchReads() throws Exception {
        CompileAhead ahead = new CompileAhead(compiler(), files -> { });
        ahead.compileAhead(a("\"a"), Map.of(), Set.of()); // the editor had written part of the file
        CompileAhead.Compiled batch = ahead.compile(a("\"a3\";"), Map.of(), Set.of());
        assertFalse(batch.ahead(), "other content: compiled again");
        assertTrue(batch.result().ok(), "the half-written file's errors are not the batch's: "
                + batch.result().errors());
        assertEquals(Set.of("ca/A"), batch.result().classes().keySet());
    }

    @Test
    void otherRunningClassesOrHiddenOnesMakeTheBatchCompileAgain() throws Exception {
        CompileAhead ahead = new CompileAhead(compiler(), files -> { });
        Map<String, byte[]> running = Map.of("ca/B", new byte[] {1});
        ahead.compileAhead(a("\"a4\";"), running, Set.of());
        assertFalse(ahead.compile(a("\"a4\";"), Map.of("ca/B", new byte[] {1}), Set.of()).ahead(),
                "running classes are compared by identity: a patch replaces them");
        ahead.compileAhead(a("\"a4\";"), running, Set.of());
        assertFalse(ahead.compile(a("\"a4\";"), running, Set.of("ca/C")).ahead());
        ahead.compileAhead(a("\"a4\";"), running, Set.of());
        assertTrue(ahead.compile(a("\"a4\";"), running, Set.of()).ahead());
    }

    @Test
    void writesHeardAreCompiledAheadOnAThreadOfTheirOwnAndNoneIsLost() throws Exception {
        List<String> threads = new CopyOnWriteArrayList<>();
        Set<Path> compiled = java.util.concurrent.ConcurrentHashMap.newKeySet();
        CountDownLatch all = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompileAhead ahead = new CompileAhead(compiler(), files -> {
            threads.add(Thread.currentThread().getName());
            try {
                release.await(30, TimeUnit.SECONDS); // the first run is still busy while more writes come
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            compiled.addAll(files);
            if (compiled.size() == 3) {
                all.countDown();
            }
        });
        ahead.heard(Path.of("x/One.java"));
        ahead.heard(Path.of("x/Two.java"));
        ahead.heard(Path.of("x/Three.java"));
        release.countDown();
        // Bounded only so that a lost write fails the test instead of hanging it.
        assertTrue(all.await(30, TimeUnit.SECONDS), "every write heard is compiled ahead: " + compiled);
        assertEquals(Set.of("codefind-compile-ahead"), Set.copyOf(threads));
        assertTrue(threads.size() <= 2, "writes heard while one runs are taken together by the next: " + threads);
    }
}
