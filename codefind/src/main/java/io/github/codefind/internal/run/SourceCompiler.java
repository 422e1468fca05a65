package io.github.codefind.internal.run;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.net.URI;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;
import javax.tools.ToolProvider;

/**
 * Compiles changed source files in-process with javax.tools, against the running program's class
 * path, into memory. Only the given files are compiled ({@code -implicit:none}); other sources are
 * read from the source roots when they are needed for types, never written.
 */
final class SourceCompiler {
    private final JavaCompiler javac;
    private final List<Path> sourceRoots;
    private final String classPath;
    private final Charset encoding;
    private final List<String> extraOptions;

    /**
     * What a compilation produced.
     *
     * @param classes internal name to class file; empty if there were errors
     * @param errors formatted diagnostics: {@code file:line:column: message}
     * @param warnings formatted warnings
     */
    record Result(Map<String, byte[]> classes, List<String> errors, List<String> warnings) {
        boolean ok() {
            return errors.isEmpty();
        }
    }

    /**
     * @param sourceRoots the watched source roots
     * @param classPath the program's class path
     * @param encoding the sources' encoding
     * @param extraOptions options matching the original build, such as {@code --release 17} or
     *     {@code -parameters}
     * @throws IllegalStateException if this JVM has no compiler (a JRE)
     */
    SourceCompiler(List<Path> sourceRoots, String classPath, Charset encoding, List<String> extraOptions) {
        this.javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            throw new IllegalStateException("This JVM has no Java compiler (it is a JRE, or lacks the"
                    + " java.compiler module): run the program on a JDK to patch source files");
        }
        this.sourceRoots = List.copyOf(sourceRoots);
        this.classPath = classPath;
        this.encoding = encoding;
        this.extraOptions = List.copyOf(extraOptions);
    }

    Result compile(Collection<Path> changed) throws IOException {
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        Map<String, ByteArrayOutputStream> outputs = new TreeMap<>();
        try (StandardJavaFileManager standard = javac.getStandardFileManager(diagnostics, Locale.ROOT, encoding)) {
            List<File> roots = new ArrayList<>();
            for (Path r : sourceRoots) {
                roots.add(r.toFile());
            }
            standard.setLocation(StandardLocation.SOURCE_PATH, roots);
            ForwardingJavaFileManager<StandardJavaFileManager> files = new ForwardingJavaFileManager<>(standard) {
                @Override
                public JavaFileObject getJavaFileForOutput(Location location, String className,
                        JavaFileObject.Kind kind, FileObject sibling) {
                    String name = className.replace('.', '/');
                    return new SimpleJavaFileObject(URI.create("mem:///" + name + ".class"), kind) {
                        @Override
                        public OutputStream openOutputStream() {
                            ByteArrayOutputStream out = new ByteArrayOutputStream();
                            outputs.put(name, out);
                            return out;
                        }
                    };
                }
            };
            List<String> options = new ArrayList<>(List.of("-g", "-implicit:none", "-proc:none",
                    "-encoding", encoding.name(), "-classpath", classPath, "-Xlint:none"));
            options.addAll(extraOptions);
            List<File> sources = new ArrayList<>();
            for (Path p : changed) {
                sources.add(p.toFile());
            }
            StringWriter out = new StringWriter();
            boolean ok = javac.getTask(out, files, diagnostics, options, null,
                    standard.getJavaFileObjectsFromFiles(sources)).call();
            List<String> errors = new ArrayList<>();
            List<String> warnings = new ArrayList<>();
            for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
                (d.getKind() == Diagnostic.Kind.ERROR ? errors : warnings).add(format(d));
            }
            if (!ok && errors.isEmpty()) {
                errors.add("javac failed: " + out.toString().trim());
            }
            Map<String, byte[]> classes = new TreeMap<>();
            if (ok) {
                outputs.forEach((name, bytes) -> classes.put(name, bytes.toByteArray()));
            }
            return new Result(classes, errors, warnings);
        }
    }

    private static String format(Diagnostic<? extends JavaFileObject> d) {
        String where = d.getSource() == null ? "" : Path.of(d.getSource().toUri()) + ":" + d.getLineNumber() + ":"
                + d.getColumnNumber() + ": ";
        return where + d.getKind().toString().toLowerCase(Locale.ROOT) + ": " + d.getMessage(Locale.ROOT);
    }
}
