package dispatchtests;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Threads that call a dispatcher in a loop, checking each result, while the test thread patches it:
 * the way to show that a call running during {@code conform} sees the old or the new table. The first
 * failure of any thread is rethrown by {@link #stop()}.
 */
final class CallingThreads {
    /** One call of a thread's loop. */
    interface Call {
        /**
         * @param thread the thread's number, from 0
         * @param i the call's number in that thread, from 0
         * @throws Throwable an {@link AssertionError} when the result is wrong
         */
        void call(int thread, long i) throws Throwable;
    }

    private final AtomicBoolean stop = new AtomicBoolean();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final List<Thread> threads = new ArrayList<>();

    private CallingThreads() {
    }

    /**
     * @param count how many threads
     * @param call what each does, again and again until {@link #stop()}
     * @return the running threads
     */
    static CallingThreads start(int count, Call call) {
        CallingThreads running = new CallingThreads();
        for (int t = 0; t < count; t++) {
            int thread = t;
            Thread th = new Thread(() -> {
                try {
                    for (long i = 0; !running.stop.get(); i++) {
                        call.call(thread, i);
                    }
                } catch (Throwable e) {
                    running.failure.compareAndSet(null, e);
                }
            });
            th.start();
            running.threads.add(th);
        }
        return running;
    }

    /**
     * Stops the threads and waits for them.
     *
     * @throws InterruptedException if interrupted while waiting
     * @throws AssertionError wrapping the first failure of a thread
     */
    void stop() throws InterruptedException {
        stop.set(true);
        for (Thread t : threads) {
            t.join();
        }
        if (failure.get() != null) {
            throw new AssertionError(failure.get());
        }
    }
}
