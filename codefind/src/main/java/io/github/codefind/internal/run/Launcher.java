package io.github.codefind.internal.run;

import io.github.codefind.internal.log.Log;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * {@code java -jar codefind.jar run --watch <dir> [-v] -cp <classpath> <main-class> [args...]}: runs a
 * program in this JVM with live patching, like {@code jurigged script.py}. The program's exit code,
 * standard input, output and error pass through; codefind's own lines go to standard error, prefixed
 * {@code [codefind]}. Without {@code --watch} or {@code --classes} the program runs under codefind's
 * agent only: {@code Codefind.patch} and a debugger's HotSwap reach its conformers.
 *
 * <p>Before {@code main} the launcher only reads its options, records what the watched sources hold and
 * starts the watchers: the engine and the compiler wait for the first save, or for {@link WarmUp}.
 */
public final class Launcher {
    static final String USAGE = String.join("\n",
            "usage: java -jar codefind.jar run [options] -cp <classpath> <main-class> [args...]",
            "  --watch <dir>       a source folder to watch (repeatable); changed .java files are compiled",
            "                      in-process and patched into the running program",
            "  --classes <dir>     a class folder to watch (repeatable): .class files an IDE or mvn compile",
            "                      writes are patched in, one build at a time",
            "  --settle <ms>       how long a class folder must be quiet before a build in it is taken",
            "                      (default 300 ms)",
            "  -v, --verbose       one line per patch: file, members changed, where the time went, conformers",
            "  --poll[=<ms>]       poll the folders instead of using file-system events (default 250 ms)",
            "  --exclude <glob>    ignore matching paths (repeatable), such as **/generated/**",
            "  --encoding <name>   the sources' encoding (default UTF-8)",
            "  --loop <Class#m>    re-run a static no-argument method after each applied patch, and show",
            "                      its result or exception",
            "  -cp, --class-path   the program's class path",
            "  -h, --help          this text; --version: codefind's and Java's versions",
            "  without --watch or --classes, the program runs under codefind's agent: Codefind.patch and a",
            "  debugger's HotSwap reach its conformers");

    private Launcher() {
    }

    /**
     * @param args {@code run} and its options, then the program's main class and arguments
     * @throws Exception whatever the program's main throws is reported as the JVM would, exit code 1
     */
    public static void main(String[] args) throws Exception {
        PrintStream err = System.err;
        String info = info(args);
        if (info != null) {
            System.out.println(info); // the launcher's own console: asked for, so on standard output
            System.exit(0);
            return;
        }
        Parsed parsed;
        try {
            parsed = parse(args);
        } catch (IllegalArgumentException e) {
            err.println("codefind: " + e.getMessage());
            err.println(USAGE);
            System.exit(2);
            return;
        }
        if (parsed.options.verbose()) {
            Log.makeVerbose();
        }
        URLClassLoader loader = new URLClassLoader(urls(parsed.classPath), ClassLoader.getSystemClassLoader());
        // Held here until the program ends.
        io.github.codefind.internal.heap.Backends.neverUnloaded(loader);
        Thread.currentThread().setContextClassLoader(loader);
        Class<?> main;
        try {
            main = Class.forName(parsed.mainClass, false, loader);
        } catch (ClassNotFoundException e) {
            err.println("codefind: main class " + parsed.mainClass + " not found on " + parsed.classPath);
            System.exit(2);
            return;
        }
        Method entry = main.getMethod("main", String[].class);
        if (!Modifier.isStatic(entry.getModifiers())) {
            err.println("codefind: " + parsed.mainClass + ".main(String[]) is not static");
            System.exit(2);
            return;
        }
        if (!parsed.options.sourceRoots().isEmpty() || !parsed.options.classRoots().isEmpty()) {
            ConsoleReporter reporter = new ConsoleReporter(err, parsed.options.verbose());
            Runner runner = Runner.create(parsed.options, loader, parsed.classPath, main, reporter);
            runner.watch();
            if (parsed.options.loop() != null) {
                runner.runLoop();
            }
            WarmUp.afterMainBegins(runner);
        }
        try {
            entry.invoke(null, (Object) parsed.programArgs);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            err.print("Exception in thread \"main\" ");
            cause.printStackTrace(err);
            System.exit(1);
        }
    }

    /** The command line, split into codefind's options and the program's. */
    record Parsed(RunOptions options, String classPath, String mainClass, String[] programArgs) {
    }

    /**
     * @param args the command line
     * @return what {@code --help} ({@code -h}) or {@code --version} ask for, as the first argument or
     *     right after {@code run}; null for any other command line
     */
    static String info(String[] args) {
        int at = args.length > 0 && args[0].equals("run") ? 1 : 0;
        if (args.length <= at) {
            return null;
        }
        return switch (args[at]) {
            case "--help", "-h" -> "codefind " + version() + ": live code patching for the JVM\n" + USAGE;
            case "--version" -> "codefind " + version() + " (Java " + Runtime.version() + ", "
                    + System.getProperty("java.vm.name") + ")";
            default -> null;
        };
    }

    /** @return codefind's version, from its jar's manifest */
    private static String version() {
        String v = Launcher.class.getPackage().getImplementationVersion();
        return v != null ? v : "(version unknown: not run from codefind's jar)";
    }

    static Parsed parse(String[] args) {
        if (args.length == 0 || !args[0].equals("run")) {
            throw new IllegalArgumentException(args.length == 0 ? "no command" : "unknown command " + args[0]);
        }
        List<Path> sources = new ArrayList<>();
        List<Path> classes = new ArrayList<>();
        List<String> exclusions = new ArrayList<>();
        boolean verbose = false;
        Duration poll = null;
        Charset encoding = StandardCharsets.UTF_8;
        String loop = null;
        Duration settle = null;
        String classPath = null;
        int i = 1;
        for (; i < args.length && classPath == null || i < args.length && args[i].startsWith("-"); i++) {
            String a = args[i];
            switch (a.contains("=") && a.startsWith("--poll") ? "--poll=" : a) {
                case "--watch" -> sources.add(existingDirectory(value(args, ++i, a)));
                case "--classes" -> classes.add(existingDirectory(value(args, ++i, a)));
                case "-v", "--verbose" -> verbose = true;
                case "--poll" -> poll = Duration.ofMillis(250);
                case "--poll=" -> poll = Duration.ofMillis(Long.parseLong(a.substring(a.indexOf('=') + 1)));
                case "--exclude" -> exclusions.add(value(args, ++i, a));
                case "--encoding" -> encoding = charset(value(args, ++i, a));
                case "--loop" -> loop = loopSpec(value(args, ++i, a));
                case "--settle" -> settle = Duration.ofMillis(milliseconds(value(args, ++i, a), a));
                case "-cp", "-classpath", "--class-path" -> classPath = value(args, ++i, a);
                default -> throw new IllegalArgumentException("unknown option " + a);
            }
        }
        if (classPath == null) {
            throw new IllegalArgumentException("no -cp <classpath>");
        }
        if (i >= args.length) {
            throw new IllegalArgumentException("no main class");
        }
        if (loop != null && sources.isEmpty() && classes.isEmpty()) {
            throw new IllegalArgumentException("--loop re-runs a method after each patch of a watched folder:"
                    + " give --watch <dir> or --classes <dir>");
        }
        RunOptions options = new RunOptions(sources, classes, verbose, poll, exclusions, encoding, loop, settle);
        return new Parsed(options, classPath, args[i], Arrays.copyOfRange(args, i + 1, args.length));
    }

    private static long milliseconds(String value, String option) {
        try {
            long ms = Long.parseLong(value.trim());
            if (ms > 0) {
                return ms;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new IllegalArgumentException(option + " takes a positive number of milliseconds, not " + value);
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    private static Path existingDirectory(String path) {
        Path p = Path.of(path).toAbsolutePath().normalize();
        if (!Files.isDirectory(p)) {
            throw new IllegalArgumentException("not a directory: " + path);
        }
        return p;
    }

    private static Charset charset(String name) {
        try {
            return Charset.forName(name);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("unknown encoding " + name);
        }
    }

    private static String loopSpec(String spec) {
        if (spec.indexOf('#') <= 0 || spec.endsWith("#")) {
            throw new IllegalArgumentException("--loop takes Class#method, not " + spec);
        }
        return spec;
    }

    /** The class path as URLs, expanding {@code dir/*} to the jars in dir, as the java launcher does. */
    static URL[] urls(String classPath) throws IOException {
        List<URL> urls = new ArrayList<>();
        for (String entry : classPath.split(File.pathSeparator)) {
            if (entry.isEmpty()) {
                continue;
            }
            if (entry.endsWith("*")) {
                Path dir = Path.of(entry.substring(0, entry.length() - 1));
                try (Stream<Path> jars = Files.list(dir)) {
                    for (Path jar : (Iterable<Path>) jars.filter(j -> j.toString().endsWith(".jar")).sorted()::iterator) {
                        urls.add(url(jar));
                    }
                }
            } else {
                urls.add(url(Path.of(entry)));
            }
        }
        return urls.toArray(new URL[0]);
    }

    private static URL url(Path p) throws MalformedURLException {
        return p.toAbsolutePath().toUri().toURL();
    }
}
