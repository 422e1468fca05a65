package io.github.codefind.internal.watch;

import static java.nio.file.StandardWatchEventKinds.ENTRY_CREATE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_DELETE;
import static java.nio.file.StandardWatchEventKinds.OVERFLOW;

import io.github.codefind.internal.log.Log;
import io.github.codefind.internal.watch.WatchOptions.Mode;
import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Watches directory trees and delivers what changed in them, in debounced batches, to one callback.
 *
 * <pre>{@code
 * try (FileWatcher watcher = FileWatcher.start(WatchOptions.of(List.of(src), WatchOptions.extensions("java")),
 *         batch -> recompile(batch.changed(), batch.deleted()))) {
 *     ...
 * }
 * }</pre>
 *
 * <p>What it promises:
 * <ul>
 * <li>Content decides. A batch holds the files whose content (compared by SHA-256, never decoded, so
 * any encoding works) differs from the last batch, or from the start; a save that changes nothing is
 * not reported. Files are checked when the batch is made, so the last save wins whether the editor
 * wrote in place, truncated and wrote, deleted and re-created, or wrote a temporary file and renamed
 * it over the original. A file deleted and re-created before the batch is changed, not deleted.
 * <li>The callback reads files after they were checked: one saved again while the callback ran is
 * reported again, even if it ends up with the content the batch was made with, since the callback may
 * have read it half written, or missing between a delete and a re-create. Where the last change is
 * within the granularity of file times (milliseconds; seconds where times are whole seconds) of the
 * batch, a save during the callback may leave no trace: the file is reported once more when that
 * granularity has passed (so a debounce below 25 ms costs a second batch per save).
 * <li>A burst of changes is one batch: the batch waits for {@link WatchOptions#debounce() quiet}, and
 * for files whose modification time is that recent, but never longer than
 * {@link WatchOptions#maxWait()} after the first change.
 * <li>Batches are delivered in order on one daemon thread, {@code codefind-watcher}; a callback that
 * throws is logged and watching goes on. Paths are under the roots as given (made absolute), also
 * through symbolic links, whose targets are watched; link cycles are walked once.
 * <li>Directories created or moved in later are watched, and the files already in them reported. A
 * root that is deleted, or does not exist yet, is watched again once it exists.
 * <li>Files and directories that cannot be read are logged once and skipped.
 * <li>With file-system events, an overflow (events lost) leads to a full scan; if events fail (the
 * Linux limit of inotify watches, for one) the watcher logs why and polls from then on.
 * </ul>
 *
 * <p>Limits: with events, a root that is a symbolic link is resolved when it is (re)discovered, so
 * pointing that link elsewhere is only seen by polling; a symbolic link to a file is followed one level
 * for events (a link to a link that changes is seen when the first link is touched, or by polling).
 * A directory reachable under several paths (through links) is reported under each. Polling compares
 * size, modification time and file key, then hashes: its cost is a stat per file per interval.
 */
public final class FileWatcher implements AutoCloseable {
    /** Asked for when a line is logged: looking the logger up at class load would start the log back end. */
    private static System.Logger log() {
        return System.getLogger("io.github.codefind.watch");
    }
    private static final long CLOSE_WAIT_MILLIS = 5_000;
    /** File-system types where changes made elsewhere (another host, the VM's host) raise no events. */
    private static final Set<String> EVENTLESS_STORES = Set.of("nfs", "nfs4", "cifs", "smb", "smb2", "smb3",
            "smbfs", "9p", "drvfs", "vboxsf", "vmhgfs", "fuse.vmhgfs-fuse", "prl_fs", "fuse.sshfs", "afpfs",
            "webdav", "davfs");

    private final WatchOptions options;
    private final Consumer<? super ChangeBatch> onBatch;
    private final Consumer<? super Path> onWritten;
    private final List<Path> roots;
    private final Tree tree;
    private final Complaints complaints = new Complaints();
    private final Snapshot snapshot = new Snapshot(complaints);
    private final Pending pending;
    private final long pollNanos;
    private final long debounceNanos;
    private final Set<Path> missingRoots = new LinkedHashSet<>();
    private final CountDownLatch closing = new CountDownLatch(1);
    private final Thread worker;
    /**
     * Closes the watch service when the JVM exits. Its thread waits in native code, and HotSpot's exit
     * waits up to 300 ms for threads in native code to return: every program under a watcher ended
     * 300 ms late.
     */
    private final Thread exitHook = new Thread(this::closeEvents, "codefind-watcher-exit");
    private volatile boolean closed;
    private volatile Mode mode = Mode.POLL;
    /** Null when polling. Written by the watcher thread; read by {@link #close()}. */
    private volatile Events events;
    private boolean rescan;
    private long nextPeriodic;

    private FileWatcher(WatchOptions options, Consumer<? super ChangeBatch> onBatch, Consumer<? super Path> onWritten) {
        this.options = options;
        this.onBatch = onBatch;
        this.onWritten = onWritten;
        List<Path> absolute = new ArrayList<>();
        for (Path root : options.roots()) {
            Path path = root.toAbsolutePath();
            if (!absolute.contains(path)) {
                absolute.add(path);
            }
        }
        this.roots = List.copyOf(absolute);
        this.tree = new Tree(roots, options, complaints, () -> closed);
        this.debounceNanos = options.debounce().toNanos();
        this.pollNanos = options.pollInterval().toNanos();
        this.pending = new Pending(debounceNanos, options.maxWait().toNanos());
        this.worker = new Thread(this::run, "codefind-watcher");
        worker.setDaemon(true);
    }

    /**
     * Starts watching. Files under the roots are read (hashed) before this returns; what changes after
     * is delivered.
     *
     * @param options what to watch, and how
     * @param onBatch called with each batch that is not empty, on the watcher thread
     * @return the running watcher
     * @throws IOException if a root is not a directory
     */
    public static FileWatcher start(WatchOptions options, Consumer<? super ChangeBatch> onBatch)
            throws IOException {
        return start(options, onBatch, path -> { });
    }

    /**
     * Starts watching, and also tells of each write as it is seen, before the batch waits for quiet: for
     * work that can start early and be checked against the batch, such as compiling ahead of it.
     *
     * <p><b>The file may still be half written</b> when {@code onWritten} hears of it, and a write may be
     * told of more than once, or (when polling) only with its batch: only the batch says what changed.
     *
     * @param options what to watch, and how
     * @param onBatch called with each batch that is not empty, on the watcher thread
     * @param onWritten called with a regular file just written, on the watcher thread: it must return at
     *     once, since the watcher waits for it; what it throws is logged
     * @return the running watcher
     * @throws IOException if a root is not a directory
     */
    public static FileWatcher start(WatchOptions options, Consumer<? super ChangeBatch> onBatch,
            Consumer<? super Path> onWritten) throws IOException {
        Objects.requireNonNull(onBatch, "onBatch");
        Objects.requireNonNull(onWritten, "onWritten");
        FileWatcher watcher = new FileWatcher(options, onBatch, onWritten);
        try {
            watcher.begin();
        } catch (IOException | RuntimeException | Error e) {
            watcher.close();
            throw e;
        }
        watcher.worker.start();
        try {
            Runtime.getRuntime().addShutdownHook(watcher.exitHook);
        } catch (IllegalStateException e) {
            // The JVM is exiting already.
        }
        return watcher;
    }

    /** @return how changes are noticed now: {@link Mode#EVENTS} or {@link Mode#POLL} */
    public Mode mode() {
        return mode;
    }

    /**
     * Stops watching: no batch is delivered after this returns, except that a callback already running
     * is waited for (up to 5 s) unless it is the caller. Idempotent.
     */
    @Override
    public void close() {
        closeEvents();
        try {
            Runtime.getRuntime().removeShutdownHook(exitHook);
        } catch (IllegalStateException | IllegalArgumentException e) {
            // The JVM is exiting (the hook runs, or ran), or the watcher never started.
        }
        if (Thread.currentThread() != worker && worker.isAlive()) {
            try {
                worker.join(CLOSE_WAIT_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (worker.isAlive()) {
                log().log(System.Logger.Level.WARNING, "codefind watcher: the batch callback is still running after "
                        + CLOSE_WAIT_MILLIS + " ms; no further batch will be delivered");
            }
        }
    }

    /** Stops delivering and closes the watch service, without waiting for a batch being delivered. */
    private void closeEvents() {
        closed = true;
        closing.countDown();
        Events current = events;
        if (current != null) {
            current.close();
        }
    }

    // ---- start

    private void begin() throws IOException {
        for (Path root : roots) {
            if (Files.exists(root) && !Files.isDirectory(root)) {
                throw new NotDirectoryException(root.toString());
            }
        }
        String reason = null;
        if (options.mode() != Mode.POLL) {
            reason = options.mode() == Mode.AUTO ? eventlessStore() : null;
            if (reason == null) {
                try {
                    Events opened = Events.open(roots.get(0).getFileSystem());
                    if (options.mode() == Mode.AUTO && opened.polls()) {
                        opened.close();
                        reason = "this JDK's watch service polls slowly";
                    } else {
                        events = opened;
                        mode = Mode.EVENTS;
                    }
                } catch (IOException | UnsupportedOperationException e) {
                    reason = "no watch service: " + e;
                }
            }
            if (reason != null) {
                log().log(options.mode() == Mode.EVENTS ? System.Logger.Level.WARNING : Log.info(),
                        "codefind watcher: polling every " + options.pollInterval().toMillis() + " ms: " + reason);
            }
        }
        try {
            baseline();
        } catch (Events.Unavailable e) {
            fallBack(e.getMessage());
            baseline();
        }
        nextPeriodic = System.nanoTime() + pollNanos;
    }

    private void baseline() {
        long before = Snapshot.now();
        for (Path root : roots) {
            if (Files.isDirectory(root)) {
                tree.walk(root, events, (file, attributes) -> snapshot.check(file, attributes, before));
            } else if (mode == Mode.EVENTS) {
                // The runner says so to the user, once; this is for whoever debugs the watcher.
                log().log(System.Logger.Level.DEBUG, "codefind watcher: " + root + " does not exist; watching for it");
                missingRoots.add(root);
            }
        }
    }

    private String eventlessStore() {
        for (Path root : roots) {
            try {
                FileStore store = Files.getFileStore(root);
                String type = store.type().toLowerCase(Locale.ROOT);
                if (EVENTLESS_STORES.contains(type)) {
                    return root + " is on " + type + ", where changes made elsewhere raise no file events";
                }
            } catch (IOException | RuntimeException e) {
                // A missing root: nothing to learn from it.
            }
        }
        return null;
    }

    // ---- the watcher thread

    private void run() {
        while (!closed) {
            try {
                step();
            } catch (ClosedWatchServiceException e) {
                if (!closed) {
                    fallBack("the watch service was closed");
                }
            } catch (Events.Unavailable e) {
                if (!closed) {
                    fallBack(e.getMessage());
                }
            } catch (RuntimeException e) {
                if (closed) {
                    break;
                }
                log().log(System.Logger.Level.ERROR, "codefind watcher: unexpected failure; watching goes on", e);
                awaitClosing(pollNanos);
            }
        }
    }

    private void step() {
        long now = System.nanoTime();
        boolean timed = false;
        long wake = 0;
        if (!pending.isEmpty()) {
            wake = pending.deadline();
            timed = true;
        }
        if (pending.hasDeferred()) {
            long due = pending.nextDeferred();
            wake = timed && wake - due < 0 ? wake : due;
            timed = true;
        }
        if (periodic()) {
            wake = timed && wake - nextPeriodic < 0 ? wake : nextPeriodic;
            timed = true;
        }
        long wait = timed ? Math.max(0, wake - now) : -1;
        Events current = events;
        if (current != null) {
            WatchKey key;
            try {
                key = wait < 0 ? current.take() : current.poll(wait);
            } catch (InterruptedException e) {
                return;
            }
            while (key != null && !closed) {
                handle(current, key);
                if (events != current || dueNow()) {
                    break;
                }
                key = current.poll();
            }
        } else {
            awaitClosing(wait);
        }
        if (closed) {
            return;
        }
        if (rescan && mode == Mode.EVENTS) {
            rescan = false;
            log().log(System.Logger.Level.DEBUG, "codefind watcher: events were lost; scanning");
            scan(true);
        }
        if (periodic() && System.nanoTime() - nextPeriodic >= 0) {
            nextPeriodic = System.nanoTime() + pollNanos;
            if (mode == Mode.POLL) {
                scan(false);
            } else {
                checkMissingRoots();
                checkDanglingLinks();
            }
        }
        pending.promote(System.nanoTime());
        if (dueNow()) {
            flush();
        }
    }

    private boolean dueNow() {
        return !pending.isEmpty() && System.nanoTime() - pending.deadline() >= 0;
    }

    /** @return true if something must be looked at every poll interval */
    private boolean periodic() {
        Events current = events;
        return current == null || !missingRoots.isEmpty() || !current.dangling().isEmpty();
    }

    private void awaitClosing(long nanos) {
        try {
            if (nanos < 0) {
                closing.await();
            } else if (nanos > 0) {
                closing.await(nanos, TimeUnit.NANOSECONDS);
            }
        } catch (InterruptedException e) {
            // Only close() stops the watcher.
        }
    }

    private void fallBack(String reason) {
        Events current = events;
        events = null;
        mode = Mode.POLL;
        if (current != null) {
            current.close();
        }
        missingRoots.clear();
        rescan = false;
        log().log(System.Logger.Level.WARNING, "codefind watcher: file events failed (" + reason + "); polling every "
                + options.pollInterval().toMillis() + " ms instead");
        nextPeriodic = System.nanoTime();
    }

    private void mark(Path path) {
        pending.add(path, System.nanoTime());
    }

    private void tellWritten(Path file) {
        try {
            onWritten.accept(file);
        } catch (RuntimeException e) {
            log().log(System.Logger.Level.WARNING, "codefind watcher: telling of the write of " + file + " failed", e);
        }
    }

    // ---- events

    private void handle(Events current, WatchKey key) {
        for (WatchEvent<?> event : key.pollEvents()) {
            if (event.kind() == OVERFLOW) {
                rescan = true;
                continue;
            }
            Path name = (Path) event.context();
            for (Path user : current.users(key, name)) {
                onEvent(current, user, event.kind());
            }
        }
        if (!key.reset()) {
            Events.Lost lost = current.lost(key);
            for (Path directory : lost.directories()) {
                current.forget(directory);
                mark(directory);
                if (roots.contains(directory)) {
                    log().log(Log.info(), "codefind watcher: " + directory + " is gone; watching for it");
                    missingRoots.add(directory);
                }
            }
            lost.links().forEach(this::mark);
            checkMissingRoots();
        }
    }

    private void onEvent(Events current, Path user, WatchEvent.Kind<?> kind) {
        Path root = tree.rootOf(user);
        if (tree.excluded(root, user)) {
            return;
        }
        if (kind == ENTRY_DELETE) {
            if (current.forget(user) | tree.included(user) | snapshot.knows(user)) {
                mark(user);
            }
            return;
        }
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(user, BasicFileAttributes.class);
        } catch (IOException | RuntimeException e) {
            // Gone already, or a dangling link: the batch decides.
            boolean link = Files.isSymbolicLink(user);
            if (current.forget(user) | tree.included(user) | snapshot.knows(user)) {
                mark(user);
            }
            if (link && tree.included(user)) {
                current.dangling(user);
            }
            return;
        }
        if (attributes.isDirectory()) {
            if (kind == ENTRY_CREATE || !current.isWatchedDirectory(user)) {
                // New, moved in, or a link to a directory pointed elsewhere: watch what is there now, at
                // once so that no later event is missed, and let the batch compare the whole directory.
                current.forget(user);
                tree.walk(user, current, (file, fileAttributes) -> { });
                mark(user);
            }
        } else if (attributes.isRegularFile() && tree.included(user)) {
            if (current.isWatchedDirectory(user)) {
                current.forget(user);
            }
            if (Files.isSymbolicLink(user)) {
                tree.watchLink(current, user);
            } else {
                current.forgetLink(user);
            }
            mark(user);
            tellWritten(user);
        } else if (snapshot.knows(user) || current.isWatchedDirectory(user)) {
            current.forget(user);
            mark(user);
        }
    }

    private void checkMissingRoots() {
        for (Iterator<Path> it = missingRoots.iterator(); it.hasNext();) {
            Path root = it.next();
            if (Files.isDirectory(root)) {
                it.remove();
                log().log(Log.info(), "codefind watcher: " + root + " exists; watching it");
                mark(root);
            }
        }
        // Walked by the batch: mark(root) reconciles the whole tree, registering directories.
    }

    private void checkDanglingLinks() {
        Events current = events;
        if (current == null) {
            return;
        }
        for (Path link : List.copyOf(current.dangling())) {
            if (Files.isRegularFile(link)) {
                tree.watchLink(current, link);
                mark(link);
            } else if (!Files.exists(link, LinkOption.NOFOLLOW_LINKS)) {
                current.dangling().remove(link);
            }
        }
    }

    // ---- scans

    /** Compares every file with what was last observed: polling, and after lost events. */
    private void scan(boolean register) {
        long before = Snapshot.now();
        Set<Path> seen = new HashSet<>();
        for (Path root : roots) {
            if (Files.isDirectory(root)) {
                tree.walk(root, register ? events : null, (file, attributes) -> {
                    seen.add(file);
                    switch (snapshot.observe(file, attributes, before)) {
                        case CHANGED -> mark(file);
                        case RECHECK -> pending.recheck(file, System.nanoTime());
                        case SAME -> {
                        }
                    }
                });
            } else if (register && events != null && missingRoots.add(root)) {
                log().log(Log.info(), "codefind watcher: " + root + " is gone; watching for it");
            }
        }
        for (Path known : snapshot.paths()) {
            if (!seen.contains(known)) {
                pending.recheck(known, System.nanoTime());
            }
        }
    }

    // ---- batches

    private void flush() {
        long nowNanos = System.nanoTime();
        if (!pending.capReached(nowNanos)) {
            long hottest = hottestModification(pending.peek());
            if (hottest != Long.MIN_VALUE) {
                pending.changedAt(nowNanos - hottest);
                return;
            }
        }
        List<Path> paths = pending.drain();
        Batch batch = new Batch(Snapshot.now());
        for (Path path : paths) {
            batch.reconcile(path);
        }
        for (Path path : batch.unsettled) {
            pending.recheckAt(path, System.nanoTime() + snapshot.settlesIn(path));
        }
        if (batch.changed.isEmpty() && batch.deleted.isEmpty() || closed) {
            return;
        }
        ChangeBatch changes = new ChangeBatch(batch.changed, batch.deleted);
        try {
            onBatch.accept(changes);
        } catch (RuntimeException | Error e) {
            log().log(System.Logger.Level.WARNING, "codefind watcher: the batch callback failed on " + changes
                    + "; watching goes on", e);
        } finally {
            // An interrupt left by the callback would make the next file read fail.
            Thread.interrupted();
        }
        confirm(changes.changed());
    }

    /**
     * The callback read the changed files after they were hashed: a file saved again meanwhile, even
     * back to the hashed content, may have been read half written, or missing between a delete and a
     * re-create. Such files are checked again, and reported even if their content is as hashed.
     */
    private void confirm(Set<Path> delivered) {
        for (Path path : delivered) {
            BasicFileAttributes attributes;
            try {
                attributes = Files.readAttributes(path, BasicFileAttributes.class);
            } catch (IOException | RuntimeException e) {
                attributes = null; // gone, or not readable: the check tells which
            }
            if (!snapshot.confirm(path, attributes)) {
                pending.recheck(path, System.nanoTime());
            }
        }
    }

    /**
     * @return how long ago (ns) the most recently modified path was modified, if within the debounce
     *     period: it is probably still being written; else {@link Long#MIN_VALUE}
     */
    private long hottestModification(List<Path> paths) {
        long now = Snapshot.now();
        long youngest = Long.MIN_VALUE;
        for (Path path : paths) {
            long age;
            try {
                age = now - Files.getLastModifiedTime(path).to(TimeUnit.NANOSECONDS);
            } catch (IOException | RuntimeException e) {
                continue;
            }
            if (age >= 0 && age < debounceNanos && (youngest == Long.MIN_VALUE || age < youngest)) {
                youngest = age;
            }
        }
        return youngest;
    }

    /** One batch being made: each path is checked once. */
    private final class Batch {
        final Set<Path> changed = new TreeSet<>();
        final Set<Path> deleted = new TreeSet<>();
        /** Files to report again once that can be settled: {@link Snapshot.Outcome#UNSETTLED}. */
        final List<Path> unsettled = new ArrayList<>();
        private final Set<Path> visited = new HashSet<>();
        /** When the batch was begun: before any of its files was looked at. */
        private final long before;

        Batch(long before) {
            this.before = before;
        }

        void reconcile(Path path) {
            if (visited.contains(path)) {
                return;
            }
            BasicFileAttributes attributes;
            try {
                attributes = Files.readAttributes(path, BasicFileAttributes.class);
            } catch (NoSuchFileException | NotDirectoryException e) {
                gone(path);
                return;
            } catch (IOException | RuntimeException e) {
                if (Files.isSymbolicLink(path)) {
                    gone(path); // dangling, or a loop
                } else {
                    complaints.warn(path, "cannot read", e);
                }
                return;
            }
            if (tree.excluded(tree.rootOf(path), path)) {
                return;
            }
            if (attributes.isDirectory()) {
                if (snapshot.knows(path)) {
                    gone(path); // a file replaced by a directory
                }
                visited.add(path);
                Set<Path> found = new HashSet<>();
                tree.walk(path, events, (file, fileAttributes) -> {
                    found.add(file);
                    file(file, fileAttributes);
                });
                for (Path known : snapshot.under(path)) {
                    if (!found.contains(known)) {
                        reconcile(known);
                    }
                }
            } else if (attributes.isRegularFile() && tree.included(path)) {
                file(path, attributes);
            } else {
                gone(path);
            }
        }

        void file(Path path, BasicFileAttributes attributes) {
            if (!visited.add(path)) {
                return;
            }
            switch (snapshot.check(path, attributes, before)) {
                case CHANGED -> changed.add(path);
                case GONE -> gone(path);
                case UNSETTLED -> unsettled.add(path);
                case SAME, UNREADABLE -> {
                }
            }
        }

        void gone(Path path) {
            visited.add(path);
            for (Path file : snapshot.forget(path)) {
                visited.add(file);
                changed.remove(file);
                deleted.add(file);
            }
        }
    }
}
