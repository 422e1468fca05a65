package io.github.codefind.internal.patch;

import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.security.ProtectionDomain;
import java.util.HashMap;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * The agent's class-file hook, in place from {@code premain} so that a redefinition by others (an
 * IDE's HotSwap over JDWP) reaches the conform pipeline however early it comes, while a program that is
 * never patched never loads the engine or ASM. Until the engine exists, the hook only keeps the class
 * files of classes loaded from directories, which compilers rewrite in place before an IDE hot-swaps
 * them (what {@link ExternalRedefinitions} keeps once it runs); the first redefinition creates the
 * engine, which takes those files over, and from then on every call goes to
 * {@link ExternalRedefinitions}.
 *
 * <p>Nothing moved to companion classes before the first patch, so class loads need no rewriting
 * until the engine exists. The hook uses no lambda and no string concatenation on the class-load path:
 * both would bootstrap {@code java.lang.invoke} before {@code main}.
 */
public final class RedefinitionHook implements ClassFileTransformer {
    private static volatile RedefinitionHook installed;

    /** Set once, when the engine takes over; guarded by {@link #remembered} while it is null. */
    private volatile ClassFileTransformer delegate;
    /** The class files of classes loaded from directories before the engine existed, by loader. */
    private final Map<ClassLoader, Map<String, byte[]>> remembered = new WeakHashMap<>();
    /** Classes of the boot loader, which a weak map cannot key by a null loader. */
    private final Map<String, byte[]> rememberedBoot = new HashMap<>();

    private RedefinitionHook() {
    }

    /**
     * Registers the hook, for the agent's {@code premain}: cheap, it loads no part of the engine.
     *
     * @param instrumentation the agent's
     */
    public static void install(Instrumentation instrumentation) {
        RedefinitionHook hook = new RedefinitionHook();
        installed = hook;
        instrumentation.addTransformer(hook, true);
    }

    /**
     * Hands the hook over to the engine's watcher: the class files kept so far go to the engine's store,
     * and every later call goes to the watcher.
     *
     * @param watcher the engine's watcher of others' redefinitions
     * @param classFiles the engine's store of class files
     * @return false if no hook is installed: the watcher must register itself
     */
    static boolean adopt(ExternalRedefinitions watcher, ClassFiles classFiles) {
        RedefinitionHook hook = installed;
        if (hook == null) {
            return false;
        }
        synchronized (hook.remembered) {
            for (Map.Entry<ClassLoader, Map<String, byte[]>> l : hook.remembered.entrySet()) {
                for (Map.Entry<String, byte[]> c : l.getValue().entrySet()) {
                    classFiles.remember(l.getKey(), c.getKey(), c.getValue());
                }
            }
            for (Map.Entry<String, byte[]> c : hook.rememberedBoot.entrySet()) {
                classFiles.remember(null, c.getKey(), c.getValue());
            }
            hook.remembered.clear();
            hook.rememberedBoot.clear();
            hook.delegate = watcher;
        }
        return true;
    }

    @Override
    public byte[] transform(Module module, ClassLoader loader, String className, Class<?> classBeingRedefined,
            ProtectionDomain domain, byte[] classfile) {
        ClassFileTransformer d = delegate;
        if (d == null && classBeingRedefined == null) {
            synchronized (remembered) {
                d = delegate;
                if (d == null) {
                    rememberIfFromDirectory(loader, className, domain, classfile);
                    return null;
                }
            }
        }
        if (d == null) {
            d = engineWatcher();
            if (d == null) {
                return null;
            }
        }
        try {
            return d.transform(module, loader, className, classBeingRedefined, domain, classfile);
        } catch (java.lang.instrument.IllegalClassFormatException e) {
            return null;
        }
    }

    /**
     * Creates the engine for the first redefinition by others, which adopts this hook; null while the
     * engine or the heap backend is being made on this thread (the registry retransforms the classes it
     * tracks then, which is nobody's patch) or if no watcher could be installed.
     */
    private ClassFileTransformer engineWatcher() {
        if (Thread.holdsLock(Engine.class) || Thread.holdsLock(io.github.codefind.internal.heap.Backends.class)) {
            return null;
        }
        try {
            Engine.get();
        } catch (RuntimeException | LinkageError e) {
            System.getLogger("io.github.codefind.patch").log(System.Logger.Level.WARNING,
                    "codefind could not start to follow a redefinition made by others; its conformers are not told",
                    e);
            return null;
        }
        return delegate;
    }

    /** As {@link ExternalRedefinitions} does, until it runs. */
    private void rememberIfFromDirectory(ClassLoader loader, String className, ProtectionDomain domain,
            byte[] classfile) {
        if (!fromDirectory(className, domain)) {
            return;
        }
        Map<String, byte[]> classes;
        if (loader == null) {
            classes = rememberedBoot;
        } else {
            classes = remembered.get(loader);
            if (classes == null) {
                classes = new HashMap<>();
                remembered.put(loader, classes);
            }
        }
        classes.put(className.replace('/', '.'), classfile.clone());
    }

    /**
     * Compilers rewrite class files in directories in place, often just before an IDE hot-swaps them:
     * what the JVM loaded from a directory is kept, so that the old bytes are still there to compare
     * with. Jars are left alone; their classes are re-read when needed.
     *
     * @param className the class being loaded, internal name; null for none
     * @param domain its protection domain
     * @return whether it is loaded from a directory
     */
    static boolean fromDirectory(String className, ProtectionDomain domain) {
        if (className == null || domain == null || domain.getCodeSource() == null
                || domain.getCodeSource().getLocation() == null) {
            return false;
        }
        java.net.URL location = domain.getCodeSource().getLocation();
        return "file".equals(location.getProtocol()) && location.getPath().endsWith("/");
    }
}
