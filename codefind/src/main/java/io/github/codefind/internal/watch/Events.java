package io.github.codefind.internal.watch;

import static java.nio.file.StandardWatchEventKinds.ENTRY_CREATE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_DELETE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_MODIFY;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemLoopException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.ProviderMismatchException;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * A {@link WatchService} and what its registrations mean. A watch service watches one directory per
 * key, by inode on Linux, and does not follow symbolic links: so each directory under the roots is
 * registered by its real path, and remembered under the path (or paths) it has under the roots, which is
 * what events are reported as. A symbolic link to a file also registers the directory of the link's
 * target, so that writes to the target are seen.
 *
 * <p>Only {@link #close()} may be called from another thread; the rest is the watcher thread's.
 */
final class Events implements AutoCloseable {
    /** Asked for when a line is logged: looking the logger up at class load would start the log back end. */
    private static System.Logger log() {
        return System.getLogger("io.github.codefind.watch");
    }

    /** What a key that became invalid (its directory was deleted) was watching. */
    record Lost(List<Path> directories, List<Path> links) {
    }

    /** Events cannot be relied on any more: the watcher must poll. */
    static final class Unavailable extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Unavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final WatchService service;
    /** Key to the real directory it watches now (a moved directory keeps its key, under a new path). */
    private final Map<WatchKey, Path> keyDirectories = new HashMap<>();
    private final Map<Path, WatchKey> directoryKeys = new HashMap<>();
    /** Real directory to the directories under the roots that it is. */
    private final Map<Path, Set<Path>> directoryUsers = new HashMap<>();
    private final Map<Path, Path> userDirectories = new HashMap<>();
    /** Real file to the symbolic links under the roots that point to it. */
    private final Map<Path, Set<Path>> fileUsers = new HashMap<>();
    private final Map<Path, Path> userLinks = new HashMap<>();
    /** Links to files whose target could not be watched (does not exist yet): retried periodically. */
    private final Set<Path> dangling = new LinkedHashSet<>();

    private Events(WatchService service) {
        this.service = service;
    }

    /**
     * @param fileSystem the file system of the roots
     * @return a watch service for it
     * @throws IOException if there is none
     */
    static Events open(FileSystem fileSystem) throws IOException {
        return new Events(fileSystem.newWatchService());
    }

    /** @return true if this JDK's watch service only polls (macOS: every 10 s, or 2 s at best) */
    boolean polls() {
        return service.getClass().getName().endsWith(".PollingWatchService");
    }

    /**
     * Watches a directory.
     *
     * @param user the directory under its root
     * @param real its real path
     * @throws IOException if it cannot be watched (gone, not a directory, not readable)
     * @throws Unavailable if no more directories can be watched
     */
    void watchDirectory(Path user, Path real) throws IOException {
        register(real);
        Path before = userDirectories.put(user, real);
        if (before != null && !before.equals(real)) {
            removeDirectoryUser(before, user);
        }
        directoryUsers.computeIfAbsent(real, r -> new LinkedHashSet<>()).add(user);
    }

    /**
     * Watches the target of a symbolic link to a file.
     *
     * @param user the link under its root
     * @param realFile the link's target, resolved
     * @throws IOException if the target's directory cannot be watched
     * @throws Unavailable if no more directories can be watched
     */
    void watchLink(Path user, Path realFile) throws IOException {
        Path before = userLinks.get(user);
        if (realFile.equals(before)) {
            return;
        }
        register(realFile.getParent());
        userLinks.put(user, realFile);
        fileUsers.computeIfAbsent(realFile, r -> new LinkedHashSet<>()).add(user);
        if (before != null) {
            removeLinkUser(before, user);
        }
        dangling.remove(user);
    }

    /** Notes a link whose target cannot be watched yet. */
    void dangling(Path user) {
        forgetLink(user);
        dangling.add(user);
    }

    /** @return the links to retry (a live view) */
    Set<Path> dangling() {
        return dangling;
    }

    boolean isWatchedDirectory(Path user) {
        return userDirectories.containsKey(user);
    }

    /**
     * Stops watching a directory or link under the roots and everything under it.
     *
     * @return true if something was watched there
     */
    boolean forget(Path user) {
        boolean found = forgetLink(user) | dangling.remove(user);
        if (userDirectories.containsKey(user)) {
            found = true;
            for (Iterator<Map.Entry<Path, Path>> it = userDirectories.entrySet().iterator(); it.hasNext();) {
                Map.Entry<Path, Path> entry = it.next();
                if (entry.getKey().startsWith(user)) {
                    it.remove();
                    removeDirectoryUser(entry.getValue(), entry.getKey());
                }
            }
            for (Iterator<Map.Entry<Path, Path>> it = userLinks.entrySet().iterator(); it.hasNext();) {
                Map.Entry<Path, Path> entry = it.next();
                if (entry.getKey().startsWith(user)) {
                    it.remove();
                    removeLinkUser(entry.getValue(), entry.getKey());
                }
            }
            dangling.removeIf(link -> link.startsWith(user));
        }
        return found;
    }

    /** Stops following a link (it was deleted or is a plain file now). */
    boolean forgetLink(Path user) {
        Path real = userLinks.remove(user);
        if (real != null) {
            removeLinkUser(real, user);
        }
        return real != null;
    }

    /** @return the paths under the roots an event on {@code name} in the key's directory is about */
    List<Path> users(WatchKey key, Path name) {
        Path real = keyDirectories.get(key);
        if (real == null) {
            return List.of();
        }
        List<Path> users = new ArrayList<>(2);
        Set<Path> directories = directoryUsers.get(real);
        if (directories != null) {
            for (Path directory : directories) {
                users.add(directory.resolve(name));
            }
        }
        Set<Path> links = fileUsers.get(real.resolve(name));
        if (links != null) {
            users.addAll(links);
        }
        return users;
    }

    /**
     * Forgets a key that became invalid: its directory is gone.
     *
     * @return the directories and links under the roots that watched it; the links are now dangling
     */
    Lost lost(WatchKey key) {
        Path real = keyDirectories.remove(key);
        if (real == null) {
            return new Lost(List.of(), List.of());
        }
        directoryKeys.remove(real, key);
        List<Path> directories = new ArrayList<>(directoryUsers.getOrDefault(real, Set.of()));
        List<Path> links = new ArrayList<>();
        for (Map.Entry<Path, Path> entry : userLinks.entrySet()) {
            if (real.equals(entry.getValue().getParent())) {
                links.add(entry.getKey());
            }
        }
        for (Path link : links) {
            dangling(link);
        }
        return new Lost(directories, links);
    }

    WatchKey take() throws InterruptedException {
        return service.take();
    }

    WatchKey poll(long nanos) throws InterruptedException {
        return service.poll(nanos, TimeUnit.NANOSECONDS);
    }

    WatchKey poll() {
        return service.poll();
    }

    /** Closes the watch service, waking the watcher thread; any thread may call it. */
    @Override
    public void close() {
        try {
            service.close();
        } catch (IOException e) {
            log().log(System.Logger.Level.DEBUG, "codefind watcher: closing the watch service failed", e);
        }
    }

    private void register(Path real) throws IOException {
        WatchKey key;
        try {
            key = real.register(service, ENTRY_CREATE, ENTRY_DELETE, ENTRY_MODIFY);
        } catch (NoSuchFileException | NotDirectoryException | AccessDeniedException | FileSystemLoopException e) {
            throw e;
        } catch (IOException | ProviderMismatchException | UnsupportedOperationException e) {
            throw new Unavailable("cannot watch " + real + ": " + e, e);
        }
        Path before = keyDirectories.put(key, real);
        if (before != null && !before.equals(real)) {
            directoryKeys.remove(before, key);
        }
        directoryKeys.put(real, key);
    }

    private void removeDirectoryUser(Path real, Path user) {
        Set<Path> users = directoryUsers.get(real);
        if (users != null && users.remove(user) && users.isEmpty()) {
            directoryUsers.remove(real);
            release(real);
        }
    }

    private void removeLinkUser(Path realFile, Path user) {
        Set<Path> users = fileUsers.get(realFile);
        if (users != null && users.remove(user) && users.isEmpty()) {
            fileUsers.remove(realFile);
            release(realFile.getParent());
        }
    }

    /** Cancels the key of a real directory nothing needs any more. */
    private void release(Path real) {
        if (directoryUsers.containsKey(real)) {
            return;
        }
        for (Path file : fileUsers.keySet()) {
            if (real.equals(file.getParent())) {
                return;
            }
        }
        WatchKey key = directoryKeys.remove(real);
        if (key != null && real.equals(keyDirectories.get(key))) {
            keyDirectories.remove(key);
            key.cancel();
        }
    }
}
