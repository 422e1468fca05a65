package io.github.codefind.jmh.patch;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * What demo-spring's build leaves (its classes, its sources, the run-time class path it writes, and Spring
 * Boot DevTools), and the edit the harness makes: the text a handler of {@code OwnerApiController} returns.
 *
 * @param module the demo-spring folder
 */
record ClinicBuild(Path module) {
    /** The main class. */
    static final String MAIN = "io.github.codefind.demo.spring.ClinicApplication";
    /** The edited file, relative to the source folder. */
    static final String FILE = "io/github/codefind/demo/spring/owner/OwnerApiController.java";
    /** The path whose answer the edit changes. */
    static final String PATH = "/api/owners/1/summary";

    /** @return the classes the build compiled */
    Path classes() {
        return module.resolve("target/classes");
    }

    /** @return the source folder */
    Path sources() {
        return module.resolve("src/main/java");
    }

    /** @return Spring Boot DevTools, copied there by the build */
    Path devtools() {
        return module.resolve("target/devtools/spring-boot-devtools.jar");
    }

    /** @return every jar the clinic runs with, as the build wrote them */
    String runtimeClassPath() {
        try {
            return Files.readString(module.resolve("target/runtime.classpath")).trim();
        } catch (IOException e) {
            throw new UncheckedIOException("run mvn -pl demo-spring -am package first", e);
        }
    }

    /**
     * @param version the edit's number
     * @return the edited file's text: the handler's answer names the edit
     * @throws IOException if the file cannot be read
     */
    String editedSource(int version) throws IOException {
        String text = Files.readString(sources().resolve(FILE));
        if (!text.contains("\" has \"")) {
            throw new IllegalStateException(FILE + " no longer holds \" has \": update the harness's edit");
        }
        return text.replace("\" has \"", "\" has (edit " + version + ") \"");
    }

    /**
     * @param version the edit's number
     * @return the text the answer holds once the edit is served
     */
    static String marker(int version) {
        return "(edit " + version + ")";
    }

    /**
     * @param version the edit's number
     * @return the edited file's classes, compiled as the build compiles them (Java 17, {@code -parameters})
     * @throws IOException if the file cannot be read
     */
    Map<String, byte[]> editedClasses(int version) throws IOException {
        return InMemoryJavac.compile(Map.of(FILE, editedSource(version)),
                classes() + File.pathSeparator + runtimeClassPath(), List.of("-parameters", "--release", "17"));
    }

    /**
     * @param from a folder
     * @param to a new folder, a copy of it, so that a setup's edits reach no other setup
     * @return {@code to}
     */
    static Path copy(Path from, Path to) {
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
     * Writes class files as a build does, one after the other.
     *
     * @param classes internal name to class file
     * @param folder the class folder
     * @throws IOException if one cannot be written
     */
    static void write(Map<String, byte[]> classes, Path folder) throws IOException {
        for (Map.Entry<String, byte[]> c : classes.entrySet()) {
            Files.write(folder.resolve(c.getKey() + ".class"), c.getValue());
        }
    }
}
