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
 *
 * <p>The callback reads the files of a batch after they were hashed. What it read is only known to be
 * what was hashed if the file did not change in between, which {@link #confirm} checks after the
 * callback; until then, or if that fails, the delivery is in <em>doubt</em>, and the file is reported
 * again even if its content ends up as hashed (the callback may have found it missing, between a
 * delete and a re-create, or half written).
 */
final class Snapshot {
    /** Racy window where timestamps have sub-second precision: covers the kernel's coarse clock. */
    private static final long FINE_RACY_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    /** Racy window where timestamps are whole seconds (ext3, HFS+) or two seconds (FAT). */
    private static final long COARSE_RACY_NANOS = TimeUnit.SECONDS.toNanos(2);
    /**
     * How far apart two writes may be and still leave the same sub-second modification time: Linux
     * stamps files from a clock that advances once per timer tick (10 ms at most), Windows from one
     * that advances every 15.6 ms. Narrower than {@link #FINE_RACY_NANOS}, where a false alarm costs a
     * hash: here it costs a batch, and deliveries made after the default debounce must not pay it.
     */
    private static final long FINE_TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(25);

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
        /**
         * Content as last delivered, but that delivery is in doubt, and cannot be confirmed while a write
         * could still leave the same modification time: check again in {@link #settlesIn}.
         */
        UNSETTLED,
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
        /** A time before the check that hashed {@link #hash} read the attributes. */
        long checkBegan;
        /** Whether the callback may have read something else than {@link #hash}. */
        boolean doubtful;

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
        return near(modified, before, after, FINE_RACY_NANOS);
    }

    /** @return whether a write between {@code before} and {@code after} may have left this time */
    private static boolean isUnsettled(FileTime modified, long before, long after) {
        return near(modified, before, after, FINE_TICK_NANOS);
    }

    private static boolean near(FileTime modified, long before, long after, long fineWindow) {
        long mtime = modified.to(TimeUnit.NANOSECONDS);
        long window = window(mtime, fineWindow);
        return mtime - before > -window && mtime - after < window;
    }

    /** @return the window for this modification time: whole seconds betray a coarse file system */
    private static long window(long mtime, long fineWindow) {
        return mtime % 1_000_000_000L == 0 ? COARSE_RACY_NANOS : fineWindow;
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
     * Hashes a file and compares it with what was last delivered; the new content counts as delivered
     * (the callback confirms it). A file whose delivery is in doubt counts as changed, once that can be
     * settled.
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
        entry.checkBegan = before;
        if (!changed && entry.doubtful) {
            // Reported again while a write could still leave the same time, the callback would be no surer
            // of what it read than before: wait until no write can.
            if (isUnsettled(entry.modified, before, now())) {
                return Outcome.UNSETTLED;
            }
            changed = true;
        }
        if (changed) {
            entry.doubtful = false;
        }
        return changed ? Outcome.CHANGED : Outcome.SAME;
    }

    /**
     * After the callback: whether a file it was given is as when it was hashed, so that the callback read
     * what was hashed. If not, or if a write since the hash could have left the same attributes, the
     * delivery is in doubt: the next {@link #check} reports the file even if the content is the same.
     *
     * @param attributes the file's attributes, read after the callback returned; null if it is gone
     * @return true if confirmed; false if the file must be checked again
     */
    boolean confirm(Path path, BasicFileAttributes attributes) {
        Entry entry = entries.get(path);
        if (entry == null || entry.hash == null) {
            return true;
        }
        entry.doubtful = attributes == null || !entry.sameAs(attributes)
                || isUnsettled(entry.modified, entry.checkBegan, now());
        return !entry.doubtful;
    }

    /**
     * @return how long (ns) until a write can no longer leave the file's modification time, so that
     *     {@link Outcome#UNSETTLED} is settled; at least 0
     */
    long settlesIn(Path path) {
        Entry entry = entries.get(path);
        if (entry == null) {
            return 0;
        }
        long mtime = entry.modified.to(TimeUnit.NANOSECONDS);
        return Math.max(0, mtime + window(mtime, FINE_TICK_NANOS) - now());
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
