package io.github.codefind.internal.run;

import io.github.codefind.Codefind;
import io.github.codefind.NotLive;
import io.github.codefind.internal.watch.FileWatcher;
import io.github.codefind.internal.watch.WatchOptions;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * The live-coding loop: changed sources are compiled in-process and patched in; changed class files
 * are patched in as they are; new classes are defined into the program's loader. A compile error or a
 * rejected change changes nothing: the program keeps running its last good code, and the next good
 * save is applied. Which saved files do not run, and why, is kept in one place ({@link #notLive()}).
 *
 * <p>Threads: the source watcher calls {@link #handleSources} and the class watcher {@link #handleClasses},
 * each on a thread of its own; the engine applies one patch at a time. Sources are compiled ahead of
 * their batch on a third thread ({@link CompileAhead}), never while a batch is handled. {@link #notLive()}
 * may be called from any thread.
 *
 * <p>Start-up: creating a runner for source folders records what the sources hold and nothing more; the
 * engine and the compiler are made by {@link #prepare()}, on the first save or in the background once
 * the program runs ({@link WarmUp}). A class-folder runner makes the engine at once, since it keeps the
 * class files the program was loaded from before a build overwrites them.
 */
public final class Runner implements AutoCloseable {
    private final RunOptions options;
    private final ClassLoader programLoader;
    private final Reporter reporter;
    private final NotLiveReport report;
    private final LiveSources live = new LiveSources();
    /** Made on first use ({@link #prepare()}); guarded by {@link #preparing}. Null without source folders. */
    private SourcePatching sources;
    private final Object preparing = new Object();
    private final String classPath;
    private final Class<?> sample;
    private final ClassBuilds classes;
    /** Whether {@link #catchUp} has yet to take in the sources saved while watching started. */
    private volatile boolean catchingUp;
    /** When the runner was made: sources modified since are compiled once watching starts ({@link #catchUp}). */
    private java.time.Instant created = java.time.Instant.EPOCH;
    /** The runner that watches this program's sources, for {@link #notLiveNow()}. */
    private static volatile Runner current;
    /** The watchers feeding this runner, on threads of their own; guarded by this. */
    private final List<FileWatcher> watchers = new ArrayList<>();

    private Runner(RunOptions options, ClassLoader programLoader, String classPath, Class<?> sample,
            Reporter reporter) {
        this.options = options;
        this.programLoader = programLoader;
        this.reporter = reporter;
        this.classPath = classPath;
        this.sample = sample;
        this.report = new NotLiveReport(reporter, this::notLive);
        this.classes = options.classRoots().isEmpty() ? null
                : new ClassBuilds(options.classRoots(), programLoader, reporter, report, options.outerWait(),
                        options.refillWait());
    }

    /**
     * Creates a runner for a program.
     *
     * @param options what to watch and how
     * @param programLoader the program's class loader: patches and new classes go there
     * @param classPath the program's class path, to compile against
     * @param sample a class of the program whose class file shows how it was compiled, or null
     * @param reporter where to say what happened
     * @return the runner; call {@link #handleSources} and {@link #handleClasses} with changes
     */
    public static Runner create(RunOptions options, ClassLoader programLoader, String classPath, Class<?> sample,
            Reporter reporter) {
        // Said at start, as when the compiler was made then: it is made on the first save now.
        if (!options.sourceRoots().isEmpty() && ModuleLayer.boot().findModule("jdk.compiler").isEmpty()) {
            throw new IllegalStateException(SourceCompiler.NO_COMPILER);
        }
        java.time.Instant created = java.time.Instant.now();
        Runner runner = new Runner(options, programLoader, classPath, sample, reporter);
        runner.created = created;
        if (runner.classes != null) {
            runner.classes.baseline();
        }
        // Before watching starts: the loaded classes were compiled from the sources as they are now.
        if (!options.sourceRoots().isEmpty()) {
            WatchOptions watched = Watching.sources(options);
            runner.live.baseline(options.sourceRoots(), watched::excludes, watched::reports);
        }
        current = runner;
        return runner;
    }

    /**
     * Starts watching, for the agent: {@code -javaagent:codefind.jar=watch=src/main/java,verbose} runs
     * the program on its own class path with live patching, and prints to standard error.
     */
    public static void startFromSystemProperties() {
        RunOptions options;
        try {
            options = RunOptions.fromSystemProperties();
        } catch (IllegalArgumentException e) {
            // The program runs on; the user reads why it is not followed, once, where codefind's lines go.
            new ConsoleReporter(System.err, false).problem(e.getMessage()
                    + "; the program runs without live patching: fix the agent's option and restart");
            return;
        }
        if (options == null) {
            return;
        }
        ConsoleReporter reporter = new ConsoleReporter(System.err, options.verbose());
        ClassLoader loader = ClassLoader.getSystemClassLoader();
        Runner runner = create(options, loader, System.getProperty("java.class.path"), mainClass(loader), reporter);
        runner.watch();
        if (options.loop() != null) {
            runner.runLoop();
        }
        // The agent runs before main: the warm-up's delay starts a little early.
        WarmUp.afterMainBegins(runner);
    }

    /**
     * Makes what patching needs: the engine and, for source folders, the compiler with the options
     * the program was compiled with. On the first save, or earlier from {@link WarmUp}; idempotent.
     */
    public void prepare() {
        Codefind.install();
        sources();
    }

    /** @return the source patching, made on first use; null without source folders */
    private SourcePatching sources() {
        if (options.sourceRoots().isEmpty()) {
            return null;
        }
        synchronized (preparing) {
            if (sources == null) {
                sources = new SourcePatching(live, new SourceCompiler(CompileOptions.withProtocol(classPath),
                        options.encoding(), CompileOptions.matching(sample)), programLoader, reporter, report);
            }
            return sources;
        }
    }

    /**
     * Starts the file watchers that feed this runner; they run on daemon threads. A source saved after
     * the program started and before the watchers saw it (its class was built before it) is then
     * compiled, on a thread of its own: see {@link #catchUp}.
     */
    public synchronized void watch() {
        boolean first = watchers.isEmpty();
        if (first) {
            // A folder that is not there is watched for, but is most often a wrong path: said, not logged.
            for (Path root : java.util.stream.Stream.concat(options.sourceRoots().stream(),
                    options.classRoots().stream()).toList()) {
                if (!Files.isDirectory(root)) {
                    reporter.problem("watched folder " + root.toAbsolutePath() + " does not exist: nothing is"
                            + " followed from it until it is created; check the path (--watch, --classes;"
                            + " agent: watch=, classes=)");
                }
            }
        }
        watchers.addAll(Watching.start(this, reporter));
        if (first && !options.sourceRoots().isEmpty()) {
            catchingUp = true;
            Thread t = new Thread(new CatchUp(this), "codefind-catch-up");
            t.setDaemon(true);
            t.start();
        }
    }

    /** The catch-up, as a class: the agent starts it before main, where lambdas cost start-up time. */
    private static final class CatchUp implements Runnable {
        private final Runner runner;

        CatchUp(Runner runner) {
            this.runner = runner;
        }

        @Override
        public void run() {
            runner.catchUp();
        }
    }

    /**
     * The baseline takes the sources as they were when the runner was made for what the loaded classes
     * were compiled from. A save in the moments between the baseline's reading and the watchers' start
     * would then be taken for what runs, or never be seen: each source modified since the runner was made
     * is compiled, once the watchers run, whatever the baseline read of it. The margin covers file times
     * that the kernel takes from a coarser clock than {@link java.time.Instant#now()}.
     */
    void catchUp() {
        try {
            Set<Path> saved = savedSince(created.minusMillis(50));
            // Read once quiet, as the watcher reads a save: a file read while it is being written would
            // be taken in half-written, and its end never seen.
            awaitQuiet(saved);
            if (!saved.isEmpty() && sources().catchUp(saved) && options.loop() != null) {
                runLoop();
            }
        } finally {
            catchingUp = false;
        }
    }

    /** Waits until none of the files was modified within the watcher's quiet period; 30 s at most. */
    private void awaitQuiet(Set<Path> files) {
        long quiet = Watching.sources(options).debounce().toMillis();
        long deadline = System.currentTimeMillis() + 30_000;
        while (System.currentTimeMillis() < deadline) {
            long newest = 0;
            for (Path f : files) {
                try {
                    newest = Math.max(newest, Files.getLastModifiedTime(f).toMillis());
                } catch (IOException e) {
                    // Gone: the batch decides.
                }
            }
            long wait = newest + quiet - System.currentTimeMillis();
            if (wait <= 0) {
                return;
            }
            try {
                Thread.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** @return the watched sources modified since a time */
    private Set<Path> savedSince(java.time.Instant since) {
        WatchOptions watched = Watching.sources(options);
        Set<Path> saved = new java.util.TreeSet<>();
        for (Path root : options.sourceRoots()) {
            try (java.util.stream.Stream<Path> files = Files.walk(root)) {
                for (Path f : (Iterable<Path>) files::iterator) {
                    if (Files.isRegularFile(f) && watched.reports(f) && !watched.excludes(root, f)
                            && !Files.getLastModifiedTime(f).toInstant().isBefore(since)) {
                        saved.add(f);
                    }
                }
            } catch (IOException | java.io.UncheckedIOException e) {
                // A root that cannot be read: the watcher says so.
            }
        }
        return saved;
    }

    /**
     * Rehearses a first save ({@link Rehearsal}) and says how long it took (with {@code -v}); for
     * {@link WarmUp}, after {@link #prepare()}. Nothing of it is seen by the program or its conformers.
     */
    void rehearse() {
        long start = System.nanoTime();
        try {
            String what = Rehearsal.run(sources(), options.sourceRoots(), programLoader);
            reporter.warmedUp(what, java.time.Duration.ofNanos(System.nanoTime() - start));
        } catch (IOException e) {
            // Only speed is lost: the first save reads the same files, and says what fails then.
            System.getLogger("io.github.codefind.run").log(System.Logger.Level.DEBUG, "codefind warm-up stopped", e);
        }
    }

    /** Stops the file watchers {@link #watch()} started; the program keeps running what it runs. */
    @Override
    public synchronized void close() {
        for (FileWatcher w : watchers) {
            w.close();
        }
        watchers.clear();
        if (classes != null) {
            classes.close();
        }
        if (current == this) {
            current = null;
        }
    }

    /** The program's main class, when the java launcher says it, to see how the program was compiled. */
    private static Class<?> mainClass(ClassLoader loader) {
        String command = System.getProperty("sun.java.command", "").trim();
        String first = command.isEmpty() ? "" : command.split("\\s+")[0];
        try {
            return first.endsWith(".jar") || first.isEmpty() ? null : Class.forName(first, false, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            return null;
        }
    }

    /** @return the options */
    public RunOptions options() {
        return options;
    }

    /**
     * Compiles and patches changed source files.
     *
     * @param changed files created or modified
     * @param deleted files deleted
     */
    public void handleSources(Set<Path> changed, Set<Path> deleted) {
        if (sources().handle(changed, deleted) && options.loop() != null) {
            runLoop();
        }
    }

    /**
     * Hears that a source file was just written, before the watcher waits for quiet and calls
     * {@link #handleSources}: it is compiled ahead meanwhile, on a thread of its own, and the batch takes
     * that compilation if it reads the same content. Returns at once.
     *
     * @param file the file, perhaps still being written
     */
    public void sourceWritten(Path file) {
        sources().written(file);
    }

    /**
     * Whether the runner has taken in every save of a source file it knows so far: no batch is being
     * handled, and each file holds what the runner last read of it. For tests and tools that wait for the
     * runner; it reads every known file.
     *
     * @return true once nothing saved waits to be taken in
     */
    public boolean sawLatestSaves() {
        SourcePatching made;
        synchronized (preparing) {
            made = sources;
        }
        // Before the first save nothing was handled: what was read of each file is its baseline.
        boolean sawSources = options.sourceRoots().isEmpty() || (made != null ? made.sawLatest() : live.sawLatest());
        return !catchingUp && sawSources && (classes == null || classes.sawLatest());
    }

    /**
     * @return the watched source and class files whose saved content does not run, with why
     */
    public List<NotLive> notLive() {
        List<NotLive> all = new ArrayList<>(live.notLive());
        if (classes != null) {
            all.addAll(classes.notLive());
        }
        return all;
    }

    /**
     * Reads every watched folder again and applies whatever differs from what runs, as if every file
     * had just been saved: for changes a watcher missed.
     *
     * @return whether a patch was applied
     */
    public boolean resync() {
        boolean applied = false;
        if (!options.sourceRoots().isEmpty()) {
            applied |= sources().handle(live.files(), List.of());
        }
        if (classes != null) {
            applied |= classes.resync();
        }
        if (applied && options.loop() != null) {
            runLoop();
        }
        return applied;
    }

    /**
     * @return what {@link #resync()} does for the runner of this program; false if there is none
     */
    public static boolean resyncNow() {
        Runner r = current;
        return r != null && r.resync();
    }

    /**
     * @return what {@link #notLive()} says for the runner watching this program's sources; empty if none does
     */
    public static List<NotLive> notLiveNow() {
        Runner r = current;
        return r == null ? List.of() : r.notLive();
    }

    /**
     * Patches a build into a watched class folder, as an IDE or {@code mvn compile} writes it.
     *
     * @param changed class files created or modified
     * @param deleted class files deleted
     */
    public void handleClasses(Set<Path> changed, Set<Path> deleted) {
        if (classes.handle(changed, deleted) && options.loop() != null) {
            runLoop();
        }
    }

    /** Runs the {@code --loop} method, once at start and after each applied patch. */
    public void runLoop() {
        String spec = options.loop();
        int hash = spec.indexOf('#');
        try {
            Class<?> type = Class.forName(spec.substring(0, hash), true, programLoader);
            Method m = type.getDeclaredMethod(spec.substring(hash + 1));
            m.setAccessible(true);
            reporter.looped(spec, m.invoke(null));
        } catch (InvocationTargetException e) {
            reporter.looped(spec, e.getCause());
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            reporter.problem("cannot run --loop " + spec + ": " + e + " (it must be a static method without"
                    + " parameters, given as Class#method)");
        }
    }

    /** @return when the newest of some files was last modified; now if none can tell */
    static Instant lastModified(Collection<Path> files) {
        Instant latest = Instant.EPOCH;
        for (Path p : files) {
            try {
                Instant t = Files.getLastModifiedTime(p).toInstant();
                latest = t.isAfter(latest) ? t : latest;
            } catch (IOException e) {
                // gone again: the batch's other files tell the time
            }
        }
        return latest.equals(Instant.EPOCH) ? Instant.now() : latest;
    }
}
