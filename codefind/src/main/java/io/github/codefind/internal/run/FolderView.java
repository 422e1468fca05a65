package io.github.codefind.internal.run;

import io.github.codefind.internal.patch.Engine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * A class folder as one build sees it: for each of its classes, the file, the bytes the build wrote if
 * they do not run yet, and what runs now. Made afresh for every batch; parsed class files are kept
 * across batches by the cache the builds own.
 */
final class FolderView {
    /** Internal name to file, for every class file the record knows. */
    private final Map<String, Path> files = new HashMap<>();
    private final Map<String, LiveClasses.Known> known = new HashMap<>();
    /** Internal name to the build's new class file, for the pending ones. */
    private final Map<String, LiveClasses.Built> pending = new HashMap<>();
    private final Map<String, Path> pendingFiles = new HashMap<>();
    private final Map<String, ClassLinks> next = new HashMap<>();
    /** The program's loaded classes of the folder's loader, by internal name. */
    private final Map<String, Class<?>> loaded;
    /** Parsed class files, by the byte array they were read from: running bytes are held by the engine. */
    private final Map<byte[], ClassLinks> parsed;

    /**
     * @param known every class file the record knows
     * @param pending the class files whose bytes do not run
     * @param loaded the loader's loaded classes, by internal name
     * @param parsed a cache of parsed class files, weak in its keys
     */
    FolderView(Map<Path, LiveClasses.Known> known, Map<Path, LiveClasses.Built> pending, Map<String, Class<?>> loaded,
            Map<byte[], ClassLinks> parsed) {
        this.loaded = loaded;
        this.parsed = parsed;
        known.forEach((path, k) -> {
            String name = k.className().replace('.', '/');
            files.put(name, path);
            this.known.put(name, k);
        });
        pending.forEach((path, b) -> {
            String name = b.className().replace('.', '/');
            this.pending.put(name, b);
            pendingFiles.put(name, path);
            next.put(name, parse(b.bytes()));
        });
    }

    /** @return the internal names of the classes whose new bytes do not run yet */
    Set<String> pendingClasses() {
        return pending.keySet();
    }

    /** @return the pending file of a class */
    Path pendingFile(String internalName) {
        return pendingFiles.get(internalName);
    }

    /** @return the new class file of a pending class, parsed */
    ClassLinks next(String internalName) {
        return next.get(internalName);
    }

    /** @return the new bytes of a pending class */
    byte[] nextBytes(String internalName) {
        return pending.get(internalName).bytes();
    }

    /** @return when a class's file was last written, in milliseconds; 0 if unknown */
    long modified(String internalName) {
        LiveClasses.Known k = known.get(internalName);
        return k == null ? 0 : k.modified();
    }

    /**
     * @return when a class's file was last written, read from disk now: a build that rewrites a file with
     *     the bytes it had changes nothing the watcher reports, but it did write it; 0 if it cannot tell
     */
    long modifiedNow(String internalName) {
        Path file = files.get(internalName);
        try {
            return file == null ? 0 : Files.getLastModifiedTime(file).toMillis();
        } catch (IOException e) {
            return modified(internalName);
        }
    }

    /** @return whether the folder has a file for the class, complete */
    boolean onDisk(String internalName) {
        LiveClasses.Known k = known.get(internalName);
        return k != null && k.complete();
    }

    /** @return whether the program loaded the class */
    boolean isLoaded(String internalName) {
        return loaded.containsKey(internalName);
    }

    /** @return the folder's classes the program loaded, by internal name */
    Set<String> loadedClasses() {
        Set<String> names = new java.util.HashSet<>(loaded.keySet());
        names.retainAll(files.keySet());
        return names;
    }

    /** @return every class the folder knows, by internal name */
    Set<String> classes() {
        return files.keySet();
    }

    /**
     * @param internalName a class
     * @param patched the classes whose new bytes the view takes
     * @return the class as it would run: its new bytes if patched, else what runs, else what its file
     *     holds; null if it is not the folder's
     */
    ClassLinks after(String internalName, Set<String> patched) {
        return patched.contains(internalName) ? next.get(internalName) : before(internalName);
    }

    /**
     * @param internalName a class
     * @return the class as it runs now, or as its file holds it if it never loaded; null if it is not the
     *     folder's, or cannot be read
     */
    ClassLinks before(String internalName) {
        if (!files.containsKey(internalName)) {
            return null;
        }
        try {
            return parse(runningBytes(internalName));
        } catch (IOException | IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * @return the bytes a class runs, or its file's bytes if it never loaded
     * @throws IOException if neither can be read
     */
    byte[] runningBytes(String internalName) throws IOException {
        Class<?> type = loaded.get(internalName);
        if (type != null) {
            return Engine.get().classFiles().current(type);
        }
        if (pending.containsKey(internalName)) {
            return pending.get(internalName).bytes();
        }
        return Files.readAllBytes(files.get(internalName));
    }

    /** @return the bytes of a class's file on disk: new if pending, else as they are */
    byte[] diskBytes(String internalName) throws IOException {
        return pending.containsKey(internalName) ? pending.get(internalName).bytes()
                : Files.readAllBytes(files.get(internalName));
    }

    private ClassLinks parse(byte[] bytes) {
        synchronized (parsed) {
            ClassLinks links = parsed.get(bytes);
            if (links == null) {
                links = ClassLinks.read(bytes);
                parsed.put(bytes, links);
            }
            return links;
        }
    }
}
