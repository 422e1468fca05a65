package io.github.codefind.internal.patch;

import java.lang.invoke.MethodHandles;
import java.lang.reflect.Method;
import java.util.List;

/**
 * Defines classes a patch adds (a new file, a class not loaded yet) into the program's class loader,
 * so that patched code can use them. It prefers a {@link MethodHandles.Lookup} on a loaded class of the
 * same package; with the agent, which opens {@code java.lang}, it can also call the loader's
 * {@code defineClass} for a package with no class loaded yet.
 */
final class ClassDefiner {
    private ClassDefiner() {
    }

    /**
     * @param host a loaded class
     * @param bytes a class file of the same package
     * @return the class, defined in the host's loader and package
     * @throws IllegalStateException with the reason, if it cannot be defined
     */
    static Class<?> defineNextTo(Class<?> host, byte[] bytes) {
        try {
            ClassDefiner.class.getModule().addReads(host.getModule());
            return MethodHandles.privateLookupIn(host, MethodHandles.lookup()).defineClass(bytes);
        } catch (IllegalAccessException | IllegalArgumentException | LinkageError e) {
            throw new IllegalStateException(e.toString(), e);
        }
    }

    /**
     * @param loader the loader to define into
     * @param binaryName the class's name
     * @param bytes its class file
     * @param loaded classes already loaded, to find one of the same package and loader
     * @return the defined class
     * @throws IllegalStateException with the reason, if it cannot be defined
     */
    static Class<?> define(ClassLoader loader, String binaryName, byte[] bytes, List<Class<?>> loaded) {
        String pkg = binaryName.contains(".") ? binaryName.substring(0, binaryName.lastIndexOf('.')) : "";
        for (Class<?> anchor : loaded) {
            if (anchor.getClassLoader() == loader && !anchor.isArray() && !anchor.isPrimitive() && !anchor.isHidden()
                    && anchor.getPackageName().equals(pkg)) {
                return defineNextTo(anchor, bytes);
            }
        }
        try {
            Method define = ClassLoader.class.getDeclaredMethod("defineClass", String.class, byte[].class,
                    int.class, int.class);
            define.setAccessible(true);
            return (Class<?>) define.invoke(loader, binaryName, bytes, 0, bytes.length);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            throw new IllegalStateException("no class of package '" + pkg + "' is loaded to define it next to, and"
                    + " the class loader cannot be asked directly (" + e + ")", e);
        }
    }
}
