package io.github.codefind.internal.run;

import io.github.codefind.Codefind;
import io.github.codefind.ConformOutcome;
import io.github.codefind.NotLive;
import io.github.codefind.PatchResult;
import io.github.codefind.Rejection;
import io.github.codefind.conform.ClassUnit;
import io.github.codefind.conform.CodeUnit;
import io.github.codefind.internal.patch.Engine;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Turns saves of source files into patches, so that what runs converges on what was saved. Every
 * batch compiles every file whose saved content does not run yet (the files just saved, and those
 * left over from earlier batches), against the classes that run, and patches them in together:
 * <ul>
 * <li>a file that does not compile, or whose change the JVM refuses, is left out, and the rest is
 *     compiled again without it, against what runs: what does not need the left-out change goes live,
 *     and what needs it (a call of a method it adds) waits with it;</li>
 * <li>a file saved back to what runs is live again without a patch.</li>
 * </ul>
 * {@link LiveSources} keeps the outcome; the reporter hears each error once, and the files not live
 * after every batch.
 */
final class SourcePatching {
    private final LiveSources live;
    private final SourceCompiler compiler;
    private final ClassLoader loader;
    private final Reporter reporter;
    /**
     * What was last said about each file's refusal or unreadable content, or about the compiler: each is
     * said once, not again with every batch that compiles the file again.
     */
    private final Map<Object, String> said = new HashMap<>();
    /** The compile errors said while their files are not live: each is said once. */
    private final Set<String> saidErrors = new HashSet<>();
    private final NotLiveReport report;
    private final CompileAhead ahead;

    SourcePatching(LiveSources live, SourceCompiler compiler, ClassLoader loader, Reporter reporter,
            NotLiveReport report) {
        this.live = live;
        this.compiler = compiler;
        this.ahead = new CompileAhead(compiler, this::compileAhead);
        this.loader = loader;
        this.reporter = reporter;
        this.report = report;
    }

    /**
     * Handles one batch of saves.
     *
     * @param changed files created or modified
     * @param deleted files deleted
     * @return whether a patch was applied
     */
    synchronized boolean handle(Collection<Path> changed, Collection<Path> deleted) {
        for (Path p : union(changed, deleted)) {
            see(p);
        }
        tellDeleted();
        boolean applied = compileAndPatch();
        // Files that copied a constant the patch changed are compiled again at once, and so on.
        for (int round = 0; round < 3 && live.anyStale(); round++) {
            applied |= compileAndPatch();
        }
        report.batchDone();
        return applied;
    }

    /**
     * Compiles sources saved while watching started, whatever the record holds for them: the baseline may
     * have read a save the loaded classes were not compiled from. One batch, under the lock a batch takes.
     *
     * @param saved the sources modified since the runner was made
     * @return whether a patch was applied
     */
    synchronized boolean catchUp(Set<Path> saved) {
        for (Path f : saved) {
            if (java.nio.file.Files.isRegularFile(f)) {
                live.stale(f, "saved while codefind started; compiled to make sure it runs");
            }
        }
        return handle(saved, List.of());
    }

    /**
     * Hears that a source was written, before its batch: it is compiled ahead, with what the batch would
     * compile with it, while the save settles ({@link CompileAhead}). Returns at once.
     *
     * @param file the file, perhaps still being written
     */
    void written(Path file) {
        ahead.heard(file);
    }

    /** Compiles ahead what the next batch would compile if the files were saved as they are now. */
    private synchronized void compileAhead(Set<Path> written) {
        Map<Path, byte[]> batch = new TreeMap<>();
        for (Path p : union(live.toCompile(), written)) {
            try {
                byte[] content = LiveSources.read(p);
                if (content != null && live.wouldCompile(p, content)) {
                    batch.put(p, content);
                }
            } catch (IOException e) {
                // The batch reads it again, and says why it cannot.
            }
        }
        ahead.compileAhead(batch, live.runningClasses(), live.undeclaredClasses());
    }

    /**
     * @return whether no batch is being handled and every known file was read as it is on disk now; waits
     *     for a batch being handled
     */
    synchronized boolean sawLatest() {
        return live.sawLatest();
    }

    /**
     * Compiles some sources as a batch would, against what runs, and keeps nothing of it: for the warm-up,
     * which runs the compiler before the user's first save does.
     *
     * @param files each file with the content to compile
     * @return the classes compiled; empty if the files do not compile
     * @throws IOException if the class path cannot be read
     */
    synchronized Map<String, byte[]> rehearse(Map<Path, byte[]> files) throws IOException {
        return compiler.compile(files, live.runningClasses(), live.undeclaredClasses()).classes();
    }

    /**
     * Compiles a source of the warm-up's own, in a package of its own, that names library types: javac
     * reads them into the symbol tables it keeps for the libraries ({@link KeptContext}), ready for the
     * first save.
     *
     * @param file a name for the source, for messages
     * @param source the source
     * @throws IOException if the class path cannot be read
     */
    synchronized void rehearseLibraries(Path file, String source) throws IOException {
        compiler.compile(Map.of(file, source.getBytes(java.nio.charset.StandardCharsets.UTF_8)), live.runningClasses(),
                live.undeclaredClasses());
    }

    /** @return whether the compiler keeps javac's symbol tables from one compilation to the next */
    boolean keepsContext() {
        return compiler.keepsContext();
    }

    /** Reads a file's content as it is now into the record; null if it is gone or cannot be read. */
    private byte[] see(Path file) {
        try {
            byte[] content = LiveSources.read(file);
            live.onDisk(file, content);
            return content;
        } catch (IOException e) {
            String why = "cannot be read: " + e.getMessage() + "; check its permissions, then save it again";
            live.unreadable(file, why);
            sayOnce(file, file + " " + why);
            return null;
        }
    }

    private void tellDeleted() {
        for (Path d : live.deletedNotTold()) {
            List<CodeUnit> units = Codefind.registry().unitsIn(d.toString());
            PatchResult result = Engine.get().removed(units);
            Set<String> classes = new HashSet<>(live.classesOf(d));
            for (CodeUnit u : units) {
                classes.add(u.declaringClass().internalName());
            }
            live.toldRemoved(d, classes);
            reporter.problem(d + " was deleted: its classes stay loaded as they are (rebuild and restart to unload them)"
                    + (result.conformers().isEmpty() ? "" : "; " + result.conformers().size()
                            + " conformer(s) were told its code is removed"));
            for (ConformOutcome o : result.failures()) {
                reporter.problem(ConsoleReporter.failure(o));
            }
        }
    }

    private boolean compileAndPatch() {
        Map<Path, byte[]> batch = new TreeMap<>();
        for (Path p : live.toCompile()) {
            byte[] content = see(p);
            if (content != null) {
                batch.put(p, content);
            }
        }
        batch.keySet().retainAll(live.toCompile()); // read again: some may be back to what runs
        if (batch.isEmpty()) {
            return false;
        }
        Instant saved = Runner.lastModified(batch.keySet());
        // Files left out of the batch so far, with why: each round compiles and patches the rest.
        Map<Path, String> left = new LinkedHashMap<>();
        Duration compiling = Duration.ZERO;
        boolean compiledAhead = false;
        while (!batch.isEmpty()) {
            SourceCompiler.Result compiled;
            try {
                CompileAhead.Compiled c = ahead.compile(batch, live.runningClasses(), live.undeclaredClasses());
                compiled = c.result();
                compiling = compiling.plus(c.took());
                compiledAhead |= c.ahead();
            } catch (IOException | RuntimeException e) {
                for (Path p : batch.keySet()) {
                    live.notLive(p, "cannot be compiled: " + e);
                }
                sayOnce("compiler", "cannot compile " + batch.keySet() + ": " + e + "; nothing was changed");
                return false;
            }
            if (!compiled.ok()) {
                Set<Path> broken = compiled.errorFiles().isEmpty() ? batch.keySet() : compiled.errorFiles();
                List<String> news = new ArrayList<>();
                for (String e : compiled.errors()) {
                    if (saidErrors.add(e)) {
                        news.add(e);
                    }
                }
                if (!news.isEmpty()) {
                    reporter.compileFailed(broken, news);
                }
                for (Path p : new ArrayList<>(broken)) {
                    String why = left.isEmpty() ? "compile error" : "compile error without the change to "
                            + names(left.keySet()) + ", which is not live";
                    live.notLive(p, why);
                    left.put(p, why);
                }
                // The rest may compile against what runs, without the broken files' changes.
                batch.keySet().removeAll(broken);
                continue;
            }
            Set<String> constants = Constants.changed(compiled.classes(), live.runningClasses(), loader);
            long patchStart = System.nanoTime();
            PatchResult result = Codefind.patch(loader, compiled.classes());
            Duration patchCall = Duration.ofNanos(System.nanoTime() - patchStart);
            if (result.applied()) {
                markCopiesOf(constants, batch.keySet());
                for (Map.Entry<Path, byte[]> f : batch.entrySet()) {
                    Set<String> before = declaredBefore(f.getKey());
                    live.live(f.getKey(), f.getValue(), classesOf(f.getKey(), compiled), before);
                    tellGone(f.getKey(), before);
                    said.remove(f.getKey());
                    saidErrors.removeIf(e -> e.startsWith(f.getKey() + ":"));
                }
                reporter.patched(batch.keySet(), result, PatchTimes.of(compiling, compiledAhead, result, patchCall,
                        Duration.between(saved, Instant.now())));
                RunningFrames.describe(result).forEach(reporter::problem);
                return true;
            }
            Set<Path> blamed = blamed(result.rejections(), compiled.sourceOf());
            if (blamed.isEmpty() || blamed.containsAll(batch.keySet())) {
                blamed = new LinkedHashSet<>(batch.keySet());
            }
            boolean news = false;
            for (Path p : blamed) {
                String why = "refused: " + reasonFor(p, result.rejections(), compiled.sourceOf());
                live.notLive(p, why);
                left.put(p, why);
                // Said once per file and content: a file compiled again with later batches is not said again.
                news |= !why.equals(said.put(p, why));
            }
            if (news) {
                reporter.patched(blamed, result, PatchTimes.NONE);
            }
            batch.keySet().removeAll(blamed);
        }
        return false;
    }

    /** @return the top-level classes that ran from a file before this patch, internal names */
    private Set<String> declaredBefore(Path file) {
        Set<String> before = new HashSet<>(live.classesOf(file));
        if (before.isEmpty()) {
            // Never compiled by the runner: the classes loaded from it, by the code registry.
            for (CodeUnit u : Codefind.registry().unitsIn(file.toString())) {
                if (u instanceof ClassUnit c && !c.internalName().contains("$")) {
                    before.add(c.internalName());
                }
            }
        }
        before.removeAll(live.gone(file));
        return before;
    }

    /**
     * A top-level class a file no longer declares stays loaded, as a deleted file's do: conformers are
     * told it is removed, and the file is listed as not live until it declares it again.
     */
    private void tellGone(Path file, Set<String> before) {
        Set<String> gone = new TreeSet<>(before);
        gone.retainAll(live.gone(file));
        if (gone.isEmpty()) {
            return;
        }
        List<CodeUnit> units = new ArrayList<>();
        for (CodeUnit u : Codefind.registry().unitsIn(file.toString())) {
            String owner = u.declaringClass().internalName();
            if (gone.contains(owner.contains("$") ? owner.substring(0, owner.indexOf('$')) : owner)) {
                units.add(u);
            }
        }
        PatchResult result = Engine.get().removed(units);
        reporter.problem(file + " no longer declares " + String.join(", ", gone).replace('/', '.') + ": it stays"
                + " loaded as it is (rebuild and restart to unload it)" + (result.conformers().isEmpty() ? ""
                        : "; " + result.conformers().size() + " conformer(s) were told its code is removed"));
        for (ConformOutcome o : result.failures()) {
            reporter.problem(ConsoleReporter.failure(o));
        }
    }

    /**
     * javac copies the value of a compile-time constant into every class that uses it, and records no
     * reference to it: the files that name a changed constant are compiled again, or they would keep
     * running the old value.
     */
    private void markCopiesOf(Set<String> constants, Set<Path> compiled) {
        if (constants.isEmpty()) {
            return;
        }
        for (Path f : live.files()) {
            if (compiled.contains(f)) {
                continue;
            }
            try {
                byte[] content = LiveSources.read(f);
                String uses = content == null ? null : Constants.named(new String(content,
                        java.nio.charset.StandardCharsets.ISO_8859_1), constants);
                if (uses != null) {
                    live.stale(f, Constants.STALE + uses + ", a constant whose value changed");
                }
            } catch (IOException e) {
                // Unreadable: it is reported when it is saved.
            }
        }
    }

    /** @return the files whose classes the rejections name */
    private static Set<Path> blamed(List<Rejection> rejections, Map<String, Path> sourceOf) {
        Set<Path> files = new LinkedHashSet<>();
        for (Rejection r : rejections) {
            for (String name : r.className().split(",\\s*")) {
                Path p = sourceOf.get(name.replace('.', '/'));
                if (p == null) {
                    return Set.of(); // a rejection of the whole batch, or of a class none of its files made
                }
                files.add(p);
            }
        }
        return files;
    }

    private static String reasonFor(Path file, List<Rejection> rejections, Map<String, Path> sourceOf) {
        for (Rejection r : rejections) {
            for (String name : r.className().split(",\\s*")) {
                if (file.equals(sourceOf.get(name.replace('.', '/')))) {
                    return (r.member().isEmpty() ? "" : r.member() + ": ") + r.reason();
                }
            }
        }
        return rejections.isEmpty() ? "" : rejections.get(0).reason();
    }

    private static Map<String, byte[]> classesOf(Path file, SourceCompiler.Result compiled) {
        Map<String, byte[]> classes = new HashMap<>();
        compiled.sourceOf().forEach((name, source) -> {
            if (source.equals(file)) {
                classes.put(name, compiled.classes().get(name));
            }
        });
        return classes;
    }

    private void sayOnce(Object key, String message) {
        if (!message.equals(said.put(key, message))) {
            reporter.problem(message);
        }
    }

    private static Set<Path> union(Collection<Path> a, Collection<Path> b) {
        Set<Path> all = new LinkedHashSet<>(a);
        all.addAll(b);
        return all;
    }

    private static String names(Collection<Path> files) {
        List<String> names = new ArrayList<>();
        for (Path p : files) {
            names.add(String.valueOf(p.getFileName()));
        }
        return String.join(", ", names);
    }
}
