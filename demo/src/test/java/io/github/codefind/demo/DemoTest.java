package io.github.codefind.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class DemoTest {
    private static final int FRAMES = 200;
    private static final int LINES_PER_FRAME = Aquarium.height() + 2 + 1; // tank, status, separator

    private static String run(Aquarium aquarium, long frames, boolean ansi) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            Demo.play(aquarium, new Palette(), frames, ansi, out, false);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void plainFramesHaveTheTanksSizeAndTheStateAdvances() {
        Aquarium aquarium = new Aquarium(42);
        String output = run(aquarium, FRAMES, false);

        List<String> lines = output.lines().toList();
        assertEquals(FRAMES * LINES_PER_FRAME, lines.size());
        for (String line : lines) {
            assertEquals(Aquarium.width(), line.length(), () -> "'" + line + "'");
        }
        assertFalse(output.contains("\033"), "no escape codes without ANSI");
        assertEquals(FRAMES, aquarium.tick());
        assertTrue(aquarium.popped() > 0, "bubbles reached the surface");
        assertTrue(aquarium.population() > 0);

        String first = String.join("\n", lines.subList(0, Aquarium.height()));
        String last = String.join("\n", lines.subList(lines.size() - LINES_PER_FRAME,
                lines.size() - LINES_PER_FRAME + Aquarium.height()));
        assertNotEquals(first, last, "the fish moved");
        assertTrue(lines.get(Aquarium.height()).startsWith("tick 1 | fish "), lines.get(Aquarium.height()));
        assertTrue(lines.get(lines.size() - 3).startsWith("tick " + FRAMES + " | "));
        assertTrue(first.contains("><>") || first.contains("<><"), "a guppy is drawn:\n" + first);
    }

    @Test
    void theSameSeedGivesTheSameRun() {
        assertEquals(run(new Aquarium(42), 100, false), run(new Aquarium(42), 100, false));
        assertNotEquals(run(new Aquarium(42), 100, false), run(new Aquarium(7), 100, false));
    }

    @Test
    void ansiFramesStartAtTheTopLeftAndAreColoured() {
        String output = run(new Aquarium(42), 2, true);
        assertTrue(output.startsWith("\033[H"));
        assertEquals(2, output.split("\033\\[H", -1).length - 1, "one cursor-home per frame");
        assertTrue(output.contains("\033[93m"), "guppies are bright yellow");
        assertEquals(2 * (Aquarium.height() + 2), output.lines().count());
    }

    @Test
    void parsesTheCommandLine() {
        assertEquals(new Demo.Options(Long.MAX_VALUE, true, false), Demo.Options.parse());
        assertEquals(new Demo.Options(30, false, false), Demo.Options.parse("--frames", "30", "--no-ansi"));
        assertTrue(Demo.Options.parse("--help").help());
        assertThrows(IllegalArgumentException.class, () -> Demo.Options.parse("--frames"));
        assertThrows(IllegalArgumentException.class, () -> Demo.Options.parse("--frames", "x"));
        assertThrows(IllegalArgumentException.class, () -> Demo.Options.parse("--frames", "-1"));
        assertThrows(IllegalArgumentException.class, () -> Demo.Options.parse("--colour"));
    }
}
