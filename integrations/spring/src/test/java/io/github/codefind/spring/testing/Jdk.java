package io.github.codefind.spring.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * A JDK that child-JVM tests run under. Tests that start JVMs run under every JDK found: the one
 * running the build, and every JDK 17+ under {@code /usr/lib/jvm} (or the homes listed,
 * comma-separated, in {@code -Dcodefind.test.jdks}).
 *
 * @param home the JDK's home directory
 * @param feature its feature version, such as 17 or 25
 */
public record Jdk(Path home, int feature) {
    private static final List<Jdk> ALL = discover();

    /** @return the {@code java} launcher */
    public Path java() {
        return home.resolve("bin/java");
    }

    /** @return the {@code jcmd} tool */
    public Path jcmd() {
        return home.resolve("bin/jcmd");
    }

    /** @return the JDK running this test */
    public static Jdk current() {
        return ALL.get(0);
    }

    /** @return every JDK found, the current one first */
    public static List<Jdk> all() {
        return ALL;
    }

    @Override
    public String toString() {
        return "JDK " + feature;
    }

    private static List<Jdk> discover() {
        Map<Path, Jdk> found = new LinkedHashMap<>();
        add(found, Path.of(System.getProperty("java.home")));
        String listed = System.getProperty("codefind.test.jdks", "");
        List<Path> candidates = new ArrayList<>();
        if (!listed.isBlank()) {
            for (String s : listed.split(",")) {
                candidates.add(Path.of(s.trim()));
            }
        } else if (Files.isDirectory(Path.of("/usr/lib/jvm"))) {
            try (Stream<Path> dirs = Files.list(Path.of("/usr/lib/jvm"))) {
                dirs.sorted().forEach(candidates::add);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
        for (Path p : candidates) {
            add(found, p);
        }
        return List.copyOf(found.values());
    }

    private static void add(Map<Path, Jdk> found, Path home) {
        try {
            Path real = home.toRealPath();
            Path release = real.resolve("release");
            if (!Files.isExecutable(real.resolve("bin/javac")) || !Files.exists(release)) {
                return;
            }
            Properties p = new Properties();
            try (var in = Files.newInputStream(release)) {
                p.load(in);
            }
            String version = p.getProperty("JAVA_VERSION", "\"0\"").replace("\"", "");
            int feature = Integer.parseInt(version.split("[.+-]")[0]);
            if (feature >= 17) {
                found.putIfAbsent(real, new Jdk(real, feature));
            }
        } catch (IOException | RuntimeException e) {
            // Not a usable JDK: skip it.
        }
    }
}
