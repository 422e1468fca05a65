package io.github.codefind.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.codefind.internal.run.RunOptions;
import io.github.codefind.internal.run.Runner;
import io.github.codefind.testing.Javac;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A watched folder that is not there (a wrong path in the agent's {@code watch=}, which the launcher
 * would have refused) is said at once, without {@code -v}: otherwise the user trusts a watcher that follows
 * nothing.
 */
class MissingFolderTest {
    @TempDir
    Path tmp;

    @Test
    void aWatchedFolderThatDoesNotExistIsSaidOnceWithoutVerbose() throws Exception {
        Path missing = tmp.resolve("src/main/jav");
        Path present = Files.createDirectories(tmp.resolve("src/main/java"));
        RecordingReporter recorder = new RecordingReporter();
        RunOptions options = new RunOptions(List.of(missing, present), List.of(), false, null, List.of(),
                StandardCharsets.UTF_8, null);
        try (Runner runner = Runner.create(options, getClass().getClassLoader(), Javac.testClassPath(), null,
                recorder)) {
            runner.watch();
            List<String> said = recorder.lines("does not exist");
            assertEquals(1, said.size(), recorder.console());
            assertTrue(said.get(0).contains(missing.toAbsolutePath().toString()), said.get(0));
            assertTrue(!recorder.console().contains(present + " does not exist"), recorder.console());
        }
    }
}
