package io.github.codefind.internal.run;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringWriter;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
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
 * Compiles saved source files in-process with javax.tools, into memory, against what the program runs:
 * its class path, overlaid with the classes the runner patched in since it started. Only the given
 * files are compiled ({@code -implicit:none}), from the exact contents the runner read, and no other
 * source is ever consulted: a file whose saved change is not live must not lend its new members to
 * the code compiled against it, or that code would call members the JVM does not have.
 */
final class SourceCompiler {
    private final JavaCompiler javac;
    private final String classPath;
    private final Charset encoding;
    private final List<String> extraOptions;
    /**
     * Kept across compilations: it indexes the class path's jars once, which is most of a compilation's
     * time on a large class path. It reads class folders again on every compilation.
     */
    private StandardJavaFileManager standard;
    /** The file manager every compilation is given, over {@link #standard}. */
    private RunningFiles files;
    /** javac's symbol tables kept across compilations; null where the JDK's pool cannot be reached. */
    private final KeptContext kept;
    /**
     * What a compilation produced.
     *
     * @param classes internal name to class file; empty if there were errors
     * @param sourceOf internal name of each class to the file it was compiled from
     * @param errors formatted diagnostics: {@code file:line:column: message}
     * @param errorFiles the files the errors are in
     * @param warnings formatted warnings
     */
    record Result(Map<String, byte[]> classes, Map<String, Path> sourceOf, List<String> errors, Set<Path> errorFiles,
            List<String> warnings) {
        boolean ok() {
            return errors.isEmpty();
        }
    }

    /** Why source folders cannot be followed on a JVM without javac. */
    static final String NO_COMPILER = "This JVM has no Java compiler (it is a JRE, or lacks the java.compiler"
            + " module): run the program on a JDK to patch source files";

    /**
     * @param classPath the program's class path
     * @param encoding the sources' encoding
     * @param extraOptions options matching the original build, such as {@code --release 17} or
     *     {@code -parameters}
     * @throws IllegalStateException if this JVM has no compiler (a JRE)
     */

    SourceCompiler(String classPath, Charset encoding, List<String> extraOptions) {
        this.javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            throw new IllegalStateException(NO_COMPILER);
        }
        this.classPath = classPath;
        this.encoding = encoding;
        this.extraOptions = List.copyOf(extraOptions);
        this.kept = KeptContext.open();
    }

    /** @return whether compilations keep javac's symbol tables from one to the next */
    boolean keepsContext() {
        return kept != null;
    }

    /**
     * @param sources each file to compile, with the content to compile for it
     * @param running the classes that run in place of the class path's, internal name to class file
     * @param hidden classes that still run but that no source declares any more (deleted files'),
     *     internal names: the compilation does not see them, as a build from the sources would not
     * @return what came of it
     * @throws IOException if the class path cannot be read
     */
    synchronized Result compile(Map<Path, byte[]> sources, Map<String, byte[]> running, Set<String> hidden)
            throws IOException {
        List<JavaFileObject> units = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        Set<Path> errorFiles = new LinkedHashSet<>();
        for (Map.Entry<Path, byte[]> s : sources.entrySet()) {
            try {
                units.add(new Source(s.getKey(), decode(s.getValue(), encoding)));
            } catch (CharacterCodingException e) {
                errors.add(s.getKey() + ":" + undecodable(s.getValue(), encoding) + ": error: the file is not valid "
                        + encoding.name() + " from here on; save it as " + encoding.name()
                        + ", or give codefind its encoding with --encoding (agent: encoding=)");
                errorFiles.add(s.getKey());
            }
        }
        if (!errors.isEmpty()) {
            return new Result(Map.of(), Map.of(), errors, errorFiles, List.of());
        }
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        Map<String, ByteArrayOutputStream> outputs = new TreeMap<>();
        Map<String, Path> sourceOf = new HashMap<>();
        if (standard == null) {
            standard = javac.getStandardFileManager(null, Locale.ROOT, encoding);
            // No source path: javac would otherwise prefer a newer source to the class that runs.
            standard.setLocation(StandardLocation.SOURCE_PATH, List.of());
            List<File> entries = new ArrayList<>();
            for (String e : classPath.split(File.pathSeparator)) {
                if (!e.isEmpty()) {
                    entries.add(new File(e));
                }
            }
            standard.setLocation(StandardLocation.CLASS_PATH, entries);
            files = new RunningFiles(standard);
        }
        // By URI, not by object: javac hands back its own wrappers of the units when it reuses a context.
        Map<URI, Path> unitFiles = new HashMap<>();
        for (JavaFileObject u : units) {
            unitFiles.put(u.toUri(), ((Source) u).path);
        }
        files.reset(running, hidden, outputs, sourceOf, unitFiles);
        List<String> options = new ArrayList<>(List.of("-g", "-implicit:none", "-proc:none",
                "-encoding", encoding.name(), "-Xlint:none"));
        options.addAll(extraOptions);
        StringWriter out = new StringWriter();
        boolean ok;
        if (kept != null) {
            ok = kept.compile(out, files, diagnostics, options, units);
        } else {
            ok = javac.getTask(out, files, diagnostics, options, null, units).call();
        }
        List<String> warnings = new ArrayList<>();
        for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
            boolean error = d.getKind() == Diagnostic.Kind.ERROR;
            (error ? errors : warnings).add(format(d));
            if (error && d.getSource() != null && unitFiles.containsKey(d.getSource().toUri())) {
                errorFiles.add(unitFiles.get(d.getSource().toUri()));
            }
        }
        if (!ok && errors.isEmpty()) {
            errors.add("javac failed: " + out.toString().trim());
            errorFiles.addAll(sources.keySet());
        }
        Map<String, byte[]> classes = new TreeMap<>();
        if (ok) {
            outputs.forEach((name, bytes) -> classes.put(name, bytes.toByteArray()));
        }
        return new Result(classes, ok ? sourceOf : Map.of(), errors, errorFiles, warnings);
    }

    private static String decode(byte[] content, Charset encoding) throws CharacterCodingException {
        return encoding.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(content)).toString();
    }

    /** @return {@code line:column} of the first byte the encoding cannot decode, as javac would name it */
    private static String undecodable(byte[] content, Charset encoding) {
        CharsetDecoder decoder = encoding.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(content);
        CharBuffer out = CharBuffer.allocate(content.length + 1);
        CoderResult r = decoder.decode(in, out, true);
        int line = 1;
        int column = 1;
        out.flip();
        while (out.hasRemaining()) {
            if (out.get() == '\n') {
                line++;
                column = 1;
            } else {
                column++;
            }
        }
        return line + ":" + (r.isError() ? column : 1);
    }

    private static String format(Diagnostic<? extends JavaFileObject> d) {
        String where = d.getSource() == null ? "" : Path.of(d.getSource().toUri()) + ":" + d.getLineNumber() + ":"
                + d.getColumnNumber() + ": ";
        return where + d.getKind().toString().toLowerCase(Locale.ROOT) + ": " + d.getMessage(Locale.ROOT);
    }

    /** A source file's content as the runner read it, named by its path for javac's messages. */
    private static final class Source extends SimpleJavaFileObject {
        final Path path;
        private final String text;

        Source(Path path, String text) {
            super(path.toUri(), Kind.SOURCE);
            this.path = path;
            this.text = text;
        }

        @Override
        public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            return text;
        }
    }

    /** A class the program runs in place of the class path's version. */
    private static final class RunningClass extends SimpleJavaFileObject {
        final String binaryName;
        private final byte[] bytes;

        RunningClass(String internalName, byte[] bytes) {
            super(URI.create("codefind-running:///" + internalName + ".class"), Kind.CLASS);
            this.binaryName = internalName.replace('/', '.');
            this.bytes = bytes;
        }

        @Override
        public InputStream openInputStream() {
            return new ByteArrayInputStream(bytes);
        }
    }

    /** The class path as the program runs it, and class output into memory. */
    private static final class RunningFiles extends ForwardingJavaFileManager<StandardJavaFileManager> {
        private final Map<String, RunningClass> running = new HashMap<>();
        private final Set<String> hidden = new java.util.HashSet<>();
        private Map<String, ByteArrayOutputStream> outputs;
        private Map<String, Path> sourceOf;
        private Map<URI, Path> unitFiles;
        /** The running classes by URI: what javac hands back may be its wrapper of one, not the object. */
        private final Map<URI, RunningClass> byUri = new HashMap<>();

        /**
         * One for the compiler's life: a kept javac context holds on to the file manager it was made with
         * (its class writer does), so each compilation resets this one rather than making another.
         */
        RunningFiles(StandardJavaFileManager standard) {
            super(standard);
        }

        /** Sets what the next compilation reads and where it writes. */
        void reset(Map<String, byte[]> running, Set<String> hidden, Map<String, ByteArrayOutputStream> outputs,
                Map<String, Path> sourceOf, Map<URI, Path> unitFiles) {
            this.running.clear();
            this.byUri.clear();
            this.hidden.clear();
            running.forEach((name, bytes) -> this.running.put(name.replace('/', '.'), new RunningClass(name, bytes)));
            this.running.values().forEach(c -> byUri.put(c.toUri(), c));
            hidden.forEach(name -> this.hidden.add(name.replace('/', '.')));
            this.outputs = outputs;
            this.sourceOf = sourceOf;
            this.unitFiles = unitFiles;
        }

        /** @return whether a file is one of this compilation's own: a unit, or a running class */
        private boolean ours(FileObject f) {
            return byUri.containsKey(f.toUri()) || unitFiles.containsKey(f.toUri());
        }

        @Override
        public Iterable<JavaFileObject> list(Location location, String packageName, Set<JavaFileObject.Kind> kinds,
                boolean recurse) throws IOException {
            Iterable<JavaFileObject> listed = super.list(location, packageName, kinds, recurse);
            if (location != StandardLocation.CLASS_PATH || !kinds.contains(JavaFileObject.Kind.CLASS)
                    || running.isEmpty() && hidden.isEmpty()) {
                return listed;
            }
            List<JavaFileObject> merged = new ArrayList<>();
            for (JavaFileObject f : listed) {
                String name = f.getKind() == JavaFileObject.Kind.CLASS ? inferBinaryName(location, f) : null;
                if (name == null || !running.containsKey(name) && !hidden.contains(name)) {
                    merged.add(f);
                }
            }
            String prefix = packageName.isEmpty() ? "" : packageName + ".";
            for (RunningClass c : running.values()) {
                String rest = c.binaryName.substring(Math.min(prefix.length(), c.binaryName.length()));
                if (c.binaryName.startsWith(prefix) && (recurse || rest.indexOf('.') < 0)
                        && !hidden.contains(c.binaryName)) {
                    merged.add(c);
                }
            }
            return merged;
        }

        @Override
        public void close() {
            // The standard file manager is kept for the next compilation.
        }

        @Override
        public String inferBinaryName(Location location, JavaFileObject file) {
            RunningClass c = byUri.get(file.toUri());
            return c != null ? c.binaryName : super.inferBinaryName(location, file);
        }

        @Override
        public boolean isSameFile(FileObject a, FileObject b) {
            return ours(a) || ours(b) ? a.toUri().equals(b.toUri()) : super.isSameFile(a, b);
        }

        @Override
        public JavaFileObject getJavaFileForOutput(Location location, String className, JavaFileObject.Kind kind,
                FileObject sibling) {
            String name = className.replace('.', '/');
            Path source = sibling == null ? null : unitFiles.get(sibling.toUri());
            if (source != null) {
                sourceOf.put(name, source);
            }
            return new SimpleJavaFileObject(URI.create("mem:///" + name + ".class"), kind) {
                @Override
                public OutputStream openOutputStream() {
                    ByteArrayOutputStream out = new ByteArrayOutputStream();
                    outputs.put(name, out);
                    return out;
                }
            };
        }
    }
}
