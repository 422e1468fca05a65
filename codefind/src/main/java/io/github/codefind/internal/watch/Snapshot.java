package io.github.codefind.internal.watch;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * What the watcher knows of each file: the content last delivered (or found at start), as a SHA-256,
 * and the size, modification time and file key last observed, which scans compare to find candidates.
 * Content is only ever hashed, never decoded. Used by one thread at a time.
 *
 * <p>An observation is <em>racy</em> when the file was modified so shortly before it was observed that a
 * later write could leave the same size and modification time (timestamps have a granularity); racy
 * files are hashed again at the next scan, as git does for its index.
 */
final class Snapshot {
    /** Racy window where timestamps have sub-second precision: covers the kernel's coarse clock. */
    private static final long FINE_RACY_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    /** Racy window where timestamps are whole seconds (ext3, HFS+) or two seconds (FAT). */
    private static final long COARSE_RACY_NANOS = TimeUnit.SECONDS.toNanos(2);

    /** What a scan makes of a file. */
    enum Observation {
        /** As last observed, and known to be as delivered. */
        SAME,
        /** New, or size, modification time or file key changed: being written, perhaps. */
        CHANGED,
        /** As last observed, but the content must be checked (racy, or not known yet). */
        RECHECK
    }

    /** The outcome of {@link #check}. */
    enum Outcome {
        /** Content differs from the last delivered, or was never delivered. */
        CHANGED,
        /** Content as last delivered. */
        SAME,
        /** The file is gone. */
        GONE,
        /** The file cannot be read; logged once; nothing is known. */
        UNREADABLE
    }

    private static final class Entry {
        long size;
        FileTime modified;
        Object fileKey;
        boolean racy;
        boolean unreadable;
        /** Null until the content was delivered or found at start. */
        byte[] hash;

        /**
         * @param before a time before the attributes were read
         * @param after a time after they were read
         */
        void observe(BasicFileAttributes attributes, long before, long after) {
            size = attributes.size();
            modified = attributes.lastModifiedTime();
            fileKey = attributes.fileKey();
            racy = isRacy(modified, before, after);
        }

        boolean sameAs(BasicFileAttributes attributes) {
            return size == attributes.size() && modified.equals(attributes.lastModifiedTime())
                    && Objects.equals(fileKey, attributes.fileKey());
        }
    }

    private final Map<Path, Entry> entries = new HashMap<>();
    private final Complaints complaints;
    private final MessageDigest digest;
    private final byte[] buffer = new byte[64 * 1024];

    Snapshot(Complaints complaints) {
        this.complaints = complaints;
        try {
            this.digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** @return the wall clock in nanoseconds since the epoch, as file times are */
    static long now() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    /**
     * Whether a file with this modification time, looked at some time between {@code before} and
     * {@code after} (wall clock, ns), may be written again later without its time changing.
     *
     * <p>The window is counted back from {@code before} and forward from {@code after}, not around one
     * instant: a scan of a large tree, or a stalled thread on a loaded machine, may take longer than the
     * window between taking the time and reading a file's attributes, and a file written meanwhile (so
     * after {@code before} plus the window) is as racy as any. A time far ahead of both is not racy:
     * that is a clock set elsewhere, and a later write would stamp the time of day, not that one.
     */
    static boolean isRacy(FileTime modified, long before, long after) {
        long mtime = modified.to(TimeUnit.NANOSECONDS);
        long window = mtime % 1_000_000_000L == 0 ? COARSE_RACY_NANOS : FINE_RACY_NANOS;
        return mtime - before > -window && mtime - after < window;
    }

    /**
     * Records what a scan saw of a file.
     *
     * @param attributes the file's attributes, read before this call
     * @param before a time ({@link #now()}) before the attributes were read
     * @return whether the file may differ from what was last delivered
     */
    Observation observe(Path path, BasicFileAttributes attributes, long before) {
        long after = now();
        Entry entry = entries.get(path);
        if (entry == null) {
            entry = new Entry();
            entry.observe(attributes, before, after);
            entries.put(path, entry);
            return Observation.CHANGED;
        }
        if (!entry.sameAs(attributes)) {
            entry.observe(attributes, before, after);
            return Observation.CHANGED;
        }
        if (entry.racy) {
            entry.racy = isRacy(entry.modified, before, after);
            return Observation.RECHECK;
        }
        if (entry.unreadable) {
            return Files.isReadable(path) ? Observation.RECHECK : Observation.SAME;
        }
        return entry.hash == null ? Observation.RECHECK : Observation.SAME;
    }

    /**
     * Hashes a file and compares it with what was last delivered; the new content counts as delivered.
     *
     * @param attributes the file's attributes, read before this call
     * @param before a time ({@link #now()}) before the attributes were read
     */
    Outcome check(Path path, BasicFileAttributes attributes, long before) {
        Entry entry = entries.computeIfAbsent(path, p -> new Entry());
        entry.observe(attributes, before, now());
        byte[] hash;
        try {
            hash = hash(path);
        } catch (NoSuchFileException | NotDirectoryException e) {
            return Outcome.GONE;
        } catch (IOException | RuntimeException e) {
            entry.unreadable = true;
            complaints.warn(path, "cannot read", e);
            return Outcome.UNREADABLE;
        }
        entry.unreadable = false;
        complaints.fine(path);
        boolean changed = entry.hash == null || !Arrays.equals(entry.hash, hash);
        entry.hash = hash;
        return changed ? Outcome.CHANGED : Outcome.SAME;
    }

    /**
     * Forgets a path and everything under it.
     *
     * @return the forgotten files whose content had been delivered, which are now deleted
     */
    List<Path> forget(Path path) {
        List<Path> deleted = new ArrayList<>();
        Entry entry = entries.remove(path);
        if (entry != null) {
            if (entry.hash != null) {
                deleted.add(path);
            }
            return deleted;
        }
        entries.entrySet().removeIf(e -> {
            if (!e.getKey().startsWith(path)) {
                return false;
            }
            if (e.getValue().hash != null) {
                deleted.add(e.getKey());
            }
            return true;
        });
        return deleted;
    }

    boolean knows(Path path) {
        return entries.containsKey(path);
    }

    /** @return the known files under a directory */
    List<Path> under(Path directory) {
        List<Path> found = new ArrayList<>();
        for (Path path : entries.keySet()) {
            if (path.startsWith(directory) && !path.equals(directory)) {
                found.add(path);
            }
        }
        return found;
    }

    /** @return the known files (a live view) */
    Set<Path> paths() {
        return entries.keySet();
    }

    private byte[] hash(Path path) throws IOException {
        digest.reset();
        try (InputStream in = Files.newInputStream(path)) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                digest.update(buffer, 0, n);
            }
        }
        return digest.digest();
    }
}
