package io.github.codefind.internal.watch;

import java.io.IOException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;

/**
 * The watched trees: which root a path is under, which files count and which paths are excluded, and
 * walks through directories (following links), which also watch them for events. Used by the watcher
 * thread (and by the starting thread before it runs).
 */
final class Tree {
    /** Asked for when a line is logged: looking the logger up at class load would start the log back end. */
    private static System.Logger log() {
        return System.getLogger("io.github.codefind.watch");
    }
    /** A real directory reached under more paths than this (through links) in one walk is skipped. */
    private static final int MAX_ALIASES = 8;

    private final List<Path> roots;
    private final WatchOptions options;
    private final Complaints complaints;
    private final BooleanSupplier closed;

    /**
     * @param roots the roots, absolute
     * @param options what to include and exclude
     * @param complaints where problems with paths are logged
     * @param closed whether the watcher is closed, which ends walks early
     */
    Tree(List<Path> roots, WatchOptions options, Complaints complaints, BooleanSupplier closed) {
        this.roots = roots;
        this.options = options;
        this.complaints = complaints;
        this.closed = closed;
    }

    /** @return the root {@code path} is under (the deepest, if roots nest), or the path itself */
    Path rootOf(Path path) {
        Path best = null;
        for (Path root : roots) {
            if (path.startsWith(root) && (best == null || root.getNameCount() > best.getNameCount())) {
                best = root;
            }
        }
        return best != null ? best : path;
    }

    /** @return whether {@code file} is one to report: included by the options, and not an editor's */
    boolean included(Path file) {
        return options.reports(file);
    }

    /** @return whether {@code path}, under {@code root}, matches an exclusion (the root never does) */
    boolean excluded(Path root, Path path) {
        return options.excludes(root, path);
    }

    /**
     * Walks a directory under a root, following links (each real directory once per chain, so cycles end),
     * skipping exclusions, and calls {@code visitor} for each included regular file. With
     * {@code events}, directories (and targets of links to files) are watched for events.
     *
     * @param events where to watch what is walked; null to only walk
     */
    void walk(Path directory, Events events, BiConsumer<Path, BasicFileAttributes> visitor) {
        Path root = rootOf(directory);
        Set<Path> ancestors = new HashSet<>();
        for (Path up = directory.getParent(); up != null && up.startsWith(root); up = up.getParent()) {
            try {
                ancestors.add(up.toRealPath());
            } catch (IOException | RuntimeException e) {
                // The chain is checked below as far as it exists.
            }
        }
        Path real;
        try {
            real = directory.toRealPath();
        } catch (NoSuchFileException e) {
            return;
        } catch (IOException | RuntimeException e) {
            complaints.warn(directory, "cannot resolve", e);
            return;
        }
        new Walk(root, events, visitor, ancestors).directory(directory, real);
    }

    /**
     * Watches the target of a symbolic link to a file, or notes the link as dangling.
     *
     * @param events where to watch it
     * @param link the link
     */
    void watchLink(Events events, Path link) {
        try {
            events.watchLink(link, link.toRealPath());
        } catch (NoSuchFileException e) {
            events.dangling(link);
        } catch (IOException e) {
            complaints.warn(link, "cannot watch the target of", e);
        }
    }

    /** One walk: the real directories on the current chain, and how often each was reached. */
    private final class Walk {
        private final Path root;
        /** Null when only walking. */
        private final Events events;
        private final BiConsumer<Path, BasicFileAttributes> visitor;
        private final Set<Path> ancestors;
        private final Map<Path, Integer> aliases = new HashMap<>();

        Walk(Path root, Events events, BiConsumer<Path, BasicFileAttributes> visitor, Set<Path> ancestors) {
            this.root = root;
            this.events = events;
            this.visitor = visitor;
            this.ancestors = ancestors;
        }

        void directory(Path user, Path real) {
            if (closed.getAsBoolean()) {
                return;
            }
            if (!ancestors.add(real)) {
                log().log(System.Logger.Level.DEBUG, "codefind watcher: not following the link cycle at " + user);
                return;
            }
            try {
                if (aliases.merge(real, 1, Integer::sum) > MAX_ALIASES) {
                    complaints.warn(user, "too many links lead to", new IOException(real.toString()));
                    return;
                }
                if (events != null) {
                    try {
                        events.watchDirectory(user, real);
                    } catch (NoSuchFileException | NotDirectoryException e) {
                        return;
                    } catch (IOException e) {
                        complaints.warn(user, "cannot watch", e);
                    }
                }
                List<Path> children = new ArrayList<>();
                try (DirectoryStream<Path> stream = Files.newDirectoryStream(user)) {
                    for (Path child : stream) {
                        children.add(child);
                    }
                } catch (NoSuchFileException | NotDirectoryException e) {
                    return;
                } catch (IOException | DirectoryIteratorException e) {
                    complaints.warn(user, "cannot list", e);
                    return;
                }
                complaints.fine(user);
                for (Path child : children) {
                    child(child, real);
                }
            } finally {
                ancestors.remove(real);
            }
        }

        private void child(Path child, Path realParent) {
            if (excluded(root, child)) {
                return;
            }
            BasicFileAttributes own;
            try {
                own = Files.readAttributes(child, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            } catch (NoSuchFileException e) {
                return;
            } catch (IOException | RuntimeException e) {
                complaints.warn(child, "cannot read", e);
                return;
            }
            if (own.isSymbolicLink()) {
                BasicFileAttributes target;
                try {
                    target = Files.readAttributes(child, BasicFileAttributes.class);
                } catch (IOException | RuntimeException e) {
                    if (events != null && included(child)) {
                        events.dangling(child);
                    }
                    return;
                }
                if (target.isDirectory()) {
                    try {
                        directory(child, child.toRealPath());
                    } catch (IOException | RuntimeException e) {
                        complaints.warn(child, "cannot resolve", e);
                    }
                } else if (target.isRegularFile() && included(child)) {
                    if (events != null) {
                        watchLink(events, child);
                    }
                    visitor.accept(child, target);
                }
            } else if (own.isDirectory()) {
                Path real;
                try {
                    real = realParent.resolve(child.getFileName());
                } catch (InvalidPathException e) {
                    complaints.warn(child, "cannot resolve", e);
                    return;
                }
                directory(child, real);
            } else if (own.isRegularFile() && included(child)) {
                visitor.accept(child, own);
            }
        }
    }
}
