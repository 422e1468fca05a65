package io.github.codefind.run;

import io.github.codefind.NotLive;
import io.github.codefind.PatchResult;
import io.github.codefind.internal.run.RunOptions;
import io.github.codefind.internal.run.Runner;
import io.github.codefind.testing.Javac;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A program loaded in this JVM from a class folder that a real {@link Runner} watches with its real
 * watcher, as {@code codefind run --classes} does: tests compile new versions of the program with javac
 * and write the class files one by one, in the order and with the gaps an IDE's build would, then ask
 * the program what it runs.
 */
final class ClassFolderProject implements AutoCloseable {
    /** How long a test waits for the runner to take in what was written before it calls that a failure. */
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private final Path classes;
    private final URLClassLoader loader;
    private final Runner runner;
    private final RecordingReporter recorder = new RecordingReporter();
    private final List<Path> extraClassPath;

    /**
     * Compiles the sources into a class folder, loads the named classes, and starts a runner watching the
     * folder.
     *
     * @param root an empty folder
     * @param sources file name (such as {@code p/A.java}) to source
     * @param load binary names of the classes to load (and initialise) before the runner starts
     * @param extraClassPath class folders to compile against that the program does not have at run time
     */
    ClassFolderProject(Path root, Map<String, String> sources, Collection<String> load, List<Path> extraClassPath)
            throws IOException {
        this(root, sources, load, extraClassPath, true);
    }

    /**
     * Like the other constructor, with or without the runner's watcher.
     *
     * @param watch whether the runner's watcher runs; without it, only {@link Runner#resync()} takes builds in
     */
    ClassFolderProject(Path root, Map<String, String> sources, Collection<String> load, List<Path> extraClassPath,
            boolean watch) throws IOException {
        this(root, sources, load, extraClassPath, watch, null);
    }

    /**
     * Like the other constructors, with a settle time of its own.
     *
     * @param settle the runner's settle time; null for the default
     */
    ClassFolderProject(Path root, Map<String, String> sources, Collection<String> load, List<Path> extraClassPath,
            boolean watch, Duration settle) throws IOException {
        this.extraClassPath = List.copyOf(extraClassPath);
        this.classes = Files.createDirectories(root.resolve("classes")).toAbsolutePath();
        Javac.write(compile(sources), classes);
        this.loader = new URLClassLoader(new URL[] {classes.toUri().toURL()},
                ClassFolderProject.class.getClassLoader());
        for (String name : load) {
            try {
                Class.forName(name, true, loader);
            } catch (ClassNotFoundException e) {
                throw new AssertionError(e);
            }
        }
        RunOptions options = new RunOptions(List.of(), List.of(classes), true, null, List.of(), StandardCharsets.UTF_8,
                null, settle);
        this.runner = Runner.create(options, loader, classes + java.io.File.pathSeparator + Javac.testClassPath(),
                null, recorder);
        if (watch) {
            runner.watch();
        }
    }

    /** @return the class files javac writes for a version of the program, by internal name */
    Map<String, byte[]> compile(Map<String, String> sources) {
        return Javac.compile(sources, extraClassPath);
    }

    /**
     * @param sources a new version of the program
     * @return the class files a build of it writes that differ from the folder's: by internal name
     */
    Map<String, byte[]> changedBy(Map<String, String> sources) {
        Map<String, byte[]> changed = new TreeMap<>();
        compile(sources).forEach((name, bytes) -> {
            Path f = file(name);
            try {
                if (!Files.exists(f) || !Arrays.equals(Files.readAllBytes(f), bytes)) {
                    changed.put(name, bytes);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        return changed;
    }

    /** @return the class file of a class, by internal name */
    Path file(String internalName) {
        return classes.resolve(internalName + ".class");
    }

    /** @return the class folder */
    Path classes() {
        return classes;
    }

    /** Writes one class file, as a compiler does: created or truncated, then written. */
    void write(String internalName, byte[] bytes) {
        try {
            Path f = file(internalName);
            Files.createDirectories(f.getParent());
            Files.write(f, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Deletes one class file. */
    void delete(String internalName) {
        try {
            Files.deleteIfExists(file(internalName));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return the internal names of the class files in the folder now */
    Set<String> onDisk() {
        try (var files = Files.walk(classes)) {
            Set<String> names = new TreeSet<>();
            files.filter(f -> f.toString().endsWith(".class")).forEach(f -> {
                String relative = classes.relativize(f).toString().replace('\\', '/');
                names.add(relative.substring(0, relative.length() - 6));
            });
            return names;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Waits until the runner took in everything written so far, and no held class waits for a timer. This
     * waits for a condition, not for a time: a slow machine only makes it wait longer.
     */
    void awaitTakenIn() {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!runner.sawLatestSaves()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the runner did not take in the build within " + PATIENCE + "; console:\n"
                        + console());
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    /** Sleeps between two writes of a build. */
    static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** @return the class files not live, by internal name, with why */
    Map<String, String> notLive() {
        Map<String, String> files = new TreeMap<>();
        for (NotLive n : runner.notLive()) {
            String relative = classes.relativize(n.file()).toString().replace('\\', '/');
            files.put(relative.substring(0, relative.length() - 6), n.reason());
        }
        return files;
    }

    /** @return the runner */
    Runner runner() {
        return runner;
    }

    /** @return everything the runner printed so far */
    String console() {
        return recorder.console();
    }

    /** @return the printed lines that contain a text */
    List<String> lines(String containing) {
        return recorder.lines(containing);
    }

    /** @return every patch result the runner reported */
    List<PatchResult> results() {
        return recorder.results();
    }

    /** @return the results that changed code */
    List<PatchResult> applied() {
        return recorder.results().stream().filter(r -> r.applied() && r.patch().isPresent()).toList();
    }

    /** @return the program's loader */
    ClassLoader loader() {
        return loader;
    }

    /** Calls a static method without parameters of the running program; an exception comes back as text. */
    Object call(String className, String method) {
        return LiveProject.call(loader, className, method);
    }

    /**
     * Calls the same method in a fresh program loaded from the folder as it is now: what a restart would run.
     */
    Object callFresh(String className, String method) {
        try (URLClassLoader fresh = new URLClassLoader(new URL[] {classes.toUri().toURL()},
                ClassFolderProject.class.getClassLoader())) {
            return LiveProject.call(fresh, className, method);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        runner.close();
        loader.close();
    }
}
