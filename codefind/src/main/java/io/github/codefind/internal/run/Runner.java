package io.github.codefind.internal.run;

import io.github.codefind.Codefind;
import io.github.codefind.PatchResult;
import io.github.codefind.internal.patch.Engine;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * The live-coding loop: changed sources are compiled in-process and patched in; changed class files
 * are patched in as they are; new classes are defined into the program's loader. A compile error or a
 * rejected change changes nothing: the program keeps running its last good code, and the next good
 * save is applied.
 */
public final class Runner {
    private final RunOptions options;
    private final ClassLoader programLoader;
    private final Reporter reporter;
    private final SourceCompiler compiler;

    private Runner(RunOptions options, ClassLoader programLoader, String classPath, Class<?> sample,
            Reporter reporter) {
        this.options = options;
        this.programLoader = programLoader;
        this.reporter = reporter;
        this.compiler = options.sourceRoots().isEmpty() ? null : new SourceCompiler(options.sourceRoots(),
                withProtocol(classPath), options.encoding(), matchingOptions(sample));
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
        runner.rememberClassFolders();
        return runner;
    }

    /**
     * Starts watching, for the agent: {@code -javaagent:codefind.jar=watch=src/main/java,verbose} runs
     * the program on its own class path with live patching, and prints to standard error.
     */
    public static void startFromSystemProperties() {
        RunOptions options = RunOptions.fromSystemProperties();
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

    /** Starts the file watchers that feed this runner; they run on daemon threads. */
    public void watch() {
        Watching.start(this, reporter);
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
        for (Path d : deleted) {
            List<io.github.codefind.conform.CodeUnit> units = Codefind.registry().unitsIn(d.toString());
            PatchResult result = Engine.get().removed(units);
            reporter.problem(d + " was deleted: its classes stay loaded as they are (restart to unload them)"
                    + (result.conformers().isEmpty() ? "" : "; " + result.conformers().size()
                            + " conformer(s) were told its code is removed"));
            for (io.github.codefind.ConformOutcome o : result.failures()) {
                reporter.problem(ConsoleReporter.failure(o));
            }
        }
        List<Path> files = new ArrayList<>();
        for (Path p : changed) {
            if (Files.isRegularFile(p)) {
                files.add(p);
            }
        }
        if (files.isEmpty()) {
            return;
        }
        Instant saved = lastModified(files);
        SourceCompiler.Result compiled;
        try {
            compiled = compiler.compile(files);
        } catch (IOException | RuntimeException e) {
            reporter.problem("cannot compile " + files + ": " + e + "; nothing was changed");
            return;
        }
        if (!compiled.ok()) {
            reporter.compileFailed(files, compiled.errors());
            return;
        }
        apply(files, compiled.classes(), saved);
    }

    /**
     * Patches changed class files, as an IDE or {@code mvn compile} writes them.
     *
     * @param changed class files created or modified
     */
    public void handleClasses(Set<Path> changed) {
        Map<String, byte[]> classes = new LinkedHashMap<>();
        List<Path> files = new ArrayList<>();
        for (Path p : changed) {
            String name = classNameOf(p);
            if (name == null) {
                continue;
            }
            try {
                classes.put(name, Files.readAllBytes(p));
                files.add(p);
            } catch (NoSuchFileException e) {
                // deleted again since: the next batch has it
            } catch (IOException e) {
                reporter.problem("cannot read " + p + ": " + e.getMessage() + "; it was not patched");
            }
        }
        if (!classes.isEmpty()) {
            apply(files, classes, lastModified(files));
        }
    }

    private void apply(Collection<Path> files, Map<String, byte[]> classes, Instant saved) {
        PatchResult result = Codefind.patch(programLoader, classes);
        reporter.patched(files, result, Duration.between(saved, Instant.now()));
        if (result.applied() && options.loop() != null) {
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

    /** The class files in watched class folders are what the JVM loaded: remember them before they change. */
    private void rememberClassFolders() {
        for (Path root : options.classRoots()) {
            try (Stream<Path> files = Files.walk(root)) {
                files.filter(p -> p.toString().endsWith(".class")).forEach(p -> {
                    String name = classNameOf(p);
                    try {
                        Engine.get().classFiles().remember(programLoader, name, Files.readAllBytes(p));
                    } catch (IOException e) {
                        reporter.problem("cannot read " + p + ": " + e.getMessage());
                    }
                });
            } catch (IOException e) {
                reporter.problem("cannot read class folder " + root + ": " + e.getMessage());
            }
        }
    }

    private String classNameOf(Path classFile) {
        for (Path root : options.classRoots()) {
            if (classFile.startsWith(root)) {
                String relative = root.relativize(classFile).toString().replace('\\', '/');
                if (relative.endsWith(".class") && !relative.endsWith("module-info.class")
                        && !relative.endsWith("package-info.class")) {
                    return relative.substring(0, relative.length() - 6).replace('/', '.');
                }
            }
        }
        return null;
    }

    private static Instant lastModified(Collection<Path> files) {
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
