package io.github.codefind.internal.patch;

import java.io.IOException;
import java.io.InputStream;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * The current class file of each loaded class: the bytes codefind last redefined it with, or else the
 * bytes its loader serves, which are what the JVM loaded unless the file was rewritten since. Keeps
 * bytes only for classes it patched, and for the classes of watched class folders, which compilers
 * rewrite in place: memory follows the size of what changes, not of the program.
 */
public final class ClassFiles {
    private final Map<Class<?>, byte[]> current = Collections.synchronizedMap(new WeakHashMap<>());
    private final Map<ClassLoader, Map<String, byte[]>> snapshots = Collections.synchronizedMap(new WeakHashMap<>());

    /**
     * @param type a loaded class
     * @return its current class file
     * @throws IOException if it cannot be read: no loader resource, or an unreadable one
     */
    public byte[] current(Class<?> type) throws IOException {
        byte[] bytes = held(type);
        if (bytes != null) {
            return bytes;
        }
        String resource = type.getName().replace('.', '/') + ".class";
        ClassLoader loader = type.getClassLoader();
        try (InputStream in = loader == null ? ClassLoader.getSystemResourceAsStream(resource)
                : loader.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("no class file for " + type.getName() + " in its loader " + loader);
            }
            return in.readAllBytes();
        }
    }

    /**
     * Records the bytes a class was just redefined with.
     *
     * @param type the class
     * @param bytes its new class file
     */
    public void redefined(Class<?> type, byte[] bytes) {
        current.put(type, bytes);
    }

    /**
     * Keeps the class file a loaded class runs, unless one is kept already: its loader may serve another
     * file under its name from now on (a patch gave that name's file to another class).
     *
     * @param type the class
     * @param bytes the class file it runs
     */
    public void hold(Class<?> type, byte[] bytes) {
        current.putIfAbsent(type, bytes);
    }

    /**
     * @param type a loaded class
     * @return its class file if codefind holds it (the class was patched, or loaded from a watched class
     *     folder); null if it would have to be read from its loader, which may serve a newer file
     */
    public byte[] held(Class<?> type) {
        byte[] bytes = current.get(type);
        if (bytes != null) {
            return bytes;
        }
        Map<String, byte[]> remembered = snapshots.get(type.getClassLoader());
        return remembered == null ? null : remembered.get(type.getName());
    }

    /** @return how many classes codefind holds patched bytes for */
    public int patchedCount() {
        return current.size();
    }

    /**
     * Remembers the class file a class of a loader was (or will be) loaded from, before a compiler
     * rewrites it in place: the runner does this for the classes in watched class folders.
     *
     * @param loader the loader that loads it
     * @param binaryName the class's name
     * @param bytes the class file
     */
    public void remember(ClassLoader loader, String binaryName, byte[] bytes) {
        snapshots.computeIfAbsent(loader, l -> new java.util.concurrent.ConcurrentHashMap<>()).put(binaryName, bytes);
    }
}
