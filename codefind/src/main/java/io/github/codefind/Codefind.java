package io.github.codefind;

import io.github.codefind.internal.heap.Backends;

/**
 * codefind's entry point: live code patching for the JVM, and the conform protocol.
 *
 * <p>Everything starts here. Today it offers {@link #heap()}, the questions codefind asks about live
 * objects to find the code-derived state a patch must update.
 */
public final class Codefind {
    private Codefind() {
    }

    /**
     * The live heap of this JVM. The first call chooses a backend: JVMTI through codefind's native
     * library when it loads, otherwise the pure-Java registry (see {@link Heap}). The system property
     * {@code codefind.heap} ({@code auto}, {@code jvmti}, {@code registry}) forces one.
     *
     * <p>On JDK 24 and later, loading the native library prints a restricted-method warning unless the
     * JVM runs with {@code --enable-native-access=ALL-UNNAMED}.
     *
     * @return the heap
     * @throws IllegalStateException if {@code codefind.heap=jvmti} is set and the native library
     *     cannot be used
     */
    public static Heap heap() {
        return Backends.heap();
    }
}
