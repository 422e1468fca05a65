package io.github.codefind.internal.patch;

import java.io.IOException;
import java.io.InputStream;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * The current class file of each loaded class: the bytes codefind last redefined it with, or else the
 * bytes its loader serves, which are what the JVM loaded unless the file was rewritten since. Keeps
 * bytes only for classes it patched (and, with the agent, for classes loaded from directories, which
 * compilers rewrite in place), so memory follows the size of what changes, not of the program.
 */
public final class ClassFiles {
    private final Map<Class<?>, byte[]> current = Collections.synchronizedMap(new WeakHashMap<>());
    private final Snapshots snapshots;

    /**
     * @param snapshots the bytes captured as classes loaded, or {@link Snapshots#NONE}
     */
    public ClassFiles(Snapshots snapshots) {
        this.snapshots = snapshots;
    }

    /**
     * @param type a loaded class
     * @return its current class file
     * @throws IOException if it cannot be read: no loader resource, or an unreadable one
     */
    public byte[] current(Class<?> type) throws IOException {
        byte[] bytes = current.get(type);
        if (bytes != null) {
            return bytes;
        }
        bytes = snapshots.bytesOf(type.getClassLoader(), type.getName());
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

    /** @return how many classes codefind holds patched bytes for */
    public int patchedCount() {
        return current.size();
    }

    /** Bytes captured as classes were loaded; see the agent. */
    public interface Snapshots {
        /** Captures nothing: bytes are read from the class's loader. */
        Snapshots NONE = (loader, name) -> null;

        /**
         * @param loader the defining loader, or null
         * @param binaryName the class's binary name
         * @return the bytes it was loaded with, or null if none were captured
         */
        byte[] bytesOf(ClassLoader loader, String binaryName);
    }
}
