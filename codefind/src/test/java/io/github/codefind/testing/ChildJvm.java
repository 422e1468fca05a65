package io.github.codefind.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Starts a real child JVM on the test class path and waits for it, with a deadline.
 */
public final class ChildJvm {
    private final Jdk jdk;
    private final List<String> jvmArgs = new ArrayList<>();
    private String classPath = testClassPath();
    private Duration timeout = Duration.ofMinutes(2);
    private Path directory;

    private ChildJvm(Jdk jdk) {
        this.jdk = jdk;
    }

    /**
     * @param jdk the JDK to run
     * @return a builder
     */
    public static ChildJvm on(Jdk jdk) {
        return new ChildJvm(jdk);
    }

    /**
     * @param args JVM options
     * @return this
     */
    public ChildJvm jvmArgs(String... args) {
        jvmArgs.addAll(Arrays.asList(args));
        return this;
    }

    /**
     * @param args JVM options
     * @return this
     */
    public ChildJvm jvmArgs(List<String> args) {
        jvmArgs.addAll(args);
        return this;
    }

    /**
     * @param path the class path, replacing the test class path
     * @return this
     */
    public ChildJvm classPath(String path) {
        this.classPath = path;
        return this;
    }

    /**
     * @param workingDirectory the child's working directory, against which relative paths resolve
     * @return this
     */
    public ChildJvm directory(Path workingDirectory) {
        this.directory = workingDirectory;
        return this;
    }

    /**
     * @param limit how long the child may run before it is killed and the test fails
     * @return this
     */
    public ChildJvm timeout(Duration limit) {
        this.timeout = limit;
        return this;
    }

    /**
     * Runs a main class and waits for it to exit.
     *
     * @param mainClass the class
     * @param args its arguments
     * @return what it printed and its exit code
     */
    public Result run(Class<?> mainClass, String... args) {
        return run(mainClass.getName(), args);
    }

    /**
     * Runs a main class by name and waits for it to exit.
     *
     * @param mainClass the class name
     * @param args its arguments
     * @return what it printed and its exit code
     */
    public Result run(String mainClass, String... args) {
        List<String> command = new ArrayList<>();
        command.add(jdk.java().toString());
        command.addAll(jvmArgs);
        command.add("-cp");
        command.add(classPath);
        command.add(mainClass);
        command.addAll(Arrays.asList(args));
        try {
            ProcessBuilder builder = new ProcessBuilder(command);
            if (directory != null) {
                builder.directory(directory.toFile());
            }
            Process p = builder.start();
            p.getOutputStream().close();
            CompletableFuture<String> out = drain(p.getInputStream());
            CompletableFuture<String> err = drain(p.getErrorStream());
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly().waitFor();
                throw new AssertionError("Child JVM timed out after " + timeout + ": " + command
                        + "\nstdout:\n" + out.join() + "\nstderr:\n" + err.join());
            }
            return new Result(command, p.exitValue(), out.join(), err.join());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /**
     * Starts a main class and returns at once, for tests that talk to the child while it runs.
     *
     * @param mainClass the class name
     * @param args its arguments
     * @return the running child; close it to kill it
     */
    public Running start(String mainClass, String... args) {
        List<String> rest = new ArrayList<>(List.of("-cp", classPath, mainClass));
        rest.addAll(Arrays.asList(args));
        return startWith(rest);
    }

    /**
     * Starts {@code java -jar jar args...} and returns at once.
     *
     * @param jar the executable jar
     * @param args its arguments
     * @return the running child
     */
    public Running startJar(Path jar, String... args) {
        List<String> rest = new ArrayList<>(List.of("-jar", jar.toString()));
        rest.addAll(Arrays.asList(args));
        return startWith(rest);
    }

    private Running startWith(List<String> rest) {
        List<String> command = new ArrayList<>();
        command.add(jdk.java().toString());
        command.addAll(jvmArgs);
        command.addAll(rest);
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            if (directory != null) {
                builder.directory(directory.toFile());
            }
            return new Running(command, builder.start(), timeout);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A child JVM that is still running; its standard error is merged into its output. */
    public static final class Running implements AutoCloseable {
        private final List<String> command;
        private final Process process;
        private final Duration timeout;
        private final java.util.concurrent.BlockingQueue<String> lines = new java.util.concurrent.LinkedBlockingQueue<>();
        private final StringBuilder seen = new StringBuilder();

        Running(List<String> command, Process process, Duration timeout) {
            this.command = command;
            this.process = process;
            this.timeout = timeout;
            Thread reader = new Thread(() -> {
                try (var in = new java.io.BufferedReader(new java.io.InputStreamReader(process.getInputStream(),
                        StandardCharsets.UTF_8))) {
                    for (String line = in.readLine(); line != null; line = in.readLine()) {
                        lines.add(line);
                    }
                } catch (IOException e) {
                    lines.add("<output unreadable: " + e + ">");
                }
            }, "child-output");
            reader.setDaemon(true);
            reader.start();
        }

        /**
         * Waits for a line of output that passes a test.
         *
         * @param test what to wait for
         * @return the line
         * @throws AssertionError with all the output so far if it does not come within the timeout
         */
        public String awaitLine(java.util.function.Predicate<String> test) {
            long deadline = System.nanoTime() + timeout.toNanos();
            try {
                while (System.nanoTime() < deadline) {
                    String line = lines.poll(50, TimeUnit.MILLISECONDS);
                    if (line != null) {
                        seen.append(line).append('\n');
                        if (test.test(line)) {
                            return line;
                        }
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw new AssertionError("No expected line from " + String.join(" ", command) + " within " + timeout
                    + "; output:\n" + seen);
        }

        /**
         * @param text text to send to the child's standard input, followed by a newline
         */
        public void send(String text) {
            try {
                process.getOutputStream().write((text + "\n").getBytes(StandardCharsets.UTF_8));
                process.getOutputStream().flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /**
         * Waits for the child to exit.
         *
         * @return its exit code
         * @throws AssertionError if it does not exit within the timeout
         */
        public int awaitExit() {
            try {
                if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    throw new AssertionError("Child did not exit within " + timeout + ": " + String.join(" ", command));
                }
                return process.exitValue();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }

        /** @return everything the child printed so far, read by a wait or not */
        public String allOutput() {
            for (String line = lines.poll(); line != null; line = lines.poll()) {
                seen.append(line).append('\n');
            }
            return seen.toString();
        }

        /** @return everything the child printed that a wait has read */
        public String output() {
            return seen.toString();
        }

        @Override
        public void close() {
            process.destroyForcibly();
        }
    }

    private static CompletableFuture<String> drain(InputStream in) {
        return CompletableFuture.supplyAsync(() -> {
            try (in) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "<unreadable: " + e + ">";
            }
        });
    }

    /** @return the class path of the running tests, as Surefire and Failsafe report it */
    public static String testClassPath() {
        return System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    }

    /** @return the packaged codefind jar, which Failsafe names in {@code codefind.jar} */
    public static Path codefindJar() {
        String jar = System.getProperty("codefind.jar");
        if (jar == null) {
            throw new IllegalStateException("codefind.jar is not set: run this test with Failsafe (mvn verify)");
        }
        return Path.of(jar);
    }

    /**
     * What a child JVM did.
     *
     * @param command the command line
     * @param exitCode its exit code
     * @param stdout what it printed on standard output
     * @param stderr what it printed on standard error
     */
    public record Result(List<String> command, int exitCode, String stdout, String stderr) {
        /**
         * Fails unless the child exited with 0.
         *
         * @return this
         */
        public Result assertSuccess() {
            if (exitCode != 0) {
                throw new AssertionError(describe("exited with " + exitCode));
            }
            return this;
        }

        /**
         * @param problem what went wrong
         * @return a message with the command and everything the child printed
         */
        public String describe(String problem) {
            return "Child JVM " + problem + ": " + String.join(" ", command) + "\nstdout:\n" + stdout
                    + "\nstderr:\n" + stderr;
        }
    }

}
