package io.github.codefind.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.codefind.PatchResult;
import io.github.codefind.conform.Change;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import org.junit.jupiter.api.Test;

/**
 * The runner-level edit-sequence property of {@link RunnerEditSequencePropertiesTest}, with class-folder
 * builds instead of source saves: random versions of a program of nine source files are compiled with
 * javac and written into a class folder that a real runner watches with its real watcher, file by file in
 * random order with random gaps, as an IDE or {@code mvn compile} writes them. Versions change bodies; add a
 * method in one class and call it from another, and remove both again; insert, remove, reorder and edit
 * anonymous classes and lambdas; add a supertype the JVM refuses, and revert it; revert files, or the
 * whole program, to earlier versions. Builds write the class files of the changed sources, or only the
 * class files whose bytes changed (an IDE), or delete every class file and write them all again
 * ({@code mvn compile}).
 *
 * <p>Throughout, while a thread calls the program: no {@link NoSuchMethodError} or other
 * {@link IncompatibleClassChangeError} for a member the running code has, and no object of an anonymous
 * class or lambda made before a build runs another one's body. After each build is taken in: each class
 * runs the version the model predicts (the build's, or the one it ran, for a refused build and what needs
 * it); {@code notLive()} lists exactly the class files whose bytes do not run, each with a reason; every
 * object made before runs the body the model says. At the end, after a build the JVM accepts, the live
 * program answers as a fresh load of the folder does, and nothing is listed.
 *
 * <p>Which old object runs which body follows the documented matching (docs/jvms.md, {@code Pairing}):
 * equal bodies pair first, a lone changed body on each side pairs as changed in place, and several
 * changed bodies at once cannot be told apart, so that class is refused. Matching is against the code
 * the class runs: a removed body is never paired again, nor is its name given to new code.
 *
 * <p>{@code -Dcodefind.builds.tries=N} runs N seeded sequences in {@link #seededBuildsConverge};
 * {@code -Dcodefind.builds.seed=S} runs the sequence of seed S there and in the property (a failure
 * names its seed); {@code -Dcodefind.builds.verbose=true} prints what each sequence did.
 */
public class RunnerBuildPropertiesTest {
    /** Editable classes F0..F5; with Main, Support and Idle the program has nine source files. */
    private static final int FILES = 6;
    private static final AtomicInteger PACKAGES = new AtomicInteger();
    /**
     * How often each kind of edit comes, in percent, by {@link Edit#kind()}: anonymous classes and lambdas
     * most, where the matching hazards are.
     */
    private static final int[] WEIGHTS = {10, 16, 12, 12, 12, 10, 8, 9, 5, 3, 3};
    /** A write inside one source file's group that came later than this was a stalled writer, not a gap. */
    private static final long STALL_MILLIS = 250;

    /** How a build writes the class folder. */
    enum Kind {
        /** The class files of each source file that changed, all of them (javac, an IDE's incremental build). */
        SOURCES,
        /** Only the class files whose bytes changed (an IDE that compares its output). */
        CHANGED,
        /** Every class file deleted, then all written again ({@code mvn clean compile}). */
        CLEAN
    }

    /**
     * One edit of the program's sources.
     *
     * @param kind 0 a body, 1 insert an anonymous class ({@code b} even) or lambda at {@code a}, 2 remove the
     *     item at {@code a}, 3 move the item at {@code a} to {@code b}, 4 change the item's body at {@code a},
     *     5 add {@code extra()} to class {@code b} if it lacks it and call it from {@code file}, 6 remove
     *     {@code extra()} from {@code file} and every call of it, 7 a supertype the JVM refuses (or its
     *     revert), 8 revert the file to its {@code a}-th version, 9 revert every file to the program after
     *     build {@code a}, 10 a body of Idle, a class the program never loads
     * @param file which class F0..F5
     * @param a a position, or which earlier version
     * @param b a second position, a class, or which supertype
     */
    record Edit(int kind, int file, int a, int b) {
    }

    /**
     * One build.
     *
     * @param edits the edits of the sources since the last build
     * @param kind how the build writes the folder
     * @param millis about how long writing it takes in all
     * @param gapMillis how long the next build waits after this one was taken in
     * @param order the seed of the build's write order and gaps
     */
    record Build(List<Edit> edits, Kind kind, int millis, int gapMillis, long order) {
    }

    /** @return any seed, or only the one {@code -Dcodefind.builds.seed} names, to reproduce a failure */
    @Provide
    Arbitrary<Long> seeds() {
        Long fixed = Long.getLong("codefind.builds.seed");
        return fixed != null ? Arbitraries.just(fixed) : Arbitraries.longs();
    }

    /**
     * Random sequences; a failure names its seed. Not shrunk: the sequence comes from one seed, and each try
     * takes seconds of real builds.
     */
    @Property(tries = 2, shrinking = ShrinkingMode.OFF)
    void buildsConverge(@ForAll("seeds") long seed) {
        check(seed, sequence(new Random(seed)));
    }

    /** The same check with fixed seeds, as a plain test: it also runs in the other JDKs' child JVMs. */
    @Test
    void seededBuildsConverge() {
        Long fixed = Long.getLong("codefind.builds.seed");
        if (fixed != null) {
            check(fixed, sequence(new Random(fixed)));
            return;
        }
        int tries = Integer.getInteger("codefind.builds.tries", 1);
        for (long seed = 1; seed <= tries; seed++) {
            check(seed, sequence(new Random(seed)));
        }
    }

    /**
     * A sequence the random ones find rarely: a method added in one class and called from another while
     * anonymous classes move, a refused supertype that holds back the class that calls its new method,
     * a clean rebuild that lets both go live, and the method removed again with its call.
     */
    @Test
    void aCallOfARefusedClassesNewMethodWaitsWithItThroughACleanBuild() {
        List<Build> builds = List.of(
                new Build(List.of(new Edit(5, 2, 0, 3), new Edit(1, 0, 0, 0)), Kind.SOURCES, 900, 0, 1),
                new Build(List.of(new Edit(3, 0, 0, 2), new Edit(4, 1, 0, 0)), Kind.CHANGED, 600, 0, 2),
                new Build(List.of(new Edit(7, 5, 0, 1), new Edit(5, 4, 0, 5), new Edit(1, 3, 1, 1)), Kind.SOURCES,
                        1500, 0, 3),
                new Build(List.of(new Edit(7, 5, 0, 0), new Edit(3, 3, 0, 1)), Kind.CLEAN, 1200, 0, 4),
                new Build(List.of(new Edit(6, 3, 0, 0), new Edit(6, 5, 0, 0), new Edit(2, 0, 2, 0)), Kind.SOURCES,
                        700, 0, 5));
        check(-1, builds);
    }

    /** @return a random sequence of a few builds: short, so that the class stays within its time budget */
    static List<Build> sequence(Random random) {
        List<Build> builds = new ArrayList<>();
        for (int n = 0, count = 3 + random.nextInt(3); n < count; n++) {
            List<Edit> edits = new ArrayList<>();
            for (int e = 0, m = 1 + random.nextInt(3); e < m; e++) {
                edits.add(new Edit(kind(random.nextInt(100)), random.nextInt(FILES), random.nextInt(10),
                        random.nextInt(10)));
            }
            int k = random.nextInt(100);
            Kind kind = k < 65 ? Kind.SOURCES : k < 85 ? Kind.CHANGED : Kind.CLEAN;
            // Mostly short waits between builds, sometimes up to 2 s.
            double g = random.nextDouble();
            builds.add(new Build(edits, kind, 300 + random.nextInt(1701), (int) (2000 * g * g * g), random.nextLong()));
        }
        return builds;
    }

    /** @return the kind of edit a percentile stands for, by {@link #WEIGHTS} */
    private static int kind(int percentile) {
        int r = percentile;
        for (int k = 0; k < WEIGHTS.length; k++) {
            r -= WEIGHTS[k];
            if (r < 0) {
                return k;
            }
        }
        return WEIGHTS.length - 1;
    }

    private static void check(long seed, List<Build> builds) {
        Path root;
        try {
            root = Files.createTempDirectory("codefind-build-property");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try (Run run = new Run(seed, root)) {
            for (Build b : builds) {
                run.build(b);
            }
            run.finish();
            if (Boolean.getBoolean("codefind.builds.verbose")) {
                System.out.println(run.context("passed"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            deleteTree(root);
        }
    }

    // ---------------------------------------------------------------------------------------------
    // The model: the program's sources as values.

    /**
     * An anonymous class or a lambda in {@code make()}.
     *
     * @param kind {@code 'a'} for an anonymous class, {@code 'l'} for a lambda
     * @param id which one: a new one gets a new id
     * @param version its body's version
     */
    record Item(char kind, int id, int version) {
        /** @return whether it is an anonymous class */
        boolean anonymous() {
            return kind == 'a';
        }

        /** @return what its {@code get()} returns in class F<i>file</i>: its body, unique to it */
        String body(int file) {
            return "F" + file + kind + id + "." + version;
        }
    }

    /**
     * One class F<i>i</i>'s source, as a value.
     *
     * @param body the version of {@code value()}'s body
     * @param extra the version of {@code extra()}'s body, or -1 if the class has no {@code extra()}
     * @param calls the class whose {@code extra()} {@code value()} calls, or -1
     * @param refused 0, or a supertype the JVM refuses: 1 an interface, 2 a superclass
     * @param items the anonymous classes and lambdas {@code make()} makes, in source order
     */
    record FState(int body, int extra, int calls, int refused, List<Item> items) {
        FState {
            items = List.copyOf(items);
        }

        /** @return class F<i>i</i> at start: F1 has {@code extra()}, which F0 calls; each makes one of each */
        static FState initial(int i) {
            return new FState(0, i == 1 ? 0 : -1, i == 0 ? 1 : -1, 0, List.of(new Item('a', 0, 0), new Item('l', 1, 0)));
        }

        /** @return this version with another {@code value()} body */
        FState withBody(int v) {
            return new FState(v, extra, calls, refused, items);
        }

        /** @return this version with another {@code extra()}, or none (-1) */
        FState withExtra(int v) {
            return new FState(body, v, calls, refused, items);
        }

        /** @return this version calling another class's {@code extra()}, or none (-1) */
        FState withCalls(int target) {
            return new FState(body, extra, target, refused, items);
        }

        /** @return this version with another supertype, or none (0) */
        FState withRefused(int r) {
            return new FState(body, extra, calls, r, items);
        }

        /** @return this version making other anonymous classes and lambdas */
        FState withItems(List<Item> list) {
            return new FState(body, extra, calls, refused, list);
        }

        /**
         * @return what {@code host()} returns: everything the outer class's bytes depend on (the anonymous
         *     classes' bodies are in their own class files)
         */
        String tag(int file) {
            StringBuilder b = new StringBuilder("b" + body + ",x" + extra + ",c" + calls + ",r" + refused + ",[");
            for (Item it : items) {
                b.append(it.anonymous() ? "a" : it.body(file)).append(';');
            }
            return b.append(']').toString();
        }

        /** @return what {@code probe()} returns when this version runs */
        String probe(int file) {
            StringBuilder b = new StringBuilder(tag(file));
            for (Item it : items) {
                b.append('|').append(it.body(file));
            }
            return b.toString();
        }

        /** @return its anonymous classes, or its lambdas, in source order: each kind is matched on its own */
        List<Item> of(boolean anonymous) {
            return items.stream().filter(it -> it.anonymous() == anonymous).toList();
        }

        /** @return the source of class F<i>i</i> in this version */
        String source(String pkg, int i) {
            StringBuilder b = new StringBuilder("package " + pkg + ";\n\nimport java.util.ArrayList;\n"
                    + "import java.util.List;\nimport java.util.function.Supplier;\n\npublic class F" + i);
            if (refused == 2) {
                b.append(" extends Support"); // a new superclass: refused by a stock JVM
            } else if (refused == 1) {
                b.append(" implements java.io.Serializable"); // a new interface: refused by a stock JVM
            }
            b.append(" {\n    static final List<Object> KEPT = new ArrayList<>();\n\n"
                    + "    public static List<Supplier<String>> make() {\n"
                    + "        List<Supplier<String>> out = new ArrayList<>();\n");
            for (Item it : items) {
                b.append(it.anonymous()
                        ? "        out.add(new Supplier<String>() { public String get() { return \"" + it.body(i)
                                + "\"; } });\n"
                        : "        out.add(() -> \"" + it.body(i) + "\");\n");
            }
            b.append("        return out;\n    }\n\n"
                    + "    public static List<Supplier<String>> keep() {\n"
                    + "        List<Supplier<String>> made = make();\n        KEPT.addAll(made);\n        return made;\n    }\n\n"
                    + "    public static String host() {\n        return \"").append(tag(i)).append("\";\n    }\n\n"
                    + "    public static String probe() {\n        StringBuilder b = new StringBuilder(host());\n"
                    + "        for (Supplier<String> s : make()) {\n            b.append('|').append(s.get());\n"
                    + "        }\n        return b.toString();\n    }\n\n"
                    + "    public static String value() {\n        return \"F").append(i).append(':').append(body)
                    .append('"');
            if (calls >= 0) {
                b.append(" + \"+\" + F").append(calls).append(".extra()");
            }
            b.append(";\n    }\n");
            if (extra >= 0) {
                b.append("\n    public static String extra() {\n        return \"F").append(i).append(".extra:")
                        .append(extra).append("\";\n    }\n");
            }
            return b.append("}\n").toString();
        }
    }

    /**
     * The whole program's sources.
     *
     * @param files F0..F5
     * @param idle the version of Idle's body
     */
    record Program(List<FState> files, int idle) {
        Program {
            files = List.copyOf(files);
        }

        /** @return every source file, by file name under the package */
        Map<String, String> sources(String pkg) {
            Map<String, String> sources = new TreeMap<>();
            StringBuilder all = new StringBuilder("package " + pkg + ";\n\npublic class Main {\n"
                    + "    public static String all() {\n        return F0.value()");
            for (int i = 0; i < FILES; i++) {
                sources.put(pkg + "/F" + i + ".java", files.get(i).source(pkg, i));
                if (i > 0) {
                    all.append(" + \" \" + F").append(i).append(".value()");
                }
            }
            sources.put(pkg + "/Main.java", all.append(";\n    }\n}\n").toString());
            sources.put(pkg + "/Support.java", "package " + pkg + ";\n\npublic class Support {\n}\n");
            sources.put(pkg + "/Idle.java", "package " + pkg + ";\n\npublic class Idle {\n"
                    + "    public static String value() {\n        return \"Idle:" + idle + "\";\n    }\n}\n");
            return sources;
        }
    }

    /**
     * What the model knows of one anonymous class or lambda the JVM has: the body its objects run, and,
     * for an anonymous class, the JVM's name for it once seen. Fields are read by the calling thread.
     */
    static final class Code {
        final int file;
        final char kind;
        /** The body its objects run now. */
        volatile String body;
        /** While a build is written: the body it runs once the build is taken in, if it changes; else null. */
        volatile String next;
        /** For an anonymous class: the JVM's name for it, once an object of it was seen. */
        String jvmName;

        /**
         * @param file which class F<i>i</i> it belongs to
         * @param kind {@code 'a'} or {@code 'l'}
         * @param body the body it runs
         */
        Code(int file, char kind, String body) {
            this.file = file;
            this.kind = kind;
            this.body = body;
        }

        @Override
        public String toString() {
            return (kind == 'a' ? "anonymous " : "lambda ") + body + (jvmName == null ? "" : " (" + jvmName + ")");
        }
    }

    /**
     * The documented matching of one kind of unnamed code: equal bodies pair first, in order; then a lone
     * changed body on each side pairs as changed in place; several changed bodies cannot be told apart
     * (all of ours are equally alike), so the class is refused.
     *
     * @param codes for each new item in order, the code it replaces, or null for new code
     * @param ambiguous whether the matching cannot be told, so that the class is refused
     */
    record Pairing(List<Code> codes, boolean ambiguous) {
        /**
         * @param old the codes to match against, in order
         * @param bodies the new bodies, in order
         * @return the matching
         */
        static Pairing of(List<Code> old, List<String> bodies) {
            List<Code> codes = new ArrayList<>(Collections.nCopies(bodies.size(), (Code) null));
            List<Code> oldLeft = new ArrayList<>(old);
            List<Integer> newLeft = new ArrayList<>();
            for (int n = 0; n < bodies.size(); n++) {
                Code match = null;
                for (Code c : oldLeft) {
                    if (c.body.equals(bodies.get(n))) {
                        match = c;
                        break;
                    }
                }
                if (match == null) {
                    newLeft.add(n);
                } else {
                    oldLeft.remove(match);
                    codes.set(n, match);
                }
            }
            if (oldLeft.isEmpty() || newLeft.isEmpty()) {
                return new Pairing(codes, false);
            }
            if (oldLeft.size() == 1 && newLeft.size() == 1) {
                codes.set(newLeft.get(0), oldLeft.get(0));
                return new Pairing(codes, false);
            }
            return new Pairing(codes, true);
        }
    }

    /** What a build does to one class, as predicted. */
    enum Outcome {
        /** Its class files did not change against what runs. */
        SAME,
        /** It goes live. */
        LIVE,
        /** The JVM or codefind refuses it: it keeps running what it ran. */
        REFUSED,
        /** It waits for what it needs, or for code that still uses what it removes. */
        HELD,
        /** Refused, and needing what is held or refused: the runner may say either. */
        REFUSED_OR_HELD
    }

    /** An object of an anonymous class or lambda made before a build, and the code the model says it is. */
    record Kept(Supplier<String> object, Code code) {
    }

    // ---------------------------------------------------------------------------------------------
    // One sequence against a live runner.

    /** One sequence of builds: the project, the model of what is on disk and what runs, and the caller. */
    static final class Run implements AutoCloseable {
        private final long seed;
        private final String pkg = "rb" + PACKAGES.incrementAndGet();
        private final ClassFolderProject p;
        /** What the folder holds, as sources. */
        private Program disk;
        /** The program after each build, for reverts. */
        private final List<Program> snapshots = new ArrayList<>();
        /** Every version each class had on disk, for reverts and to tell which one runs. */
        private final List<List<FState>> histories = new ArrayList<>();
        /** The version each class runs. */
        private final FState[] running = new FState[FILES];
        /** The code each class's running {@code make()} makes, in order. */
        private final List<List<Code>> runningCodes = new ArrayList<>();
        /** Every code each class ever ran, including removed ones (their objects keep their bodies). */
        private final List<List<Code>> allCodes = new ArrayList<>();
        /** The class files javac wrote for each version of each class, by internal name. */
        private final List<Map<FState, Map<String, byte[]>>> compiled = new ArrayList<>();
        /** The class folder's contents, by internal name. */
        private final Map<String, byte[]> onDisk = new TreeMap<>();
        /** For each class file, the bytes it held when its class last went live: what runs for it. */
        private final Map<String, byte[]> lastLive = new HashMap<>();
        /**
         * Class files deleted, since they last went live, while no class of their name was loaded: the
         * runner may have forgotten what ran for them.
         */
        private final Set<String> mayBeForgotten = new HashSet<>();
        private final List<Kept> kept = new CopyOnWriteArrayList<>();
        private final int[] nextId = new int[FILES];
        private int nextVersion = 1;
        /** What was done so far, for failure messages. */
        private final List<String> done = new ArrayList<>();
        private final Caller caller;
        private final Random order = new Random();
        /** The longest a write inside one source file's group came after the previous one, in milliseconds. */
        private long longestStall;

        /**
         * Writes the first version, loads it, starts a runner on its class folder, keeps one object of each
         * anonymous class and lambda, and starts calling the program.
         *
         * @param seed the sequence's seed, for failure messages
         * @param root an empty folder
         */
        Run(long seed, Path root) throws IOException {
            this.seed = seed;
            List<FState> files = new ArrayList<>();
            for (int i = 0; i < FILES; i++) {
                FState s = FState.initial(i);
                files.add(s);
                histories.add(new ArrayList<>(List.of(s)));
                running[i] = s;
                compiled.add(new HashMap<>());
                nextId[i] = 2;
                runningCodes.add(new ArrayList<>());
                allCodes.add(new ArrayList<>());
                for (Item it : s.items()) {
                    Code c = new Code(i, it.kind(), it.body(i));
                    runningCodes.get(i).add(c);
                    allCodes.get(i).add(c);
                }
            }
            disk = new Program(files, 0);
            snapshots.add(disk);
            Map<String, String> sources = disk.sources(pkg);
            List<String> load = new ArrayList<>(List.of(pkg + ".Main"));
            for (int i = 0; i < FILES; i++) {
                load.add(pkg + ".F" + i);
            }
            p = new ClassFolderProject(root, sources, load, List.of());
            Map<String, byte[]> bytes = p.compile(sources);
            remember(disk, bytes);
            onDisk.putAll(bytes);
            lastLive.putAll(bytes);
            for (int i = 0; i < FILES; i++) {
                keep(i);
            }
            caller = new Caller(this);
            caller.start();
        }

        // --- the next version -------------------------------------------------------------------

        /** Writes one build and checks what the runner made of it. */
        void build(Build b) {
            Program next = edit(b.edits());
            String what = "build " + snapshots.size() + " " + b.kind() + " " + b.edits();
            write(next, b, what);
            if (b.gapMillis() > 0) {
                ClassFolderProject.pause(b.gapMillis());
            }
        }

        /**
         * The final build, one the JVM accepts: each class becomes what it runs, with a new body, so that
         * everything goes live.
         */
        void finish() {
            List<FState> files = new ArrayList<>();
            for (int i = 0; i < FILES; i++) {
                files.add(running[i].withBody(nextVersion++));
            }
            Program last = new Program(files, disk.idle() + 1);
            Prediction predicted = write(last, new Build(List.of(), Kind.SOURCES, 600, 0, seed), "final build");
            for (int i = 0; i < FILES; i++) {
                assertTrue(predicted.outcomes[i] == Outcome.LIVE || predicted.outcomes[i] == Outcome.SAME,
                        "the final build must be one the JVM accepts: F" + i + " " + predicted.outcomes[i]);
            }
            assertEquals(Map.of(), p.notLive(), context("after the final build"));
            Object live = p.call(pkg + ".Main", "all");
            assertEquals(p.callFresh(pkg + ".Main", "all"), live, context("Main.all()"));
            for (int i = 0; i < FILES; i++) {
                for (String m : List.of("probe", "value", "host")) {
                    assertEquals(p.callFresh(pkg + ".F" + i, m), p.call(pkg + ".F" + i, m), context("F" + i + "." + m + "()"));
                }
            }
            assertEquals(p.callFresh(pkg + ".Idle", "value"), p.call(pkg + ".Idle", "value"), context("Idle.value()"));
            assertEquals("Idle:" + last.idle(), p.call(pkg + ".Idle", "value"));
        }

        /**
         * @return the program after the edits, made consistent (javac compiles it whole)
         */
        private Program edit(List<Edit> edits) {
            List<FState> files = new ArrayList<>(disk.files());
            int idle = disk.idle();
            for (Edit e : edits) {
                int i = e.file();
                FState s = files.get(i);
                List<Item> items = new ArrayList<>(s.items());
                switch (e.kind()) {
                    case 0 -> files.set(i, s.withBody(nextVersion++));
                    case 1 -> {
                        items.add(e.a() % (items.size() + 1), new Item(e.b() % 2 == 0 ? 'a' : 'l', nextId[i]++, 0));
                        files.set(i, s.withItems(items));
                    }
                    case 2, 3, 4 -> {
                        if (items.isEmpty()) {
                            files.set(i, s.withBody(nextVersion++));
                        } else if (e.kind() == 2) {
                            items.remove(e.a() % items.size());
                            files.set(i, s.withItems(items));
                        } else if (e.kind() == 3) {
                            Item moved = items.remove(e.a() % items.size());
                            items.add(e.b() % (items.size() + 1), moved);
                            files.set(i, s.withItems(items));
                        } else {
                            int at = e.a() % items.size();
                            Item it = items.get(at);
                            items.set(at, new Item(it.kind(), it.id(), nextVersion++));
                            files.set(i, s.withItems(items));
                        }
                    }
                    case 5 -> {
                        int target = e.b() % FILES == i ? (i + 1) % FILES : e.b() % FILES;
                        if (files.get(target).extra() < 0) {
                            files.set(target, files.get(target).withExtra(nextVersion++));
                        }
                        files.set(i, files.get(i).withCalls(target));
                    }
                    case 6 -> {
                        files.set(i, s.withExtra(-1));
                        for (int k = 0; k < FILES; k++) {
                            if (files.get(k).calls() == i) {
                                files.set(k, files.get(k).withCalls(-1));
                            }
                        }
                    }
                    case 7 -> files.set(i, s.withRefused(s.refused() != 0 ? 0 : 1 + e.b() % 2));
                    case 8 -> files.set(i, histories.get(i).get(e.a() % histories.get(i).size()));
                    case 9 -> {
                        Program earlier = snapshots.get(e.a() % snapshots.size());
                        files = new ArrayList<>(earlier.files());
                        idle = earlier.idle();
                    }
                    default -> idle++;
                }
            }
            // What is called must exist: javac compiles every version whole.
            for (int k = 0; k < FILES; k++) {
                int j = files.get(k).calls();
                if (j >= 0 && files.get(j).extra() < 0) {
                    files.set(j, files.get(j).withExtra(nextVersion++));
                }
            }
            return new Program(files, idle);
        }

        // --- predicting what the runner does ---------------------------------------------------------

        /** What a build does, class by class, as predicted before it is written. */
        static final class Prediction {
            final Outcome[] outcomes = new Outcome[FILES];
            final FState[] runs = new FState[FILES];
            /** For each class that goes live: the code each of its new items runs (existing or new). */
            final Map<Integer, List<Code>> codes = new HashMap<>();
        }

        /**
         * The runner takes the pending classes whose versions the JVM accepts, then holds those whose new
         * code needs an {@code extra()} neither the build nor the running program has, and those that
         * remove an {@code extra()} code that keeps running still calls, until nothing changes.
         */
        private Prediction predict(Program next) {
            Prediction out = new Prediction();
            boolean[] taken = new boolean[FILES];
            boolean[] refused = new boolean[FILES];
            for (int i = 0; i < FILES; i++) {
                FState to = next.files().get(i);
                if (to.equals(running[i])) {
                    out.outcomes[i] = Outcome.SAME;
                    continue;
                }
                List<Code> codes = plan(i, to);
                refused[i] = to.refused() != 0 || codes == null;
                taken[i] = !refused[i];
                if (codes != null) {
                    out.codes.put(i, codes);
                }
            }
            boolean more = true;
            while (more) {
                more = false;
                for (int i = 0; i < FILES; i++) {
                    int j = next.files().get(i).calls();
                    if (taken[i] && j >= 0 && (taken[j] ? next.files().get(j) : running[j]).extra() < 0) {
                        taken[i] = false;
                        more = true;
                    }
                }
                for (int k = 0; k < FILES; k++) {
                    int j = running[k].calls();
                    if (!taken[k] && j >= 0 && taken[j] && next.files().get(j).extra() < 0) {
                        taken[j] = false;
                        more = true;
                    }
                }
            }
            for (int i = 0; i < FILES; i++) {
                if (out.outcomes[i] == Outcome.SAME) {
                    out.runs[i] = running[i];
                    continue;
                }
                out.runs[i] = taken[i] ? next.files().get(i) : running[i];
                int j = next.files().get(i).calls();
                boolean needsMet = j < 0 || (taken[j] ? next.files().get(j) : running[j]).extra() >= 0;
                out.outcomes[i] = taken[i] ? Outcome.LIVE : !refused[i] ? Outcome.HELD
                        : needsMet ? Outcome.REFUSED : Outcome.REFUSED_OR_HELD;
            }
            return out;
        }

        /**
         * @return for each item of the version, the code it replaces (or a new code), by the documented
         *     matching against what the class runs; null if the matching is ambiguous, so the class is refused
         */
        private List<Code> plan(int i, FState to) {
            List<Code> result = new ArrayList<>();
            Map<Boolean, Pairing> pairings = new HashMap<>();
            for (boolean anonymous : List.of(true, false)) {
                List<String> bodies = new ArrayList<>();
                for (Item it : to.of(anonymous)) {
                    bodies.add(it.body(i));
                }
                List<Code> old = runningCodes.get(i).stream().filter(c -> (c.kind == 'a') == anonymous).toList();
                Pairing pairing = Pairing.of(old, bodies);
                if (pairing.ambiguous()) {
                    return null;
                }
                pairings.put(anonymous, pairing);
            }
            Map<Boolean, Integer> at = new HashMap<>(Map.of(true, 0, false, 0));
            for (Item it : to.items()) {
                int n = at.merge(it.anonymous(), 1, Integer::sum) - 1;
                Code c = pairings.get(it.anonymous()).codes().get(n);
                result.add(c != null ? c : new Code(i, it.kind(), it.body(i)));
            }
            return result;
        }

        // --- writing a build --------------------------------------------------------------------------

        /** Writes a version as a build of a kind, waits until the runner took it in, and checks. */
        private Prediction write(Program next, Build b, String what) {
            Map<String, String> sources = next.sources(pkg);
            Map<String, byte[]> bytes = p.compile(sources);
            remember(next, bytes);
            for (int i = 0; i < FILES; i++) {
                List<FState> h = histories.get(i);
                if (!h.contains(next.files().get(i))) {
                    h.add(next.files().get(i));
                }
            }
            Prediction predicted = predict(next);
            // The caller may see each kept object run its body now or the one it runs after this build.
            predicted.codes.forEach((i, codes) -> {
                if (predicted.outcomes[i] == Outcome.LIVE) {
                    for (int n = 0; n < codes.size(); n++) {
                        String body = next.files().get(i).items().get(n).body(i);
                        if (!body.equals(codes.get(n).body)) {
                            codes.get(n).next = body;
                        }
                    }
                }
            });
            boolean[] heldBefore = new boolean[FILES];
            for (int i = 0; i < FILES; i++) {
                heldBefore[i] = !disk.files().get(i).equals(running[i]) && disk.files().get(i).refused() == 0;
            }
            done.add(what + " -> " + Arrays.toString(predicted.outcomes));
            List<List<Runnable>> groups = writes(next, bytes, b, heldBefore);
            perform(groups, b);
            disk = next;
            snapshots.add(next);
            p.awaitTakenIn();
            verify(predicted);
            return predicted;
        }

        /**
         * @return the build's writes and deletions, one group per source file, in the order they are made.
         *     A class that waited (held) before this build and changes in it is written first, before any
         *     other: were another group's files taken before its own, it could go live with the version it
         *     waited with, which the build then replaces, and the model would not know which went live.
         */
        private List<List<Runnable>> writes(Program next, Map<String, byte[]> bytes, Build b, boolean[] heldBefore) {
            Random random = new Random(b.order());
            Map<String, List<Runnable>> bySource = new TreeMap<>();
            List<Runnable> first = new ArrayList<>();
            List<Runnable> deletions = new ArrayList<>();
            Set<String> sources = new TreeSet<>();
            for (String name : bytes.keySet()) {
                sources.add(sourceOf(name));
            }
            for (String name : onDisk.keySet()) {
                sources.add(sourceOf(name));
            }
            for (String source : sources) {
                boolean sourceChanged = false;
                for (String name : union(bytes.keySet(), onDisk.keySet())) {
                    if (sourceOf(name).equals(source) && !Arrays.equals(bytes.get(name), onDisk.get(name))) {
                        sourceChanged = true;
                    }
                }
                List<Runnable> ops = new ArrayList<>();
                for (String name : union(bytes.keySet(), onDisk.keySet())) {
                    if (!sourceOf(name).equals(source)) {
                        continue;
                    }
                    byte[] now = onDisk.get(name);
                    byte[] then = bytes.get(name);
                    if (then == null) {
                        if (b.kind() == Kind.CLEAN) {
                            deletions.add(() -> delete(name));
                        } else {
                            ops.add(() -> delete(name));
                        }
                    } else if (b.kind() == Kind.CLEAN) {
                        deletions.add(() -> delete(name));
                        ops.add(() -> write(name, then));
                    } else if (b.kind() == Kind.SOURCES ? sourceChanged : !Arrays.equals(now, then)) {
                        ops.add(() -> write(name, then));
                    }
                }
                if (ops.isEmpty()) {
                    continue;
                }
                Collections.shuffle(ops, random);
                int file = source.startsWith("F") ? Integer.parseInt(source.substring(1)) : -1;
                if (b.kind() != Kind.CLEAN && file >= 0 && heldBefore[file]) {
                    first.addAll(ops);
                } else {
                    bySource.put(source, ops);
                }
            }
            List<List<Runnable>> groups = new ArrayList<>(bySource.values());
            Collections.shuffle(groups, random);
            if (!first.isEmpty()) {
                groups.add(0, first);
            }
            if (!deletions.isEmpty()) {
                groups.add(0, deletions);
            }
            return groups;
        }

        /** Performs the groups: writes of one group 0-20 ms apart, groups apart by gaps that fill the build's time. */
        private void perform(List<List<Runnable>> groups, Build b) {
            Random random = new Random(b.order() * 31 + 7);
            double[] weights = new double[Math.max(0, groups.size() - 1)];
            double sum = 0;
            for (int g = 0; g < weights.length; g++) {
                weights[g] = random.nextDouble();
                sum += weights[g];
            }
            for (int g = 0; g < groups.size(); g++) {
                List<Runnable> ops = groups.get(g);
                long due = System.nanoTime();
                for (int o = 0; o < ops.size(); o++) {
                    // How much later than meant this write comes: a writer the machine did not schedule.
                    longestStall = Math.max(longestStall, (System.nanoTime() - due) / 1_000_000);
                    ops.get(o).run();
                    int gap = o < ops.size() - 1 ? random.nextInt(21) : 0;
                    due = System.nanoTime() + gap * 1_000_000L;
                    if (gap > 0) {
                        ClassFolderProject.pause(gap);
                    }
                }
                if (g < weights.length) {
                    ClassFolderProject.pause((long) (b.millis() * weights[g] / sum));
                }
            }
        }

        private void write(String name, byte[] bytes) {
            p.write(name, bytes);
            onDisk.put(name, bytes);
        }

        private void delete(String name) {
            p.delete(name);
            onDisk.remove(name);
            if (!loaded(name)) {
                mayBeForgotten.add(name);
            }
        }

        /**
         * @return whether the program is known to have loaded a class of the name of a class file (a class
         *     defined by the build being written has no name seen yet: not known, so the runner may forget)
         */
        private boolean loaded(String internalName) {
            String source = sourceOf(internalName);
            if (source.equals("Main") || source.startsWith("F") && !internalName.contains("$")) {
                return true;
            }
            for (List<Code> codes : allCodes) {
                for (Code c : codes) {
                    if (c.kind == 'a' && internalName.replace('/', '.').equals(c.jvmName)) {
                        return true;
                    }
                }
            }
            return false;
        }

        /** Records the class files javac wrote for each class's version. */
        private void remember(Program program, Map<String, byte[]> bytes) {
            for (int i = 0; i < FILES; i++) {
                Map<String, byte[]> mine = new TreeMap<>();
                for (Map.Entry<String, byte[]> e : bytes.entrySet()) {
                    if (sourceOf(e.getKey()).equals("F" + i)) {
                        mine.put(e.getKey(), e.getValue());
                    }
                }
                compiled.get(i).putIfAbsent(program.files().get(i), mine);
            }
        }

        /** @return the source file's class name (F3) of a class file (rb1/F3$2) */
        private static String sourceOf(String internalName) {
            String simple = internalName.substring(internalName.lastIndexOf('/') + 1);
            int dollar = simple.indexOf('$');
            return dollar < 0 ? simple : simple.substring(0, dollar);
        }

        private static Set<String> union(Set<String> a, Set<String> b) {
            Set<String> all = new TreeSet<>(a);
            all.addAll(b);
            return all;
        }

        // --- checking ----------------------------------------------------------------------------------

        /** After a build was taken in: what runs, what is listed, and what every object runs. */
        private void verify(Prediction predicted) {
            caller.assertNoViolation();
            for (int i = 0; i < FILES; i++) {
                Object probe = p.call(pkg + ".F" + i, "probe");
                FState runs = null;
                for (FState s : histories.get(i)) {
                    if (s.probe(i).equals(probe)) {
                        runs = s;
                    }
                }
                assertNotNull(runs, context("F" + i + " runs no version it ever had: " + probe + "; expected "
                        + predicted.runs[i].probe(i)));
                assertEquals(predicted.runs[i], runs, context("F" + i + " (" + predicted.outcomes[i] + ") runs "
                        + runs + ", not " + predicted.runs[i]));
                Object value = p.call(pkg + ".F" + i, "value");
                assertFalse(String.valueOf(value).startsWith("threw"), context("F" + i + ".value() " + value));
            }
            // The model follows: what went live, and the bodies its codes run now.
            for (int i = 0; i < FILES; i++) {
                if (predicted.outcomes[i] == Outcome.LIVE) {
                    List<Code> codes = predicted.codes.get(i);
                    List<Item> items = predicted.runs[i].items();
                    for (int n = 0; n < codes.size(); n++) {
                        Code c = codes.get(n);
                        c.body = items.get(n).body(i);
                        c.next = null;
                        if (!allCodes.get(i).contains(c)) {
                            allCodes.get(i).add(c);
                        }
                    }
                    runningCodes.set(i, new ArrayList<>(codes));
                    running[i] = predicted.runs[i];
                    for (Map.Entry<String, byte[]> f : compiled.get(i).get(running[i]).entrySet()) {
                        lastLive.put(f.getKey(), f.getValue());
                        mayBeForgotten.remove(f.getKey());
                    }
                } else {
                    for (Code c : allCodes.get(i)) {
                        c.next = null;
                    }
                }
            }
            for (Map.Entry<String, byte[]> f : onDisk.entrySet()) {
                if (!sourceOf(f.getKey()).startsWith("F")) {
                    lastLive.put(f.getKey(), f.getValue()); // never loaded, or never changed: live as it is
                }
            }
            verifyNotLive(predicted);
            for (int i = 0; i < FILES; i++) {
                seeNames(i, call(i, "make"));
            }
            for (Kept k : kept) {
                assertEquals(k.code().body, k.object().get(), context("an object of " + k.code() + " made before"));
            }
            for (int i = 0; i < FILES; i++) {
                keep(i);
            }
        }

        /** {@code notLive()} lists exactly the class files whose bytes do not run, each with a reason. */
        private void verifyNotLive(Prediction predicted) {
            Map<String, String> listed = p.notLive();
            Set<String> expected = new TreeSet<>();
            Set<String> either = new TreeSet<>();
            for (Map.Entry<String, byte[]> f : onDisk.entrySet()) {
                boolean runs = Arrays.equals(f.getValue(), lastLive.get(f.getKey()));
                if (!runs) {
                    expected.add(f.getKey());
                } else if (mayBeForgotten.contains(f.getKey()) && f.getKey().contains("$")) {
                    either.add(f.getKey()); // the runner may not remember that these bytes ran
                }
            }
            Set<String> got = new TreeSet<>(listed.keySet());
            got.removeAll(either);
            assertEquals(expected, got, context("not live: " + listed));
            for (Map.Entry<String, String> n : listed.entrySet()) {
                String reason = n.getValue();
                assertFalse(reason == null || reason.isBlank(), context(n.getKey() + " is listed without a reason"));
                String source = sourceOf(n.getKey());
                assertTrue(source.startsWith("F"), context(n.getKey() + " is listed: " + reason));
                Outcome o = predicted.outcomes[Integer.parseInt(source.substring(1))];
                if (o == Outcome.REFUSED) {
                    assertTrue(reason.startsWith("refused"), context(n.getKey() + " is refused, but listed as: " + reason));
                } else if (o == Outcome.HELD) {
                    assertTrue(reason.contains("waiting for the rest of the build"),
                            context(n.getKey() + " waits for what it needs, but is listed as: " + reason));
                }
            }
        }

        /**
         * Learns, or checks, the JVM's name of each anonymous class a class's {@code make()} makes: a code
         * the model says an item replaces must be the very class the item's objects are of.
         */
        private void seeNames(int i, List<Supplier<String>> made) {
            List<Code> codes = runningCodes.get(i);
            assertEquals(codes.size(), made.size(), context("F" + i + ".make()"));
            for (int n = 0; n < made.size(); n++) {
                Code c = codes.get(n);
                assertEquals(c.body, made.get(n).get(), context("a new object of F" + i + "'s item " + n));
                if (c.kind != 'a') {
                    continue;
                }
                String name = made.get(n).getClass().getName();
                if (c.jvmName == null) {
                    for (Code other : allCodes.get(i)) {
                        assertFalse(other != c && name.equals(other.jvmName), context("the new " + c + " is "
                                + name + ", which is " + other + ": the engine paired it otherwise"));
                    }
                    c.jvmName = name;
                } else {
                    assertEquals(c.jvmName, name, context("F" + i + "'s item " + n + " should replace " + c));
                }
            }
        }

        /** Makes one object of each of a class's anonymous classes and lambdas, kept until the end. */
        private void keep(int i) {
            List<Supplier<String>> made = call(i, "keep");
            seeNames(i, made);
            for (int n = 0; n < made.size(); n++) {
                kept.add(new Kept(made.get(n), runningCodes.get(i).get(n)));
            }
        }

        @SuppressWarnings("unchecked")
        private List<Supplier<String>> call(int i, String method) {
            Object made = p.call(pkg + ".F" + i, method);
            assertTrue(made instanceof List, context("F" + i + "." + method + "() " + made));
            return (List<Supplier<String>>) made;
        }

        private String context(String what) {
            return what + "\nseed " + seed + " (-Dcodefind.builds.seed=" + seed + "); longest stall inside a"
                    + " source file's writes " + longestStall + " ms" + (longestStall > STALL_MILLIS ? " (STALLED)" : "")
                    + "\ndone: " + String.join("\n  ", done) + "\nnot live: " + p.notLive() + "\nconsole:\n" + p.console();
        }

        @Override
        public void close() throws IOException {
            try {
                caller.finish();
            } finally {
                p.close();
            }
        }
    }

    // ---------------------------------------------------------------------------------------------
    // The thread that calls the program while builds are written.

    /**
     * Calls {@code Main.all()} (every class's {@code value()}, which calls another's {@code extra()}) and
     * every kept object, continuously, and records what must never happen.
     */
    static final class Caller extends Thread {
        private static final Pattern REMOVED_BY = Pattern.compile("removed by codefind patch #(\\d+)");
        private final Run run;
        private final Method all;
        private volatile boolean stop;
        private final List<String> violations = new CopyOnWriteArrayList<>();
        private final AtomicInteger rounds = new AtomicInteger();

        /** @param run the sequence whose program and kept objects it calls */
        Caller(Run run) {
            super("codefind-build-property-caller");
            setDaemon(true);
            this.run = run;
            try {
                this.all = Class.forName(run.pkg + ".Main", true, run.p.loader()).getDeclaredMethod("all");
            } catch (ReflectiveOperationException e) {
                throw new AssertionError(e);
            }
        }

        @Override
        public void run() {
            while (!stop && violations.size() < 5) {
                try {
                    all.invoke(null);
                } catch (InvocationTargetException e) {
                    judge(e.getCause());
                } catch (ReflectiveOperationException e) {
                    violations.add("Main.all() cannot be called: " + e);
                }
                for (Kept k : run.kept) {
                    String next = k.code().next;
                    String body = k.code().body;
                    String got;
                    try {
                        got = k.object().get();
                    } catch (RuntimeException | LinkageError e) {
                        violations.add("an object of " + k.code() + " threw " + e);
                        continue;
                    }
                    if (!got.equals(body) && !got.equals(next)) {
                        violations.add("an object of " + k.code() + " ran " + got + "; it may run " + body
                                + (next == null ? "" : " or " + next));
                    }
                }
                rounds.incrementAndGet();
                LockSupport.parkNanos(200_000);
            }
        }

        /**
         * A linkage error is a violation unless it is a frame that started before a patch removed what it
         * calls: the old frame keeps its old code and calls the removed member, but only when that same
         * patch changed the calling class, so that its new code no longer calls it.
         */
        private void judge(Throwable t) {
            if (!(t instanceof LinkageError)) {
                violations.add("Main.all() threw " + t);
                return;
            }
            Matcher m = REMOVED_BY.matcher(String.valueOf(t.getMessage()));
            String callerClass = null;
            for (StackTraceElement e : t.getStackTrace()) {
                if (e.getMethodName().equals("value")) {
                    callerClass = e.getClassName();
                    break;
                }
            }
            if (m.find() && callerClass != null) {
                long id = Long.parseLong(m.group(1));
                PatchResult patch = awaitPatch(id);
                if (patch != null) {
                    for (Change c : patch.patch().orElseThrow().changes()) {
                        if (c.unit().declaringClass().name().equals(callerClass)) {
                            return; // its old frame, as the patch replaced it
                        }
                    }
                }
            }
            StringBuilder trace = new StringBuilder(t.toString());
            for (StackTraceElement e : t.getStackTrace()) {
                trace.append("\n    at ").append(e);
            }
            violations.add("Main.all() threw " + trace);
        }

        /** @return the applied patch of that id, once the runner reported it; null if it never does */
        private PatchResult awaitPatch(long id) {
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (System.nanoTime() < deadline) {
                for (PatchResult r : run.p.results()) {
                    if (r.patch().isPresent() && r.patch().get().id() == id) {
                        return r;
                    }
                }
                ClassFolderProject.pause(5);
            }
            return null;
        }

        /** Fails with what the caller saw go wrong so far, and checks it is still calling. */
        void assertNoViolation() {
            assertEquals(List.of(), violations, run.context("while builds were written"));
            assertTrue(isAlive() || stop, "the calling thread stopped");
            assertTrue(rounds.get() > 0, "the calling thread never called");
        }

        /** Stops calling, and waits until the thread ended. */
        void finish() {
            stop = true;
            try {
                join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            // A temporary folder left behind is harmless.
        }
    }
}
