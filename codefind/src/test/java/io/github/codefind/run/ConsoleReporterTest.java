package io.github.codefind.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.codefind.ConformOutcome;
import io.github.codefind.NotLive;
import io.github.codefind.PatchResult;
import io.github.codefind.conform.Change;
import io.github.codefind.conform.ClassUnit;
import io.github.codefind.conform.ConformException;
import io.github.codefind.conform.Conformable;
import io.github.codefind.conform.Patch;
import io.github.codefind.internal.run.ConsoleReporter;
import io.github.codefind.internal.run.PatchTimes;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What the runner's console says: conformers counted by how they went, and the files not live. */
class ConsoleReporterTest {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final ConsoleReporter console = new ConsoleReporter(new PrintStream(bytes, true, StandardCharsets.UTF_8),
            true);

    private String printed() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aConformerThatRefusedIsCountedAsRefusedNotAsNotified() {
        Patch patch = new Patch(1, List.of(Change.added(ClassUnit.of("p.A"))));
        Conformable a = p -> { };
        Conformable b = p -> { };
        Conformable c = p -> { };
        PatchResult result = new PatchResult(Optional.of(patch), List.of(), List.of(
                new ConformOutcome(a, patch, ConformOutcome.Status.CONFORMED, null),
                new ConformOutcome(b, patch, ConformOutcome.Status.CANNOT_CONFORM, new ConformException("no")),
                new ConformOutcome(c, patch, ConformOutcome.Status.FAILED, new IllegalStateException("boom"))),
                List.of(), new PatchResult.Timings(Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO,
                        Duration.ZERO), PatchResult.Origin.CODEFIND);
        console.patched(List.of(Path.of("A.java")), result, new PatchTimes(Duration.ofMillis(3), false, result.timings(),
                Duration.ofMillis(1), Duration.ofMillis(5)));
        assertTrue(printed().contains("| 1 of 3 conformer(s) conformed, 1 refused, 1 failed"), printed());
        assertTrue(printed().contains("| applied in 5 ms after save (compile 3 ms, diff 0 ms, redefine 0 ms, discover 0 ms,"
                + " conform 0 ms, listeners 1 ms) |"), printed());
        assertTrue(printed().contains("cannot conform: io.github.codefind.conform.ConformException: no"), printed());
    }

    @Test
    void theFilesNotLiveOnOneLineThenOnceWhenAllAreLive() {
        console.notLive(List.of(new NotLive(Path.of("/src/p/A.java"), "waits for B.java, which does not compile"),
                new NotLive(Path.of("/src/p/B.java"), "compile error")));
        console.notLive(List.of());
        assertEquals("[codefind] 2 files not live: A.java (waits for B.java, which does not compile), B.java"
                + " (compile error)\n[codefind] all saved files are live\n", printed().replace("\r\n", "\n"));
    }

    @Test
    void filesOfTheSameNameAreToldApartAndManyWithOneReasonAreCounted() {
        console.notLive(List.of(new NotLive(Path.of("/c/app/Sub.class"), "refused: the superclass changed"),
                new NotLive(Path.of("/c/app/x/Sub.class"), "refused: the superclass changed"),
                new NotLive(Path.of("/c/app/A.class"), "waiting"), new NotLive(Path.of("/c/app/B.class"), "waiting"),
                new NotLive(Path.of("/c/app/C.class"), "waiting"), new NotLive(Path.of("/c/app/D.class"), "waiting"),
                new NotLive(Path.of("/c/app/E.class"), "waiting"), new NotLive(Path.of("/c/app/F.class"), "waiting"),
                new NotLive(Path.of("/c/app/G.class"), "waiting")));
        assertEquals("[codefind] 9 files not live: app/Sub.class, x/Sub.class (refused: the superclass changed),"
                + " A.class, B.class, C.class, D.class, E.class and 2 more (waiting)\n", printed().replace("\r\n", "\n"));
    }
}
