package io.github.codefind.internal.watch;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the snapshot makes of files, with modification times set explicitly, so that what a coarse
 * file-system clock or a stalled thread would produce happens on any machine, loaded or not.
 */
class SnapshotTest {
    private static final long MILLI = TimeUnit.MILLISECONDS.toNanos(1);

    @TempDir
    Path tmp;

    private final Snapshot snapshot = new Snapshot(new Complaints());

    @Test
    void aFileWrittenWhileTheScanWasStalledIsHashedAgain() throws IOException {
        Path file = tmp.resolve("A.java");
        // The scan took the time, then stalled (a loaded machine, a large tree) for longer than any racy
        // window, even that of whole-second file systems; the file was written meanwhile and its
        // attributes read just after.
        long written = subSecond(Snapshot.now() - MILLI);
        long scanBegan = written - 3_000 * MILLI;
        write(file, "v1", written);
        assertEquals(Snapshot.Outcome.CHANGED, snapshot.check(file, attributes(file), scanBegan));

        // Written again in the same tick of the file-system clock, with the same size: the same
        // attributes. Only the content can tell.
        write(file, "v2", written);
        assertEquals(Snapshot.Observation.RECHECK, snapshot.observe(file, attributes(file), written + MILLI),
                "the first observation was racy, so the attributes prove nothing");
        assertEquals(Snapshot.Outcome.CHANGED, snapshot.check(file, attributes(file), written + MILLI));
    }

    @Test
    void aDeliveryInDoubtIsReportedAgainOnceItCanBeSettled() throws IOException {
        Path file = tmp.resolve("A.java");
        long written = subSecond(Snapshot.now() - 1_000 * MILLI);
        write(file, "v1", written);
        // Hashed 5 ms after the write (a batch that could wait no longer), and delivered.
        assertEquals(Snapshot.Outcome.CHANGED, snapshot.check(file, attributes(file), written + 5 * MILLI));
        // While the callback read it, saved twice in place in the same tick: the same attributes again.
        write(file, "v2", written);
        write(file, "v1", written);
        assertFalse(snapshot.confirm(file, attributes(file)), "a save after the hash could leave these");
        // A report within the tick could not be confirmed either; one after it is.
        assertEquals(Snapshot.Outcome.UNSETTLED, snapshot.check(file, attributes(file), written + 10 * MILLI));
        assertEquals(Snapshot.Outcome.CHANGED, snapshot.check(file, attributes(file), written + 30 * MILLI));
        assertTrue(snapshot.confirm(file, attributes(file)));
        assertEquals(Snapshot.Outcome.SAME, snapshot.check(file, attributes(file), written + 40 * MILLI));
    }

    @Test
    void aDeliveryIsConfirmedOnlyIfTheFileIsAsHashed() throws IOException {
        Path file = tmp.resolve("A.java");
        write(file, "v1", subSecond(Snapshot.now() - 10_000 * MILLI));
        assertEquals(Snapshot.Outcome.CHANGED, snapshot.check(file, attributes(file), Snapshot.now()));
        assertTrue(snapshot.confirm(file, attributes(file)));
        assertEquals(Snapshot.Outcome.SAME, snapshot.check(file, attributes(file), Snapshot.now()));

        // Saved while the callback ran, and back to the hashed content by the next check.
        write(file, "v1", subSecond(Snapshot.now() - 5_000 * MILLI));
        assertFalse(snapshot.confirm(file, attributes(file)));
        assertEquals(Snapshot.Outcome.CHANGED, snapshot.check(file, attributes(file), Snapshot.now()));
        assertTrue(snapshot.confirm(file, attributes(file)));

        // Missing after the callback: whatever comes next is reported.
        assertEquals(Snapshot.Outcome.SAME, snapshot.check(file, attributes(file), Snapshot.now()));
        assertFalse(snapshot.confirm(file, null));
        assertEquals(Snapshot.Outcome.CHANGED, snapshot.check(file, attributes(file), Snapshot.now()));
    }

    @Test
    void aFileLongUnchangedIsTrustedByItsAttributes() throws IOException {
        Path file = tmp.resolve("A.java");
        long written = subSecond(Snapshot.now() - 10_000 * MILLI);
        write(file, "v1", written);
        long scanBegan = Snapshot.now();
        assertEquals(Snapshot.Outcome.CHANGED, snapshot.check(file, attributes(file), scanBegan));
        assertEquals(Snapshot.Observation.SAME, snapshot.observe(file, attributes(file), Snapshot.now()));
    }

    @Test
    void aTimeSetFarAheadIsNotRacy() {
        long now = Snapshot.now();
        FileTime ahead = FileTime.from(now + 3_600_000 * MILLI + 1, TimeUnit.NANOSECONDS);
        assertFalse(Snapshot.isRacy(ahead, now, now + MILLI));
        FileTime justWritten = FileTime.from(now - MILLI + 1, TimeUnit.NANOSECONDS);
        assertTrue(Snapshot.isRacy(justWritten, now, now + MILLI));
    }

    /** @return the time, moved off a whole second, which would make it look like a coarse file system's */
    private static long subSecond(long nanos) {
        return nanos % 1_000_000_000L == 0 ? nanos + 1 : nanos;
    }

    private static void write(Path file, String content, long modifiedNanos) throws IOException {
        Files.writeString(file, content, ISO_8859_1);
        Files.setLastModifiedTime(file, FileTime.from(modifiedNanos, TimeUnit.NANOSECONDS));
    }

    private static BasicFileAttributes attributes(Path file) throws IOException {
        return Files.readAttributes(file, BasicFileAttributes.class);
    }
}
