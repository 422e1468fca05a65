package io.github.codefind.demo;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;

/**
 * A fish tank: fish swim to and fro, sharks eat what crosses their path, new fish are born, and
 * bubbles rise to the surface. Its state (the fish, where they are, the counters) lives in this
 * object and survives every patch; only the code changes.
 *
 * <p>Every value worth tweaking is returned by a small static method below, marked
 * {@code <- edit me}, rather than kept in a {@code static final} constant or a field initializer:
 * a running JVM can swap method bodies, but it does not re-run static initializers or
 * constructors, and cannot add fields. The methods are called afresh every frame, so a saved edit
 * shows on the next one. {@code sprite} and {@code colour} are the exception that proves the
 * rule: their results are memoised by the {@link Palette}, which sees your edit only because
 * codefind calls its {@code conform} method.
 */
public final class Aquarium {

    // ---- Edit these while the demo runs ------------------------------------------------------

    /** What a fish looks like, swimming right; the {@link Palette} mirrors it for swimming left. */
    static String sprite(String kind) {
        return switch (kind) {
            case "guppy" -> "><>";         // <- edit me while the demo runs: "><)))'>" (Palette conforms)
            case "tetra" -> "><=>";
            case "angel" -> "><(((*>";
            case "shark" -> ">=={###}o>";
            default -> "?";
        };
    }

    /** A fish's ANSI colour: 31 red, 32 green, 33 yellow, 34 blue, 35 magenta, 36 cyan, 9x bright. */
    static int colour(String kind) {
        return switch (kind) {
            case "guppy" -> 93;            // <- edit me while the demo runs: 91 for red guppies
            case "tetra" -> 96;
            case "angel" -> 95;
            case "shark" -> 37;
            default -> 0;
        };
    }

    /** Columns a fish swims per frame. */
    static double speed(String kind) {
        return switch (kind) {
            case "guppy" -> 0.5;           // <- edit me while the demo runs: 2.0 for turbo guppies
            case "tetra" -> 0.8;
            case "angel" -> 0.3;
            case "shark" -> 0.4;
            default -> 0.5;
        };
    }

    /** Whether a hunter eats a prey that its head touches. */
    static boolean eats(String hunter, String prey) {
        return hunter.equals("shark") && !prey.equals("shark"); // <- edit me: "return false;" makes peace
    }

    /** The kind of a newborn fish, from a roll of 0 to 99. */
    static String newborn(int roll) {
        return roll < 55 ? "guppy" : roll < 85 ? "tetra" : "angel"; // <- edit me: "angel" -> "shark"!
    }

    /** The chance, in percent per frame, that a fish is born while the tank is below capacity. */
    static int birthChance() {
        return 3;
    }

    /** The most fish the tank holds. */
    static int capacity() {
        return 12;
    }

    /** The chance, in percent per frame, that a fish lets out a bubble. */
    static int bubbleChance() {
        return 3;
    }

    /** A bubble at a row: bigger as it nears the surface. */
    static char bubble(int row) {
        return row < 4 ? 'O' : row < 9 ? 'o' : '.'; // <- edit me while the demo runs: '*' instead of 'O'
    }

    /** The surface of the water at a column. */
    static char wave(int x, long tick) {
        return (x + tick / 3) % 8 < 4 ? '~' : '-';
    }

    /** A frond of seaweed, swaying with time. */
    static char seaweed(long tick, int level) {
        return (tick / 5 + level) % 2 == 0 ? '(' : ')';
    }

    /** Where seaweed grows. */
    static int[] seaweedColumns() {
        return new int[] {5, 17, 30, 48, 61, 68};
    }

    /** The sand at the bottom, repeated across the tank. */
    static String sand() {
        return "._.,-'-.,_.";
    }

    /** The tank's width in columns. */
    static int width() {
        return 72;
    }

    /** The tank's height in rows, from the surface to the sand. */
    static int height() {
        return 16;
    }

    // ---- The simulation ------------------------------------------------------------------------

    /** A fish: its kind, its place and which way it swims. */
    private static final class Fish {
        final String kind;
        double x;
        int y;
        boolean right;

        Fish(String kind, double x, int y, boolean right) {
            this.kind = kind;
            this.x = x;
            this.y = y;
            this.right = right;
        }

        int length() {
            return sprite(kind).length();
        }

        int head() {
            return (int) Math.round(right ? x + length() - 1 : x);
        }
    }

    /** A rising bubble. */
    private static final class Bubble {
        int x;
        double y;

        Bubble(int x, double y) {
            this.x = x;
            this.y = y;
        }
    }

    private final Random random;
    private final List<Fish> fish = new ArrayList<>();
    private final List<Bubble> bubbles = new ArrayList<>();
    private long tick;
    private long born;
    private long eaten;
    private long popped;

    /**
     * A tank with a few fish and one shark, placed at random.
     *
     * @param seed the seed of all randomness: the same seed gives the same run
     */
    public Aquarium(long seed) {
        random = new Random(seed);
        for (String kind : new String[] {"guppy", "guppy", "guppy", "tetra", "tetra", "angel", "shark"}) {
            Fish f = spawn(kind);
            f.x = random.nextInt(Math.max(1, width() - f.length()));
            fish.add(f);
        }
    }

    /** Advances the simulation by one frame: fish swim and eat, fish are born, bubbles rise. */
    public void step() {
        tick++;
        for (Fish f : fish) {
            swim(f);
        }
        hunt();
        if (fish.size() < capacity() && random.nextInt(100) < birthChance()) {
            fish.add(spawn(newborn(random.nextInt(100))));
            born++;
        }
        for (Iterator<Bubble> it = bubbles.iterator(); it.hasNext(); ) {
            Bubble b = it.next();
            b.y -= 0.5;
            b.x += random.nextInt(3) - 1;
            if (b.y < 1) {
                it.remove();
                popped++;
            }
        }
    }

    private void swim(Fish f) {
        double v = speed(f.kind);
        f.x += f.right ? v : -v;
        if (f.x < 0) {
            f.x = 0;
            f.right = true;
        } else if (f.x + f.length() > width()) {
            f.x = Math.max(0, width() - f.length());
            f.right = false;
        }
        if (random.nextInt(100) < 4) {
            int dy = random.nextBoolean() ? 1 : -1;
            Fish prey = nearestPrey(f);
            if (prey != null && prey.y != f.y) {
                dy = Integer.signum(prey.y - f.y); // hunters dive toward their prey
            }
            f.y = Math.max(1, Math.min(height() - 2, f.y + dy));
        }
        if (random.nextInt(100) < bubbleChance()) {
            bubbles.add(new Bubble(f.right ? f.head() + 1 : f.head() - 1, f.y - 1));
        }
    }

    private Fish nearestPrey(Fish hunter) {
        Fish nearest = null;
        for (Fish other : fish) {
            if (other != hunter && eats(hunter.kind, other.kind)
                    && (nearest == null || Math.abs(other.x - hunter.x) < Math.abs(nearest.x - hunter.x))) {
                nearest = other;
            }
        }
        return nearest;
    }

    private void hunt() {
        List<Fish> prey = new ArrayList<>();
        for (Fish hunter : fish) {
            for (Fish other : fish) {
                int head = hunter.head();
                int start = (int) Math.round(other.x);
                if (other != hunter && other.y == hunter.y && eats(hunter.kind, other.kind)
                        && start <= head && head < start + other.length()
                        && !prey.contains(hunter) && !prey.contains(other)) {
                    prey.add(other);
                }
            }
        }
        fish.removeAll(prey);
        eaten += prey.size();
    }

    private Fish spawn(String kind) {
        boolean right = random.nextBoolean();
        Fish f = new Fish(kind, 0, 1 + random.nextInt(Math.max(1, height() - 2)), right);
        f.x = right ? 0 : Math.max(0, width() - f.length());
        return f;
    }

    /**
     * Draws the tank as it is now, with two status lines below it.
     *
     * @param palette the looks of the fish
     * @param ansi whether to colour the output with ANSI escape codes
     * @return the lines, {@link #height()} + 2 of them, each {@link #width()} characters wide when
     *     not coloured
     */
    public List<String> render(Palette palette, boolean ansi) {
        int width = width();
        int height = height();
        Canvas canvas = new Canvas(width, height);
        for (int x = 0; x < width; x++) {
            canvas.put(x, 0, wave(x, tick), 36);
        }
        for (int column : seaweedColumns()) {
            for (int level = 0; level < 2 + column % 4; level++) {
                canvas.put(column, height - 2 - level, seaweed(tick, level), 32);
            }
        }
        for (Bubble b : bubbles) {
            int row = (int) Math.round(b.y);
            canvas.put(b.x, row, bubble(row), 37);
        }
        for (Fish f : fish) {
            Palette.Look look = palette.look(f.kind);
            canvas.text((int) Math.round(f.x), f.y, look.facing(f.right), look.colour());
        }
        String sand = sand();
        for (int x = 0; x < width && !sand.isEmpty(); x++) {
            canvas.put(x, height - 1, sand.charAt(x % sand.length()), 33);
        }
        List<String> lines = canvas.lines(ansi);
        int sharks = sharks();
        lines.add(Canvas.fit("tick " + tick + " | fish " + fish.size() + " (" + sharks + " shark"
                + (sharks == 1 ? "" : "s") + ") | born " + born + " | eaten " + eaten
                + " | bubbles " + popped, width));
        lines.add(Canvas.fit(palette.notice(), width));
        return lines;
    }

    private int sharks() {
        int sharks = 0;
        for (Fish f : fish) {
            sharks += f.kind.equals("shark") ? 1 : 0;
        }
        return sharks;
    }

    /** @return frames simulated so far */
    public long tick() {
        return tick;
    }

    /** @return fish in the tank now */
    public int population() {
        return fish.size();
    }

    /** @return fish born since the start, not counting the first ones */
    public long born() {
        return born;
    }

    /** @return fish eaten since the start */
    public long eaten() {
        return eaten;
    }

    /** @return bubbles that reached the surface since the start */
    public long popped() {
        return popped;
    }
}
