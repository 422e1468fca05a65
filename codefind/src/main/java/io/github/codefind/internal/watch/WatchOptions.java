package io.github.codefind.internal.watch;

import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * What a {@link FileWatcher} watches, and how.
 *
 * <p>Start from {@link #of(List, Predicate)} and adjust with the {@code with...} methods:
 * <pre>{@code
 * WatchOptions.of(List.of(sourceRoot), WatchOptions.extensions("java"))
 *         .withExclusions(List.of(FileSystems.getDefault().getPathMatcher("glob:generated/**")))
 * }</pre>
 *
 * <p>Paths are tested as reported: under the root as given (made absolute), never the target of a
 * symbolic link. Files editors write while saving (Emacs {@code .#Foo.java} and {@code #Foo.java#}, backups
 * ending in {@code ~}, Vim swap files and its {@code 4913} probe, IntelliJ's {@code ___jb_tmp___} and
 * {@code ___jb_old___}, GIO's {@code .goutputstream-*}, Kate's {@code .kate-swp}) are never reported,
 * whatever {@code include} says.
 *
 * @param roots the directories watched recursively; a root that does not exist (yet, or any more) is
 *     watched for its appearance
 * @param include which regular files count, tested on each file's path under its root; directories are
 *     always descended into unless excluded
 * @param exclusions files and directories to ignore; a path is excluded if a matcher matches its path
 *     relative to its root, its absolute path, or its file name (so {@code glob:*.tmp},
 *     {@code glob:build/**} and {@code glob:**}{@code /target} all work); an excluded directory is not
 *     descended into
 * @param mode how changes are noticed
 * @param debounce the quiet period: a batch is delivered once nothing changed for this long
 * @param maxWait the longest a change waits for quiet before it is delivered anyway, so that continuous
 *     writing still flushes; at least {@code debounce}
 * @param pollInterval how often files are scanned when polling; also how often missing roots and
 *     dangling links are looked for in {@link Mode#EVENTS} mode
 */
public record WatchOptions(List<Path> roots, Predicate<Path> include, List<PathMatcher> exclusions, Mode mode,
        Duration debounce, Duration maxWait, Duration pollInterval) {

    /** Default {@link #debounce()}: 40 ms. */
    public static final Duration DEFAULT_DEBOUNCE = Duration.ofMillis(40);
    /** Default {@link #maxWait()}: 500 ms. */
    public static final Duration DEFAULT_MAX_WAIT = Duration.ofMillis(500);
    /** Default {@link #pollInterval()}: 250 ms. */
    public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofMillis(250);

    /** How a watcher notices changes. */
    public enum Mode {
        /**
         * File-system events, unless they cannot be trusted here: then polling, and the reason is logged.
         * Polling is chosen when the JDK's watch service itself polls (macOS) or cannot be created, and
         * when a root lives on a file system whose changes made elsewhere raise no events (NFS, SMB/CIFS,
         * 9p and drvfs under WSL, VirtualBox/VMware/Parallels shared folders, sshfs).
         */
        AUTO,
        /** File-system events ({@link java.nio.file.WatchService}); polling only if they fail (logged). */
        EVENTS,
        /** Scanning every {@link WatchOptions#pollInterval()}: size, modification time and file key, then content. */
        POLL
    }

    /**
     * Checks and copies the arguments.
     *
     * @param roots the directories watched recursively
     * @param include which regular files count
     * @param exclusions files and directories to ignore
     * @param mode how changes are noticed
     * @param debounce the quiet period
     * @param maxWait the longest wait for quiet
     * @param pollInterval the scan period when polling
     */
    public WatchOptions {
        roots = List.copyOf(roots);
        if (roots.isEmpty()) {
            throw new IllegalArgumentException("no roots to watch");
        }
        Objects.requireNonNull(include, "include");
        exclusions = List.copyOf(exclusions);
        Objects.requireNonNull(mode, "mode");
        positive(debounce, "debounce");
        positive(maxWait, "maxWait");
        positive(pollInterval, "pollInterval");
        if (maxWait.compareTo(debounce) < 0) {
            throw new IllegalArgumentException("maxWait " + maxWait + " is shorter than debounce " + debounce);
        }
    }

    /**
     * Options with the defaults: {@link Mode#AUTO}, no exclusions, {@link #DEFAULT_DEBOUNCE},
     * {@link #DEFAULT_MAX_WAIT} and {@link #DEFAULT_POLL_INTERVAL}.
     *
     * @param roots the directories watched recursively
     * @param include which regular files count, e.g. {@link #extensions(String...) extensions("java")}
     * @return the options
     */
    public static WatchOptions of(List<Path> roots, Predicate<Path> include) {
        return new WatchOptions(roots, include, List.of(), Mode.AUTO, DEFAULT_DEBOUNCE, DEFAULT_MAX_WAIT,
                DEFAULT_POLL_INTERVAL);
    }

    /**
     * A filter on file name extensions, case-insensitive.
     *
     * @param extensions the extensions, with or without the leading dot: {@code "java"}, {@code ".class"}
     * @return a predicate accepting paths whose file name ends with one of them
     */
    public static Predicate<Path> extensions(String... extensions) {
        List<String> suffixes = java.util.Arrays.stream(extensions)
                .map(e -> (e.startsWith(".") ? e : "." + e).toLowerCase(Locale.ROOT))
                .toList();
        return path -> {
            Path name = path.getFileName();
            if (name == null) {
                return false;
            }
            String lower = name.toString().toLowerCase(Locale.ROOT);
            return suffixes.stream().anyMatch(s -> lower.length() > s.length() && lower.endsWith(s));
        };
    }

    /**
     * @param root a watched root
     * @param path a path under it
     * @return whether {@link #exclusions()} exclude the path
     */
    public boolean excludes(Path root, Path path) {
        if (exclusions.isEmpty() || path.equals(root)) {
            return false;
        }
        Path relative = root.relativize(path);
        Path name = path.getFileName();
        for (PathMatcher matcher : exclusions) {
            if (matcher.matches(relative) || matcher.matches(path) || name != null && matcher.matches(name)) {
                return true;
            }
        }
        return false;
    }

    /**
     * @param file a regular file
     * @return whether it is reported: not an editor's temporary file, and accepted by {@link #include()}
     */
    public boolean reports(Path file) {
        Path name = file.getFileName();
        return name != null && !EditorFiles.isTemporary(name.toString()) && include.test(file);
    }

    /**
     * @param exclusions files and directories to ignore
     * @return these options with those exclusions
     */
    public WatchOptions withExclusions(List<PathMatcher> exclusions) {
        return new WatchOptions(roots, include, exclusions, mode, debounce, maxWait, pollInterval);
    }

    /**
     * @param mode how changes are noticed
     * @return these options with that mode
     */
    public WatchOptions withMode(Mode mode) {
        return new WatchOptions(roots, include, exclusions, mode, debounce, maxWait, pollInterval);
    }

    /**
     * @param debounce the quiet period
     * @param maxWait the longest wait for quiet
     * @return these options with those delays
     */
    public WatchOptions withDebounce(Duration debounce, Duration maxWait) {
        return new WatchOptions(roots, include, exclusions, mode, debounce, maxWait, pollInterval);
    }

    /**
     * @param pollInterval the scan period when polling
     * @return these options with that period
     */
    public WatchOptions withPollInterval(Duration pollInterval) {
        return new WatchOptions(roots, include, exclusions, mode, debounce, maxWait, pollInterval);
    }

    private static void positive(Duration duration, String name) {
        Objects.requireNonNull(duration, name);
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(name + " must be positive: " + duration);
        }
    }
}
