package io.github.codefind.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.tools.DiagnosticCollector;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Real javac, in memory: sources in, class files out, for tests that compile versions of code. One file
 * manager is shared, so that repeated compilations are fast.
 */
public final class Javac {
    private static final JavaCompiler COMPILER = ToolProvider.getSystemJavaCompiler();
    private static StandardJavaFileManager standard;

    private Javac() {
    }

    /** @return the test class path: Surefire's, else this JVM's */
    public static String testClassPath() {
        return System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    }

    /**
     * Compiles Java sources against the test class path.
     *
     * @param sources file name (such as {@code p/A.java}) to source text
     * @return internal class name (such as {@code p/A$1}) to class file
     * @throws AssertionError with javac's diagnostics if compilation fails
     */
    public static Map<String, byte[]> compile(Map<String, String> sources) {
        return compile(sources, List.of());
    }

    /**
     * Compiles Java sources against some class folders or jars, then the test class path.
     *
     * @param sources file name (such as {@code p/A.java}) to source text
     * @param extraClassPath entries before the test class path, such as an application's classes
     * @return internal class name (such as {@code p/A$1}) to class file
     * @throws AssertionError with javac's diagnostics if compilation fails
     */
    public static synchronized Map<String, byte[]> compile(Map<String, String> sources, List<Path> extraClassPath) {
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        if (standard == null) {
            standard = COMPILER.getStandardFileManager(null, null, StandardCharsets.UTF_8);
        }
        Map<String, ByteArrayOutputStream> outputs = new TreeMap<>();
        List<JavaFileObject> units = new ArrayList<>();
        sources.forEach((name, text) -> units.add(new SimpleJavaFileObject(URI.create("mem:///" + name),
                JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return text;
            }
        }));
        ForwardingJavaFileManager<StandardJavaFileManager> files = new ForwardingJavaFileManager<>(standard) {
            @Override
            public JavaFileObject getJavaFileForOutput(Location location, String className,
                    JavaFileObject.Kind kind, FileObject sibling) {
                return new SimpleJavaFileObject(URI.create("mem:///" + className.replace('.', '/') + ".class"),
                        kind) {
                    @Override
                    public OutputStream openOutputStream() {
                        return outputs.computeIfAbsent(className.replace('.', '/'), k -> new ByteArrayOutputStream());
                    }
                };
            }

            @Override
            public void close() {
                // The shared file manager stays open.
            }
        };
        StringBuilder classPath = new StringBuilder();
        for (Path p : extraClassPath) {
            classPath.append(p).append(java.io.File.pathSeparator);
        }
        classPath.append(testClassPath());
        List<String> options = List.of("-g", "-parameters", "-classpath", classPath.toString(), "--release", "17",
                "-proc:none");
        boolean ok = COMPILER.getTask(null, files, diagnostics, options, null, units).call();
        try {
            standard.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!ok) {
            throw new AssertionError("javac failed: " + diagnostics.getDiagnostics());
        }
        Map<String, byte[]> classes = new TreeMap<>();
        outputs.forEach((name, out) -> classes.put(name, out.toByteArray()));
        return classes;
    }

    /**
     * Writes class files under a class folder.
     *
     * @param classes internal name to class file
     * @param root the class folder
     */
    public static void write(Map<String, byte[]> classes, Path root) {
        try {
            for (Map.Entry<String, byte[]> c : classes.entrySet()) {
                Path f = root.resolve(c.getKey() + ".class");
                java.nio.file.Files.createDirectories(f.getParent());
                java.nio.file.Files.write(f, c.getValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
