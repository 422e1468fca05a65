package io.github.codefind.internal.run;

import io.github.codefind.internal.patch.Engine;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Runs what a first save runs, for {@link WarmUp}: without it the user's first save pays for a cold
 * compiler and a cold engine (a second or more, where later saves take a tenth of that). Nothing it does
 * is seen:
 * <ul>
 * <li>first, the engine redefines a class of codefind's own with the bytes it has
 *     ({@link Engine#rehearseRedefinition}): a JVM whose agent came after it started throws away all
 *     compiled code at its first redefinition, and only then;</li>
 * <li>the compiler compiles the largest watched sources a few times, into memory, and drops the
 *     classes: javac reads the class path's types those sources use, and the JIT compiles javac;</li>
 * <li>the engine plans, and drops, a patch of a class of its own (a changed body, an added method, field,
 *     lambda and anonymous class) and of the classes just compiled ({@link Engine#rehearse});</li>
 * <li>last, the compiler compiles a class of its own that names the library types the sources import,
 *     so that the symbol tables it keeps for the first save hold them ({@link KeptContext}).</li>
 * </ul>
 * None of the program's code runs, and no class of the program is redefined or defined in its loader.
 * A save made meanwhile waits for at most one compilation or one plan: both hold the lock a save takes.
 */
final class Rehearsal {
    /** javac's code is compiled by the JIT after it has run a few times, not after one. */
    private static final int ROUNDS = 3;
    /** At most this many sources, and this many bytes of them, are compiled: enough to reach the class path. */
    private static final int MOST_FILES = 40;
    private static final long MOST_BYTES = 400_000;
    private static final Pattern PACKAGE = Pattern.compile("(?m)^\\s*package\\s+([\\w.]+)\\s*;");
    /** A single-type import, of a class named with a capital: the convention that tells it from a package. */
    private static final Pattern IMPORT = Pattern.compile("(?m)^\\s*import\\s+([\\w.]+\\.[A-Z]\\w*)\\s*;");
    private static final String REHEARSAL = "codefind/warmup/Rehearsal";
    private static final String BEFORE = String.join("\n",
            "package codefind.warmup;",
            "public class Rehearsal {",
            "    public static int run() { java.util.function.IntSupplier s = () -> 1; return s.getAsInt(); }",
            "}", "");
    private static final String AFTER = String.join("\n",
            "package codefind.warmup;",
            "public class Rehearsal {",
            "    private static int count = 2;",
            "    private final String name = \"rehearsal\";",
            "    public static int run() {",
            "        java.util.function.IntSupplier s = () -> helper() + count;",
            "        Runnable r = new Runnable() { public void run() { } };",
            "        r.run();",
            "        return s.getAsInt();",
            "    }",
            "    static int helper() { return 2; }",
            "    @Override public String toString() { return name; }",
            "}", "");

    private Rehearsal() {
    }

    /**
     * Rehearses a first save, on the caller's thread.
     *
     * @param sources the runner's source patching; null if no source folder is watched
     * @param sourceRoots the watched source folders
     * @param loader the program's class loader
     * @return what was warmed, for the console
     * @throws IOException if the sources or the class path cannot be read
     */
    static String run(SourcePatching sources, List<Path> sourceRoots, ClassLoader loader) throws IOException {
        // First: the JVM's one-time cost of a first redefinition is least before much is compiled.
        Engine.get().rehearseRedefinition();
        if (sources == null) {
            return "the engine";
        }
        Map<Path, byte[]> files = largest(sourceRoots);
        for (int round = 0; round < ROUNDS; round++) {
            Map<String, byte[]> compiled = files.isEmpty() ? Map.of() : sources.rehearse(files);
            if (round == 0) {
                rehearseEngine(sources, compiled, loader);
            }
        }
        // Last: what the compiler keeps for the first save is the libraries the sources import.
        sources.rehearseLibraries(Path.of("codefind-warmup", "Imports.java"), imports(files.values()));
        return "the compiler (" + ROUNDS + " rounds of " + files.size() + " source file(s); "
                + (sources.keepsContext() ? "its symbol tables are kept from one save to the next"
                        : "every save compiles afresh: javac's task pool is not reachable") + ") and the engine";
    }

    /** Plans, and drops, a structural patch of a class of the warm-up's own, and one of the program's classes. */
    private static void rehearseEngine(SourcePatching sources, Map<String, byte[]> program, ClassLoader loader)
            throws IOException {
        Map<String, byte[]> before = sources.rehearse(Map.of(Path.of("codefind-warmup", "Rehearsal.java"),
                BEFORE.getBytes(StandardCharsets.UTF_8)));
        Map<String, byte[]> after = sources.rehearse(Map.of(Path.of("codefind-warmup", "Rehearsal.java"),
                AFTER.getBytes(StandardCharsets.UTF_8)));
        byte[] bytes = before.get(REHEARSAL);
        if (bytes != null && !after.isEmpty()) {
            OwnLoader own = new OwnLoader();
            Class<?> rehearsal = own.define(REHEARSAL.replace('/', '.'), bytes);
            Engine.get().classFiles().remember(own, rehearsal.getName(), bytes);
            try {
                rehearsal.getMethod("run").invoke(null); // links its lambda, as the program's code would have
            } catch (InvocationTargetException | IllegalAccessException | NoSuchMethodException e) {
                throw new IllegalStateException("the warm-up's own class did not run: " + e, e);
            }
            Engine.get().rehearse(own, after);
        }
        if (!program.isEmpty()) {
            Engine.get().rehearse(loader, program);
        }
    }

    /**
     * @param sources the program's sources
     * @return a class of the warm-up's own package with a field of each type the sources import by name
     *     (not the static or on-demand imports), outside the sources' own packages: compiling it reads those
     *     types, and nothing of the program
     */
    static String imports(Collection<byte[]> sources) {
        Set<String> own = new TreeSet<>();
        Set<String> named = new TreeSet<>();
        for (byte[] content : sources) {
            String text = new String(content, StandardCharsets.ISO_8859_1);
            Matcher pkg = PACKAGE.matcher(text);
            if (pkg.find()) {
                own.add(pkg.group(1));
            }
            Matcher m = IMPORT.matcher(text);
            while (m.find()) {
                named.add(m.group(1));
            }
        }
        StringBuilder out = new StringBuilder("package codefind.warmup;\n@SuppressWarnings(\"all\")\nclass Imports {\n");
        int i = 0;
        for (String type : named) {
            String pkgOf = type.substring(0, type.lastIndexOf('.'));
            if (!own.contains(pkgOf) && !type.startsWith("codefind.warmup.")) {
                out.append("    ").append(type).append(" f").append(i++).append(";\n");
            }
        }
        return out.append("}\n").toString();
    }

    /** @return the largest watched sources, up to {@link #MOST_FILES} and {@link #MOST_BYTES}, with their content */
    private static Map<Path, byte[]> largest(List<Path> roots) throws IOException {
        List<Path> all = new ArrayList<>();
        for (Path root : roots) {
            if (!Files.isDirectory(root)) {
                continue;
            }
            try (Stream<Path> walk = Files.walk(root)) {
                walk.filter(p -> p.toString().endsWith(".java") && Files.isRegularFile(p))
                        .filter(p -> !p.getFileName().toString().equals("module-info.java")
                                && !p.getFileName().toString().equals("package-info.java"))
                        .forEach(all::add);
            }
        }
        all.sort(Comparator.comparingLong(Rehearsal::size).reversed());
        Map<Path, byte[]> chosen = new LinkedHashMap<>();
        long bytes = 0;
        for (Path p : all) {
            if (chosen.size() == MOST_FILES || bytes + size(p) > MOST_BYTES && !chosen.isEmpty()) {
                break;
            }
            try {
                byte[] content = Files.readAllBytes(p);
                chosen.put(p, content);
                bytes += content.length;
            } catch (IOException e) {
                // Unreadable now: the watcher says so when it is saved.
            }
        }
        return chosen;
    }

    private static long size(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            return 0;
        }
    }

    /** The loader of the warm-up's own class: nothing of the program sees it. */
    private static final class OwnLoader extends ClassLoader {
        OwnLoader() {
            super("codefind-warmup", ClassLoader.getPlatformClassLoader());
        }

        Class<?> define(String name, byte[] bytes) {
            return defineClass(name, bytes, 0, bytes.length);
        }
    }
}
