package io.github.codefind.demo;

import java.io.PrintStream;
import java.util.List;

/**
 * The codefind demo: an aquarium in the terminal, to edit while it runs.
 *
 * <p>Run it under codefind's launcher, open {@code Aquarium.java}, change a line marked
 * {@code <- edit me} and save: the fish change on the next frame and keep their places, and the
 * status line counts on. Every tweakable value lives in a method body (see {@link Aquarium}).
 *
 * <p>Usage: {@code Demo [--frames N] [--no-ansi]}. Without {@code --frames} it runs until Ctrl-C.
 * {@code --no-ansi} prints plain frames, each followed by a separator line, for tests and dumb
 * terminals.
 */
public final class Demo {
    private static final String USAGE = "usage: java io.github.codefind.demo.Demo [--frames N] [--no-ansi]";
    private static final long SEED = 42;

    private Demo() {
    }

    /** How long each frame stays on screen, in milliseconds. */
    static long frameMillis() {
        return 100; // <- edit me while the demo runs: 30 for fast-forward, 500 for slow motion
    }

    /**
     * Runs the demo until Ctrl-C, or for {@code --frames N} frames.
     *
     * @param args the command line: {@code [--frames N] [--no-ansi]}
     */
    public static void main(String[] args) {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
            return;
        }
        if (options.help()) {
            System.out.println(USAGE);
            return;
        }
        PrintStream out = System.out;
        if (options.ansi()) {
            out.print("\033[?25l\033[2J"); // hide the cursor, clear the screen
            out.flush();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                out.print("\033[0m\033[?25h\n"); // reset colours, show the cursor
                out.flush();
            }, "codefind-demo-terminal"));
        }
        play(new Aquarium(SEED), new Palette(), options.frames(), options.ansi(), out, true);
    }

    /**
     * Steps and draws the aquarium, frame after frame.
     *
     * @param paced whether to wait {@link #frameMillis()} between frames
     */
    static void play(Aquarium aquarium, Palette palette, long frames, boolean ansi, PrintStream out,
            boolean paced) {
        // This loop runs the code it started with until it ends; the methods it calls run your edits.
        for (long frame = 1; frame <= frames; frame++) {
            long start = System.nanoTime();
            aquarium.step();
            out.print(draw(aquarium.render(palette, ansi), ansi));
            out.flush();
            if (paced && !pause(frameMillis() - (System.nanoTime() - start) / 1_000_000)) {
                return;
            }
        }
    }

    /** One frame as text, printed in one go so that nothing can interleave with it. */
    static String draw(List<String> lines, boolean ansi) {
        StringBuilder frame = new StringBuilder(ansi ? "\033[H" : ""); // ANSI: back to the top left
        for (String line : lines) {
            frame.append(line).append(ansi ? "\033[K\n" : "\n"); // ANSI: clear the rest of the line
        }
        if (!ansi) {
            frame.append("-".repeat(lines.isEmpty() ? 0 : lines.get(0).length())).append('\n');
        }
        return frame.toString();
    }

    private static boolean pause(long millis) {
        try {
            Thread.sleep(Math.max(0, millis));
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * The command line.
     *
     * @param frames how many frames to draw; {@link Long#MAX_VALUE} for ever
     * @param ansi whether to draw with ANSI escape codes
     * @param help whether to print the usage and stop
     */
    record Options(long frames, boolean ansi, boolean help) {
        static Options parse(String... args) {
            long frames = Long.MAX_VALUE;
            boolean ansi = true;
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--no-ansi" -> ansi = false;
                    case "--help", "-h" -> {
                        return new Options(frames, ansi, true);
                    }
                    case "--frames" -> {
                        if (i + 1 == args.length) {
                            throw new IllegalArgumentException("--frames needs a number");
                        }
                        try {
                            frames = Long.parseLong(args[++i]);
                        } catch (NumberFormatException e) {
                            throw new IllegalArgumentException("--frames needs a number, not '" + args[i] + "'");
                        }
                        if (frames < 0) {
                            throw new IllegalArgumentException("--frames cannot be negative: " + frames);
                        }
                    }
                    default -> throw new IllegalArgumentException("Unknown option '" + args[i] + "'");
                }
            }
            return new Options(frames, ansi, false);
        }
    }
}
