package io.github.codefind.watch;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.codefind.internal.watch.ChangeBatch;
import io.github.codefind.internal.watch.FileWatcher;
import io.github.codefind.internal.watch.WatchOptions;
import io.github.codefind.internal.watch.WatchOptions.Mode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The watcher against real files, each scenario with file-system events and with polling. Waits are on
 * conditions with deadlines; the only fixed waits check that nothing happens, and most of those are
 * replaced by a sentinel: a later change whose batch proves the earlier one was seen and dropped.
 */
class FileWatcherTest {
    /** Faster than the defaults, so that the suite is quick. */
    private static final Duration POLL = Duration.ofMillis(50);
    /**
     * How much older than it is a file may look to the watcher: file times come from a clock that
     * advances once per timer tick (at most 10 ms on Linux, 15.6 ms on Windows), behind the wall clock
     * that the watcher compares them with.
     */
    private static final long FILE_CLOCK_TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(25);

    @TempDir
    Path tmp;
    private Path root;
    private final Batches batches = new Batches();
    private FileWatcher watcher;
    private final AtomicInteger sentinels = new AtomicInteger();
    private final AtomicInteger gates = new AtomicInteger();

    @BeforeEach
    void createRoot() throws IOException {
        root = Files.createDirectory(tmp.resolve("root"));
    }

    @AfterEach
    void closeWatcher() {
        if (watcher != null) {
            watcher.close();
        }
    }

    private FileWatcher start(Mode mode) throws IOException {
        return start(mode, o -> o);
    }

    private FileWatcher start(Mode mode, UnaryOperator<WatchOptions> adjust) throws IOException {
        WatchOptions options = WatchOptions.of(List.of(root), WatchOptions.extensions("java"))
                .withMode(mode)
                .withPollInterval(POLL);
        watcher = FileWatcher.start(adjust.apply(options), batches);
        assertEquals(mode, watcher.mode(), "no fallback expected here");
        return watcher;
    }

    private static Path write(Path file, String content) throws IOException {
        Files.createDirectories(file.getParent());
        return Files.writeString(file, content, ISO_8859_1);
    }

    /** Writes a new file and returns it: its batch proves every earlier change was handled. */
    private Path sentinel() throws IOException {
        return write(root.resolve("Sentinel" + sentinels.incrementAndGet() + ".java"), "sentinel");
    }

    /**
     * Makes {@code edits} while the watcher thread is held in the callback of a batch of its own, so
     * that they all come before the next batch however threads are scheduled. For claims about what
     * one batch makes of several edits (a file deleted and written again is changed): made one after
     * the other, the edits share a batch only if the test thread is not held up between two of them
     * for the debounce period, or at the moment when a scan's recheck is flushed, and on a loaded
     * machine it may be. How close edits must come to share a batch is what
     * {@code burstOfSavesIsOneBatchWithTheLastContent} checks.
     */
    private void beforeTheNextBatch(Edit edits) throws Exception {
        Path gate = root.resolve("Gate" + gates.incrementAndGet() + ".java");
        CountDownLatch release = new CountDownLatch(1);
        batches.before(batch -> {
            if (batch.changed().contains(gate)) {
                try {
                    release.await(Batches.DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        });
        write(gate, "gate");
        try {
            // Returns once the gate's batch is recorded, so made: the callback holds the thread from here.
            assertEquals(Set.of(), reportedUntil(gate), "only the gate changed");
            edits.run();
        } finally {
            release.countDown();
        }
    }

    /** @return every path reported in the batches until the sentinel's, the sentinel excluded */
    private Set<Path> reportedUntil(Path sentinel) throws InterruptedException {
        return batches.until(sentinel).stream()
                .flatMap(d -> Stream.concat(d.batch().changed().stream(),
                        d.batch().deleted().stream()))
                .filter(p -> !p.equals(sentinel))
                .collect(Collectors.toSet());
    }

    /** @return every path reported changed in the batches until {@code path}'s, that one included */
    private Set<Path> changedUntil(Path path) throws InterruptedException {
        return batches.until(path).stream().flatMap(d -> d.batch().changed().stream()).collect(Collectors.toSet());
    }

    @ParameterizedTest
    @EnumSource(names = {"EVENTS", "POLL"})
    void createThenModify(Mode mode) throws Exception {
        start(mode);
        Path a = write(root.resolve("A.java"), "class A {}");
        Batches.Delivered created = batches.next();
        assertEquals(Set.of(a), created.batch().changed());
        assertEquals(Set.of(), created.batch().deleted());
        assertEquals("codefind-watcher", created.thread());

        write(a, "class A { int x; }");
        Batches.Delivered modified = batches.next();
        assertEquals(Set.of(a), modified.batch().changed());
        assertEquals("class A { int x; }", modified.content(a));
    }

    @ParameterizedTest
    @EnumSource(names = {"EVENTS", "POLL"})
    void burstOfSavesIsOneBatchWithTheLastContent(Mode mode) throws Exception {
        // The watcher makes a batch once the file was left alone for the debounce period, or once the
        // batch can wait no longer (maxWait). Saves 4 ms apart are one batch. On a loaded machine the
        // writing thread itself may stall for longer than the debounce period, and the watcher is then
        // right to deliver what it saw: so each save is timed, and a batch before the last is accepted
        // only where the saves left such a pause, or after maxWait. On a quiet machine there is neither.
        long debounce = TimeUnit.MILLISECONDS.toNanos(100);
        long maxWait = TimeUnit.MILLISECONDS.toNanos(1000);
        Path a = write(root.resolve("A.java"), "v00");
        // Written long ago: polling checks a file written just before it started once more (its time
        // could hide a save), and a batch for that check could hold the first save alone.
        Files.setLastModifiedTime(a, FileTime.from(Instant.now().minus(Duration.ofHours(1))));
        start(mode, o -> o.withDebounce(Duration.ofNanos(debounce), Duration.ofNanos(maxWait)));
        int saves = 20;
        long[] saveBegan = new long[saves];
        long[] saveEnded = new long[saves];
        for (int i = 0; i < saves; i++) {
            saveBegan[i] = System.nanoTime();
            write(a, String.format("v%02d", i + 1)); // same size each time: polling must look past size
            saveEnded[i] = System.nanoTime();
            Thread.sleep(4);
        }
        List<Batches.Delivered> delivered = new ArrayList<>();
        do {
            delivered.add(batches.next());
        } while (!"v20".equals(delivered.get(delivered.size() - 1).content(a)));
        // A batch hashed while a save was half written is reported again, even if the callback read the
        // last content: the sentinel's batch comes after that report.
        Path sentinel = sentinel();
        delivered.addAll(batches.until(sentinel));

        List<Batches.Delivered> ofA = new ArrayList<>();
        for (Batches.Delivered batch : delivered) {
            assertEquals(Set.of(), batch.batch().deleted());
            assertTrue(Set.of(a, sentinel).containsAll(batch.batch().changed()), "unexpected " + batch);
            if (batch.batch().changed().contains(a)) {
                ofA.add(batch);
            }
        }
        String timeline = timeline(saveBegan, saveEnded, ofA);
        assertEquals("v20", ofA.get(ofA.size() - 1).content(a), timeline);
        long quiet = debounce - FILE_CLOCK_TICK_NANOS;
        long after = saveBegan[0];
        for (Batches.Delivered early : ofA.subList(0, ofA.size() - 1)) {
            boolean capped = early.began() - (saveBegan[0] + maxWait) > 0;
            assertTrue(capped || pauseBetween(after, early.began(), saveBegan, saveEnded, quiet),
                    "the burst was split where the saves left no pause of " + TimeUnit.NANOSECONDS.toMillis(quiet)
                    + " ms: " + timeline);
            after = early.began();
        }
    }

    /**
     * Whether the watcher may have taken the file for settled at some time between {@code after} and
     * {@code before}: {@code quiet} after a save began, and before the next one ended. Nothing is
     * pending before the first save, so a pause before it does not count.
     */
    private static boolean pauseBetween(long after, long before, long[] saveBegan, long[] saveEnded,
            long quiet) {
        for (int k = 0; k < saveBegan.length; k++) {
            long settled = saveBegan[k] + quiet;
            long from = after - settled > 0 ? after : settled;
            boolean untilNext = k + 1 == saveBegan.length || saveEnded[k + 1] - from > 0;
            if (before - from > 0 && untilNext) {
                return true;
            }
        }
        return false;
    }

    /** @return when each save and each batch happened, in ms from the first save, for a failure message */
    private static String timeline(long[] saveBegan, long[] saveEnded, List<Batches.Delivered> delivered) {
        long zero = saveBegan[0];
        StringBuilder text = new StringBuilder("saves at");
        for (int i = 0; i < saveBegan.length; i++) {
            text.append(' ').append(TimeUnit.NANOSECONDS.toMillis(saveBegan[i] - zero)).append('-')
                    .append(TimeUnit.NANOSECONDS.toMillis(saveEnded[i] - zero));
        }
        text.append(" ms; batches at");
        for (Batches.Delivered batch : delivered) {
            text.append(' ').append(TimeUnit.NANOSECONDS.toMillis(batch.began() - zero)).append(' ')
                    .append(batch.contents().values().stream().map(content -> '"' + content + '"').toList());
        }
        return text.append(" ms").toString();
    }

    @ParameterizedTest
    @EnumSource(names = {"EVENTS", "POLL"})
    void continuousWritesStillFlushAfterMaxWait(Mode mode) throws Exception {
        Path a = write(root.resolve("A.java"), "0");
        start(mode, o -> o.withDebounce(Duration.ofMillis(40), Duration.ofMillis(200)));
        long began = System.nanoTime();
        Batches.Delivered first = null;
        for (int i = 1; first == null && i < 1000; i++) {
            write(a, Integer.toString(i));
            Thread.sleep(10);
            first = batches.all().isEmpty() ? null : batches.next();
        }
        long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began);
        assertTrue(first != null && first.batch().changed().contains(a), "no batch while writing continuously");
        assertTrue(waited < 2_000, "took " + waited + " ms");
    }

    @ParameterizedTest
    @EnumSource(names = {"EVENTS", "POLL"})
    void deleteAndRecreateIsAChange(Mode mode) throws Exception {
        Path a = write(root.resolve("A.java"), "old");
        start(mode);
        beforeTheNextBatch(() -> {
            Files.delete(a);
            write(a, "new");
        });
        Batches.Delivered batch = batches.next();
        assertEquals(Set.of(a), batch.batch().changed());
        assertEquals(Set.of(), batch.batch().deleted());
        assertEquals("new", batch.content(a));
    }

    @ParameterizedTest
    @EnumSource(names = {"EVENTS", "POLL"})
    void deleteIsReported(Mode mode) throws Exception {
        Path a = write(root.resolve("A.java"), "a");
        Path b = write(root.resolve("p/B.java"), "b");
        start(mode);
        Files.delete(a);
        Batches.Delivered batch = batches.next();
        assertEquals(Set.of(), batch.batch().changed());
        assertEquals(Set.of(a), batch.batch().deleted());

        Files.delete(b);
        Files.delete(b.getParent());
        assertEquals(Set.of(b), batches.next().batch().deleted());
    }

    @ParameterizedTest
    @EnumSource(names = {"EVENTS", "POLL"})
    void renameOverTheFileIsAChange(Mode mode) throws Exception {
        Path a = write(root.resolve("A.java"), "old");
        start(mode);
        beforeTheNextBatch(() -> {
            // Vim: probe file 4913, swap file, backup; IntelliJ: ___jb_tmp___ then ___jb_old___.
            Files.delete(write(root.resolve("4913"), ""));
            write(root.resolve(".A.java.swp"), "swap");
            Path temp = write(root.resolve("A.java___jb_tmp___"), "new");
            Files.move(a, root.resolve("A.java___jb_old___"));
            Files.move(temp, a, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            Files.delete(root.resolve("A.java___jb_old___"));
        });
        Batches.Delivered batch = batches.next();
        assertEquals(Set.of(a), batch.batch().changed());
        assertEquals(Set.of(), batch.batch().deleted());
        assertEquals("new", batch.content(a));

        // The plain form: a temporary file in the same directory, moved atomically over the target.
        Path tmpFile = write(root.resolve(".A.java.tmp"), "newer");
        Files.move(tmpFile, a, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        Batches.Delivered again = batches.next();
        assertEquals(Set.of(a), again.batch().changed());
        assertEquals("newer", again.content(a));
    }

    @ParameterizedTest
    @EnumSource(names = {"EVENTS", "POLL"})
    void inPlaceRewriteOfTheSameSizeIsSeen(Mode mode) throws Exception {
        // Compilers rewrite class files in place; here without truncation and with the same size.
        Path c = write(root.resolve("C.class"), "AAAA");
        start(mode, o -> new WatchOptions(o.roots(), WatchOptions.extensions("class"), o.exclusions(), o.mode(),
                o.debounce(), o.maxWait(), o.pollInterval()));
        for (String content : List.of("BBBB", "CCCC")) {
            try (FileChannel channel = FileChannel.open(c, StandardOpenOption.WRITE)) {
                channel.write(ByteBuffer.wrap(content.getBytes(ISO_8859_1)), 0);
            }
            Batches.Delivered batch = batches.next();
            assertEquals(Set.of(c), batch.batch().changed());
            assertEquals(content, batch.content(c));
        }
    }

    @ParameterizedTest
    @EnumSource(names = {"EVENTS", "POLL"})
    void newDirectoriesAreWatched(Mode mode) throws Exception {
        start(mode);
        Path b = write(root.resolve("p/q/B.java"), "b");
        assertEquals(Set.of(b), batches.next().batch().changed());
        // Written after the directory was seen: only its own watch (or a scan) can report it.
        Path c = write(root.resolve("p/q/C.java"), "c");
        assertEquals(Set.of(c), batches.next().batch().changed());
        write(b, "b2");
        assertEquals(Set.of(b), batches.next().batch().changed());

        // Renamed within the root: deleted under the old name, reported and watched under the new one.
        Files.move(root.resolve("p"), root.resolve("r"), StandardCopyOption.ATOMIC_MOVE);
        Path movedB = root.resolve("r/q/B.java");
        Path movedC = root.resolve("r/q/C.java");
        assertReported(Map.of(movedB, "b2", movedC, "c"), Set.of(b, c));
        write(movedB, "b3");
        assertEquals(Set.of(movedB), batches.next().batch().changed());
    }

    @ParameterizedTest
    @EnumSource(names = {"EVENTS", "POLL"})
    void directoryMovedInIsReportedWithItsFiles(Mode mode) throws Exception {
        Path outside = Files.createDirectory(tmp.resolve("outside"));
        write(outside.resolve("pkg/A.java"), "a");
        write(outside.resolve("pkg/sub/B.java"), "b");
        write(outside.resolve("pkg/notes.txt"), "not included");
        start(mode);
        Files.move(outside.resolve("pkg"), root.resolve("pkg"), StandardCopyOption.ATOMIC_MOVE);
        Path a = root.resolve("pkg/A.java");
        Path b = root.resolve("pkg/sub/B.java");
        assertReported(Map.of(a, "a", b, "b"), Set.of());
        // The moved directory is watched where it is now.
        write(b, "b2");
        assertEquals(Set.of(b), batches.next().batch().changed());

        // And moved out again: its files are deleted.
        Files.move(root.resolve("pkg"), outside.resolve("back"), StandardCopyOption.ATOMIC_MOVE);
        assertReported(Map.of(), Set.of(a, b));
        write(outside.resolve("back/A.java"), "changed outside");
        assertEquals(Set.of(), reportedUntil(sentinel()), "a directory moved out is not watched");
    }

    /**
     * Takes the batches that report one change to a directory (moved in, out or within the root, or a
     * link to it pointed elsewhere): the files that appear, with their content, and those that
     * disappear, each reported once, and nothing else. They may come in several batches. Polling
     * cannot see such a change at once: a scan walks while the directory moves, and a file checked
     * again on its own (its time was too recent to trust) may be found gone, or changed, before the
     * scan that finds the rest. With events, the thread that reads them may stall between two of them
     * for longer than the debounce period. The runner compiles batch after batch, so a split costs a
     * compilation but is not wrong: what counts is that together the batches say where every file is.
     */
    private void assertReported(Map<Path, String> appear, Set<Path> disappear) throws InterruptedException {
        Set<Path> changed = new HashSet<>();
        Set<Path> deleted = new HashSet<>();
        List<Batches.Delivered> seen = new ArrayList<>();
        while (!changed.equals(appear.keySet()) || !deleted.equals(disappear)) {
            Batches.Delivered batch = batches.next();
            seen.add(batch);
            for (Path path : batch.batch().changed()) {
                assertTrue(appear.containsKey(path) && changed.add(path),
                        "unexpected change of " + path + ": " + seen);
                assertEquals(appear.get(path), batch.content(path));
            }
            for (Path path : batch.batch().deleted()) {
                assertTrue(disappear.contains(path) && deleted.add(path),
                        "unexpected deletion of " + path + ": " + seen);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(names = {"EVENTS", "POLL"})
    void savingIdenticalContentReportsNothing(Mode mode) throws Exception {
        Path a = write(root.resolve("A.java"), "same");
        start(mode);
        beforeTheNextBatch(() -> {
            write(a, "same");
            Files.delete(a);
            write(a, "same");
        });
        assertEquals(Set.of(), reportedUntil(sentinel()));
        // A change back and forth between two batches is reported each time.
        write(a, "other");
        assertEquals("other", batches.next().content(a));
        write(a, "same");
        assertEquals("same", batches.next().content(a));
    }

    @ParameterizedTest
    @EnumSource(names = {"EVENTS", "POLL"})
    void aFileDeletedAndRecreatedWhileTheCallbackReadsIsReportedAgain(Mode mode) throws Exception {
        // The callback reads a file after the watcher hashed it. An editor deletes it and writes it again
        // with the same content meanwhile, and the callback finds it missing: only a later batch can tell
        // it that the file exists, though the content is the one the first batch was made with.
        Path b = root.resolve("B.java");
        AtomicReference<String> read = new AtomicReference<>();
        duringFirstCallbackOn(b, () -> {
            Files.delete(b);
            read.set(readOrMissing(b));
            write(b, "v1");
        });
        start(mode);
        write(b, "v1");
        assertEquals(Set.of(b), batches.next().batch().changed());
        List<Batches.Delivered> again = batches.until(b);
        // Read only now: the callback that read it has returned before the next batch was made.
        assertEquals("<missing>", read.get(), "the callback read between the delete and the write");
        Batches.Delivered last = again.get(again.size() - 1);
        assertEquals(Set.of(b), last.batch().changed());
        assertEquals("v1", last.content(b));
    }

    @ParameterizedTest
    @EnumSource(names = {"EVENTS", "POLL"})
    void aFileSavedTwiceWhileTheCallbackReadsIsReportedAgain(Mode mode) throws Exception {
        // As above, with two saves in place: the callback reads the first, the second restores the
        // content the batch was made with.
        Path b = root.resolve("B.java");
        AtomicReference<String> read = new AtomicReference<>();
        duringFirstCallbackOn(b, () -> {
            write(b, "v2");
            read.set(readOrMissing(b));
            write(b, "v1");
        });
        start(mode);
        write(b, "v1");
        assertEquals(Set.of(b), batches.next().batch().changed());
        List<Batches.Delivered> again = batches.until(b);
        assertEquals("v2", read.get());
        assertEquals("v1", again.get(again.size() - 1).content(b));
    }

    @ParameterizedTest
    @EnumSource(names = {"EVENTS", "POLL"})
    void aSaveThatLeavesTheSameAttributesWhileTheCallbackReadsIsReportedOnceSettled(Mode mode)
            throws Exception {
        // Where times are whole seconds (ext3, HFS+, FAT), two saves of the same size within a second
        // leave the same attributes: the watcher cannot tell that the file changed while the callback
        // ran, so it reports the file once more when a save could no longer leave that time. Whole-second
        // times are set explicitly here; nothing else happens in the tree, so with events only the
        // watcher's own timer can bring that batch.
        Path b = root.resolve("B.java");
        FileTime second = FileTime.from(System.currentTimeMillis() / 1000, TimeUnit.SECONDS);
        AtomicReference<String> read = new AtomicReference<>();
        duringFirstCallbackOn(b, () -> {
            write(b, "v2");
            read.set(readOrMissing(b));
            write(b, "v1");
            Files.setLastModifiedTime(b, second);
        });
        start(mode);
        // Its time set before it appears, so that no batch can see another.
        Path temp = write(root.resolve("B.java.tmp"), "v1");
        Files.setLastModifiedTime(temp, second);
        Files.move(temp, b, StandardCopyOption.ATOMIC_MOVE);
        assertEquals(Set.of(b), batches.next().batch().changed());
        List<Batches.Delivered> again = batches.until(b);
        assertEquals("v2", read.get());
        assertEquals("v1", again.get(again.size() - 1).content(b));
        assertEquals(Set.of(), reportedUntil(sentinel()), "reported once more, not again and again");
    }

    /** A file edit that may fail. */
    private interface Edit {
        void run() throws IOException;
    }

    /** Runs {@code edit} in the callback of the first batch that reports {@code file} changed. */
    private void duringFirstCallbackOn(Path file, Edit edit) {
        AtomicBoolean done = new AtomicBoolean();
        batches.before(batch -> {
            if (batch.changed().contains(file) && done.compareAndSet(false, true)) {
                try {
                    edit.run();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        });
    }

    private static String readOrMissing(Path file) throws IOException {
        try {
            return Files.readString(file, ISO_8859_1);
        } catch (NoSuchFileException e) {
            return "<missing>";
        }
    }

    @ParameterizedTest
    @EnumSource(names = {"EVENTS", "POLL"})
    void symlinkedRootReportsPathsUnderTheLink(Mode mode) throws Exception {
        Path real = Files.createDirectory(tmp.resolve("real"));
        write(real.resolve("A.java"), "a");
        root = Files.createSymbolicLink(tmp.resolve("link"), real);
        start(mode);
        write(real.resolve("A.java"), "a2");
        Batches.Delivered batch = batches.next();
        assertEquals(Set.of(root.resolve("A.java")), batch.batch().changed());
        write(root.resolve("p/B.java"), "b");
        assertEquals(Set.of(root.resolve("p/B.java")), batches.next().batch().changed());
    }

    @ParameterizedTest
    @EnumSource(names = {"EVENTS", "POLL"})
    void symlinksInsideTheRootAreFollowed(Mode mode) throws Exception {
        Path outside = Files.createDirectory(tmp.resolve("outside"));
        Path target = write(outside.resolve("Target.java"), "t1");
        write(outside.resolve("lib/L.java"), "l1");
        Path link = Files.createSymbolicLink(root.resolve("Link.java"), target);
        Path libLink = Files.createSymbolicLink(root.resolve("lib"), outside.resolve("lib"));
        start(mode);

        write(target, "t2");
        Batches.Delivered batch = batches.next();
        assertEquals(Set.of(link), batch.batch().changed(), "reported under the link, not the target");
        assertEquals("t2", batch.content(link));

        // The target saved by rename, as editors do: the link still leads to it.
        Path temp = write(outside.resolve("Target.java.tmp"), "t3");
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        assertEquals("t3", batches.next().content(link));

        write(outside.resolve("lib/L.java"), "l2");
        assertEquals(Set.of(libLink.resolve("L.java")), batches.next().batch().changed());

        // The directory link pointed elsewhere by renaming a new link over it (as ln -sfn may).
        write(outside.resolve("lib2/L.java"), "other l");
        write(outside.resolve("lib2/M.java"), "m");
        Path newLink = Files.createSymbolicLink(root.resolve(".lib.new"), outside.resolve("lib2"));
        Files.move(newLink, libLink, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        assertReported(Map.of(libLink.resolve("L.java"), "other l", libLink.resolve("M.java"), "m"), Set.of());
        write(outside.resolve("lib/L.java"), "old target, no longer under the root");
        assertEquals(Set.of(), reportedUntil(sentinel()));
        write(outside.resolve("lib2/M.java"), "m2");
        assertEquals(Set.of(libLink.resolve("M.java")), batches.next().batch().changed());

        // The link pointed elsewhere.
        Path other = write(outside.resolve("Other.java"), "o1");
        beforeTheNextBatch(() -> {
            Files.delete(link);
            Files.createSymbolicLink(link, other);
        });
        Batches.Delivered retargeted = batches.next();
        assertEquals(Set.of(link), retargeted.batch().changed());
        assertEquals("o1", retargeted.content(link));
        write(other, "o2");
        assertEquals("o2", batches.next().content(link));
    }

    @ParameterizedTest
    @EnumSource(names = {"EVENTS", "POLL"})
    void symlinkCyclesEnd(Mode mode) throws Exception {
        write(root.resolve("p/A.java"), "a");
        Files.createSymbolicLink(root.resolve("p/up"), root);
        Files.createSymbolicLink(root.resolve("self"), root.resolve("self"));
        start(mode);
        Path b = write(root.resolve("p/B.java"), "b");
        Batches.Delivered batch = batches.next();
        assertEquals(Set.of(b), batch.batch().changed());
    }

    @ParameterizedTest
    @EnumSource(names = {"EVENTS", "POLL"})
    void exclusionsAndEditorFilesAreIgnored(Mode mode) throws Exception {
        Path a = write(root.resolve("A.java"), "a");
        start(mode, o -> o.withExclusions(List.of(
                FileSystems.getDefault().getPathMatcher("glob:generated/**"),
                FileSystems.getDefault().getPathMatcher("glob:Skip*.java"))));
        write(root.resolve("generated/G.java"), "g");
        write(root.resolve("p/SkipMe.java"), "s");
        write(root.resolve("A.java~"), "backup");
        write(root.resolve("#A.java#"), "autosave");
        write(root.resolve(".A.java.swp"), "swap");
        write(root.resolve(".A.java.swo"), "swap");
        write(root.resolve("4913"), "");
        write(root.resolve("A.java___jb_old___"), "old");
        write(root.resolve(".goutputstream-XYZ123"), "gio");
        Files.createSymbolicLink(root.resolve(".#A.java"), Path.of("user@host.1234:1700000000"));
        write(root.resolve("notes.txt"), "not java");
        write(a, "a2");
        assertEquals(Set.of(a), reportedUntil(sentinel()));
    }

    @ParameterizedTest
    @EnumSource(names = {"EVENTS", "POLL"})
    void anyBytesAndNamesWork(Mode mode) throws Exception {
        start(mode);
        Path a = root.resolve("Ünïcödé.java");
        byte[] latin1 = {(byte) 0xE9, (byte) 0xFF, 0, (byte) 0xC3, 0x28};
        Files.write(a, latin1);
        Batches.Delivered batch = batches.next();
        assertEquals(Set.of(a), batch.batch().changed());
        assertEquals(new String(latin1, ISO_8859_1), batch.content(a));
    }

    @ParameterizedTest
    @EnumSource(names = {"EVENTS", "POLL"})
    void aFailingCallbackDoesNotStopTheWatcher(Mode mode) throws Exception {
        batches.before(batch -> {
            throw new IllegalStateException("callback failure (expected by the test)");
        });
        start(mode);
        Path a = write(root.resolve("A.java"), "1");
        assertEquals(Set.of(a), batches.next().batch().changed());
        write(a, "2");
        assertEquals("2", batches.next().content(a));
    }

    @ParameterizedTest
    @EnumSource(names = {"EVENTS", "POLL"})
    void manyChangesDuringASlowCallbackAreAllReported(Mode mode) throws Exception {
        // 600 creations in one directory while the callback blocks: past the JDK's 512 events per key,
        // so with events this goes through an overflow and a rescan.
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger calls = new AtomicInteger();
        batches.before(batch -> {
            if (calls.getAndIncrement() == 0) {
                try {
                    release.await(Batches.DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        });
        Files.createDirectory(root.resolve("many")); // watched from the start: its events pile up
        start(mode);
        write(root.resolve("First.java"), "first");
        batches.next();
        Set<Path> created = IntStream.range(0, 600)
                .mapToObj(i -> root.resolve("many/F" + i + ".java"))
                .collect(Collectors.toSet());
        for (Path file : created) {
            write(file, file.getFileName().toString());
        }
        release.countDown();
        Path last = root.resolve("many/F599.java");
        Set<Path> reported = changedUntil(last);
        reported.addAll(reportedUntil(sentinel()));
        assertEquals(created, reported);
    }

    @ParameterizedTest
    @EnumSource(names = {"EVENTS", "POLL"})
    void aDeletedRootIsWatchedAgainWhenRecreated(Mode mode) throws Exception {
        // Build output directories: mvn clean deletes target/classes, the next compile recreates it.
        Path a = write(root.resolve("p/A.java"), "a");
        start(mode);
        Files.delete(a);
        Files.delete(a.getParent());
        Files.delete(root);
        assertEquals(Set.of(a), batches.next().batch().deleted());
        write(a, "a again");
        Batches.Delivered again = batches.next();
        assertEquals(Set.of(a), again.batch().changed());
        write(a, "a changed");
        assertEquals("a changed", batches.next().content(a));
    }

    @ParameterizedTest
    @EnumSource(names = {"EVENTS", "POLL"})
    void aMissingRootIsWatchedForItsAppearance(Mode mode) throws Exception {
        Files.delete(root);
        start(mode);
        Path a = write(root.resolve("A.java"), "a");
        assertEquals(Set.of(a), batches.next().batch().changed());
    }

    @ParameterizedTest
    @EnumSource(names = {"EVENTS", "POLL"})
    void unreadableAndUnusualFilesAreSkipped(Mode mode) throws Exception {
        Path secret = write(root.resolve("Secret.java"), "s");
        Path hidden = write(root.resolve("closed/H.java"), "h");
        // What a naive watcher would block on (a FIFO) or trip over (a link loop, a dangling link).
        boolean fifo = mkfifo(root.resolve("Fifo.java"));
        Files.createSymbolicLink(root.resolve("Loop.java"), root.resolve("Loop.java"));
        Files.createSymbolicLink(root.resolve("Dangling.java"), root.resolve("nowhere/X.java"));
        // Permissions do not stop root, which CI containers often are: then only the rest is checked.
        boolean enforced = secret.toFile().setReadable(false, false) && hidden.getParent().toFile()
                .setReadable(false, false) && !Files.isReadable(secret);
        try {
            start(mode);
            Path a = write(root.resolve("A.java"), "a");
            assertEquals(Set.of(), reportedUntil(a), "only A changed");
            if (fifo) {
                Files.delete(root.resolve("Fifo.java"));
                assertTrue(mkfifo(root.resolve("Fifo.java")));
            }
            write(a, "a2");
            assertEquals(Set.of(), reportedUntil(a), "only A changed");
            // The dangling link's target appears: the link now leads to a file.
            Path target = write(root.resolve("nowhere/X.java"), "x");
            Set<Path> reported = changedUntil(root.resolve("Dangling.java"));
            reported.addAll(reportedUntil(sentinel()));
            assertEquals(Set.of(target, root.resolve("Dangling.java")), reported);
            if (enforced) {
                secret.toFile().setReadable(true, false);
                write(secret, "s2");
                assertEquals(Set.of(secret), reportedUntil(sentinel()));
            }
        } finally {
            secret.toFile().setReadable(true, false);
            hidden.getParent().toFile().setReadable(true, false);
        }
    }

    private static boolean mkfifo(Path path) throws InterruptedException {
        try {
            return new ProcessBuilder("mkfifo", path.toString()).start().waitFor() == 0;
        } catch (IOException e) {
            return false; // no mkfifo here
        }
    }

    @Test
    void aFileSystemWithoutEventsIsPolled() throws Exception {
        Path zip = tmp.resolve("sources.zip");
        try (FileSystem zipfs = FileSystems.newFileSystem(zip, Map.of("create", "true"))) {
            root = Files.createDirectories(zipfs.getPath("/src"));
            Path a = write(root.resolve("p/A.java"), "a");
            watcher = FileWatcher.start(WatchOptions.of(List.of(root), WatchOptions.extensions("java"))
                    .withMode(Mode.EVENTS).withPollInterval(POLL), batches);
            assertEquals(Mode.POLL, watcher.mode(), "zipfs has no watch service");
            write(a, "a2");
            Batches.Delivered batch = batches.next();
            assertEquals(Set.of(a), batch.batch().changed());
            assertEquals("a2", batch.content(a));
            watcher.close();
        }
    }

    @ParameterizedTest
    @EnumSource(names = {"EVENTS", "POLL"})
    void closeStopsDelivery(Mode mode) throws Exception {
        start(mode);
        Path a = write(root.resolve("A.java"), "a");
        batches.next();
        long began = System.nanoTime();
        watcher.close();
        long closeMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began);
        assertTrue(closeMillis < 1_000, "close took " + closeMillis + " ms");
        write(a, "after close");
        write(root.resolve("B.java"), "after close");
        batches.assertNone(Duration.ofMillis(300));
        watcher.close(); // idempotent
        assertFalse(batches.thread().isAlive(), "the watcher thread ended");
    }

    @Test
    void aRootThatIsAFileIsRefused() throws IOException {
        Path file = write(root.resolve("A.java"), "a");
        assertThrows(NotDirectoryException.class, () -> FileWatcher.start(
                WatchOptions.of(List.of(file), WatchOptions.extensions("java")), batches));
    }

    @Test
    void optionsAreChecked() {
        assertThrows(IllegalArgumentException.class, () -> WatchOptions.of(List.of(), p -> true));
        WatchOptions options = WatchOptions.of(List.of(root), p -> true);
        assertEquals(Mode.AUTO, options.mode());
        assertEquals(WatchOptions.DEFAULT_DEBOUNCE, options.debounce());
        assertThrows(IllegalArgumentException.class,
                () -> options.withDebounce(Duration.ofMillis(100), Duration.ofMillis(50)));
        assertThrows(IllegalArgumentException.class, () -> options.withPollInterval(Duration.ZERO));
        assertTrue(WatchOptions.extensions(".JAVA", "class").test(Path.of("a/B.java")));
        assertTrue(WatchOptions.extensions("java", "class").test(Path.of("B.class")));
        assertFalse(WatchOptions.extensions("java").test(Path.of(".java")));
        assertFalse(WatchOptions.extensions("java").test(Path.of("B.javax")));
    }

    @Test
    void autoModeUsesEventsOnALocalFileSystem() throws IOException {
        watcher = FileWatcher.start(WatchOptions.of(List.of(root), WatchOptions.extensions("java")), batches);
        assertEquals(Mode.EVENTS, watcher.mode());
    }

    @Test
    void batchesAreSortedAndDisjoint() {
        ChangeBatch batch = new ChangeBatch(Set.of(Path.of("b"), Path.of("a")), Set.of(Path.of("c")));
        assertEquals(List.of(Path.of("a"), Path.of("b")), List.copyOf(batch.changed()));
        assertFalse(batch.isEmpty());
        assertThrows(IllegalArgumentException.class, () -> new ChangeBatch(Set.of(Path.of("a")), Set.of(Path.of("a"))));
        assertThrows(UnsupportedOperationException.class, () -> batch.changed().add(Path.of("d")));
    }
}
