package io.github.codefind.internal.run;

import io.github.codefind.internal.patch.Engine;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Compiles a save's sources while the watcher waits for the save to settle, so that the batch finds
 * them compiled. On a Spring application the compilation is some 35 ms of a patch, and the wait for
 * quiet 40 ms: doing one during the other takes the shorter off every save.
 *
 * <p>A compilation ahead is only a candidate. A batch takes it when it compiles exactly the same
 * sources, byte for byte, against the same running classes; otherwise it compiles again, so a file
 * read half written ahead of time is compiled again from what the batch reads. Nothing a compilation
 * ahead finds, errors included, is ever reported: only what the batch compiles counts.
 *
 * <p>Compilations ahead run on a daemon thread of their own, {@code codefind-compile-ahead}, one at a
 * time; the writes heard meanwhile are taken by the next one. The task it runs takes the batches' lock,
 * so a batch and a compilation ahead never run together: a batch that comes while one runs waits for
 * it, then takes it.
 */
final class CompileAhead {
    private static final System.Logger LOG = System.getLogger("io.github.codefind.run");

    /** One compilation, and what it was made from. */
    private record Ahead(Map<Path, byte[]> sources, Map<String, byte[]> running, Set<String> hidden, long patches,
            SourceCompiler.Result result, Duration took) {
        boolean madeFrom(Map<Path, byte[]> otherSources, Map<String, byte[]> otherRunning, Set<String> otherHidden) {
            // Any patch since (a class folder's build, a debugger's HotSwap) may change what javac reads.
            if (patches != Engine.get().patchesApplied() || !sources.keySet().equals(otherSources.keySet())
                    || !hidden.equals(otherHidden)) {
                return false;
            }
            for (Map.Entry<Path, byte[]> s : sources.entrySet()) {
                if (!Arrays.equals(s.getValue(), otherSources.get(s.getKey()))) {
                    return false;
                }
            }
            // By identity: the running classes' bytes are replaced, never changed, when a patch applies.
            return running.equals(otherRunning);
        }
    }

    /**
     * A batch's compilation.
     *
     * @param result what javac made
     * @param took how long the compilation took, ahead of the batch or in it
     * @param ahead whether it was compiled ahead of the batch, while the save settled
     */
    record Compiled(SourceCompiler.Result result, Duration took, boolean ahead) {
    }

    private final SourceCompiler compiler;
    private final Consumer<Set<Path>> task;
    private final Set<Path> heard = new LinkedHashSet<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private Thread thread;
    /** The last compilation ahead, not taken yet; guarded by the batches' lock, which its callers hold. */
    private Ahead last;

    /**
     * @param compiler the batches' compiler
     * @param task compiles ahead for the files heard of: takes the batches' lock, works out what the next
     *     batch would compile and calls {@link #compileAhead}
     */
    CompileAhead(SourceCompiler compiler, Consumer<Set<Path>> task) {
        this.compiler = compiler;
        this.task = task;
    }

    /**
     * Hears that a file was written: a compilation ahead starts unless one is waiting to start already.
     * Returns at once.
     *
     * @param file the file, perhaps still being written
     */
    void heard(Path file) {
        synchronized (heard) {
            heard.add(file);
        }
        if (scheduled.compareAndSet(false, true)) {
            synchronized (this) {
                if (thread == null || !thread.isAlive()) {
                    thread = new Thread(this::run, "codefind-compile-ahead");
                    thread.setDaemon(true);
                    thread.start();
                } else {
                    notifyAll();
                }
            }
        }
    }

    private void run() {
        while (true) {
            synchronized (this) {
                while (!scheduled.get()) {
                    try {
                        wait();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }
            Set<Path> files;
            synchronized (heard) {
                scheduled.set(false);
                files = new LinkedHashSet<>(heard);
                heard.clear();
            }
            try {
                task.accept(files);
            } catch (RuntimeException | LinkageError e) {
                LOG.log(System.Logger.Level.DEBUG, () -> "codefind: compiling ahead failed: " + e);
            }
        }
    }

    /**
     * Compiles ahead of a batch and keeps the result for it; the caller holds the batches' lock.
     *
     * @param sources what the next batch would compile, as on disk now
     * @param running the running classes
     * @param hidden the classes no saved source declares
     */
    void compileAhead(Map<Path, byte[]> sources, Map<String, byte[]> running, Set<String> hidden) {
        last = null;
        if (sources.isEmpty()) {
            return;
        }
        long start = System.nanoTime();
        long patches = Engine.get().patchesApplied();
        try {
            SourceCompiler.Result result = compiler.compile(sources, running, hidden);
            last = new Ahead(Map.copyOf(sources), running, Set.copyOf(hidden), patches, result,
                    Duration.ofNanos(System.nanoTime() - start));
        } catch (IOException | RuntimeException e) {
            // The batch compiles again, and reports what it finds.
            LOG.log(System.Logger.Level.DEBUG, () -> "codefind: compiling ahead failed: " + e);
        }
    }

    /**
     * Compiles a batch's sources, or takes the compilation made ahead of them; the caller holds the
     * batches' lock.
     *
     * @param sources the batch's sources
     * @param running the running classes
     * @param hidden the classes no saved source declares
     * @return the compilation
     * @throws IOException if the class path cannot be read
     */
    Compiled compile(Map<Path, byte[]> sources, Map<String, byte[]> running, Set<String> hidden) throws IOException {
        Ahead ahead = last;
        last = null;
        if (ahead != null && ahead.madeFrom(sources, running, hidden)) {
            return new Compiled(ahead.result(), ahead.took(), true);
        }
        long start = System.nanoTime();
        SourceCompiler.Result result = compiler.compile(sources, running, hidden);
        return new Compiled(result, Duration.ofNanos(System.nanoTime() - start), false);
    }
}
