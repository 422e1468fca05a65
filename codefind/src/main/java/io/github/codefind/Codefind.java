package io.github.codefind;

import io.github.codefind.internal.heap.Backends;
import io.github.codefind.internal.patch.Engine;
import java.util.List;
import java.util.Map;

/**
 * codefind's entry point: live code patching for the JVM, and the conform protocol.
 *
 * <pre>{@code
 * Codefind.install();                                   // once, at start-up (optional)
 * PatchResult r = Codefind.patch(Map.of("com.example.Game", newBytes));
 * if (!r.applied()) System.err.println(r.rejections());
 * }</pre>
 *
 * <p>codefind works in-process with no agent: it loads a small native library and uses JVMTI to
 * redefine classes and walk the heap. Started as an agent ({@code -javaagent:codefind.jar}, or
 * {@code java -jar codefind.jar}), it uses the agent's {@code Instrumentation} instead, and can also
 * see redefinitions made by others.
 *
 * <p><b>Danger:</b> heap walks stop the world; see {@link Heap}. Patches are serialized, and a
 * {@link io.github.codefind.conform.Conformable} must not start one from {@code conform}.
 */
public final class Codefind {
    private Codefind() {
    }

    /**
     * Installs codefind in this JVM, if it is not already: chooses the heap backend and the way to
     * redefine classes, and logs both (at {@code INFO} with {@code -Dcodefind.verbose=true}, otherwise at
     * {@code DEBUG}). Every other method installs on first use, and so does codefind's agent when it
     * first sees a redefinition by others; call this at start-up to pay that cost early.
     */
    public static void install() {
        Engine.get();
    }

    /**
     * Applies new class files to the classes loaded under those names, all or nothing: either every
     * changed class is redefined, or none is and the result says why (naming each class, member, reason
     * and remedy). Then every {@link io.github.codefind.conform.Conformable} that refers to changed code
     * is called once with the changes relevant to it.
     *
     * <p>Lambdas and anonymous classes are matched to the loaded ones by body and position, never by
     * javac's numbering alone, so an existing lambda object never runs another lambda's body.
     *
     * @param classFiles binary or internal class name to class file
     * @return the outcome
     * @throws IllegalStateException if called from a conformer
     */
    public static PatchResult patch(Map<String, byte[]> classFiles) {
        return Engine.get().patch(null, classFiles);
    }

    /**
     * Like {@link #patch(Map)}, for classes defined by one class loader: use it when a class name is
     * loaded by several loaders.
     *
     * @param loader the defining loader of the classes
     * @param classFiles binary or internal class name to class file
     * @return the outcome
     * @throws IllegalStateException if called from a conformer
     */
    public static PatchResult patch(ClassLoader loader, Map<String, byte[]> classFiles) {
        return Engine.get().patch(loader, classFiles);
    }

    /**
     * Registers a listener for every patch, applied or rejected, including redefinitions by others that
     * codefind observed.
     *
     * @param listener the listener
     */
    public static void addListener(PatchListener listener) {
        Engine.get().addListener(listener);
    }

    /**
     * @param listener a listener added earlier
     */
    public static void removeListener(PatchListener listener) {
        Engine.get().removeListener(listener);
    }

    /**
     * Which watched source and class files do not run as saved, and why: a compile error, a change the
     * JVM refused, a change that needs another file's change that is not live, a class file waiting for
     * the rest of its build, a deleted file whose classes stay loaded. The runner
     * ({@code java -jar codefind.jar run}, or the agent's {@code watch=} and {@code classes=}) tries such
     * files again with every later save or build until they go live, and prints this list after every
     * batch while it is not empty.
     *
     * @return the files not live, sources first, each in path order; empty when all are, or when no
     *     runner watches this program
     */
    public static List<NotLive> notLive() {
        return io.github.codefind.internal.run.Runner.notLiveNow();
    }

    /**
     * Makes the runner read every watched folder again and apply whatever differs from what runs, as if
     * every file had just been saved: for a change its watcher missed, such as one made while the file
     * system gave no events. Blocks until done.
     *
     * @return whether a patch was applied; false also when no runner watches this program
     */
    public static boolean resync() {
        return io.github.codefind.internal.run.Runner.resyncNow();
    }

    /**
     * The code registry: which loaded class, method or lambda lives at which file and line.
     *
     * @return the registry
     */
    public static CodeRegistry registry() {
        return Engine.get().registry();
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
