package io.github.codefind.internal.patch;

import io.github.codefind.CodeDependent;
import io.github.codefind.CodeRegistry;
import io.github.codefind.ConformOutcome;
import io.github.codefind.Heap;
import io.github.codefind.PatchListener;
import io.github.codefind.PatchResult;
import io.github.codefind.Rejection;
import io.github.codefind.conform.Change;
import io.github.codefind.conform.ClassUnit;
import io.github.codefind.conform.CodeUnit;
import io.github.codefind.conform.Patch;
import io.github.codefind.internal.classfile.ClassDiff;
import io.github.codefind.internal.classfile.ClassModel;
import io.github.codefind.internal.companion.Companions;
import io.github.codefind.internal.companion.Draft;
import io.github.codefind.internal.heap.Backends;
import io.github.codefind.internal.heap.NativeRedefinition;
import io.github.codefind.internal.heap.ObjectHeap;
import io.github.codefind.internal.log.Log;
import java.lang.instrument.Instrumentation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The patch pipeline: read and match the class files, compare them with the loaded ones, check what
 * this JVM accepts, redefine every changed class in one call, then tell the {@code Conformable}s that
 * refer to the changed code. All or nothing up to the redefinition; conformers after it are isolated
 * from each other.
 */
public final class Engine {
    private static final System.Logger LOG = System.getLogger("io.github.codefind.patch");
    private static volatile Engine instance;
    /**
     * {@code -Dcodefind.discovery=fast} skips discovery's liveness check (a full collection, when some
     * conformable may refer to the changed code): faster patches on large heaps, but a conformable that
     * is unreachable and not yet collected may be called.
     */
    static final String DISCOVERY = "codefind.discovery";

    private final ObjectHeap heap;
    private final Redefiner redefiner;
    private final String unavailable;
    private final RedefinitionPolicy policy;
    private final ClassFiles classFiles;
    private final Companions companions = new Companions();
    private final CodeIndex codeIndex;
    private final ConformCaller conformCaller = new ConformCaller();
    private final JavacNames javacNames = new JavacNames();
    private final List<PatchListener> listeners = new CopyOnWriteArrayList<>();
    private final AtomicLong ids = new AtomicLong();
    private final ReentrantLock lock = new ReentrantLock();
    /** Loaded classes conformers were told are removed (their source was deleted); guarded by lock. */
    private final Set<Class<?>> removedClasses = java.util.Collections.newSetFromMap(new java.util.WeakHashMap<>());
    private ExternalRedefinitions external;
    /** Whether {@link #rehearseRedefinition} ran; guarded by lock. */
    private boolean redefinitionRehearsed;

    private Engine(ObjectHeap heap, Redefiner redefiner, String unavailable, ClassFiles classFiles) {
        this.heap = heap;
        this.redefiner = redefiner;
        this.unavailable = unavailable;
        this.policy = RedefinitionPolicy.detect();
        this.classFiles = classFiles;
        this.codeIndex = new CodeIndex(heap.backendImpl(), classFiles);
    }

    /**
     * The engine, created on first use: with the agent's instrumentation if there is one, otherwise
     * with JVMTI through the native library.
     *
     * @return the engine
     */
    public static Engine get() {
        Engine e = instance;
        if (e == null) {
            synchronized (Engine.class) {
                e = instance;
                if (e == null) {
                    e = create();
                    instance = e;
                }
            }
        }
        return e;
    }

    private static Engine create() {
        ObjectHeap heap = Backends.heap();
        Instrumentation instrumentation = Backends.instrumentation();
        Redefiner redefiner = null;
        String unavailable = null;
        if (instrumentation != null && instrumentation.isRedefineClassesSupported()) {
            redefiner = new Redefiner.ForInstrumentation(instrumentation);
        } else {
            unavailable = NativeRedefinition.unavailableBecause();
            if (unavailable == null) {
                redefiner = new Redefiner.ForJvmti();
            }
        }
        Engine engine = new Engine(heap, redefiner, unavailable, new ClassFiles());
        if (instrumentation != null) {
            engine.external = ExternalRedefinitions.install(engine, instrumentation);
        } else if (redefiner != null) {
            engine.external = ExternalRedefinitions.installNative(engine);
        }
        LOG.log(Log.info(), "codefind patching: " + (redefiner == null
                ? "unavailable (" + unavailable + ")" : redefiner.description()) + "; " + engine.policy.description()
                + (engine.policy instanceof RedefinitionPolicy.ForStockHotSpot && Companions.enabled()
                        ? "; added and removed methods, added fields and new nested classes through companion"
                                + " classes" : ""));
        return engine;
    }

    /** @return how many patches were applied so far, the debugger's HotSwaps included: the last patch's number */
    public long patchesApplied() {
        return ids.get();
    }

    /** @return the code registry */
    public CodeRegistry registry() {
        return codeIndex;
    }

    /** @return where the methods patches added live */
    public Companions companions() {
        return companions;
    }

    /** @return the store of current class files */
    public ClassFiles classFiles() {
        return classFiles;
    }

    /** @return every class the JVM has loaded, hidden ones included */
    public List<Class<?>> loadedClasses() {
        return heap.backendImpl().loadedClasses();
    }

    /** @param listener told about every patch */
    public void addListener(PatchListener listener) {
        listeners.add(listener);
    }

    /** @param listener no longer told */
    public void removeListener(PatchListener listener) {
        listeners.remove(listener);
    }

    /**
     * Applies new class files.
     *
     * @param loader where the classes live; null to find them among all loaded classes by name
     * @param files binary or internal class name to class file
     * @return the outcome
     * @throws IllegalStateException if called from a conformer
     */
    public PatchResult patch(ClassLoader loader, Map<String, byte[]> files) {
        conformCaller.refuseReentry();
        lock.lock();
        try {
            PatchResult result;
            try {
                result = apply(loader, files);
            } finally {
                LoadedIndex.forget();
            }
            notifyListeners(result);
            return result;
        } finally {
            lock.unlock();
        }
    }

    private PatchResult apply(ClassLoader loader, Map<String, byte[]> files) {
        long start = System.nanoTime();
        if (redefiner == null) {
            return rejected(List.of(new Rejection("*", "", "", "this JVM gives codefind no way to redefine classes: "
                    + unavailable, "Start the program with -javaagent:codefind.jar, or allow native access")), start);
        }
        if (external != null) {
            // A debugger's HotSwap the JVM committed but nobody was told of yet comes first: this patch's
            // diff must start from what the JVM runs, and its conformers hear of the changes in order.
            external.reportCommitted();
        }
        List<Class<?>> loadedClasses = heap.backendImpl().loadedClasses();
        Draft draft = nextDraft();
        Plan plan = Plan.make(loader, files, loadedClasses, classFiles, policy, draft, javacNames);
        long diffed = System.nanoTime();
        if (!plan.rejections.isEmpty()) {
            return rejected(plan.rejections, start);
        }
        List<Change> changes = new ArrayList<>(plan.changes);
        Set<Class<?>> restored = restored(loader, files, changes);
        // New classes first, so that redefined code that uses them finds them.
        ClassLoader into = loader != null ? loader : plan.targets.isEmpty() ? null : plan.targets.get(0).getClassLoader();
        for (Map.Entry<ClassModel, byte[]> n : plan.added.entrySet()) {
            try {
                if (into == null) {
                    throw new IllegalStateException("no class loader was named for it");
                }
                Class<?> defined = ClassDefiner.define(into, n.getKey().binaryName(), n.getValue(), loadedClasses);
                classFiles.redefined(defined, plan.addedLogical.getOrDefault(n.getKey(), n.getValue()));
                if (draft != null) {
                    draft.defined(n.getKey().binaryName(), defined);
                }
                changes.add(Change.added(ClassDiff.classUnit(n.getKey())));
            } catch (IllegalStateException e) {
                return rejected(List.of(new Rejection(n.getKey().binaryName(), Plan.sourceOf(n.getKey()), "",
                        "the new class cannot be defined: " + e.getMessage(),
                        "Rebuild and restart the program, or patch through Codefind.patch(loader, files)")), start);
            }
        }
        Map<String, Class<?>> definedClasses = new HashMap<>();
        if (draft != null) {
            for (Map.Entry<Class<?>, List<Map.Entry<String, byte[]>>> d : draft.toDefine().entrySet()) {
                for (Map.Entry<String, byte[]> c : d.getValue()) {
                    try {
                        definedClasses.put(c.getKey(), ClassDefiner.defineNextTo(d.getKey(), c.getValue()));
                    } catch (IllegalStateException e) {
                        return rejected(List.of(new Rejection(d.getKey().getName(), "", "",
                                "the methods this patch adds cannot be given a companion class: " + e.getMessage(),
                                "Open the class's package to codefind, or restart the program")), start);
                    }
                }
            }
        }
        if (plan.targets.isEmpty()) {
            plan.applied(javacNames, classFiles);
            if (changes.isEmpty()) {
                return new PatchResult(Optional.empty(), List.of(), List.of(), plan.notes,
                        timings(start, diffed, diffed, diffed, diffed), PatchResult.Origin.CODEFIND);
            }
            removedClasses.removeAll(restored);
            return conform(new Patch(ids.incrementAndGet(), changes), plan.notes, PatchResult.Origin.CODEFIND, start,
                    diffed, System.nanoTime());
        }
        try {
            if (external != null) {
                external.ours(plan.targets, true);
            }
            redefiner.redefine(plan.targets, plan.bytes);
        } catch (Redefiner.RedefinitionException e) {
            return rejected(List.of(new Rejection(names(plan.targets), "", "", "the JVM refused the redefinition: "
                    + e.getMessage(), RedefinitionPolicy.RESTART)), start);
        } finally {
            if (external != null) {
                external.ours(plan.targets, false);
            }
        }
        for (int i = 0; i < plan.targets.size(); i++) {
            classFiles.redefined(plan.targets.get(i), plan.logical.get(i));
        }
        plan.applied(javacNames, classFiles);
        if (draft != null) {
            draft.commit(definedClasses);
            if (external != null && companions.anyMoved()) {
                external.movedMembers();
            }
        }
        codeIndex.invalidate(plan.targets);
        removedClasses.removeAll(restored);
        long redefined = System.nanoTime();
        return conform(new Patch(ids.incrementAndGet(), changes), plan.notes, PatchResult.Origin.CODEFIND, start,
                diffed, redefined);
    }

    /**
     * Plans a patch of some class files and drops the plan: nothing is redefined, defined, recorded or
     * told, no patch number is used, and none of the program's code runs. It runs the code a first patch
     * runs up to the redefinition (reading and matching the classes, the companions' rewriting), so that
     * the user's first patch finds it loaded and compiled: for the runner's warm-up, on a thread of its own.
     *
     * <p>It holds the patch lock for as long as one plan takes: a patch asked for meanwhile waits for it.
     *
     * @param loader where the classes live
     * @param files binary or internal class name to class file
     * @return the rejections the plan found; empty if it would apply
     */
    public List<Rejection> rehearse(ClassLoader loader, Map<String, byte[]> files) {
        lock.lock();
        try {
            List<Class<?>> loadedClasses = heap.backendImpl().loadedClasses();
            Draft draft = nextDraft();
            // No discovery: it may run conformables' codeDependencies(), which is the program's code.
            return List.copyOf(Plan.make(loader, files, loadedClasses, classFiles, policy, draft, javacNames).rejections);
        } finally {
            LoadedIndex.forget();
            lock.unlock();
        }
    }

    /**
     * Redefines a class of codefind's own with the bytes it has, once, for the warm-up. Where the agent
     * came after the JVM started ({@code java -jar codefind.jar run}, an attached agent), HotSpot cannot
     * know which compiled code depends on which class, so its first redefinition throws away all
     * compiled code; later ones throw away only what depends on the classes redefined. On a Spring
     * application that made the user's first save some 100 ms slower than the next. Paid here, in the
     * background, it is not paid by a save. Nothing else changes: no class of the program is touched, no
     * listener is told, no patch number is used.
     *
     * @return whether the probe was redefined; false where this JVM gives codefind no way to redefine
     */
    public boolean rehearseRedefinition() {
        lock.lock();
        try {
            if (redefiner == null || redefinitionRehearsed) {
                return false;
            }
            redefinitionRehearsed = true;
            byte[] bytes;
            try (java.io.InputStream in = RedefinitionProbe.class.getResourceAsStream("RedefinitionProbe.class")) {
                if (in == null) {
                    return false;
                }
                bytes = in.readAllBytes();
            } catch (java.io.IOException e) {
                return false;
            }
            List<Class<?>> probe = List.of(RedefinitionProbe.class);
            if (external != null) {
                external.ours(probe, true);
            }
            try {
                redefiner.redefine(probe, List.of(bytes));
                return true;
            } catch (Redefiner.RedefinitionException e) {
                LOG.log(System.Logger.Level.DEBUG, () -> "codefind: the warm-up's redefinition was refused: " + e);
                return false;
            } finally {
                if (external != null) {
                    external.ours(probe, false);
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /** @return the structural plan of the next patch, where this JVM needs companions; null where it does not */
    private Draft nextDraft() {
        return policy instanceof RedefinitionPolicy.ForStockHotSpot && Companions.enabled()
                ? companions.draft(ids.get() + 1) : null;
    }

    /**
     * A class whose removal conformers heard of (its file was deleted) and that a patch brings back is
     * new to them: its changes become {@code ADDED} of the class and of each of its members, as for a
     * class defined for the first time, whatever its bytes were before.
     *
     * @param loader the patch's loader, or null for any
     * @param files the patch's class files
     * @param changes the patch's changes, rewritten in place for the classes that come back
     * @return the classes that come back
     */
    private Set<Class<?>> restored(ClassLoader loader, Map<String, byte[]> files, List<Change> changes) {
        Set<Class<?>> restored = new HashSet<>();
        if (removedClasses.isEmpty()) {
            return restored;
        }
        for (Map.Entry<String, byte[]> f : files.entrySet()) {
            String name = f.getKey().replace('/', '.');
            for (Class<?> c : removedClasses) {
                if (c.getName().equals(name) && (loader == null || c.getClassLoader() == loader)) {
                    restored.add(c);
                    changes.removeIf(change -> change.unit().declaringClass().name().equals(name));
                    for (CodeUnit u : ClassDiff.units(ClassModel.read(f.getValue()))) {
                        changes.add(Change.added(u));
                    }
                }
            }
        }
        return restored;
    }

    /**
     * Reports code whose source is gone (a deleted file): its classes stay loaded, since a JVM cannot
     * unload them, but the conformables that refer to them are told they are removed.
     *
     * @param units the units of the deleted source, from the code registry
     * @return the outcome, with a {@link io.github.codefind.conform.ChangeKind#REMOVED} change per unit
     * @throws IllegalStateException if called from a conformer
     */
    public PatchResult removed(List<CodeUnit> units) {
        conformCaller.refuseReentry();
        lock.lock();
        try {
            long start = System.nanoTime();
            List<Change> changes = new ArrayList<>();
            for (CodeUnit u : new LinkedHashSet<>(units)) {
                changes.add(Change.removed(u));
                if (u instanceof ClassUnit c) {
                    for (Class<?> loaded : heap.backendImpl().loadedClasses()) {
                        if (loaded.getName().equals(c.name()) && !loaded.isHidden()) {
                            removedClasses.add(loaded);
                        }
                    }
                }
            }
            PatchResult result = changes.isEmpty()
                    ? new PatchResult(Optional.empty(), List.of(), List.of(), List.of(),
                            timings(start, start, start, start, start), PatchResult.Origin.CODEFIND)
                    : conform(new Patch(ids.incrementAndGet(), changes), List.of("the source of " + changes.size()
                            + " unit(s) was deleted; their classes stay loaded"), PatchResult.Origin.CODEFIND, start,
                            start, start);
            notifyListeners(result);
            return result;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Runs an action with the patch lock held, so that no patch runs meanwhile.
     *
     * @param action what to run
     */
    void locked(Runnable action) {
        lock.lock();
        try {
            action.run();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Takes in a redefinition someone else made and the JVM committed: records the new bytes, then
     * runs the conform pipeline as for a patch of codefind's own.
     *
     * @param classes the redefined classes
     * @param bytes their new class files
     * @param changes what changed
     * @param notes notes for the result
     */
    void external(List<Class<?>> classes, List<byte[]> bytes, List<Change> changes, List<String> notes) {
        lock.lock();
        try {
            long start = System.nanoTime();
            for (int i = 0; i < classes.size(); i++) {
                classFiles.redefined(classes.get(i), bytes.get(i));
            }
            codeIndex.invalidate(classes);
            if (changes.isEmpty()) {
                return;
            }
            long now = System.nanoTime();
            PatchResult result = conform(new Patch(ids.incrementAndGet(), changes), notes, PatchResult.Origin.EXTERNAL,
                    start, now, now);
            // Nobody called codefind for this patch, so nobody reads its result but listeners: the log is
            // where it is said, its conformers' failures included.
            LOG.log(Log.info(), () -> "codefind saw an external redefinition: " + result.summary());
            for (ConformOutcome o : result.failures()) {
                String who = o.describeObject() + " and external patch #" + idOf(result);
                if (o.status() == ConformOutcome.Status.CANNOT_CONFORM) {
                    LOG.log(System.Logger.Level.WARNING, who + ": it cannot conform: " + o.error().getMessage());
                } else if (o.status() == ConformOutcome.Status.FAILED) {
                    LOG.log(System.Logger.Level.ERROR, who + ": it failed to conform; the new code stays live",
                            o.error());
                } else {
                    LOG.log(System.Logger.Level.ERROR, who + ": it was not called, after a VirtualMachineError");
                }
            }
            notifyListeners(result);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Tells the conformables about a patch whose classes are already redefined.
     *
     * @param patch the changes
     * @param notes notes for the result
     * @param origin who redefined the classes
     * @param start when the patch began, in {@link System#nanoTime()}
     * @param diffed when the diff ended
     * @param redefined when the redefinition ended
     * @return the result
     */
    PatchResult conform(Patch patch, List<String> notes, PatchResult.Origin origin, long start, long diffed,
            long redefined) {
        Set<CodeUnit> units = new LinkedHashSet<>();
        for (Change c : patch.changes()) {
            c.before().ifPresent(units::add);
            c.after().ifPresent(units::add);
        }
        // The protocol forbids calling a dead object, which a heap walk may report: the default heap
        // checks the liveness of the conformables that may refer to the units, unless the user chose speed.
        Heap discovery = "fast".equals(System.getProperty(DISCOVERY)) ? heap.withoutCollection() : heap;
        List<CodeDependent> dependents = conformCaller.guarded(() -> discovery.conformablesReferringTo(units));
        long discovered = System.nanoTime();
        List<ConformOutcome> outcomes = conformCaller.callAll(patch, dependents);
        long conformed = System.nanoTime();
        PatchResult result = new PatchResult(Optional.of(patch), List.of(), outcomes, notes,
                timings(start, diffed, redefined, discovered, conformed), origin);
        LOG.log(System.Logger.Level.DEBUG, () -> result.summary());
        conformCaller.rethrowFatal(outcomes);
        return result;
    }

    private PatchResult rejected(List<Rejection> rejections, long start) {
        long now = System.nanoTime();
        // The result carries the rejections, and its reader says them (the runner prints them): logged
        // louder, they would be said twice.
        for (Rejection r : rejections) {
            LOG.log(System.Logger.Level.DEBUG, () -> "codefind rejected a patch: " + r);
        }
        return new PatchResult(Optional.empty(), rejections, List.of(), List.of(), timings(start, now, now, now, now),
                PatchResult.Origin.CODEFIND);
    }

    /** @return the id of a result's patch; 0 if it has none */
    private static long idOf(PatchResult result) {
        return result.patch().map(Patch::id).orElse(0L);
    }

    private void notifyListeners(PatchResult result) {
        for (PatchListener l : listeners) {
            try {
                l.patched(result);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "A patch listener threw; ignored", e);
            }
        }
    }

    private static String names(List<Class<?>> classes) {
        List<String> names = new ArrayList<>();
        for (Class<?> c : classes) {
            names.add(c.getName());
        }
        return String.join(", ", names);
    }

    private static PatchResult.Timings timings(long start, long diffed, long redefined, long discovered, long end) {
        return new PatchResult.Timings(Duration.ofNanos(diffed - start), Duration.ofNanos(redefined - diffed),
                Duration.ofNanos(discovered - redefined), Duration.ofNanos(end - discovered),
                Duration.ofNanos(end - start));
    }
}
