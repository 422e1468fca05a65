package io.github.codefind.internal.run;

import io.github.codefind.NotLive;
import java.io.IOException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BiPredicate;
import java.util.function.Predicate;

/**
 * The runner's one record of "saved versus live": for each watched source file, what is on disk, what
 * the program runs, and, while they differ, why. A file whose saved content did not go live (a compile
 * error, a change the JVM refused, a change that needs another file's pending change) stays here until
 * it goes live or its disk content is again what runs; the runner compiles it again with every batch.
 *
 * <p>Contents are compared by SHA-256, so reverting a file to what runs makes it live again without a
 * patch. Thread-safe: the watcher's thread writes, anyone may read a snapshot.
 */
final class LiveSources {
    /** What one file holds on disk and what runs from it. */
    private static final class Entry {
        /** Digest of the content whose classes run; null if none of it ever ran (a new file). */
        byte[] running;
        /** The classes compiled from that content, internal name to class file as compiled. */
        Map<String, byte[]> classes = Map.of();
        /** Digest of the content on disk as last read; null if the file is gone. */
        byte[] disk;
        /** Why disk and running differ, as last found; null before any attempt. */
        String why;
        /** Whether conformers were told that this file's code is removed (it was deleted). */
        boolean toldRemoved;
        /** The classes of a deleted file, internal names: they stay loaded, but the source has none. */
        Set<String> deletedClasses = Set.of();
        /** Top-level classes the file declared and no longer does, internal names: they stay loaded. */
        Set<String> gone = Set.of();
        /** Why what runs from this file is stale although its source did not change; null if it is not. */
        String stale;
    }

    /** The disk digest of a file that cannot be read: equal to no content's digest. */
    private static final byte[] UNREADABLE = new byte[0];

    private final Map<Path, Entry> files = new TreeMap<>();

    /**
     * Records a file as running what its disk holds now: at start-up, the loaded classes were compiled
     * from the sources as they are.
     *
     * @param file a watched source file
     * @param content its content
     */
    synchronized void baseline(Path file, byte[] content) {
        Entry e = entry(file);
        e.running = digest(content);
        e.disk = e.running;
    }

    /**
     * Records what a file holds on disk now.
     *
     * @param file the file
     * @param content its content, or null if it is gone
     */
    synchronized void onDisk(Path file, byte[] content) {
        Entry e = entry(file);
        e.disk = content == null ? null : digest(content);
        if (content == null) {
            e.stale = null; // a deleted file has nothing left to compile; its deletion is told instead
        }
    }

    /**
     * Records that a file is there but cannot be read: it differs from anything that runs until it can.
     *
     * @param file the file
     * @param why why, with the remedy
     */
    synchronized void unreadable(Path file, String why) {
        Entry e = entry(file);
        e.disk = UNREADABLE;
        e.why = why;
    }

    /** @return the files on disk whose content does not run, to compile, in path order */
    synchronized List<Path> toCompile() {
        List<Path> list = new ArrayList<>();
        files.forEach((path, e) -> {
            // A deleted file that came back is compiled even if unchanged: conformers must hear it is back.
            if (e.disk != null && e.disk != UNREADABLE
                    && (!Arrays.equals(e.disk, e.running) || e.toldRemoved || e.stale != null)) {
                list.add(path);
            }
        });
        return list;
    }

    /**
     * @param file a source file
     * @param content what it holds on disk now
     * @return whether a batch that read this content would compile the file ({@link #toCompile()})
     */
    synchronized boolean wouldCompile(Path file, byte[] content) {
        Entry e = files.get(file);
        return e == null || !Arrays.equals(content, e.running) || e.toldRemoved || e.stale != null;
    }

    /** @return files that are gone from disk while their classes still run, whose conformers were not told yet */
    synchronized List<Path> deletedNotTold() {
        List<Path> list = new ArrayList<>();
        files.forEach((path, e) -> {
            if (e.disk == null && e.running != null && !e.toldRemoved) {
                list.add(path);
            }
        });
        return list;
    }

    /**
     * @param file a deleted file whose conformers were told its code is removed
     * @param classes its classes, internal names: later compilations must not see them
     */
    synchronized void toldRemoved(Path file, Set<String> classes) {
        Entry e = entry(file);
        e.toldRemoved = true;
        e.deletedClasses = Set.copyOf(classes);
        e.why = "deleted; its classes stay loaded until a rebuild and restart";
    }

    /**
     * Records that a content of a file went live.
     *
     * @param file the file
     * @param content the content that was compiled
     * @param classes the classes compiled from it, internal name to class file
     * @param before the top-level classes that ran from it before: those it no longer declares are kept
     *     as gone, since they stay loaded
     */
    synchronized void live(Path file, byte[] content, Map<String, byte[]> classes, Set<String> before) {
        Entry e = entry(file);
        Set<String> gone = new TreeSet<>(e.gone);
        gone.addAll(before);
        gone.removeIf(name -> name.contains("$") || classes.containsKey(name));
        e.gone = Set.copyOf(gone);
        e.running = digest(content);
        e.classes = Map.copyOf(classes);
        e.why = null;
        e.toldRemoved = false;
        e.deletedClasses = Set.of();
        e.stale = null;
    }

    /**
     * Records that what runs from a file is stale although its source did not change: it copied a
     * constant whose value changed. It is compiled again with the next batch.
     *
     * @param file the file
     * @param why why it must be compiled again
     */
    synchronized void stale(Path file, String why) {
        Entry e = entry(file);
        e.stale = why;
        e.why = why;
    }

    /**
     * @return whether a file that copied a constant whose value changed waits to be compiled again, not
     *     yet tried (a try that fails records another reason)
     */
    synchronized boolean anyStale() {
        for (Entry e : files.values()) {
            if (e.stale != null && e.stale.equals(e.why) && e.disk != null) {
                return true;
            }
        }
        return false;
    }

    /** @return the files known to this record, in path order */
    synchronized List<Path> files() {
        return List.copyOf(files.keySet());
    }

    /**
     * Records why a file's content on disk did not go live.
     *
     * @param file the file
     * @param why the reason, such as {@code compile error} or {@code refused: superclass changed}
     */
    synchronized void notLive(Path file, String why) {
        entry(file).why = why;
    }

    /**
     * @param file a file
     * @return the top-level classes compiled from what runs of it, internal names; empty if the runner
     *     never compiled it
     */
    synchronized Set<String> classesOf(Path file) {
        Entry e = files.get(file);
        return e == null ? Set.of() : Set.copyOf(e.classes.keySet());
    }

    /**
     * @param file a file
     * @return the top-level classes it declared and no longer does
     */
    synchronized Set<String> gone(Path file) {
        Entry e = files.get(file);
        return e == null ? Set.of() : e.gone;
    }

    /** @return the classes that run, as compiled by the runner: what later compilations must see */
    synchronized Map<String, byte[]> runningClasses() {
        Map<String, byte[]> all = new HashMap<>();
        for (Entry e : files.values()) {
            all.putAll(e.classes);
        }
        return all;
    }

    /**
     * @return the classes that still run but that no saved source declares (those of deleted files, and
     *     top-level classes files no longer declare), internal names: what new code must not compile against
     */
    synchronized Set<String> undeclaredClasses() {
        Set<String> all = new TreeSet<>();
        for (Entry e : files.values()) {
            if (e.disk == null) {
                all.addAll(e.deletedClasses);
            }
            all.addAll(e.gone);
        }
        return all;
    }

    /** @return the files whose disk content is not what runs, with why, in path order */
    synchronized List<NotLive> notLive() {
        List<NotLive> list = new ArrayList<>();
        files.forEach((path, e) -> {
            if (!Arrays.equals(e.disk, e.running) || e.stale != null) {
                list.add(new NotLive(path, e.why != null ? e.why : "not compiled yet"));
            } else if (!e.gone.isEmpty()) {
                list.add(new NotLive(path, "no longer declares " + String.join(", ", e.gone).replace('/', '.')
                        + "; it stays loaded until a rebuild and restart"));
            }
        });
        return List.copyOf(list);
    }

    /**
     * @return whether every file this record knows holds on disk what the record last read of it: the
     *     runner has taken in every save so far
     */
    synchronized boolean sawLatest() {
        for (Map.Entry<Path, Entry> f : files.entrySet()) {
            byte[] disk;
            try {
                byte[] content = read(f.getKey());
                disk = content == null ? null : digest(content);
            } catch (IOException e) {
                disk = UNREADABLE;
            }
            if (!Arrays.equals(disk, f.getValue().disk)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Reads a file for this record.
     *
     * @param file the file
     * @return its content, or null if it is gone
     * @throws IOException if it exists but cannot be read
     */
    static byte[] read(Path file) throws IOException {
        try {
            return Files.isDirectory(file) ? null : Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    /**
     * Records every watched source file under some roots as running what it holds now.
     *
     * @param roots the source roots, followed through links
     * @param excluded whether a path under a root is excluded from watching
     * @param include whether a file is a source file, by its name
     */
    void baseline(List<Path> roots, BiPredicate<Path, Path> excluded, Predicate<Path> include) {
        for (Path root : roots) {
            Path absolute = root.toAbsolutePath();
            try {
                Files.walkFileTree(absolute, EnumSet.of(FileVisitOption.FOLLOW_LINKS),
                        Integer.MAX_VALUE, new SimpleFileVisitor<>() {
                            @Override
                            public FileVisitResult preVisitDirectory(Path dir,
                                    BasicFileAttributes attrs) {
                                return dir.equals(absolute) || !excluded.test(absolute, dir)
                                        ? FileVisitResult.CONTINUE
                                        : FileVisitResult.SKIP_SUBTREE;
                            }

                            @Override
                            public FileVisitResult visitFile(Path file,
                                    BasicFileAttributes attrs) throws IOException {
                                if (attrs.isRegularFile() && include.test(file) && !excluded.test(absolute, file)) {
                                    baseline(file, Files.readAllBytes(file));
                                }
                                return FileVisitResult.CONTINUE;
                            }

                            @Override
                            public FileVisitResult visitFileFailed(Path file, IOException e) {
                                // Unreadable, or a link cycle: such a file is compiled when it is first saved.
                                return FileVisitResult.CONTINUE;
                            }
                        });
            } catch (IOException e) {
                // A root that cannot be read: the watcher says so.
            }
        }
    }

    private Entry entry(Path file) {
        return files.computeIfAbsent(file, f -> new Entry());
    }

    /**
     * @param content a file's content
     * @return its SHA-256 digest: how the runner's records compare contents
     */
    static byte[] digest(byte[] content) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(content);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
