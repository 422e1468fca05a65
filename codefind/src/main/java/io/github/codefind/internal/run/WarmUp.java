package io.github.codefind.internal.run;

/**
 * The one place for work that makes the user's first save fast without slowing the program's start:
 * once {@code main} has begun, and only when codefind watches folders, a daemon thread of the lowest
 * priority waits {@link #DELAY_MILLIS}, then prepares the runner ({@link Runner#prepare()}: the engine,
 * ASM, the compiler) and rehearses a first save ({@link Rehearsal}: javac and the engine run, and are
 * compiled by the JIT). A program that ends within the delay never pays for it; a save that comes
 * first prepares the runner itself, and waits for at most one step of the rehearsal.
 *
 * <p>Warm-up work belongs in {@link #warmUp}: it runs on that thread, after the delay.
 */
public final class WarmUp {
    /** How long after {@code main} begins the warm-up starts: start-up is the program's first. */
    static final long DELAY_MILLIS = 500;

    private WarmUp() {
    }

    /**
     * Schedules the warm-up; called once {@code main} has begun, or, under the agent, just before.
     *
     * @param runner the runner that watches the program's folders
     */
    public static void afterMainBegins(Runner runner) {
        // A class rather than a lambda: the launcher calls this on the program's main thread.
        Thread thread = new Thread(new Task(runner), "codefind-warm-up");
        thread.setDaemon(true);
        thread.setPriority(Thread.MIN_PRIORITY);
        thread.start();
    }

    /**
     * The warm-up itself, after the delay, on the warm-up thread.
     *
     * @param runner the runner to prepare
     */
    static void warmUp(Runner runner) {
        runner.prepare();
        runner.rehearse();
    }

    private static final class Task implements Runnable {
        private final Runner runner;

        Task(Runner runner) {
            this.runner = runner;
        }

        @Override
        public void run() {
            try {
                Thread.sleep(DELAY_MILLIS);
                warmUp(runner);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException | LinkageError e) {
                // The first save prepares the runner again, and reports what fails then, where the user looks.
                System.getLogger("io.github.codefind.run").log(System.Logger.Level.DEBUG, "codefind warm-up failed", e);
            }
        }
    }
}
