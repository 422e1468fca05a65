package io.github.codefind.watch;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.codefind.internal.watch.ChangeBatch;
import io.github.codefind.internal.watch.FileWatcher;
import io.github.codefind.internal.watch.WatchOptions;
import io.github.codefind.internal.watch.WatchOptions.Mode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Random sequences of saves the way editors make them (in place, truncate then write, delete and
 * re-create, rename over, whole directories created, moved and deleted), at random pace around the
 * debounce period: the files as known from the batches must end up exactly as the files on disk.
 * Seeded, so that a failure can be replayed.
 */
class EditSequenceWatchTest {
    private static final int SEQUENCES = 4;
    private static final int EDITS = 20;
    private static final List<String> FILES = List.of("A.java", "B.java", "p/C.java", "p/q/D.java", "r/E.java");

    @TempDir
    Path tmp;

    @ParameterizedTest
    @EnumSource(names = {"EVENTS", "POLL"})
    void batchesConvergeToTheFilesOnDisk(Mode mode) throws Exception {
        for (int sequence = 0; sequence < SEQUENCES; sequence++) {
            long seed = 31L * sequence + mode.ordinal();
            Path root = Files.createDirectory(tmp.resolve(mode + "-" + sequence));
            run(mode, root, new Random(seed), "seed " + seed);
        }
    }

    private void run(Mode mode, Path root, Random random, String seed) throws Exception {
        write(root.resolve("A.java"), "initial");
        Map<Path, String> known = new TreeMap<>(onDisk(root));
        List<String> log = new ArrayList<>();
        Consumer<ChangeBatch> model = batch -> {
            synchronized (known) {
                batch.deleted().forEach(known::remove);
                for (Path path : batch.changed()) {
                    try {
                        known.put(path, Files.readString(path, ISO_8859_1));
                    } catch (IOException e) {
                        known.remove(path); // deleted since: its deletion comes in a later batch
                    }
                }
                log.add(batch.toString());
            }
        };
        WatchOptions options = WatchOptions.of(List.of(root), WatchOptions.extensions("java"))
                .withMode(mode)
                .withPollInterval(Duration.ofMillis(50));
        try (FileWatcher watcher = FileWatcher.start(options, model)) {
            List<String> edits = new ArrayList<>();
            for (int i = 0; i < EDITS; i++) {
                edits.add(edit(root, random));
                Thread.sleep(random.nextInt(4) == 0 ? 30 + random.nextInt(40) : random.nextInt(8));
            }
            long deadline = System.nanoTime() + Batches.DEADLINE.toNanos();
            while (true) {
                Map<Path, String> disk = onDisk(root);
                synchronized (known) {
                    if (disk.equals(known)) {
                        break;
                    }
                    if (System.nanoTime() - deadline > 0) {
                        assertEquals(disk, known, seed + ", " + watcher.mode() + "; edits " + edits + "; batches "
                                + log);
                        fail("unreachable");
                    }
                }
                Thread.sleep(10);
            }
        }
    }

    /** Applies one random edit; returns what it did. */
    private static String edit(Path root, Random random) throws IOException {
        Path file = root.resolve(FILES.get(random.nextInt(FILES.size())));
        String content = "v" + random.nextInt(5); // often what the file already holds
        switch (random.nextInt(8)) {
            case 0, 1 -> write(file, content);
            case 2 -> {
                Files.deleteIfExists(file);
                write(file, content);
            }
            case 3 -> {
                Path temp = write(file.resolveSibling(file.getFileName() + ".tmp"), content);
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            }
            case 4 -> {
                if (Files.exists(file)) {
                    Files.write(file, new byte[0], StandardOpenOption.TRUNCATE_EXISTING);
                    Files.writeString(file, content, ISO_8859_1, StandardOpenOption.APPEND);
                } else {
                    write(file, content);
                }
            }
            case 5 -> Files.deleteIfExists(file);
            case 6 -> {
                // A directory with its files moved in from outside the root (or onto an existing one).
                Path staging = root.resolveSibling(root.getFileName() + "-staging");
                deleteTree(staging);
                write(staging.resolve("C.java"), content);
                write(staging.resolve("q/D.java"), content + "d");
                deleteTree(root.resolve("p"));
                Files.move(staging, root.resolve("p"), StandardCopyOption.ATOMIC_MOVE);
                return "move in p with " + content;
            }
            default -> {
                Path directory = file.getParent();
                if (!directory.equals(root)) {
                    deleteTree(directory);
                    return "delete " + root.relativize(directory);
                }
                Files.deleteIfExists(file);
            }
        }
        return root.relativize(file) + "=" + content;
    }

    private static Path write(Path file, String content) throws IOException {
        Files.createDirectories(file.getParent());
        return Files.writeString(file, content, ISO_8859_1);
    }

    private static void deleteTree(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    private static Map<Path, String> onDisk(Path root) throws IOException {
        Map<Path, String> files = new TreeMap<>();
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.filter(p -> p.toString().endsWith(".java") && Files.isRegularFile(p)).toList()) {
                try {
                    files.put(path, Files.readString(path, ISO_8859_1));
                } catch (NoSuchFileException e) {
                    // Gone while walking.
                }
            }
        }
        return files;
    }
}
