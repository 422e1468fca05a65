package io.github.codefind.testing;

import io.github.codefind.Codefind;
import io.github.codefind.PatchResult;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * A small program compiled with real javac and loaded into its own class loader in this JVM, which
 * tests then patch with new versions of its sources. Its loader serves the class files it was loaded
 * from, as a class path would.
 */
public final class Sandbox {
    private final Map<String, String> sources = new TreeMap<>();
    private final Loader loader;
    private Map<String, byte[]> lastPassed = Map.of();

    private Sandbox(Map<String, String> sources) {
        this.sources.putAll(sources);
        this.loader = new Loader(Javac.compile(sources));
    }

    /**
     * @param sources file name (such as {@code p/A.java}) to source
     * @return the sandbox, compiled; nothing is loaded until used
     */
    public static Sandbox of(Map<String, String> sources) {
        return new Sandbox(sources);
    }

    /** @return the sandbox's class loader */
    public ClassLoader loader() {
        return loader;
    }

    /**
     * @param binaryName a class of the sandbox
     * @return the class, loaded and initialized
     */
    public Class<?> load(String binaryName) {
        try {
            return Class.forName(binaryName, true, loader);
        } catch (ClassNotFoundException e) {
            throw new AssertionError(e);
        }
    }

    /**
     * Calls a public static method.
     *
     * @param binaryName the class
     * @param method the method's name
     * @param arguments the arguments, matched to the single method of that name
     * @return what it returned
     */
    public Object call(String binaryName, String method, Object... arguments) {
        try {
            for (Method m : load(binaryName).getMethods()) {
                if (m.getName().equals(method) && m.getParameterCount() == arguments.length) {
                    return m.invoke(null, arguments);
                }
            }
            throw new AssertionError("no method " + method + " in " + binaryName);
        } catch (InvocationTargetException e) {
            throw new AssertionError("the sandbox threw", e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    /**
     * Recompiles every source after applying edits, and patches the classes that are loaded.
     *
     * @param edits file name to new source; other files are recompiled as they are
     * @return what codefind did
     */
    public PatchResult patch(Map<String, String> edits) {
        return patch(edits, false);
    }

    /**
     * Like {@link #patch}, but as the runner does it: every class compiled from an edited file goes to the
     * patch, loaded or not, so that new classes (anonymous, local or nested ones too) are defined by it.
     *
     * @param edits file name to new source
     * @return what codefind did
     */
    public PatchResult patchAsRunner(Map<String, String> edits) {
        return patch(edits, true);
    }

    private PatchResult patch(Map<String, String> edits, boolean everyEditedClass) {
        return patch(edits, (name, bytes) -> {
            String topLevel = name.contains("$") ? name.substring(0, name.indexOf('$')) : name;
            return loader.isLoaded(name.replace('/', '.')) || everyEditedClass && edits.containsKey(topLevel + ".java");
        }, true);
    }

    /**
     * Like {@link #patch}, but as an IDE does it: only the class files whose bytes differ from the last
     * build's go to the patch, new ones included, loaded or not.
     *
     * @param edits file name to new source
     * @return what codefind did
     */
    public PatchResult patchChanged(Map<String, String> edits) {
        return patch(edits, (name, bytes) -> !java.util.Arrays.equals(loader.built(name), bytes), true);
    }

    /**
     * Passes only some of the compiled classes, and the loader then serves the new build of those only: as
     * if the build wrote only them.
     *
     * @param edits file name to new source
     * @param internalNames the classes to pass, such as {@code p/A}
     * @return what codefind did
     */
    public PatchResult patchOnly(Map<String, String> edits, String... internalNames) {
        java.util.Set<String> only = java.util.Set.of(internalNames);
        return patch(edits, (name, bytes) -> only.contains(name), false);
    }

    /**
     * Compiles after edits and has the loader serve some of the new class files, without patching: as a
     * build that writes a class folder, whose classes load from it as they are first used.
     *
     * @param edits file name to new source
     * @param internalNames the classes to write, such as {@code p/A}
     * @return the class files written, by internal name
     */
    public Map<String, byte[]> build(Map<String, String> edits, String... internalNames) {
        Map<String, String> next = new TreeMap<>(sources);
        next.putAll(edits);
        Map<String, byte[]> compiled = Javac.compile(next);
        Map<String, byte[]> written = new TreeMap<>();
        for (String n : internalNames) {
            written.put(n, compiled.get(n));
        }
        sources.putAll(edits);
        loader.update(written);
        return written;
    }

    /** @return the class files the last patch was given, by internal name */
    public Map<String, byte[]> lastPassed() {
        return lastPassed;
    }

    private PatchResult patch(Map<String, String> edits, java.util.function.BiPredicate<String, byte[]> pass,
            boolean serveAll) {
        Map<String, String> next = new TreeMap<>(sources);
        next.putAll(edits);
        Map<String, byte[]> compiled = Javac.compile(next);
        Map<String, byte[]> passed = new HashMap<>();
        compiled.forEach((name, bytes) -> {
            if (pass.test(name, bytes)) {
                passed.put(name, bytes);
            }
        });
        lastPassed = new TreeMap<>(passed);
        PatchResult result = Codefind.patch(loader, passed);
        if (result.applied()) {
            sources.putAll(edits);
            loader.update(serveAll ? compiled : passed);
        }
        return result;
    }

    /**
     * Like {@link #patch}, failing the test unless the patch applied.
     *
     * @param edits file name to new source
     * @return what codefind did
     */
    public PatchResult patchOrFail(Map<String, String> edits) {
        PatchResult r = patch(edits);
        if (!r.applied()) {
            throw new AssertionError("patch rejected: " + r.rejections());
        }
        return r;
    }

    /** Defines the sandbox's classes from memory and serves their bytes as resources. */
    private static final class Loader extends ClassLoader {
        private final Map<String, byte[]> classes = new HashMap<>();

        Loader(Map<String, byte[]> classes) {
            super(Sandbox.class.getClassLoader());
            this.classes.putAll(classes);
        }

        synchronized void update(Map<String, byte[]> compiled) {
            classes.putAll(compiled);
        }

        synchronized byte[] built(String internalName) {
            return classes.get(internalName);
        }

        boolean isLoaded(String name) {
            return findLoadedClass(name) != null;
        }

        @Override
        protected synchronized Class<?> findClass(String name) throws ClassNotFoundException {
            byte[] bytes = classes.get(name.replace('.', '/'));
            if (bytes == null) {
                throw new ClassNotFoundException(name);
            }
            return defineClass(name, bytes, 0, bytes.length);
        }

        @Override
        public InputStream getResourceAsStream(String name) {
            byte[] bytes;
            synchronized (this) {
                bytes = name.endsWith(".class") ? classes.get(name.substring(0, name.length() - 6)) : null;
            }
            return bytes != null ? new ByteArrayInputStream(bytes) : super.getResourceAsStream(name);
        }
    }
}
