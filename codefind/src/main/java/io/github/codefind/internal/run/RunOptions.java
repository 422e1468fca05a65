package io.github.codefind.internal.run;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * How the live-coding runner watches and compiles: from the launcher's command line, or from the
 * agent's options ({@code -javaagent:codefind.jar=watch=src/main/java,verbose}).
 *
 * @param sourceRoots source folders to watch, recursively
 * @param classRoots class folders to watch (an IDE's or {@code mvn compile}'s output)
 * @param verbose whether to print one line per patch
 * @param poll how often to poll, or null to use file-system events
 * @param exclusions glob patterns of paths to ignore, such as {@code **}{@code /generated/**}
 * @param encoding the sources' encoding
 * @param loop a {@code Class#method} to re-run after each applied patch, or null
 */
public record RunOptions(List<Path> sourceRoots, List<Path> classRoots, boolean verbose, Duration poll,
        List<String> exclusions, Charset encoding, String loop) {
    /**
     * Copies the lists.
     *
     * @param sourceRoots source folders
     * @param classRoots class folders
     * @param verbose verbose
     * @param poll polling interval, or null
     * @param exclusions globs to ignore
     * @param encoding source encoding
     * @param loop method to re-run, or null
     */
    public RunOptions {
        sourceRoots = List.copyOf(sourceRoots);
        classRoots = List.copyOf(classRoots);
        exclusions = List.copyOf(exclusions);
    }

    /**
     * Reads the options the agent's arguments set as system properties: {@code codefind.watch} and
     * {@code codefind.classes} (lists separated by the path separator or commas), {@code codefind.verbose},
     * {@code codefind.poll} (milliseconds), {@code codefind.exclude}, {@code codefind.encoding},
     * {@code codefind.loop}.
     *
     * @return the options, or null if nothing is to be watched
     */
    public static RunOptions fromSystemProperties() {
        List<Path> sources = paths(System.getProperty("codefind.watch", ""));
        List<Path> classes = paths(System.getProperty("codefind.classes", ""));
        if (sources.isEmpty() && classes.isEmpty()) {
            return null;
        }
        String poll = System.getProperty("codefind.poll");
        List<String> exclusions = new ArrayList<>();
        for (String e : System.getProperty("codefind.exclude", "").split("[,;]")) {
            if (!e.isBlank()) {
                exclusions.add(e.trim());
            }
        }
        return new RunOptions(sources, classes, Boolean.getBoolean("codefind.verbose")
                || "".equals(System.getProperty("codefind.verbose")),
                poll == null ? null : Duration.ofMillis(poll.isBlank() ? 250 : Long.parseLong(poll.trim())),
                exclusions, Charset.forName(System.getProperty("codefind.encoding", StandardCharsets.UTF_8.name())),
                System.getProperty("codefind.loop"));
    }

    private static List<Path> paths(String list) {
        List<Path> paths = new ArrayList<>();
        for (String p : list.split("[" + java.io.File.pathSeparator + ",]")) {
            if (!p.isBlank()) {
                paths.add(Path.of(p.trim()));
            }
        }
        return paths;
    }
}
