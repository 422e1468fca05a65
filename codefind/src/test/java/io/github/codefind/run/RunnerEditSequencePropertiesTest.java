package io.github.codefind.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.github.codefind.testing.Javac;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * jurigged's best test, at the level users touch: random sequences of saves across four files, handed to
 * a real runner (its compiler, its record of saved versus live, real redefinition) as a watcher hands
 * them over. Saves change bodies, add and remove a method other files call, break and fix the compile,
 * make changes the JVM refuses, delete and restore files, revert to earlier contents, several files at
 * once; a conformer throws on every third patch. Throughout, the files the runner says are not live
 * are exactly those whose content on disk is not what runs, and the program never calls a member the
 * JVM does not have. At the end, once every file is saved in a form that compiles and applies, the
 * live program behaves as a fresh run of the final sources.
 *
 * <p>{@code -Dcodefind.runner.tries=N} runs N seeded sequences in {@link #seededSequencesConverge}.
 */
public class RunnerEditSequencePropertiesTest {
    private static final int FILES = 3;
    /** How often each kind of edit comes, in percent: calls and extra() most, where the hazards are. */
    private static final int[] WEIGHTS = {12, 22, 22, 10, 10, 10, 14};
    private static final AtomicInteger PACKAGES = new AtomicInteger();

    /** One file's source, as a value: a version every save changes, and its shape. */
    record FileState(boolean present, int version, int calls, boolean extra, boolean broken, boolean refused) {
        static FileState initial() {
            return new FileState(true, 0, -1, false, false, false);
        }

        String source(String pkg, int i) {
            StringBuilder b = new StringBuilder("package " + pkg + ";\npublic class F" + i);
            if (refused) {
                b.append(" implements java.io.Serializable"); // a new interface: refused by a stock JVM
            }
            b.append(" {\n    public static String version() { return \"F").append(i).append(':').append(version)
                    .append("\"; }\n    public static String value() { return ");
            b.append(calls < 0 ? "\"F" + i + "=" + version + "\"" : "\"F" + i + "+\" + F" + calls + ".extra()");
            b.append("; }\n");
            if (extra) {
                b.append("    public static String extra() { return \"F").append(i).append(".extra:").append(version)
                        .append("\"; }\n");
            }
            if (broken) {
                b.append("    static int broken = \"not an int\";\n");
            }
            return b.append("}\n").toString();
        }
    }

    /**
     * One save.
     *
     * @param kind 0 body, 1 call another file's extra(), 2 add or remove extra(), 3 break or fix the compile,
     *     4 a change the JVM refuses or its revert, 5 delete or restore, 6 revert to an earlier content
     * @param file which file
     * @param arg which earlier content, or which file to call
     */
    record Edit(int kind, int file, int arg) {
    }

    @Provide
    Arbitrary<List<List<Edit>>> batches() {
        Arbitrary<Edit> edit = Combinators.combine(Arbitraries.integers().between(0, 99).map(RunnerEditSequencePropertiesTest::kind),
                Arbitraries.integers().between(0, FILES - 1), Arbitraries.integers().between(0, 9)).as(Edit::new);
        return edit.list().ofMinSize(1).ofMaxSize(2).list().ofMinSize(4).ofMaxSize(12);
    }

    @Property(tries = 8)
    void savesConverge(@ForAll("batches") List<List<Edit>> batches) {
        check(batches);
    }

    /** The same check with fixed seeds, as a plain test: it also runs in the other JDKs' child JVMs. */
    @Test
    void seededSequencesConverge() {
        int tries = Integer.getInteger("codefind.runner.tries", 3);
        for (int seed = 0; seed < tries; seed++) {
            check(sequence(new Random(seed)), false);
        }
    }

    private static List<List<Edit>> sequence(Random random) {
        List<List<Edit>> batches = new ArrayList<>();
        for (int b = 0, n = 4 + random.nextInt(9); b < n; b++) {
            List<Edit> batch = new ArrayList<>();
            for (int e = 0, m = 1 + random.nextInt(2); e < m; e++) {
                batch.add(new Edit(kind(random.nextInt(100)), random.nextInt(FILES), random.nextInt(10)));
            }
            batches.add(batch);
        }
        return batches;
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

    /**
     * The same through the real file watcher, which cuts and merges batches as it sees the saves: after
     * each batch of saves, the runner converges on the files on disk.
     */
    @Test
    void seededSequencesThroughTheWatcher() {
        for (int seed = 100; seed < 102; seed++) {
            check(sequence(new Random(seed)), true);
        }
    }

    /** A sequence the random ones find rarely: a method another file calls, added and then removed. */
    @Test
    void aMethodCalledElsewhereAddedThenRemoved() {
        check(List.of(List.of(new Edit(1, 0, 1)), List.of(new Edit(2, 1, 0)), List.of(new Edit(2, 1, 0)),
                List.of(new Edit(0, 2, 0))));
    }

    private static void check(List<List<Edit>> batches) {
        check(batches, false);
    }

    /**
     * @param batches the saves, batch by batch
     * @param watched whether the real file watcher hands them to the runner, rather than the test
     */
    private static void check(List<List<Edit>> batches, boolean watched) {
        String pkg = "rp" + PACKAGES.incrementAndGet();
        Path root;
        try {
            root = Files.createTempDirectory("codefind-runner-property");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<List<FileState>> history = new ArrayList<>();
        Map<String, String> sources = new TreeMap<>();
        for (int i = 0; i < FILES; i++) {
            history.add(new ArrayList<>(List.of(FileState.initial())));
            sources.put(pkg + "/F" + i + ".java", FileState.initial().source(pkg, i));
        }
        sources.put(pkg + "/W.java", conformer(pkg));
        List<String> done = new ArrayList<>();
        try (LiveProject p = new LiveProject(root, sources)) {
            if (watched) {
                p.watch();
            }
            for (List<Edit> batch : batches) {
                for (Edit e : batch) {
                    save(p, pkg, e.file(), edit(history.get(e.file()), e));
                }
                done.add(batch.toString());
                settle(p, watched, () -> assertConsistent(p, pkg, history, done));
            }
            // Every file saved in a form that compiles and applies: everything must go live.
            for (int i = 0; i < FILES; i++) {
                FileState now = last(history.get(i));
                FileState clean = new FileState(true, now.version() + 100, -1, true, false, false);
                if (!now.present() || p.notLiveNames().contains(pkg + "/F" + i + ".java")) {
                    history.get(i).add(clean);
                    save(p, pkg, i, clean);
                }
            }
            done.add("repair");
            settle(p, watched, () -> assertConsistent(p, pkg, history, done));
            assertEquals(Set.of(), p.notLiveNames(), done + "\n" + p.console());
            Map<String, String> finalSources = new TreeMap<>();
            for (int i = 0; i < FILES; i++) {
                finalSources.put(pkg + "/F" + i + ".java", Files.readString(p.file(pkg + "/F" + i + ".java")));
            }
            finalSources.put(pkg + "/W.java", conformer(pkg));
            ClassLoader fresh = new MapLoader(Javac.compile(finalSources));
            for (int i = 0; i < FILES; i++) {
                for (String method : List.of("version", "value")) {
                    assertEquals(LiveProject.call(fresh, pkg + ".F" + i, method), p.call(pkg + ".F" + i, method),
                            "F" + i + "." + method + "() after " + done + "\n" + p.console());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            deleteTree(root);
        }
    }

    /**
     * Hands the saves to the runner, or, with the watcher, waits until the runner has taken in every
     * save (failing past a deadline), then checks.
     */
    private static void settle(LiveProject p, boolean watched, Runnable check) {
        if (!watched) {
            p.batch();
            check.run();
            return;
        }
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(60).toNanos();
        while (!p.runner().sawLatestSaves()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("the runner did not take in the saves within 60 s\n" + p.console());
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        check.run();
    }

    /** @return the file's next state, recorded in its history */
    private static FileState edit(List<FileState> history, Edit e) {
        FileState s = last(history);
        int v = history.size();
        FileState next = switch (e.kind()) {
            case 0 -> new FileState(true, v, -1, s.extra(), s.broken(), s.refused());
            case 1 -> new FileState(true, v, e.arg() % FILES > e.file() ? e.arg() % FILES : -1, s.extra(), s.broken(),
                    s.refused());
            case 2 -> new FileState(true, v, s.calls(), !s.extra(), s.broken(), s.refused());
            case 3 -> new FileState(true, v, s.calls(), s.extra(), !s.broken(), s.refused());
            case 4 -> new FileState(true, v, s.calls(), s.extra(), s.broken(), !s.refused());
            case 5 -> s.present() ? new FileState(false, s.version(), s.calls(), s.extra(), s.broken(), s.refused())
                    : new FileState(true, v, s.calls(), s.extra(), s.broken(), s.refused());
            default -> {
                FileState earlier = history.get(e.arg() % history.size());
                yield earlier.present() ? earlier : s;
            }
        };
        history.add(next);
        return next;
    }

    private static void save(LiveProject p, String pkg, int i, FileState s) {
        String name = pkg + "/F" + i + ".java";
        if (s.present()) {
            p.save(name, s.source(pkg, i));
        } else {
            p.delete(name);
        }
    }

    /**
     * The files the runner says are not live are those whose disk content does not run: deleted, or
     * with another version on disk than the one the program runs. Whatever is live can be called.
     */
    private static void assertConsistent(LiveProject p, String pkg, List<List<FileState>> history, List<String> done) {
        Set<String> expected = new TreeSet<>();
        for (int i = 0; i < FILES; i++) {
            FileState disk = last(history.get(i));
            Object running = p.call(pkg + ".F" + i, "version");
            if (!disk.present() || !running.equals("F" + i + ":" + disk.version())) {
                expected.add(pkg + "/F" + i + ".java");
            }
            Object value = p.call(pkg + ".F" + i, "value");
            assertFalse(String.valueOf(value).startsWith("threw"), "F" + i + ".value() " + value + " after " + done
                    + "\n" + p.console());
        }
        assertEquals(expected, p.notLiveNames(), "after " + done + ": " + p.notLive() + "\n" + p.console());
    }

    private static String conformer(String pkg) {
        return "package " + pkg + ";\n"
                + "public class W implements io.github.codefind.conform.Conformable {\n"
                + "    public static final W INSTANCE = new W();\n"
                + "    final Class<?>[] types = {F0.class, F1.class, F2.class};\n"
                + "    int calls;\n"
                + "    @Override public void conform(io.github.codefind.conform.Patch patch) {\n"
                + "        if (++calls % 3 == 0) throw new IllegalStateException(\"fails on purpose\");\n"
                + "    }\n"
                + "}\n";
    }

    private static FileState last(List<FileState> history) {
        return history.get(history.size() - 1);
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

    /** Defines classes from memory: a fresh run of the final sources. */
    private static final class MapLoader extends ClassLoader {
        private final Map<String, byte[]> classes;

        MapLoader(Map<String, byte[]> classes) {
            super(RunnerEditSequencePropertiesTest.class.getClassLoader());
            this.classes = classes;
        }

        @Override
        protected Class<?> findClass(String name) throws ClassNotFoundException {
            byte[] bytes = classes.get(name.replace('.', '/'));
            if (bytes == null) {
                throw new ClassNotFoundException(name);
            }
            return defineClass(name, bytes, 0, bytes.length);
        }
    }
}
