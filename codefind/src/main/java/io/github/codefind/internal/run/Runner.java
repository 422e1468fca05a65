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
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * The live-coding loop: changed sources are compiled in-process and patched in; changed class files
 * are patched in as they are; new classes are defined into the program's loader. A compile error or a
 * rejected change changes nothing: the program keeps running its last good code, and the next good
 * save is applied. Which saved files do not run, and why, is kept in one place ({@link #notLive()}).
 *
 * <p>Threads: the source watcher calls {@link #handleSources} and the class watcher {@link #handleClasses},
 * each on a thread of its own; the engine applies one patch at a time. {@link #notLive()} may be called
 * from any thread.
 */
public final class Runner implements AutoCloseable {
    private final RunOptions options;
    private final ClassLoader programLoader;
    private final Reporter reporter;
    private final LiveSources live = new LiveSources();
    private final SourcePatching sources;
    private final ClassBuilds classes;
    /** The runner that watches this program's sources, for {@link #notLiveNow()}. */
    private static volatile Runner current;
    /** The watchers feeding this runner, on threads of their own; guarded by this. */
    private final List<FileWatcher> watchers = new ArrayList<>();
    /** Whether {@link #watch()} started the warm-up; guarded by this. */
    private boolean warmupStarted;

    private Runner(RunOptions options, ClassLoader programLoader, String classPath, Class<?> sample,
            Reporter reporter) {
        this.options = options;
        this.programLoader = programLoader;
        this.reporter = reporter;
        NotLiveReport report = new NotLiveReport(reporter, this::notLive);
        this.sources = options.sourceRoots().isEmpty() ? null : new SourcePatching(live, new SourceCompiler(
                withProtocol(classPath), options.encoding(), matchingOptions(sample)), programLoader, reporter, report);
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
        Codefind.install();
        Runner runner = new Runner(options, programLoader, classPath, sample, reporter);
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
    }

    /**
     * Starts the file watchers that feed this runner; they run on daemon threads. The first call also
     * starts the {@link Warmup}, so that the first save is as fast as later ones.
     */
    public synchronized void watch() {
        boolean first = watchers.isEmpty() && !warmupStarted;
        watchers.addAll(Watching.start(this, reporter));
        if (first) {
            warmupStarted = true;
            Warmup.start(sources, options.sourceRoots(), programLoader, reporter);
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
        if (sources.handle(changed, deleted) && options.loop() != null) {
            runLoop();
        }
    }

    /**
     * Whether the runner has taken in every save of a source file it knows so far: no batch is being
     * handled, and each file holds what the runner last read of it. For tests and tools that wait for the
     * runner; it reads every known file.
     *
     * @return true once nothing saved waits to be taken in
     */
    public boolean sawLatestSaves() {
        return (sources == null || sources.sawLatest()) && (classes == null || classes.sawLatest());
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
        if (sources != null) {
            applied |= sources.handle(live.files(), List.of());
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

    /**
     * The program's class path, plus where codefind itself was loaded from, which carries the conform
     * protocol: a program run by {@code java -jar codefind.jar run} sees it without listing it.
     */
    private static String withProtocol(String classPath) {
        try {
            java.net.URL location = io.github.codefind.conform.Conformable.class.getProtectionDomain()
                    .getCodeSource().getLocation();
            return classPath + java.io.File.pathSeparator + Path.of(location.toURI());
        } catch (java.net.URISyntaxException | RuntimeException e) {
            return classPath;
        }
    }

    /** javac options that match how the program was compiled: its class-file version, and -parameters. */
    private static List<String> matchingOptions(Class<?> sample) {
        List<String> options = new ArrayList<>();
        if (sample == null) {
            return options;
        }
        try {
            byte[] bytes = Codefind.registry().classFile(sample);
            int major = ((bytes[6] & 0xff) << 8) | (bytes[7] & 0xff);
            int release = major - 44;
            if (release >= 8 && release < Runtime.version().feature()) {
                options.add("--release");
                options.add(String.valueOf(release));
            }
            boolean[] parameters = {false};
            new ClassReader(bytes).accept(new ClassVisitor(Opcodes.ASM9) {
                @Override
                public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                        String[] exceptions) {
                    return new MethodVisitor(Opcodes.ASM9) {
                        @Override
                        public void visitParameter(String parameter, int parameterAccess) {
                            parameters[0] = true;
                        }
                    };
                }
            }, ClassReader.SKIP_CODE);
            if (parameters[0]) {
                options.add("-parameters");
            }
        } catch (IOException | RuntimeException e) {
            // Unknown: compile with javac's defaults for this JDK.
        }
        return options;
    }
}
