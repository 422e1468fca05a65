package io.github.codefind.jmh.patch;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** One way of running the clinic and of making an edit reach it. */
enum SpringSetup {
    /** (a) codefind's runner, the source file saved: codefind compiles it in-process. */
    CODEFIND_SOURCE("a", "codefind, source file saved (--watch)"),
    /** (b) codefind's runner, class files written into a watched class folder, as an IDE build writes them. */
    CODEFIND_CLASSES("b", "codefind, class files written (--classes)"),
    /** (c) Spring Boot DevTools' restart, class files written, its defaults (poll 1 s, quiet period 400 ms). */
    DEVTOOLS("c", "DevTools restart, defaults (poll 1 s, quiet 400 ms)"),
    /** (d) DevTools' restart, the fastest settings it takes in practice. */
    DEVTOOLS_TUNED("d", "DevTools restart, poll 100 ms, quiet 50 ms");

    private final String letter;
    private final String title;

    SpringSetup(String letter, String title) {
        this.letter = letter;
        this.title = title;
    }

    /** @return the setup's letter, (a) to (d) */
    String letter() {
        return letter;
    }

    /** @return what the table calls it */
    String title() {
        return title;
    }

    /**
     * The running clinic of one setup, and where its edits go.
     *
     * @param app the child JVM
     * @param folder the folder the setup edits: sources for (a), classes for the others
     */
    record Running(ChildApp app, Path folder) {
    }

    /**
     * Starts the clinic for this setup, on copies of what it edits.
     *
     * @param build demo-spring's build
     * @param java the child's {@code java}
     * @param codefindJar codefind's launcher
     * @param settle for (b): {@code --settle} in ms, or null for codefind's default
     * @param work a new folder for this setup's copies and log
     * @param port a free port
     * @return the clinic, starting
     * @throws IOException if it cannot be started
     */
    Running start(ClinicBuild build, Path java, Path codefindJar, Integer settle, Path work, int port)
            throws IOException {
        Files.createDirectories(work);
        Path classes = this == CODEFIND_SOURCE ? build.classes() : ClinicBuild.copy(build.classes(), work.resolve("classes"));
        List<String> command = new ArrayList<>(List.of(java.toString()));
        if (feature(java) >= 22) {
            command.add("--enable-native-access=ALL-UNNAMED");
        }
        String classPath = classes + File.pathSeparator + build.runtimeClassPath();
        Path edited = classes;
        switch (this) {
            case CODEFIND_SOURCE -> {
                edited = ClinicBuild.copy(build.sources(), work.resolve("src"));
                command.addAll(List.of("-jar", codefindJar.toString(), "run", "-v", "--watch", edited.toString()));
            }
            case CODEFIND_CLASSES -> {
                command.addAll(List.of("-jar", codefindJar.toString(), "run", "-v", "--classes", classes.toString()));
                if (settle != null) {
                    command.addAll(List.of("--settle", settle.toString()));
                }
            }
            default -> classPath += File.pathSeparator + build.devtools();
        }
        command.addAll(List.of("-cp", classPath, ClinicBuild.MAIN, "--server.port=" + port, "--server.address=127.0.0.1",
                "--spring.main.banner-mode=off", "--spring.jmx.enabled=false", "--spring.devtools.livereload.enabled=false"));
        if (this == DEVTOOLS_TUNED) {
            command.addAll(List.of("--spring.devtools.restart.poll-interval=100ms",
                    "--spring.devtools.restart.quiet-period=50ms"));
        }
        return new Running(ChildApp.start(command, port, work.resolve("child.log")), edited);
    }

    /**
     * Makes one edit: saves the source file for (a), writes the class files for the others.
     *
     * @param running this setup's clinic
     * @param source the edited source, ready
     * @param classes its class files, compiled before the clock started
     * @throws IOException if a file cannot be written
     */
    void edit(Running running, String source, Map<String, byte[]> classes) throws IOException {
        if (this == CODEFIND_SOURCE) {
            Files.writeString(running.folder().resolve(ClinicBuild.FILE), source);
        } else {
            ClinicBuild.write(classes, running.folder());
        }
    }

    private static int feature(Path java) throws IOException {
        Path release = java.toAbsolutePath().getParent().getParent().resolve("release");
        for (String line : Files.readAllLines(release)) {
            if (line.startsWith("JAVA_VERSION=")) {
                return Integer.parseInt(line.substring("JAVA_VERSION=".length()).replace("\"", "").split("[.+-]")[0]);
            }
        }
        throw new IOException("no JAVA_VERSION in " + release);
    }
}
