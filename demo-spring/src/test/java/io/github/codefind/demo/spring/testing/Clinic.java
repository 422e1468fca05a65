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
 * The clinic as demo-spring's build left it: its classes, its sources, and the run-time class path the build
 * wrote. For the ITs, which run it under {@code java -jar codefind.jar run --watch <a copy of its sources>},
 * and for jmh's {@code SpringEditLatency}.
 *
 * @param classes the compiled classes
 * @param sources the source folder
 * @param classPathFile the file holding the run-time class path, one line
 */
public record Clinic(Path classes, Path sources, Path classPathFile) {
    /** The main class. */
    public static final String MAIN = "io.github.codefind.demo.spring.ClinicApplication";
    /** The clinic's package, as a folder under the source folder. */
    public static final String PACKAGE = "io/github/codefind/demo/spring/";

    private static final Pattern PORT = Pattern.compile(".*Tomcat started on port (\\d+).*");

    /** @return the clinic Failsafe names in system properties */
    public static Clinic fromBuild() {
        return new Clinic(Path.of(property("codefind.demo.classes")), Path.of(property("codefind.demo.sources")),
                Path.of(property("codefind.demo.classpath")));
    }

    /**
     * @param module the demo-spring folder, built
     * @return the clinic in it
     */
    public static Clinic inModule(Path module) {
        return new Clinic(module.resolve("target/classes"), module.resolve("src/main/java"),
                module.resolve("target/runtime.classpath"));
    }

    /** @return every jar the clinic runs with, codefind-spring's included, {@code :}-separated */
    public String runtimeClassPath() {
        try {
            return Files.readString(classPathFile).trim();
        } catch (IOException e) {
            throw new UncheckedIOException("build demo-spring first (mvn -pl demo-spring -am package)", e);
        }
    }

    /** @return the classes, then the run-time class path */
    public String classPath() {
        return classes + File.pathSeparator + runtimeClassPath();
    }

    /**
     * Starts the clinic under codefind's launcher, watching a copy of its sources; a port of 0 lets Tomcat
     * pick a free one.
     *
     * @param jdk the JDK to run
     * @param watched the copy, which the test edits
     * @return the running child; see {@link #awaitPort}
     */
    public ChildJvm.Running startWatching(Jdk jdk, Path watched) {
        // C1 only: start-up is most of these tests' time on two shared cores, and peak speed does not matter.
        List<String> jvm = new ArrayList<>(List.of("-XX:TieredStopAtLevel=1"));
        if (jdk.feature() >= 22) {
            jvm.add("--enable-native-access=ALL-UNNAMED");
        }
        return ChildJvm.on(jdk).jvmArgs(jvm).timeout(Duration.ofMinutes(3)).startJar(ChildJvm.codefindJar(), "run", "-v",
                "--watch", watched.toString(), "-cp", classPath(), MAIN, "--server.port=0", "--server.address=127.0.0.1",
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

    /**
     * Copies a folder, so that edits to the copy reach nothing else (the module's sources stay as they are).
     *
     * @param from a folder, such as {@link #sources()}
     * @param to a new folder
     * @return {@code to}
     */
    public static Path copy(Path from, Path to) {
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
     * @param root a source folder
     * @param file a file relative to the clinic's package, such as {@code owner/OwnerApiController.java}
     * @param from text the file holds once
     * @param to its replacement
     * @return the edited text
     * @throws IOException if the file cannot be read
     */
    public static String edited(Path root, String file, String from, String to) throws IOException {
        String text = Files.readString(root.resolve(PACKAGE + file));
        if (text.indexOf(from) < 0 || text.indexOf(from) != text.lastIndexOf(from)) {
            throw new IllegalStateException(file + " does not hold " + from + " exactly once");
        }
        return text.replace(from, to);
    }

    /**
     * Saves an edit, as an editor does.
     *
     * @param root a source folder (a copy)
     * @param file a file relative to the clinic's package
     * @param from text the file holds once
     * @param to its replacement
     * @throws IOException if the file cannot be read or written
     */
    public static void edit(Path root, String file, String from, String to) throws IOException {
        Files.writeString(root.resolve(PACKAGE + file), edited(root, file, from, to));
    }

    private static String property(String name) {
        String value = System.getProperty(name);
        if (value == null) {
            throw new IllegalStateException(name + " is not set: run this test with Failsafe (mvn verify)");
        }
        return value;
    }
}
