package io.github.codefind.watch;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.codefind.internal.watch.ChangeBatch;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A batch callback that records each batch with the content of its changed files as read during the
 * callback (ISO-8859-1, so any bytes survive), and waits for batches with deadlines.
 */
final class Batches implements Consumer<ChangeBatch> {
    /** Long enough for a loaded machine; a passing test never waits for it. */
    static final Duration DEADLINE = Duration.ofSeconds(5);

    /**
     * A delivered batch, and what its changed files held when it was delivered.
     *
     * @param began {@link System#nanoTime()} when the callback began: the batch was made before then
     */
    record Delivered(ChangeBatch batch, Map<Path, String> contents, String thread, long began) {
        String content(Path path) {
            return contents.get(path);
        }
    }

    private final BlockingQueue<Delivered> queue = new LinkedBlockingQueue<>();
    private final List<Delivered> all = Collections.synchronizedList(new ArrayList<>());
    private volatile Consumer<ChangeBatch> before = batch -> { };
    private volatile Thread thread;

    /** @param hook runs in the callback before the batch is recorded (it may throw or block) */
    void before(Consumer<ChangeBatch> hook) {
        this.before = hook;
    }

    @Override
    public void accept(ChangeBatch batch) {
        long began = System.nanoTime();
        Map<Path, String> contents = new HashMap<>();
        for (Path path : batch.changed()) {
            try {
                contents.put(path, new String(Files.readAllBytes(path), StandardCharsets.ISO_8859_1));
            } catch (IOException e) {
                contents.put(path, "<unreadable: " + e + ">");
            }
        }
        thread = Thread.currentThread();
        Delivered delivered = new Delivered(batch, contents, thread.getName(), began);
        all.add(delivered);
        queue.add(delivered);
        before.accept(batch);
    }

    /** @return the next batch; fails after {@link #DEADLINE} */
    Delivered next() throws InterruptedException {
        Delivered next = queue.poll(DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
        if (next == null) {
            fail("no batch within " + DEADLINE + "; so far " + all);
        }
        return next;
    }

    /** @return the batches delivered until one reports {@code path} (included); fails after the deadline */
    List<Delivered> until(Path path) throws InterruptedException {
        List<Delivered> seen = new ArrayList<>();
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            Delivered next = left > 0 ? queue.poll(left, TimeUnit.NANOSECONDS) : null;
            if (next == null) {
                fail("no batch with " + path + " within " + DEADLINE + "; got " + seen);
            }
            seen.add(next);
            if (next.batch().changed().contains(path) || next.batch().deleted().contains(path)) {
                return seen;
            }
        }
    }

    /** Waits (a short fixed time: only for checks that nothing happens) and asserts no batch came. */
    void assertNone(Duration wait) throws InterruptedException {
        assertNull(queue.poll(wait.toMillis(), TimeUnit.MILLISECONDS), "unexpected batch");
    }

    /** @return the thread of the last callback */
    Thread thread() {
        return thread;
    }

    /** @return every batch delivered so far */
    List<Delivered> all() {
        synchronized (all) {
            return List.copyOf(all);
        }
    }
}
