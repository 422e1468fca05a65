package io.github.codefind.internal.run;

import io.github.codefind.PatchResult;
import io.github.codefind.Rejection;
import io.github.codefind.internal.patch.Engine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Turns builds into a class folder (an IDE's build, {@code mvn compile}) into patches, so that what runs
 * converges on what the folder holds. The class watcher hands over a batch once the folder was quiet
 * for the settle time; every batch then takes every class file whose bytes do not run
 * ({@link LiveClasses}), and patches in what can run together:
 * <ul>
 * <li>an outer class and its nested classes are one unit, patched together, so that anonymous classes are
 *     matched by body against all of their loaded siblings;</li>
 * <li>a unit whose new code uses a member that neither the build nor the running program has (a method
 *     its build has not written yet), or that removes a member running code still uses, is held, with the
 *     rest of what needs it, until a later batch brings what it needs ({@link Holds});</li>
 * <li>a unit the JVM or codefind refuses is left out, and the rest is tried again without it;</li>
 * <li>a class the program never loaded is not defined: it loads from the folder when first used.</li>
 * </ul>
 * What is held or refused stays pending, and is tried again with every later batch.
 */
final class ClassBuilds {
    private final List<Path> roots;
    private final ClassLoader loader;
    private final Reporter reporter;
    private final NotLiveReport report;
    private final LiveClasses live = new LiveClasses();
    private final Holds holds;
    /** How long a loaded class's file may be gone before it is said to be missing, in milliseconds. */
    private final long refillWait;
    /** What was last said of each unit's refusal: each is said once, not with every batch that retries it. */
    private final Map<String, String> said = new HashMap<>();
    /** Parsed class files, by the byte array read: the engine holds the running ones, the record pending ones. */
    private final Map<byte[], ClassLinks> parsed = new java.util.WeakHashMap<>();
    /** Wakes the builds once a held unit's wait for its outer class is over; daemon. */
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "codefind-class-builds");
        t.setDaemon(true);
        return t;
    });
    /** The wake-up scheduled for a held unit, or null; guarded by this. */
    private ScheduledFuture<?> wakeUp;

    /**
     * @param roots the class folders, absolute
     * @param loader the program's loader, which loads the folders' classes
     * @param reporter where to say what happened
     * @param report where to say what is not live after each batch
     * @param outerWait how long an anonymous class written after its unchanged outer class waits for it
     * @param refillWait how long a loaded class's file may be gone before it is said to be missing
     */
    ClassBuilds(List<Path> roots, ClassLoader loader, Reporter reporter, NotLiveReport report, Duration outerWait,
            Duration refillWait) {
        this.roots = List.copyOf(roots);
        this.loader = loader;
        this.reporter = reporter;
        this.report = report;
        this.holds = new Holds(new BuildLinks(loader), outerWait);
        this.refillWait = refillWait.toMillis();
    }

    /**
     * Records the class files as they are now as what runs, and tells the engine the bytes the loaded
     * classes came from, before a compiler rewrites them.
     */
    void baseline() {
        for (Path file : allFiles()) {
            String name = classNameOf(file);
            try {
                byte[] bytes = Files.readAllBytes(file);
                live.baseline(file, name, bytes);
                live.onDisk(file, name, bytes, Files.getLastModifiedTime(file).toMillis());
                Engine.get().classFiles().remember(loader, name, bytes);
            } catch (IOException e) {
                reporter.problem("cannot read " + display(file) + ": " + e.getMessage());
            }
        }
    }

    /**
     * Handles one batch of a class folder's changes.
     *
     * @param changed class files created or modified
     * @param deleted class files deleted
     * @return whether a patch was applied
     */
    synchronized boolean handle(Collection<Path> changed, Collection<Path> deleted) {
        for (Path p : changed) {
            see(p);
        }
        Set<String> loaded = deleted.isEmpty() ? Set.of() : loadedNames();
        for (Path p : deleted) {
            see(p);
            String name = classNameOf(p);
            if (name != null && !Files.exists(p)) {
                live.gone(p, loaded.contains(name), System.currentTimeMillis());
            }
        }
        boolean applied = build();
        scheduleWakeUp();
        report.batchDone();
        return applied;
    }

    /**
     * Reads every class folder again and applies what differs from what runs: for a build the watcher
     * missed, or to make sure.
     *
     * @return whether a patch was applied
     */
    synchronized boolean resync() {
        Set<Path> all = new LinkedHashSet<>(allFiles());
        all.addAll(live.classes().keySet());
        return handle(all, List.of());
    }

    /** @return the class files whose bytes do not run, with why */
    List<io.github.codefind.NotLive> notLive() {
        return live.notLive(this::deletedMatters, refillWait, System.currentTimeMillis());
    }

    /**
     * @return whether no batch is being handled, no held unit waits for a timer, and every class file was
     *     read as it is on disk now; waits for a batch being handled
     */
    synchronized boolean sawLatest() {
        return holds.nextExpiry() == Long.MAX_VALUE && live.sawLatest(allFiles());
    }

    /** Reads a class file as it is now into the record. */
    private void see(Path file) {
        String name = classNameOf(file);
        if (name == null) {
            return;
        }
        try {
            byte[] bytes = Files.readAllBytes(file);
            long modified = Files.getLastModifiedTime(file).toMillis();
            try {
                // Read once: the build's view finds the parse by this very array.
                ClassLinks links = ClassLinks.read(bytes);
                synchronized (parsed) {
                    parsed.put(bytes, links);
                }
                live.onDisk(file, name, bytes, modified);
            } catch (IllegalArgumentException e) {
                live.unreadable(file, name, bytes, "not a complete class file yet; it is taken once the build"
                        + " finishes writing it");
            }
        } catch (NoSuchFileException e) {
            live.onDisk(file, name, null, 0);
        } catch (IOException e) {
            String why = "cannot be read: " + e.getMessage() + "; check its permissions, then build again";
            live.unreadable(file, name, null, why);
        }
    }

    /** Patches in what of the pending class files can run together; holds and refuses the rest. */
    private boolean build() {
        Map<Path, LiveClasses.Built> pending = live.pending();
        if (pending.isEmpty()) {
            return false;
        }
        Map<String, Class<?>> loaded = new HashMap<>();
        for (Class<?> c : Engine.get().loadedClasses()) {
            if (c.getClassLoader() == loader && !c.isHidden()) {
                loaded.put(c.getName().replace('.', '/'), c);
            }
        }
        FolderView folder = new FolderView(live.classes(), pending, loaded, parsed);
        Map<String, Unit> units = Unit.group(folder);
        // A unit the program never loaded is live as it is: its classes load from the folder when used.
        List<Path> loadLater = new ArrayList<>();
        for (Unit u : new ArrayList<>(units.values())) {
            if (!u.loaded(folder)) {
                loadLater.addAll(u.pending());
                for (Path p : u.pending()) {
                    live.live(p, pending.get(p).bytes());
                    Engine.get().classFiles().remember(loader, pending.get(p).className(), pending.get(p).bytes());
                }
                units.remove(u.host());
            }
        }
        boolean applied = false;
        holds.newBuild();
        Map<String, String> held = holds.hold(units, folder, System.currentTimeMillis());
        while (!units.isEmpty()) {
            for (Map.Entry<String, String> h : held.entrySet()) {
                for (Path p : units.remove(h.getKey()).pending()) {
                    live.notLive(p, h.getValue());
                }
            }
            if (units.isEmpty()) {
                break;
            }
            Map<String, byte[]> files = new LinkedHashMap<>();
            List<Path> changed = new ArrayList<>();
            for (Unit u : units.values()) {
                u.patchFiles(folder, files);
                changed.addAll(u.pending());
            }
            long patchStart = System.nanoTime();
            PatchResult result = Engine.get().patch(loader, files);
            if (result.applied()) {
                for (Unit u : units.values()) {
                    for (Path p : u.pending()) {
                        live.live(p, pending.get(p).bytes());
                        said.remove(u.host());
                        if (!files.containsKey(pending.get(p).className())) {
                            Engine.get().classFiles().remember(loader, pending.get(p).className(),
                                    pending.get(p).bytes());
                        }
                    }
                }
                // The build as the user made it: what was patched, and the new classes that load when used.
                changed.addAll(loadLater);
                changed.sort(null);
                reporter.patched(display(changed), result, PatchTimes.of(Duration.ZERO, false, result, Duration.ofNanos(
                        System.nanoTime() - patchStart), Duration.between(newest(changed, pending), Instant.now())));
                applied = result.patch().isPresent();
                break;
            }
            Set<String> refused = refusedUnits(result, units);
            if (refused.isEmpty()) {
                refused = new LinkedHashSet<>(units.keySet()); // not one unit's fault: the build is refused
            }
            List<Path> refusedFiles = new ArrayList<>();
            String reasons = reasons(result);
            boolean news = false;
            for (String host : refused) {
                Unit u = units.remove(host);
                for (Path p : u.pending()) {
                    live.notLive(p, "refused: " + reasons);
                    refusedFiles.add(p);
                }
                news |= !reasons.equals(said.put(host, reasons));
            }
            if (news) {
                reporter.patched(display(refusedFiles), result, PatchTimes.NONE);
            }
            // What is left may have needed what was refused.
            held = holds.hold(units, folder, System.currentTimeMillis());
        }
        return applied;
    }

    /**
     * The units a refusal names; empty if one of its rejections names no class of a unit (the build is then
     * refused as a whole). A rejection's class is a class name, or a list of them.
     */
    private static Set<String> refusedUnits(PatchResult result, Map<String, Unit> units) {
        Set<String> refused = new LinkedHashSet<>();
        for (Rejection r : result.rejections()) {
            for (String name : r.className().split(",\\s*")) {
                String host = hostOf(name.trim(), units);
                if (host == null) {
                    return Set.of();
                }
                refused.add(host);
            }
        }
        return refused.size() == units.size() ? Set.of() : refused;
    }

    /** @return the host of the unit a class (binary or internal name) belongs to; null if none */
    private static String hostOf(String name, Map<String, Unit> units) {
        String internal = name.replace('.', '/');
        for (Unit u : units.values()) {
            if (u.classes().contains(internal) || internal.startsWith(u.host() + "$")) {
                return u.host();
            }
        }
        return null;
    }

    private static String reasons(PatchResult result) {
        List<String> reasons = new ArrayList<>();
        for (Rejection r : result.rejections()) {
            reasons.add(r.reason());
        }
        return String.join("; ", new LinkedHashSet<>(reasons));
    }

    /**
     * Wakes the builds up when a held unit's wait for its outer class ends, or when a loaded class's file
     * has been gone long enough to say so.
     */
    private synchronized void scheduleWakeUp() {
        long at = Math.min(holds.nextExpiry(), live.nextMissing(refillWait, System.currentTimeMillis()));
        long wait = at - System.currentTimeMillis();
        boolean sooner = wakeUp == null || wakeUp.isDone() || wakeUp.getDelay(TimeUnit.MILLISECONDS) > wait;
        if (at == Long.MAX_VALUE || !sooner) {
            return;
        }
        if (wakeUp != null) {
            wakeUp.cancel(false);
        }
        wakeUp = timer.schedule(() -> {
            synchronized (this) {
                wakeUp = null;
                handle(List.of(), List.of());
            }
        }, Math.max(1, wait), TimeUnit.MILLISECONDS);
    }

    /** @return the binary names of the classes the program's loader defined */
    private Set<String> loadedNames() {
        Set<String> names = new java.util.HashSet<>();
        for (Class<?> c : Engine.get().loadedClasses()) {
            if (c.getClassLoader() == loader) {
                names.add(c.getName());
            }
        }
        return names;
    }

    /** Stops the timer; the record stays as it is. */
    void close() {
        timer.shutdownNow();
    }

    /**
     * A deleted class file is shown as not live if its class is top-level: a nested class whose outer
     * class no longer has it is dead code, not a difference.
     */
    private boolean deletedMatters(Path file) {
        String name = classNameOf(file);
        return name != null && !name.contains("$");
    }

    private static Instant newest(List<Path> files, Map<Path, LiveClasses.Built> pending) {
        long newest = 0;
        for (Path p : files) {
            newest = Math.max(newest, pending.get(p).modified());
        }
        return newest == 0 ? Instant.now() : Instant.ofEpochMilli(newest);
    }

    /** Every class file under the roots now. */
    private List<Path> allFiles() {
        List<Path> all = new ArrayList<>();
        for (Path root : roots) {
            if (!Files.isDirectory(root)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(root)) {
                files.filter(p -> classNameOf(p) != null && Files.isRegularFile(p)).forEach(all::add);
            } catch (IOException | java.io.UncheckedIOException e) {
                // Being rewritten: the watcher reports what it finds once the build settles.
            }
        }
        return all;
    }

    /** @return the binary name of the class a class file under a root holds; null if it is not one */
    String classNameOf(Path classFile) {
        for (Path root : roots) {
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

    /** @return the files relative to their class folder, as the console shows them */
    private List<Path> display(List<Path> files) {
        List<Path> shown = new ArrayList<>();
        for (Path f : files) {
            shown.add(display(f));
        }
        return shown;
    }

    private Path display(Path file) {
        for (Path root : roots) {
            if (file.startsWith(root)) {
                return root.relativize(file);
            }
        }
        return file;
    }
}
