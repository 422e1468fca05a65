package io.github.codefind.internal.patch;

import io.github.codefind.conform.Change;
import io.github.codefind.internal.classfile.ClassComparison;
import io.github.codefind.internal.classfile.ClassDiff;
import io.github.codefind.internal.classfile.ClassModel;
import io.github.codefind.internal.log.Log;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.lang.reflect.Field;
import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.ToIntFunction;

/**
 * Sees redefinitions made by others (a debugger's HotSwap over JDWP, another agent) through the
 * class-file hook, and once the JVM has committed them, describes them and runs the conform pipeline.
 * With the agent, it also keeps the class files of classes loaded from directories, which compilers
 * overwrite before an IDE hot-swaps them.
 *
 * <p>The hook runs before the JVM checks and commits the new bytes: for one {@code RedefineClasses}
 * call, the JVM runs it for every class, verifies them all (which takes a while for a large batch), and
 * only then commits them together at a safepoint, bumping each class's redefinition count. So a class
 * the hook saw stays pending until its count moves, however long that takes: no timer decides, it only
 * says when to look again. A refused redefinition never moves the count: its entry waits for the next
 * redefinition of the class, or is dropped when codefind redefines the class itself, and so reaches
 * nobody. What one look finds committed is one patch, so a batch reaches the conformers whole.
 */
final class ExternalRedefinitions implements ClassFileTransformer {
    private static final System.Logger LOG = System.getLogger("io.github.codefind.patch");
    /**
     * The first look comes soon after a hook, since a small batch commits within milliseconds; then the
     * looks slow down, while a large batch is verified or after a refused one, down to one per
     * {@link #SLOWEST_LOOK_MILLIS}.
     */
    private static final long FIRST_LOOK_MILLIS = 5;
    private static final long SLOWEST_LOOK_MILLIS = 1000;

    private final Engine engine;
    private final ToIntFunction<Class<?>> redefinedCount;
    private final Set<Class<?>> ours = ConcurrentHashMap.newKeySet();
    /** Guarded by itself, as are {@link #looking}, {@link #nextLook} and {@link #hookedSinceLook}. */
    private final Map<Class<?>, Pending> pending = new LinkedHashMap<>();
    private boolean looking;
    private long nextLook = FIRST_LOOK_MILLIS;
    private boolean hookedSinceLook;
    private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "codefind-external-redefinitions");
        t.setDaemon(true);
        return t;
    });

    /**
     * One class's redefinitions that codefind has not yet reported.
     *
     * @param before the class file conformers last heard of
     * @param after the class file of the last redefinition the hook saw, committed or not yet
     * @param countBefore the class's redefinition count before that redefinition: it moves once the JVM
     *     commits it
     * @param committed the class file of an earlier redefinition the JVM is known to have committed and
     *     codefind has not reported yet; null if none
     */
    private record Pending(byte[] before, byte[] after, int countBefore, byte[] committed) {
    }

    private ExternalRedefinitions(Engine engine, ToIntFunction<Class<?>> redefinedCount) {
        this.engine = engine;
        this.redefinedCount = redefinedCount;
    }

    /**
     * Watches for others' redefinitions, if this JVM lets codefind tell when they took effect.
     *
     * @return the watcher, or null if it cannot work here
     */
    static ExternalRedefinitions install(Engine engine, Instrumentation instrumentation) {
        try {
            Field count = Class.class.getDeclaredField("classRedefinedCount");
            count.setAccessible(true);
            ExternalRedefinitions watcher = new ExternalRedefinitions(engine, type -> {
                try {
                    return count.getInt(type);
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            });
            // The agent's hook has been in place since premain: it hands this watcher what it kept.
            if (!RedefinitionHook.adopt(watcher, engine.classFiles())) {
                instrumentation.addTransformer(watcher, true);
            }
            return watcher;
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "codefind cannot watch redefinitions made by others here: " + e);
            return null;
        }
    }

    /** The watcher the native hook reports to, when codefind runs without its agent. */
    private static volatile ExternalRedefinitions nativeWatcher;
    private boolean rewritingLoads;

    /**
     * Watches for others' redefinitions through JVMTI's class-file hook in the native library, for a
     * program that runs without codefind's agent.
     *
     * @return the watcher, or null if it cannot work here
     */
    static ExternalRedefinitions installNative(Engine engine) {
        try {
            ExternalRedefinitions watcher = new ExternalRedefinitions(engine,
                    io.github.codefind.internal.heap.NativeRedefinition::redefinedCount);
            nativeWatcher = watcher;
            String error = io.github.codefind.internal.heap.NativeRedefinition.watchRedefinitions(
                    ExternalRedefinitions.class);
            if (error != null) {
                nativeWatcher = null;
                throw new IllegalStateException(error);
            }
            return watcher;
        } catch (RuntimeException e) {
            LOG.log(Log.info(), "codefind cannot watch redefinitions made by others without its agent"
                    + " here (" + e + "); start the program with -javaagent:codefind.jar to see a debugger's HotSwap");
            return null;
        }
    }

    /**
     * Called by the native class-file hook for every redefinition.
     *
     * @param redefined the class being redefined
     * @param bytes its new class file
     */
    static void redefined(Class<?> redefined, byte[] bytes) {
        ExternalRedefinitions w = nativeWatcher;
        if (w != null) {
            w.transform(redefined.getModule(), redefined.getClassLoader(), redefined.getName().replace('.', '/'),
                    redefined, redefined.getProtectionDomain(), bytes);
        }
    }

    /**
     * Called by the native class-file hook for every class being loaded, once {@link #movedMembers} turned
     * that on.
     *
     * @param loader the class's loader
     * @param classfile its class file
     * @return the class file with its uses of moved members rewritten; null to load it as it is
     */
    static byte[] loading(ClassLoader loader, byte[] classfile) {
        ExternalRedefinitions w = nativeWatcher;
        if (w == null) {
            return null;
        }
        try {
            return w.engine.companions().rewriteLoading(classfile, loader);
        } catch (RuntimeException | LinkageError e) {
            LOG.log(System.Logger.Level.WARNING, "codefind could not point a class being loaded at the members"
                    + " patches moved; it loads unchanged", e);
            return null;
        }
    }

    /**
     * Says that a patch moved members to companion classes: classes loaded from now on must be rewritten
     * to reach them. The agent's transformer always sees class loads; the native hook is told to.
     */
    void movedMembers() {
        if (this == nativeWatcher && !rewritingLoads) {
            rewritingLoads = true;
            io.github.codefind.internal.heap.NativeRedefinition.rewriteLoads();
        }
    }

    /**
     * Marks classes codefind itself is redefining, so that the hook ignores them. Called with the engine's
     * patch lock held, after {@link #reportCommitted}. A class still pending then was refused by the JVM
     * (or is committing at this very moment, and codefind's bytes replace it): it is dropped, or the count
     * codefind's own redefinition moves would pass it off as committed.
     */
    void ours(List<Class<?>> classes, boolean redefining) {
        if (redefining) {
            ours.addAll(classes);
            synchronized (pending) {
                for (Class<?> c : classes) {
                    Pending dropped = pending.remove(c);
                    if (dropped != null) {
                        LOG.log(System.Logger.Level.DEBUG, () -> "Dropping a redefinition of " + c.getName()
                                + " that the JVM did not commit: codefind redefines the class now");
                    }
                }
            }
        } else {
            ours.removeAll(classes);
        }
    }

    @Override
    public byte[] transform(Module module, ClassLoader loader, String className, Class<?> classBeingRedefined,
            ProtectionDomain domain, byte[] classfile) {
        if (classBeingRedefined == null) {
            rememberIfFromDirectory(loader, className, domain, classfile);
            try {
                return engine.companions().rewriteLoading(classfile, loader);
            } catch (RuntimeException | LinkageError e) {
                LOG.log(System.Logger.Level.WARNING, "codefind could not point " + className
                        + " at the methods patches moved; it loads unchanged", e);
                return null;
            }
        }
        if (ours.contains(classBeingRedefined)) {
            return null;
        }
        try {
            int count = redefinedCount.applyAsInt(classBeingRedefined);
            byte[] after = classfile.clone();
            synchronized (pending) {
                Pending earlier = pending.get(classBeingRedefined);
                Pending next;
                if (earlier == null) {
                    // Read under the lock that reportCommitted records reported bytes under: never the bytes
                    // of a redefinition it is reporting at this moment.
                    next = new Pending(engine.classFiles().current(classBeingRedefined), after, count, null);
                } else if (count != earlier.countBefore()) {
                    // The JVM committed the earlier one (it finishes one redefinition of a class before it
                    // starts the next), and no look has reported it yet.
                    next = new Pending(earlier.before(), after, count, earlier.after());
                } else {
                    // The JVM refused the earlier one: the class still runs what the conformers last heard of.
                    next = new Pending(earlier.before(), after, earlier.countBefore(), earlier.committed());
                }
                pending.put(classBeingRedefined, next);
                hookedSinceLook = true;
                if (!looking) {
                    looking = true;
                    nextLook = FIRST_LOOK_MILLIS;
                    worker.schedule(this::look, nextLook, TimeUnit.MILLISECONDS);
                }
            }
        } catch (java.io.IOException e) {
            // No class file to compare with, as for a class generated at run time: nothing to describe.
            LOG.log(System.Logger.Level.DEBUG, () -> "Ignoring a redefinition of " + className + ": " + e);
        } catch (RuntimeException | Error e) {
            // Its conformers will not hear of it, and nothing else would say so.
            LOG.log(System.Logger.Level.WARNING, "codefind cannot follow a redefinition of " + className
                    + " made by others; its conformers are not told", e);
        }
        return null;
    }

    /** Keeps what the JVM loads from a directory ({@link RedefinitionHook#fromDirectory}). */
    private void rememberIfFromDirectory(ClassLoader loader, String className, ProtectionDomain domain,
            byte[] classfile) {
        if (RedefinitionHook.fromDirectory(className, domain)) {
            engine.classFiles().remember(loader, className.replace('/', '.'), classfile.clone());
        }
    }

    /**
     * The scheduled look: reports what was committed, then looks again later while anything is pending,
     * sooner if the hook ran since.
     */
    private void look() {
        try {
            engine.locked(this::reportCommitted);
        } catch (Throwable e) {
            LOG.log(System.Logger.Level.WARNING, "codefind could not report a redefinition made by others", e);
        } finally {
            synchronized (pending) {
                if (pending.isEmpty()) {
                    looking = false;
                } else {
                    nextLook = hookedSinceLook ? FIRST_LOOK_MILLIS : Math.min(nextLook * 2, SLOWEST_LOOK_MILLIS);
                    hookedSinceLook = false;
                    worker.schedule(this::look, nextLook, TimeUnit.MILLISECONDS);
                }
            }
        }
    }

    /**
     * Reports, as one patch, every pending redefinition the JVM has committed. Called with the engine's
     * patch lock held: by the scheduled look, and by the engine before a patch of its own, which must
     * start from the class files the JVM runs.
     */
    void reportCommitted() {
        Map<Class<?>, Integer> counts = counts();
        Map<Class<?>, byte[][]> batch = new LinkedHashMap<>();
        synchronized (pending) {
            for (java.util.Iterator<Map.Entry<Class<?>, Pending>> i = pending.entrySet().iterator(); i.hasNext(); ) {
                Map.Entry<Class<?>, Pending> e = i.next();
                Pending p = e.getValue();
                Integer count = counts.get(e.getKey());
                if (count != null && count != p.countBefore()) {
                    batch.put(e.getKey(), new byte[][] {p.before(), p.after()});
                    i.remove();
                } else if (p.committed() != null) {
                    batch.put(e.getKey(), new byte[][] {p.before(), p.committed()});
                    e.setValue(new Pending(p.committed(), p.after(), p.countBefore(), null));
                }
            }
            // Recorded before the lock is let go, so that the next hook of these classes compares with them.
            for (Map.Entry<Class<?>, byte[][]> e : batch.entrySet()) {
                engine.classFiles().redefined(e.getKey(), e.getValue()[1]);
            }
        }
        if (batch.isEmpty()) {
            return;
        }
        List<Class<?>> classes = new ArrayList<>();
        List<byte[]> bytes = new ArrayList<>();
        List<Change> changes = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (Map.Entry<Class<?>, byte[][]> e : batch.entrySet()) {
            byte[] before = e.getValue()[0];
            byte[] after = e.getValue()[1];
            classes.add(e.getKey());
            bytes.add(after);
            try {
                ClassComparison c = ClassDiff.compare(ClassModel.read(before), ClassModel.read(after));
                changes.addAll(c.changes());
                if (c.staticInitializerChanged()) {
                    notes.add("the static initializer of " + c.type() + " changed; it was not re-run");
                }
            } catch (RuntimeException ex) {
                LOG.log(System.Logger.Level.WARNING, "codefind cannot describe a redefinition of "
                        + e.getKey().getName() + "; its conformers are not told: " + ex);
            }
        }
        engine.external(classes, bytes, changes, notes);
    }

    /**
     * Reads the redefinition count of every pending class as of one moment. A commit happens at a
     * safepoint, which may fall between two reads: reading until two rounds agree makes sure that no
     * commit fell inside the round kept, so that it shows a batch either wholly committed or not at all.
     */
    private Map<Class<?>, Integer> counts() {
        List<Class<?>> classes;
        synchronized (pending) {
            classes = new ArrayList<>(pending.keySet());
        }
        Map<Class<?>, Integer> previous = read(classes);
        while (true) {
            Map<Class<?>, Integer> now = read(classes);
            if (now.equals(previous)) {
                return now;
            }
            previous = now;
        }
    }

    /** @return each class's redefinition count, read one after the other */
    private Map<Class<?>, Integer> read(List<Class<?>> classes) {
        Map<Class<?>, Integer> counts = new java.util.HashMap<>();
        for (Class<?> c : classes) {
            counts.put(c, redefinedCount.applyAsInt(c));
        }
        return counts;
    }
}
