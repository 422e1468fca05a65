package io.github.codefind.internal.registry;

import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.security.ProtectionDomain;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.Opcodes;

/**
 * The class-file hook of the registry: as each class is loaded (or redefined), instruments the
 * constructors of classes that directly implement {@code Conformable}, or an interface extending it,
 * and of classes the user names ({@link ClassSelection}). Subclasses need nothing: their constructors
 * run the instrumented one.
 *
 * <p>Skipped: interfaces, hidden classes, classes of the boot and platform loaders and of JDK
 * packages, codefind's own internals and the conform API, and classes whose loader cannot see
 * codefind's {@link Registry} (loaders that do not delegate to the system class loader), which are
 * reported through {@link Tracking}. It never throws: a failure is logged and leaves the class as it
 * was.
 */
public final class RegistryTransformer implements ClassFileTransformer {
    /** Asked for when a line is logged: looking the logger up at class load would start the log back end. */
    private static System.Logger log() {
        return System.getLogger("io.github.codefind.registry");
    }
    private static final String[] SKIPPED_PREFIXES = {
        "java/", "jdk/", "sun/", "com/sun/", "io/github/codefind/internal/", "io/github/codefind/conform/",
    };

    private final Tracking tracking;
    private final Instrumentation instrumentation;
    private final TrackedInterfaces interfaces;
    private final Map<ClassLoader, Boolean> seesRegistry = Collections.synchronizedMap(new WeakHashMap<>());
    private final Set<Module> readsAdded = Collections.synchronizedSet(Collections.newSetFromMap(new WeakHashMap<>()));

    /**
     * @param tracking where instrumented and skipped classes are recorded
     * @param instrumentation used to let named modules read codefind's; null if there is none
     */
    public RegistryTransformer(Tracking tracking, Instrumentation instrumentation) {
        this.tracking = tracking;
        this.instrumentation = instrumentation;
        this.interfaces = new TrackedInterfaces(tracking.selection());
    }

    @Override
    public byte[] transform(ClassLoader loader, String className, Class<?> classBeingRedefined,
            ProtectionDomain protectionDomain, byte[] classfileBuffer) {
        return transform(null, loader, className, classBeingRedefined, protectionDomain, classfileBuffer);
    }

    @Override
    public byte[] transform(Module module, ClassLoader loader, String className, Class<?> classBeingRedefined,
            ProtectionDomain protectionDomain, byte[] classfileBuffer) {
        if (className == null || loader == null || loader == ClassLoader.getPlatformClassLoader()
                || isSkippedName(className) || classBeingRedefined != null && classBeingRedefined.isHidden()) {
            return null;
        }
        String binaryName = className.replace('/', '.');
        try {
            ClassReader reader = new ClassReader(classfileBuffer);
            if ((reader.getAccess() & (Opcodes.ACC_INTERFACE | Opcodes.ACC_MODULE)) != 0
                    || !needsInstrumenting(loader, binaryName, reader)) {
                return null;
            }
            String obstacle = obstacle(module, loader, reader);
            if (obstacle != null) {
                tracking.untrackable(loader, binaryName, obstacle);
                log().log(System.Logger.Level.WARNING, "codefind cannot track instances of " + binaryName
                        + ": " + obstacle);
                return null;
            }
            byte[] instrumented = ConstructorInstrumenter.instrument(reader);
            tracking.instrumented(loader, binaryName);
            return instrumented;
        } catch (Throwable e) {
            tracking.untrackable(loader, binaryName, "instrumentation failed: " + e);
            log().log(System.Logger.Level.WARNING, "codefind could not instrument " + binaryName
                    + "; its instances are invisible to the registry", e);
            return null;
        }
    }

    private boolean needsInstrumenting(ClassLoader loader, String binaryName, ClassReader reader) {
        if (tracking.selection().matches(binaryName)) {
            return true;
        }
        for (String implemented : reader.getInterfaces()) {
            if (interfaces.isTracked(loader, implemented)) {
                return true;
            }
        }
        return false;
    }

    /** @return null if the constructors can call the registry, otherwise why not */
    private String obstacle(Module module, ClassLoader loader, ClassReader reader) {
        if (!seesRegistry.computeIfAbsent(loader, RegistryTransformer::canLoadRegistry)) {
            return "its class loader " + loader + " cannot load codefind's registry ("
                    + Registry.class.getName() + " from the system class loader)";
        }
        String unreadable = ensureReadsRegistry(module);
        return unreadable != null ? unreadable : ConstructorInstrumenter.obstacle(reader);
    }

    /** Loading a class here is safe: it is codefind's, already loaded by the system loader. */
    private static boolean canLoadRegistry(ClassLoader loader) {
        try {
            return Class.forName(Registry.class.getName(), false, loader) == Registry.class;
        } catch (ClassNotFoundException | LinkageError | RuntimeException e) {
            return false;
        }
    }

    /** A class in a named module can call the registry only if its module reads codefind's. */
    private String ensureReadsRegistry(Module module) {
        Module registryModule = Registry.class.getModule();
        if (module == null || !module.isNamed() || module.canRead(registryModule) || readsAdded.contains(module)) {
            return null;
        }
        if (instrumentation == null || !instrumentation.isModifiableModule(module)) {
            return "its module " + module.getName() + " does not read codefind's module";
        }
        instrumentation.redefineModule(module, Set.of(registryModule), Map.of(), Map.of(), Set.of(), Map.of());
        readsAdded.add(module);
        return null;
    }

    /**
     * @param internalName such as {@code java/util/List}
     * @return whether the class belongs to the JDK, whose types never extend {@code Conformable}
     */
    static boolean isJdkName(String internalName) {
        return internalName.startsWith("java/") || internalName.startsWith("jdk/")
                || internalName.startsWith("sun/") || internalName.startsWith("com/sun/");
    }

    private static boolean isSkippedName(String internalName) {
        for (String prefix : SKIPPED_PREFIXES) {
            if (internalName.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }
}
