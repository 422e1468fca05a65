package io.github.codefind.internal.run;

import io.github.codefind.internal.heap.Backends;
import java.io.Writer;
import java.lang.instrument.Instrumentation;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.tools.DiagnosticListener;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileManager;
import javax.tools.JavaFileObject;

/**
 * javac's symbol tables for the libraries, kept from one compilation to the next through the JDK's
 * {@code com.sun.tools.javac.api.JavacTaskPool}: the types of the class path's jars and of the JDK that a
 * compilation read (Spring's, say) are not read and parsed again by the next one, which cuts a warm
 * compilation on a large class path by a factor of three to ten.
 *
 * <p><b>Danger:</b> a kept context would also keep what it read of the program's own classes, which change
 * with every patch, and javac leaves the classes it entered from source in their packages' scopes. So after
 * every compilation, whatever its outcome, each class that came from a source, a class folder or the
 * running overlay is forgotten, and its package is listed again when next used: the program's classes are
 * read afresh by every compilation, as without a kept context, and only the jars' and the JDK's stay.
 * That needs javac internals ({@code Symtab}, {@code ClassFinder}, the symbols' public fields); if any of
 * it is missing on this JDK, the context is dropped and every compilation starts afresh.
 *
 * <p>The pool is internal JDK API, not exported: it is used only where codefind can export it to itself
 * (with the agent's instrumentation, or {@code --add-exports} of {@code com.sun.tools.javac.api} and
 * {@code com.sun.tools.javac.code}); elsewhere every compilation starts afresh, as javac's public API does.
 */
final class KeptContext {
    private static final System.Logger LOG = System.getLogger("io.github.codefind.run");
    private static final String PACKAGE = "com.sun.tools.javac.api";
    private static final String CODE = "com.sun.tools.javac.code";
    /** The URI schemes of the program's own classes: class folders, and the runner's overlay of running ones. */
    private static final Set<String> PROGRAM = Set.of("file", "codefind-running");

    private final Constructor<?> create;
    private final Method getTask;
    private final Class<?> worker;
    /** The pool of at most one context; replaced to drop the context. */
    private Object pool;

    private KeptContext(Constructor<?> create, Method getTask, Class<?> worker) throws ReflectiveOperationException {
        this.create = create;
        this.getTask = getTask;
        this.worker = worker;
        this.pool = create.newInstance(1);
    }

    /** @return the kept context, or null where the JDK's pool cannot be reached (then compile afresh) */
    static KeptContext open() {
        try {
            Class<?> type = Class.forName(PACKAGE + ".JavacTaskPool", false, JavaCompiler.class.getClassLoader());
            Module compiler = type.getModule();
            Module codefind = KeptContext.class.getModule();
            if (!compiler.isExported(PACKAGE, codefind) || !compiler.isExported(CODE, codefind)) {
                Instrumentation instrumentation = Backends.instrumentation();
                if (instrumentation == null || !instrumentation.isModifiableModule(compiler)) {
                    return null;
                }
                instrumentation.redefineModule(compiler, Set.of(), Map.of(PACKAGE, Set.of(codefind), CODE,
                        Set.of(codefind)), Map.of(), Set.of(), Map.of());
            }
            Forgetting.check(type.getClassLoader());
            Class<?> worker = Class.forName(PACKAGE + ".JavacTaskPool$Worker", false, type.getClassLoader());
            Method getTask = type.getMethod("getTask", Writer.class, JavaFileManager.class, DiagnosticListener.class,
                    Iterable.class, Iterable.class, Iterable.class, worker);
            return new KeptContext(type.getConstructor(int.class), getTask, worker);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            LOG.log(System.Logger.Level.DEBUG, () -> "codefind compiles afresh every time: javac's task pool is"
                    + " not reachable: " + e);
            return null;
        }
    }

    /** The javac internals that forget the program's classes, found once by name. */
    private static final class Forgetting {
        private static Method symtab;
        private static Method allClasses;
        private static Method removeClass;
        private static Method finder;
        private static Method completer;
        private static Method packge;
        private static java.lang.reflect.Field classfile;
        private static java.lang.reflect.Field flatname;
        private static java.lang.reflect.Field sourcefile;
        private static java.lang.reflect.Field modle;
        private static java.lang.reflect.Field members;
        private static java.lang.reflect.Field packageCompleter;
        /**
         * The classes of {@link #librariesOf} known to come from a jar or the JDK: they are not asked again,
         * since asking builds a URI per class, some ten thousand on a Spring application's class path.
         */
        private static final Set<Object> libraries = java.util.Collections.newSetFromMap(
                new java.util.IdentityHashMap<>());
        private static Object librariesOf;

        /** Finds the internals; throws if this JDK lacks one of them. */
        static synchronized void check(ClassLoader loader) throws ReflectiveOperationException {
            Class<?> context = Class.forName("com.sun.tools.javac.util.Context", false, loader);
            Class<?> symtabType = Class.forName(CODE + ".Symtab", false, loader);
            Class<?> symbol = Class.forName(CODE + ".Symbol", false, loader);
            Class<?> classSymbol = Class.forName(CODE + ".Symbol$ClassSymbol", false, loader);
            Class<?> packageSymbol = Class.forName(CODE + ".Symbol$PackageSymbol", false, loader);
            Class<?> moduleSymbol = Class.forName(CODE + ".Symbol$ModuleSymbol", false, loader);
            Class<?> finderType = Class.forName(CODE + ".ClassFinder", false, loader);
            symtab = symtabType.getMethod("instance", context);
            allClasses = symtabType.getMethod("getAllClasses");
            removeClass = symtabType.getMethod("removeClass", moduleSymbol, classSymbol.getField("flatname").getType());
            finder = finderType.getMethod("instance", context);
            completer = finderType.getMethod("getCompleter");
            packge = symbol.getMethod("packge");
            classfile = classSymbol.getField("classfile");
            flatname = classSymbol.getField("flatname");
            sourcefile = classSymbol.getField("sourcefile");
            modle = packageSymbol.getField("modle");
            members = packageSymbol.getField("members_field");
            packageCompleter = symbol.getField("completer");
        }

        /**
         * Forgets every class of the program the context holds (from a source, a class folder or the
         * running overlay), and has their packages listed again when next used.
         */
        static synchronized void programClasses(Object context, Set<java.net.URI> units)
                throws ReflectiveOperationException {
            if (librariesOf != context) {
                librariesOf = context;
                libraries.clear();
            }
            Object syms = symtab.invoke(null, context);
            List<Object> program = new java.util.ArrayList<>();
            for (Object c : (Iterable<?>) allClasses.invoke(syms)) {
                if (libraries.contains(c)) {
                    continue;
                }
                JavaFileObject file = (JavaFileObject) classfile.get(c);
                JavaFileObject source = (JavaFileObject) sourcefile.get(c);
                // Not a class named in some class file and not read yet (that one stays: the class that named
                // it holds it), but one read from the program's folders or entered from a unit of this task.
                if (file != null ? PROGRAM.contains(String.valueOf(file.toUri().getScheme()))
                        : source != null && units.contains(source.toUri())) {
                    program.add(c);
                } else if (file != null) {
                    // Read from a jar or the JDK: it stays a library class for as long as the context lives.
                    libraries.add(c);
                }
            }
            Set<Object> packages = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
            for (Object c : program) {
                Object p = packge.invoke(c);
                removeClass.invoke(syms, modle.get(p), flatname.get(c));
                packages.add(p);
            }
            Object listAgain = completer.invoke(finder.invoke(null, context));
            for (Object p : packages) {
                members.set(p, null);
                packageCompleter.set(p, listAgain);
            }
        }
    }

    /** Drops the kept context: the next compilation reads everything afresh. */
    void drop() {
        try {
            pool = create.newInstance(1);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("javac's task pool cannot be created again: " + e, e);
        }
    }

    /**
     * Compiles, in the kept context if there is one that was made with the same options.
     *
     * @return whether the compilation succeeded, as {@code JavaCompiler.CompilationTask.call()} says
     */
    boolean compile(Writer out, JavaFileManager files, DiagnosticListener<? super JavaFileObject> diagnostics,
            List<String> options, List<? extends JavaFileObject> units) {
        Set<java.net.URI> unitUris = new java.util.HashSet<>();
        units.forEach(u -> unitUris.add(u.toUri()));
        Object call = Proxy.newProxyInstance(worker.getClassLoader(), new Class<?>[] {worker}, (proxy, method, args) -> {
            if (method.getDeclaringClass() == Object.class) {
                return method.getName().equals("equals") ? proxy == args[0]
                        : method.getName().equals("hashCode") ? System.identityHashCode(proxy) : "KeptContext.call";
            }
            Object context = args[0].getClass().getMethod("getContext").invoke(args[0]);
            try {
                return ((JavaCompiler.CompilationTask) args[0]).call();
            } finally {
                Forgetting.programClasses(context, unitUris);
            }
        });
        try {
            return (Boolean) getTask.invoke(pool, out, files, diagnostics, options, null, units, call);
        } catch (InvocationTargetException e) {
            // The context may be half-way through a compilation, or still hold the program's classes: never
            // reuse it.
            drop();
            Throwable cause = e.getCause() instanceof java.lang.reflect.UndeclaredThrowableException u ? u.getCause()
                    : e.getCause();
            if (cause instanceof InvocationTargetException inner) {
                cause = inner.getCause();
            }
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(cause);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("javac's task pool is not accessible: " + e, e);
        }
    }
}
