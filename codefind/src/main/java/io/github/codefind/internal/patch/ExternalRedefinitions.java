package io.github.codefind.internal.patch;

import io.github.codefind.conform.Change;
import io.github.codefind.internal.classfile.ClassComparison;
import io.github.codefind.internal.classfile.ClassDiff;
import io.github.codefind.internal.classfile.ClassModel;
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
 * <p>The hook runs before the JVM checks and commits the new bytes, so each redefinition is confirmed
 * by the class's redefinition count before anyone is told: a refused HotSwap reaches nobody.
 * Redefinitions in quick succession are batched into one patch.
 */
final class ExternalRedefinitions implements ClassFileTransformer {
    private static final System.Logger LOG = System.getLogger("io.github.codefind.patch");
    private static final long BATCH_MILLIS = 50;

    private final Engine engine;
    private final ToIntFunction<Class<?>> redefinedCount;
    private final Set<Class<?>> ours = ConcurrentHashMap.newKeySet();
    private final Map<Class<?>, Pending> pending = new LinkedHashMap<>();
    private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "codefind-external-redefinitions");
        t.setDaemon(true);
        return t;
    });

    private record Pending(byte[] before, byte[] after, int countBefore) {
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
            instrumentation.addTransformer(watcher, true);
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
            LOG.log(System.Logger.Level.INFO, "codefind cannot watch redefinitions made by others without its agent"
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

    /** Marks classes codefind itself is redefining, so that the hook ignores them. */
    void ours(List<Class<?>> classes, boolean redefining) {
        if (redefining) {
            ours.addAll(classes);
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
            byte[] before = engine.classFiles().current(classBeingRedefined);
            int count = redefinedCount.applyAsInt(classBeingRedefined);
            synchronized (pending) {
                Pending earlier = pending.get(classBeingRedefined);
                pending.put(classBeingRedefined, new Pending(earlier != null ? earlier.before() : before,
                        classfile.clone(), earlier != null ? earlier.countBefore() : count));
            }
            worker.schedule(this::flush, BATCH_MILLIS, TimeUnit.MILLISECONDS);
        } catch (Throwable e) {
            LOG.log(System.Logger.Level.DEBUG, () -> "Ignoring a redefinition of " + className + ": " + e);
        }
        return null;
    }

    /**
     * Compilers rewrite class files in directories in place, often just before an IDE hot-swaps them:
     * keep what the JVM loaded, so that the old bytes are still there to compare with. Jars are left
     * alone; their classes are re-read when needed.
     */
    private void rememberIfFromDirectory(ClassLoader loader, String className, ProtectionDomain domain,
            byte[] classfile) {
        if (className == null || domain == null || domain.getCodeSource() == null
                || domain.getCodeSource().getLocation() == null) {
            return;
        }
        java.net.URL location = domain.getCodeSource().getLocation();
        if ("file".equals(location.getProtocol()) && location.getPath().endsWith("/")) {
            engine.classFiles().remember(loader, className.replace('/', '.'), classfile.clone());
        }
    }

    private void flush() {
        Map<Class<?>, Pending> batch;
        synchronized (pending) {
            batch = new LinkedHashMap<>(pending);
            pending.clear();
        }
        List<Class<?>> classes = new ArrayList<>();
        List<byte[]> bytes = new ArrayList<>();
        List<Change> changes = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (Map.Entry<Class<?>, Pending> e : batch.entrySet()) {
            try {
                if (redefinedCount.applyAsInt(e.getKey()) == e.getValue().countBefore()) {
                    continue; // the JVM refused it, or it was a retransformation: nothing changed
                }
                ClassComparison c = ClassDiff.compare(ClassModel.read(e.getValue().before()),
                        ClassModel.read(e.getValue().after()));
                classes.add(e.getKey());
                bytes.add(e.getValue().after());
                changes.addAll(c.changes());
                if (c.staticInitializerChanged()) {
                    notes.add("the static initializer of " + c.type() + " changed; it was not re-run");
                }
            } catch (RuntimeException ex) {
                LOG.log(System.Logger.Level.WARNING, "codefind cannot describe a redefinition of "
                        + e.getKey().getName() + ": " + ex);
            }
        }
        if (!classes.isEmpty()) {
            engine.external(classes, bytes, changes, notes);
        }
    }
}
