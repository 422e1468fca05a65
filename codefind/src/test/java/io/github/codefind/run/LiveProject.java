package io.github.codefind.run;

import io.github.codefind.NotLive;
import io.github.codefind.PatchResult;
import io.github.codefind.internal.run.RunOptions;
import io.github.codefind.internal.run.Runner;
import io.github.codefind.testing.Javac;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A program with a source folder and a class folder, loaded in this JVM and run under a real
 * {@link Runner}: tests save files as a user would and hand the runner the batches a watcher would,
 * then ask the program what it runs. What the runner prints is kept, as the console would show it.
 */
final class LiveProject implements AutoCloseable {
    private final Path src;
    private final URLClassLoader loader;
    private final Runner runner;
    private final RecordingReporter recorder = new RecordingReporter();
    private final Set<Path> changed = new LinkedHashSet<>();
    private final Set<Path> deleted = new LinkedHashSet<>();

    /**
     * Compiles the sources into a class folder, loads every class, and starts a runner on the source folder.
     *
     * @param root an empty folder
     * @param sources file name (such as {@code p/A.java}) to source
     */
    LiveProject(Path root, Map<String, String> sources) throws IOException {
        this.src = Files.createDirectories(root.resolve("src")).toAbsolutePath();
        Path classes = Files.createDirectories(root.resolve("classes"));
        for (Map.Entry<String, String> s : sources.entrySet()) {
            Path file = src.resolve(s.getKey());
            Files.createDirectories(file.getParent());
            Files.writeString(file, s.getValue());
        }
        for (Map.Entry<String, byte[]> c : Javac.compile(sources).entrySet()) {
            Path file = classes.resolve(c.getKey() + ".class");
            Files.createDirectories(file.getParent());
            Files.write(file, c.getValue());
        }
        this.loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, LiveProject.class.getClassLoader());
        for (String name : Javac.compile(sources).keySet()) {
            try {
                Class.forName(name.replace('/', '.'), true, loader);
            } catch (ClassNotFoundException e) {
                throw new AssertionError(e);
            }
        }
        RunOptions options = new RunOptions(List.of(src), List.of(), true, null, List.of(), StandardCharsets.UTF_8,
                null);
        this.runner = Runner.create(options, loader, classes.toString() + java.io.File.pathSeparator
                + Javac.testClassPath(), null, recorder);
    }

    /** Starts the runner's real file watchers: saves reach it as they reach a user's runner. */
    LiveProject watch() {
        runner.watch();
        return this;
    }

    /** @return the runner */
    Runner runner() {
        return runner;
    }

    /** @return the source file of that name */
    Path file(String name) {
        return src.resolve(name);
    }

    /** Saves a file, to be handed to the runner by the next {@link #batch()}. */
    LiveProject save(String name, String source) {
        try {
            Path file = file(name);
            Files.createDirectories(file.getParent());
            Files.writeString(file, source);
            changed.add(file);
            deleted.remove(file);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Deletes a file, to be handed to the runner by the next {@link #batch()}. */
    LiveProject delete(String name) {
        try {
            Path file = file(name);
            Files.deleteIfExists(file);
            deleted.add(file);
            changed.remove(file);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Hands the saves since the last batch to the runner, as one batch of the watcher. */
    LiveProject batch() {
        Set<Path> c = Set.copyOf(changed);
        Set<Path> d = Set.copyOf(deleted);
        changed.clear();
        deleted.clear();
        runner.handleSources(c, d);
        return this;
    }

    /** @return the files not live, by file name under the source folder, with why */
    Map<String, String> notLive() {
        Map<String, String> files = new TreeMap<>();
        for (NotLive n : runner.notLive()) {
            files.put(src.relativize(n.file()).toString().replace('\\', '/'), n.reason());
        }
        return files;
    }

    /** @return the names of the files not live */
    Set<String> notLiveNames() {
        return notLive().keySet();
    }

    /** @return everything the runner printed so far */
    String console() {
        return recorder.console();
    }

    /** @return the lines the runner printed that contain a text */
    List<String> lines(String containing) {
        return recorder.lines(containing);
    }

    /** @return every patch result the runner reported */
    List<PatchResult> results() {
        return recorder.results();
    }

    /** @return the program's class loader */
    ClassLoader loader() {
        return loader;
    }

    /**
     * Calls a static method without parameters of the running program.
     *
     * @return what it returned, or the exception it threw, as {@code threw ...}
     */
    Object call(String className, String method) {
        return call(loader, className, method);
    }

    static Object call(ClassLoader loader, String className, String method) {
        try {
            Method m = Class.forName(className, true, loader).getDeclaredMethod(method);
            m.setAccessible(true);
            return m.invoke(null);
        } catch (InvocationTargetException e) {
            return "threw " + e.getCause();
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    @Override
    public void close() throws IOException {
        runner.close();
        loader.close();
    }
}
