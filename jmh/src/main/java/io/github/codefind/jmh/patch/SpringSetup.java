package io.github.codefind.jmh.patch;

import io.github.codefind.demo.spring.testing.Clinic;
import io.github.codefind.testing.ChildJvm;
import io.github.codefind.testing.Javac;
import io.github.codefind.testing.Jdk;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
     * @param child the child JVM
     * @param folder the folder the setup edits: sources for (a), classes for the others
     */
    record Running(ChildJvm.Running child, Path folder) {
    }

    /**
     * Starts the clinic for this setup, on copies of what it edits, on the JVM's defaults (a developer's).
     *
     * @param clinic demo-spring's build
     * @param jdk the children's JDK
     * @param devtools Spring Boot DevTools' jar
     * @param settle for (b): {@code --settle} in ms, or null for codefind's default
     * @param work a new folder for this setup's copies
     * @param port a free port: fixed, since a DevTools restart must come back where the harness polls
     * @return the clinic, starting
     * @throws IOException if a folder cannot be made
     */
    Running start(Clinic clinic, Jdk jdk, Path devtools, Integer settle, Path work, int port) throws IOException {
        Files.createDirectories(work);
        // Every setup runs a copy of the classes, so that a build of demo-spring during a run reaches none.
        Path classes = Clinic.copy(clinic.classes(), work.resolve("classes"));
        List<String> jvm = new ArrayList<>();
        if (jdk.feature() >= 22) {
            jvm.add("--enable-native-access=ALL-UNNAMED");
        }
        List<String> app = new ArrayList<>(List.of("--server.port=" + port, "--server.address=127.0.0.1",
                "--spring.main.banner-mode=off", "--spring.jmx.enabled=false"));
        String classPath = classes + File.pathSeparator + clinic.runtimeClassPath();
        ChildJvm builder = ChildJvm.on(jdk).jvmArgs(jvm).timeout(Duration.ofMinutes(5));
        List<String> run = new ArrayList<>(List.of("run", "-v"));
        switch (this) {
            case CODEFIND_SOURCE -> {
                Path sources = Clinic.copy(clinic.sources(), work.resolve("src"));
                run.addAll(List.of("--watch", sources.toString()));
                return new Running(startCodefind(builder, run, classPath, app), sources);
            }
            case CODEFIND_CLASSES -> {
                run.addAll(List.of("--classes", classes.toString()));
                if (settle != null) {
                    run.addAll(List.of("--settle", settle.toString()));
                }
                return new Running(startCodefind(builder, run, classPath, app), classes);
            }
            default -> {
                app.add("--spring.devtools.livereload.enabled=false");
                if (this == DEVTOOLS_TUNED) {
                    app.addAll(List.of("--spring.devtools.restart.poll-interval=100ms",
                            "--spring.devtools.restart.quiet-period=50ms"));
                }
                return new Running(builder.classPath(classPath + File.pathSeparator + devtools)
                        .start(Clinic.MAIN, app.toArray(new String[0])), classes);
            }
        }
    }

    private static ChildJvm.Running startCodefind(ChildJvm builder, List<String> run, String classPath,
            List<String> app) {
        List<String> args = new ArrayList<>(run);
        args.addAll(List.of("-cp", classPath, Clinic.MAIN));
        args.addAll(app);
        return builder.startJar(ChildJvm.codefindJar(), args.toArray(new String[0]));
    }

    /**
     * Makes one edit: saves the source file for (a), writes the class files for the others.
     *
     * @param running this setup's clinic
     * @param file the edited file, relative to the source folder
     * @param source its edited text
     * @param classes its class files, compiled before the clock started
     * @throws IOException if a file cannot be written
     */
    void edit(Running running, String file, String source, Map<String, byte[]> classes) throws IOException {
        if (this == CODEFIND_SOURCE) {
            Files.writeString(running.folder().resolve(file), source);
        } else {
            Javac.write(classes, running.folder());
        }
    }
}
