package io.github.codefind.internal.run;

import io.github.codefind.NotLive;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The runner's record of "built versus live" for watched class folders: for each class file, what is
 * on disk, what the program runs for that class, and, while they differ, why. A class file whose build
 * did not go live (refused, held for a member its build has not written yet, unreadable) stays here and
 * is tried again with every later build, until it goes live or its bytes are again what runs.
 *
 * <p>A class the program never loaded runs what its file holds once it loads: such a file is live as
 * it is. Contents are compared by SHA-256. Thread-safe: the class watcher's thread writes, anyone may
 * read.
 */
final class LiveClasses {
    /** One class file. */
    private static final class Entry {
        final String className;
        /** Digest of the bytes the program runs for this class, or would load; null if none. */
        byte[] running;
        /** Digest of the file's bytes as last read; null if the file is gone. */
        byte[] disk;
        /** The file's bytes as last read, kept only while they do not run. */
        byte[] bytes;
        /** When the file was last modified, as last read. */
        long modified;
        /** Why disk and running differ, as last found; null before any attempt. */
        String why;
        /** Whether the file is on disk as a complete class file. */
        boolean complete;
        /** When the file was found gone, in milliseconds; 0 while it is there. */
        long goneSince;
        /** Whether the program had loaded its class when the file was found gone. */
        boolean loadedWhenGone;

        Entry(String className) {
            this.className = className;
        }
    }

    /** The digest of a file that exists but cannot be read, or is not a complete class file. */
    private static final byte[] UNREADABLE = new byte[0];

    private final Map<Path, Entry> files = new TreeMap<>();

    /**
     * Records a class file as live with what it holds now: at start-up, the program's classes were loaded
     * from the folder as it is, and the others will load from it.
     *
     * @param file the class file
     * @param className its class's binary name
     * @param content its bytes
     */
    synchronized void baseline(Path file, String className, byte[] content) {
        Entry e = files.computeIfAbsent(file, f -> new Entry(className));
        e.running = LiveSources.digest(content);
        e.disk = e.running;
        e.complete = true;
    }

    /**
     * Records what a class file holds on disk now.
     *
     * @param file the class file
     * @param className its class's binary name
     * @param content its bytes; null if it is gone
     * @param modified when it was last modified, in milliseconds
     */
    synchronized void onDisk(Path file, String className, byte[] content, long modified) {
        Entry e = files.computeIfAbsent(file, f -> new Entry(className));
        e.disk = content == null ? null : LiveSources.digest(content);
        e.bytes = content == null || Arrays.equals(e.disk, e.running) ? null : content;
        e.modified = modified;
        e.complete = content != null;
        if (content != null) {
            e.goneSince = 0;
        }
        if (content == null && e.running == null) {
            files.remove(file); // created and deleted again, never run
        }
    }

    /**
     * Records that a class file is gone. A build that deletes and writes its folder again (as
     * {@code mvn compile} does) brings it back: until then, it is not said to be missing.
     *
     * @param file the class file
     * @param loaded whether the program loaded its class: else nothing runs from it
     * @param now the time, in milliseconds
     */
    synchronized void gone(Path file, boolean loaded, long now) {
        Entry e = files.get(file);
        if (e != null && e.disk == null && e.goneSince == 0) {
            e.goneSince = now;
            e.loadedWhenGone = loaded;
        }
    }

    /**
     * @param wait how long a loaded class's file may be gone before it is said to be missing, in milliseconds
     * @param now the time, in milliseconds
     * @return when the next file not yet said missing is to be, in milliseconds; MAX_VALUE if none is
     */
    synchronized long nextMissing(long wait, long now) {
        long next = Long.MAX_VALUE;
        for (Entry e : files.values()) {
            if (e.disk == null && e.loadedWhenGone && e.goneSince > 0 && e.goneSince + wait > now) {
                next = Math.min(next, e.goneSince + wait);
            }
        }
        return next;
    }

    /**
     * Records that a class file is there but cannot be taken yet: it cannot be read, or it is not a
     * complete class file, as while a compiler still writes it.
     *
     * @param file the class file
     * @param className its class's binary name
     * @param content what could be read of it, or null if nothing could
     * @param why why, with the remedy
     */
    synchronized void unreadable(Path file, String className, byte[] content, String why) {
        Entry e = files.computeIfAbsent(file, f -> new Entry(className));
        e.disk = content == null ? UNREADABLE : LiveSources.digest(content);
        e.bytes = null;
        e.why = why;
        e.complete = false;
    }

    /** @return the class files on disk whose bytes do not run, by file: their class name and bytes */
    synchronized Map<Path, Built> pending() {
        Map<Path, Built> pending = new TreeMap<>();
        files.forEach((path, e) -> {
            if (e.bytes != null) {
                pending.put(path, new Built(e.className, e.bytes, e.modified));
            }
        });
        return pending;
    }

    /**
     * A class file's bytes as built.
     *
     * @param className its class's binary name
     * @param bytes its bytes
     * @param modified when it was written, in milliseconds
     */
    record Built(String className, byte[] bytes, long modified) {
    }

    /**
     * What the record knows of a class file.
     *
     * @param className its class's binary name
     * @param modified when it was last modified, as last read, in milliseconds
     * @param complete whether it is on disk as a complete class file
     */
    record Known(String className, long modified, boolean complete) {
    }

    /** @return every class file on disk, or gone while its class runs, by path */
    synchronized Map<Path, Known> classes() {
        Map<Path, Known> all = new TreeMap<>();
        files.forEach((path, e) -> all.put(path, new Known(e.className, e.modified, e.complete)));
        return all;
    }

    /**
     * Records that the program now runs a class file's bytes, or will load them.
     *
     * @param file the class file
     * @param bytes the bytes that run, as read with the build
     */
    synchronized void live(Path file, byte[] bytes) {
        Entry e = files.get(file);
        if (e != null) {
            e.running = LiveSources.digest(bytes);
            if (Arrays.equals(e.running, e.disk)) {
                e.bytes = null;
                e.why = null;
            }
        }
    }

    /**
     * Records why a class file's bytes did not go live with this build.
     *
     * @param file the class file
     * @param why why, as the user reads it
     */
    synchronized void notLive(Path file, String why) {
        Entry e = files.get(file);
        if (e != null) {
            e.why = why;
        }
    }

    /**
     * @param shown whether a class file that is gone is listed: a nested class whose live outer class no
     *     longer has it is dead code, not a difference a user can see
     * @param wait how long a loaded class's file may be gone before it is listed, in milliseconds: a build
     *     that deletes its folder first writes it again
     * @param now the time, in milliseconds
     * @return the class files whose bytes do not run, with why
     */
    synchronized List<NotLive> notLive(java.util.function.Predicate<Path> shown, long wait, long now) {
        List<NotLive> list = new ArrayList<>();
        files.forEach((path, e) -> {
            if (e.disk == null) {
                if (e.running != null && e.loadedWhenGone && e.goneSince > 0 && now >= e.goneSince + wait
                        && shown.test(path)) {
                    list.add(new NotLive(path, "deleted; the loaded class stays until a restart"));
                }
            } else if (!Arrays.equals(e.disk, e.running)) {
                list.add(new NotLive(path, e.why != null ? e.why : "not applied yet"));
            }
        });
        return list;
    }

    /**
     * @return whether every class file this record knows holds on disk what the record last read of it,
     *     and no class file under the roots is unknown to it
     * @param onDiskNow every class file under the watched roots now
     */
    synchronized boolean sawLatest(List<Path> onDiskNow) {
        for (Path p : onDiskNow) {
            if (!files.containsKey(p)) {
                return false;
            }
        }
        for (Map.Entry<Path, Entry> f : files.entrySet()) {
            byte[] disk;
            try {
                disk = LiveSources.digest(Files.readAllBytes(f.getKey()));
            } catch (NoSuchFileException e) {
                disk = null;
            } catch (IOException e) {
                disk = UNREADABLE;
            }
            if (!Arrays.equals(disk, f.getValue().disk)) {
                return false;
            }
        }
        return true;
    }
}
