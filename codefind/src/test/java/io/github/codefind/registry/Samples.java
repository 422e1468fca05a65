package io.github.codefind.registry;

import io.github.codefind.internal.registry.ClassSelection;
import io.github.codefind.internal.registry.RegistryTransformer;
import io.github.codefind.internal.registry.Tracking;
import io.github.codefind.testing.Javac;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.net.MalformedURLException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Small classes compiled with javac into a temporary directory and loaded through a class loader
 * that applies the real {@link RegistryTransformer}, as the JVM would under the agent. Compiled once
 * per test JVM; each call of {@link #load} makes a fresh loader, so tests do not share instances.
 */
final class Samples {
    /** The classes the transformer instruments besides Conformable implementors. */
    static final String SELECTION = "named.Named, wild.*";

    private static final String CONFORMABLE = "implements io.github.codefind.conform.Conformable";
    private static final String CONFORM = "public void conform(io.github.codefind.conform.Patch p) {}";
    private static final Path DIRECTORY = compile();

    final Tracking tracking = Tracking.of(ClassSelection.parse(SELECTION));
    final RegistryTransformer transformer = new RegistryTransformer(tracking, null);
    final Loader loader = new Loader(transformer);

    private Samples() {
    }

    /** @return a fresh loader over the compiled samples, with its own tracking */
    static Samples load() {
        return new Samples();
    }

    /**
     * @param name the binary name
     * @return the class, loaded through the transformer
     */
    Class<?> type(String name) {
        try {
            return loader.loadClass(name);
        } catch (ClassNotFoundException e) {
            throw new AssertionError(e);
        }
    }

    /**
     * @param name the binary name
     * @param args constructor arguments, all {@code int} or {@code boolean}
     * @return a new instance
     * @throws InvocationTargetException if the constructor threw
     */
    Object create(String name, Object... args) throws InvocationTargetException {
        Class<?>[] types = new Class<?>[args.length];
        for (int i = 0; i < args.length; i++) {
            types[i] = args[i] instanceof Boolean ? boolean.class : int.class;
        }
        try {
            return type(name).getConstructor(types).newInstance(args);
        } catch (InvocationTargetException e) {
            throw e;
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    /**
     * @param internalName such as {@code sample/Base}
     * @return the class file as javac wrote it
     */
    static byte[] bytes(String internalName) {
        try {
            return Files.readAllBytes(DIRECTORY.resolve(internalName + ".class"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path compile() {
        Map<String, String> sources = new LinkedHashMap<>();
        sources.put("sample/Base.java", "package sample; public class Base " + CONFORMABLE + " { " + CONFORM + " }");
        sources.put("sample/Child.java", "package sample; public class Child extends Base {}");
        sources.put("sample/Throwing.java", "package sample; public class Throwing " + CONFORMABLE + " {"
                + " public Throwing(boolean fail) { if (fail) throw new IllegalStateException(\"refused\"); } "
                + CONFORM + " }");
        sources.put("sample/ThrowingChild.java", "package sample; public class ThrowingChild extends Base {"
                + " public ThrowingChild(boolean fail) { super(); if (fail) throw new IllegalStateException(); } }");
        sources.put("sample/Delegating.java", "package sample; public class Delegating " + CONFORMABLE + " {"
                + " public Delegating() { this(1); } public Delegating(int n) { super(); } " + CONFORM + " }");
        sources.put("sample/Branchy.java", "package sample; public class Branchy " + CONFORMABLE + " {"
                + " int value; public Branchy(int n) { if (n > 0) { value = n; return; }"
                + " try { value = Integer.parseInt(\"x\" + n); } catch (NumberFormatException e) { value = -1; } } "
                + CONFORM + " }");
        sources.put("sample/Plugin.java", "package sample; public interface Plugin extends Runnable,"
                + " io.github.codefind.conform.Conformable {}");
        sources.put("sample/Deeper.java", "package sample; public interface Deeper extends Plugin {}");
        sources.put("sample/DeepImpl.java", "package sample; public class DeepImpl implements java.io.Serializable,"
                + " Deeper { public void run() {} " + CONFORM + " }");
        sources.put("sample/Pair.java", "package sample; public record Pair(int left, int right) " + CONFORMABLE
                + " { " + CONFORM + " }");
        sources.put("sample/Holder.java", "package sample; public class Holder " + CONFORMABLE + " {"
                + " public Object field; public Object[] array; " + CONFORM + " }");
        sources.put("sample/Untracked.java", "package sample; public class Untracked {}");
        sources.put("named/Named.java", "package named; public class Named {}");
        sources.put("named/NamedChild.java", "package named; public class NamedChild extends Named {}");
        sources.put("named/Unnamed.java", "package named; public class Unnamed {}");
        sources.put("wild/sub/Anything.java", "package wild.sub; public class Anything {}");
        try {
            Path dir = Files.createTempDirectory("codefind-registry-samples");
            for (Map.Entry<String, byte[]> c : Javac.compile(sources).entrySet()) {
                Path file = dir.resolve(c.getKey() + ".class");
                Files.createDirectories(file.getParent());
                Files.write(file, c.getValue());
            }
            // Pre-order, and deleteOnExit deletes in reverse: children before their directories.
            try (Stream<Path> all = Files.walk(dir)) {
                all.forEach(p -> p.toFile().deleteOnExit());
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Defines the samples from their class files, through the transformer, as the JVM's hook would. */
    static final class Loader extends ClassLoader {
        private final RegistryTransformer transformer;

        Loader(RegistryTransformer transformer) {
            super("samples", Samples.class.getClassLoader());
            this.transformer = transformer;
        }

        @Override
        protected Class<?> findClass(String name) throws ClassNotFoundException {
            String internalName = name.replace('.', '/');
            if (!Files.exists(DIRECTORY.resolve(internalName + ".class"))) {
                throw new ClassNotFoundException(name);
            }
            byte[] original = bytes(internalName);
            byte[] transformed = transformer.transform(this, internalName, null, null, original);
            byte[] used = transformed != null ? transformed : original;
            return defineClass(name, used, 0, used.length);
        }

        /** Serves the class files as resources: the transformer reads interfaces through them. */
        @Override
        protected URL findResource(String name) {
            Path file = DIRECTORY.resolve(name);
            try {
                return Files.exists(file) ? file.toUri().toURL() : null;
            } catch (MalformedURLException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
