package io.github.codefind.internal.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The launcher's command line: a program may run with nothing watched, but not loop over nothing. */
class LauncherParseTest {
    @Test
    void aProgramRunsWithNothingWatched() {
        Launcher.Parsed parsed = Launcher.parse(new String[] {"run", "-cp", "classes", "demo.Main", "a", "-v"});
        assertTrue(parsed.options().sourceRoots().isEmpty() && parsed.options().classRoots().isEmpty());
        assertEquals("classes", parsed.classPath());
        assertEquals("demo.Main", parsed.mainClass());
        assertArrayEquals(new String[] {"a", "-v"}, parsed.programArgs(), "the program's own arguments pass through");
    }

    @Test
    void aLoopNeedsSomethingWatched() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Launcher.parse(
                new String[] {"run", "--loop", "demo.Main#probe", "-cp", "classes", "demo.Main"}));
        assertTrue(e.getMessage().contains("give --watch <dir> or --classes <dir>"), e.getMessage());
    }

    @Test
    void helpAndVersionAreAnsweredAndNothingElse() {
        assertTrue(Launcher.info(new String[] {"--help"}).contains("usage: java -jar codefind.jar run"));
        assertTrue(Launcher.info(new String[] {"run", "-h"}).contains("--watch <dir>"));
        assertTrue(Launcher.info(new String[] {"--version"}).startsWith("codefind "));
        assertEquals(null, Launcher.info(new String[] {"run", "-cp", "classes", "demo.Main", "--help"}),
                "the program's own --help passes through");
        assertEquals(null, Launcher.info(new String[0]));
    }
}
