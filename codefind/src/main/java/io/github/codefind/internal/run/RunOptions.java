package io.github.codefind.internal.run;

import io.github.codefind.internal.log.Log;
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
 * @param settle how long a class folder must be quiet before a build in it is taken
 */
public record RunOptions(List<Path> sourceRoots, List<Path> classRoots, boolean verbose, Duration poll,
        List<String> exclusions, Charset encoding, String loop, Duration settle) {
    /**
     * How long a class folder must be quiet before a build in it is taken, unless set: long enough for
     * the gaps between the files an IDE or {@code mvn compile} writes, short enough not to be noticed.
     */
    public static final Duration DEFAULT_SETTLE = Duration.ofMillis(300);

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
     * @param settle a class folder's quiet period, or null for {@link #DEFAULT_SETTLE}
     */
    public RunOptions {
        // Relative paths resolve against the working directory once, here, for the launcher and the agent alike.
        sourceRoots = absolute(sourceRoots);
        classRoots = absolute(classRoots);
        exclusions = List.copyOf(exclusions);
        settle = settle == null ? DEFAULT_SETTLE : settle;
        if (settle.isNegative() || settle.isZero()) {
            throw new IllegalArgumentException("settle must be positive: " + settle);
        }
    }

    /**
     * Options with the default settle time.
     *
     * @param sourceRoots source folders
     * @param classRoots class folders
     * @param verbose verbose
     * @param poll polling interval, or null
     * @param exclusions globs to ignore
     * @param encoding source encoding
     * @param loop method to re-run, or null
     */
    public RunOptions(List<Path> sourceRoots, List<Path> classRoots, boolean verbose, Duration poll,
            List<String> exclusions, Charset encoding, String loop) {
        this(sourceRoots, classRoots, verbose, poll, exclusions, encoding, loop, null);
    }

    /**
     * @return how long an anonymous class written after its outer class, whose file did not change, waits
     *     for the outer class's new file before it is taken alone: three settle times
     */
    public Duration outerWait() {
        return settle.multipliedBy(3);
    }

    /**
     * @return how long a loaded class's file may be gone from its class folder before the runner says it
     *     is missing: thirty settle times, for a build that deletes its folder and takes a while to write it
     *     again, as {@code mvn compile} does
     */
    public Duration refillWait() {
        return settle.multipliedBy(30);
    }

    private static List<Path> absolute(List<Path> paths) {
        List<Path> absolute = new ArrayList<>();
        for (Path p : paths) {
            absolute.add(p.toAbsolutePath().normalize());
        }
        return List.copyOf(absolute);
    }

    /**
     * Reads the options the agent's arguments set as system properties: {@code codefind.watch} and
     * {@code codefind.classes} (lists separated by the path separator or commas), {@code codefind.verbose},
     * {@code codefind.poll} (milliseconds), {@code codefind.exclude}, {@code codefind.encoding},
     * {@code codefind.loop}, {@code codefind.settle} (milliseconds).
     *
     * @return the options, or null if nothing is to be watched
     * @throws IllegalArgumentException naming the option, if one is malformed
     */
    public static RunOptions fromSystemProperties() {
        List<Path> sources = paths(System.getProperty("codefind.watch", ""));
        List<Path> classes = paths(System.getProperty("codefind.classes", ""));
        if (sources.isEmpty() && classes.isEmpty()) {
            return null;
        }
        String poll = System.getProperty("codefind.poll");
        Duration pollEvery = poll == null ? null : poll.isBlank() ? Duration.ofMillis(250) : milliseconds("poll", poll);
        String settle = System.getProperty("codefind.settle");
        Duration settleFor = settle == null || settle.isBlank() ? null : milliseconds("settle", settle);
        List<String> exclusions = new ArrayList<>();
        for (String e : System.getProperty("codefind.exclude", "").split("[,;]")) {
            if (!e.isBlank()) {
                exclusions.add(e.trim());
            }
        }
        String encoding = System.getProperty("codefind.encoding", StandardCharsets.UTF_8.name());
        Charset charset;
        try {
            charset = Charset.forName(encoding.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("encoding=" + encoding + " is not a charset this JDK knows, such as"
                    + " UTF-8 or ISO-8859-1", e);
        }
        return new RunOptions(sources, classes, Log.verbose(), pollEvery, exclusions, charset,
                System.getProperty("codefind.loop"), settleFor);
    }

    private static Duration milliseconds(String option, String value) {
        try {
            long ms = Long.parseLong(value.trim());
            if (ms > 0) {
                return Duration.ofMillis(ms);
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new IllegalArgumentException(option + "=" + value + " is not a positive number of milliseconds (codefind."
                + option + ")");
    }

    private static List<Path> paths(String list) {
        if (list.isEmpty()) {
            // The agent asks on every start: no regular expression, no concatenation, when nothing is watched.
            return List.of();
        }
        List<Path> paths = new ArrayList<>();
        for (String p : list.split("[" + java.io.File.pathSeparator + ",]")) {
            if (!p.isBlank()) {
                paths.add(Path.of(p.trim()));
            }
        }
        return paths;
    }
}
