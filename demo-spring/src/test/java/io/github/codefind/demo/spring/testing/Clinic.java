package io.github.codefind.demo.spring.testing;

import io.github.codefind.testing.ChildJvm;
import io.github.codefind.testing.Jdk;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The clinic as the build left it (its classes, and the run-time class path it wrote), run in a child JVM
 * under {@code java -jar codefind.jar run --watch <a copy of its sources>}, on a free port on 127.0.0.1.
 */
public final class Clinic {
    /** The main class. */
    public static final String MAIN = "io.github.codefind.demo.spring.ClinicApplication";

    private static final Pattern PORT = Pattern.compile(".*Tomcat started on port (\\d+).*");

    private Clinic() {
    }

    /**
     * Copies the application's sources, which the test then edits: the module's own stay as they are.
     *
     * @param to an empty folder
     * @return the copy's root, the folder to watch
     */
    public static Path copySources(Path to) {
        Path from = Path.of(property("codefind.demo.sources"));
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(f, target);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return to;
    }

    /**
     * Starts the clinic under codefind's launcher; a port of 0 lets Tomcat pick a free one.
     *
     * @param jdk the JDK to run
     * @param sources the folder codefind watches
     * @return the running child; see {@link #awaitPort}
     */
    public static ChildJvm.Running start(Jdk jdk, Path sources) {
        // C1 only: start-up is most of these tests' time on two shared cores, and peak speed does not matter.
        List<String> jvm = new ArrayList<>(List.of("-XX:TieredStopAtLevel=1"));
        if (jdk.feature() >= 22) {
            jvm.add("--enable-native-access=ALL-UNNAMED");
        }
        String classPath = property("codefind.demo.classes") + File.pathSeparator + runtimeClassPath();
        return ChildJvm.on(jdk).jvmArgs(jvm).timeout(Duration.ofMinutes(3)).startJar(ChildJvm.codefindJar(), "run", "-v",
                "--watch", sources.toString(), "-cp", classPath, MAIN, "--server.port=0", "--server.address=127.0.0.1",
                "--spring.main.banner-mode=off", "--spring.jmx.enabled=false");
    }

    /**
     * @param child the clinic starting
     * @return the port it serves on, from Tomcat's log line; the seed data is in by then
     */
    public static int awaitPort(ChildJvm.Running child) {
        Matcher m = PORT.matcher(child.awaitLine(l -> PORT.matcher(l).matches()));
        if (!m.matches()) {
            throw new AssertionError("no port");
        }
        return Integer.parseInt(m.group(1));
    }

    /** @return the class path the build wrote: every jar the clinic runs with, codefind-spring's included */
    public static String runtimeClassPath() {
        try {
            return Files.readString(Path.of(property("codefind.demo.classpath"))).trim();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * @param file a source file under the copy, such as {@code owner/OwnerApiController.java} (relative to
     *     the application's package)
     * @param from text it holds once
     * @param to its replacement
     * @param sources the copy's root
     * @throws IOException if the file cannot be read or written
     */
    public static void edit(Path sources, String file, String from, String to) throws IOException {
        Path f = sources.resolve("io/github/codefind/demo/spring").resolve(file);
        String text = Files.readString(f);
        if (text.indexOf(from) < 0 || text.indexOf(from) != text.lastIndexOf(from)) {
            throw new AssertionError(file + " does not hold " + from + " exactly once");
        }
        Files.writeString(f, text.replace(from, to));
    }

    private static String property(String name) {
        String value = System.getProperty(name);
        if (value == null) {
            throw new IllegalStateException(name + " is not set: run this test with Failsafe (mvn verify)");
        }
        return value;
    }
}
