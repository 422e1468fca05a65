package io.github.codefind.spring.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/** Where the build put what the child-JVM tests run: the Spring class path and this module's classes. */
public final class SpringBuild {
    private SpringBuild() {
    }

    /**
     * @return the class path of a Spring Boot web application (Spring MVC, Tomcat, logging), without
     *     JUnit and codefind, as the build wrote it with maven-dependency-plugin
     */
    public static String springClassPath() {
        String file = System.getProperty("codefind.spring.classpath");
        if (file == null) {
            throw new IllegalStateException("codefind.spring.classpath is not set: run this test with Failsafe");
        }
        try {
            return java.nio.file.Files.readString(Path.of(file)).trim();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return this module's own classes: the auto-configuration under test */
    public static Path moduleClasses() {
        return Path.of(System.getProperty("codefind.spring.classes", "target/classes")).toAbsolutePath();
    }
}
