package io.github.codefind.dispatch;

import io.github.codefind.conform.Change;
import io.github.codefind.conform.ChangeKind;
import io.github.codefind.conform.ClassUnit;
import io.github.codefind.conform.CodeUnit;
import io.github.codefind.conform.ConformException;
import io.github.codefind.conform.Conformable;
import io.github.codefind.conform.MethodUnit;
import io.github.codefind.conform.Patch;
import io.github.codefind.dispatch.internal.Types;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Executable;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.UndeclaredThrowableException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The results of a static method, cached by its arguments, and dropped when the method's code changes.
 *
 * <pre>{@code
 * static final Memo<Long> FIB = Memo.of(Fib.class, "fib", Long.class);
 * static long fib(int n) { return n < 2 ? n : FIB.call(n - 1) + FIB.call(n - 2); }
 * }</pre>
 *
 * <p>Arguments are compared with {@code equals} (arrays by identity); null arguments and null results
 * are cached too; exceptions are not. The method may call the memo recursively. Thread-safe: two
 * threads may compute the same result at once, and then both get the one cached first.
 *
 * <p><b>Conforming.</b> Any change that may alter behaviour (a {@code BODY}, {@code ATTRIBUTES} or
 * {@code SIGNATURE} change; not {@code LINES} or {@code REDEFINED} alone) to the method, or to a unit
 * given as a further dependency, drops the cache: the next calls recompute with the new code. Only
 * the method itself is watched unless more is declared: a memoised method whose result depends on
 * other methods should name them (or their class) as dependencies. If the method is removed, the memo
 * refuses to conform and its calls throw {@link IllegalStateException}.
 *
 * @param <R> the method's result type, boxed
 */
public final class Memo<R> implements Conformable {
    private static final Object NULL = new Object();

    /** The method, held so that a change to it reaches conform; re-read after a signature change. */
    private volatile Method method;
    private final MethodUnit unit;
    private final Set<CodeUnit> dependencies;
    private final int arity;
    private final Class<?> resultType;
    /** The method as a handle, {@code (Object, ...)Object}, and spread, {@code (Object[])Object}; null once unusable. */
    private volatile Target target;
    private volatile String unusable;
    private volatile ConcurrentHashMap<Object, Object> results = new ConcurrentHashMap<>();
    private final AtomicLong drops = new AtomicLong();

    private Memo(Method method, Class<?> resultType, Set<CodeUnit> dependencies) {
        this.method = method;
        this.unit = MethodUnit.of(method);
        this.dependencies = dependencies;
        this.arity = method.getParameterCount();
        this.resultType = resultType;
        this.target = target(method, resultType);
    }

    /** A method's handles. */
    private static final class Target {
        final MethodHandle direct;
        final MethodHandle spread;

        Target(MethodHandle direct) {
            this.direct = direct;
            this.spread = direct.asSpreader(Object[].class, direct.type().parameterCount());
        }
    }

    /**
     * Memoises the static method of a name declared by a class.
     *
     * @param owner the class that declares the method
     * @param name the method's name; it must not be overloaded
     * @param resultType the method's return type or a supertype (its wrapper for a primitive)
     * @param alsoDependsOn further code whose change drops the cache, such as the methods it calls
     * @param <R> the result type
     * @return the memo, empty
     * @throws IllegalArgumentException if there is no such method or several, or it is not static,
     *     returns void or another type, or is not accessible
     */
    public static <R> Memo<R> of(Class<?> owner, String name, Class<R> resultType, CodeUnit... alsoDependsOn) {
        List<Method> found = new ArrayList<>();
        for (Method m : owner.getDeclaredMethods()) {
            if (m.getName().equals(name) && !m.isSynthetic() && !m.isBridge()) {
                found.add(m);
            }
        }
        if (found.size() != 1) {
            throw new IllegalArgumentException(owner.getName() + " declares " + found.size() + " methods named '" + name
                    + "'" + (found.isEmpty() ? "" : " (" + found + "); pass the Method to Memo.of(Method, ...)"));
        }
        return of(found.get(0), resultType, alsoDependsOn);
    }

    /**
     * Memoises a static method.
     *
     * @param method the method
     * @param resultType the method's return type or a supertype (its wrapper for a primitive)
     * @param alsoDependsOn further code whose change drops the cache
     * @param <R> the result type
     * @return the memo, empty
     * @throws IllegalArgumentException if the method is not static, returns void or another type, or is
     *     not accessible
     */
    public static <R> Memo<R> of(Method method, Class<R> resultType, CodeUnit... alsoDependsOn) {
        Objects.requireNonNull(resultType, "resultType");
        Set<CodeUnit> dependencies = new LinkedHashSet<>();
        dependencies.add(MethodUnit.of(method));
        dependencies.addAll(Arrays.asList(alsoDependsOn));
        return new Memo<>(method, Types.box(resultType), Set.copyOf(dependencies));
    }

    private static Target target(Method method, Class<?> resultType) {
        String name = method.getDeclaringClass().getName() + "." + method.getName();
        if (!Modifier.isStatic(method.getModifiers())) {
            throw new IllegalArgumentException(name + " is not static: Memo caches static methods");
        }
        if (method.getReturnType() == void.class || !resultType.isAssignableFrom(Types.box(method.getReturnType()))) {
            throw new IllegalArgumentException(name + " returns " + method.getReturnType().getName() + ", not "
                    + resultType.getName());
        }
        try {
            MethodHandle handle = method.trySetAccessible() ? MethodHandles.lookup().unreflect(method)
                    : MethodHandles.publicLookup().unreflect(method);
            return new Target(handle.asFixedArity().asType(MethodType.genericMethodType(method.getParameterCount())));
        } catch (IllegalAccessException e) {
            throw new IllegalArgumentException(name + " is not accessible: make it public or open its package to"
                    + " io.github.codefind.dispatch", e);
        }
    }

    /**
     * Returns the cached result for one argument, computing it on a miss.
     *
     * @param a the argument of a one-parameter method
     * @return the cached or computed result
     * @throws IllegalArgumentException if the method does not take one parameter
     * @throws IllegalStateException if the method was removed by a patch
     * @throws UndeclaredThrowableException wrapping a checked exception the method threw
     */
    public R call(Object a) {
        return lookup(a == null ? NULL : a, a);
    }

    /**
     * Returns the cached result for two arguments, computing it on a miss.
     *
     * @param a the first argument
     * @param b the second
     * @return the cached or computed result
     */
    public R call(Object a, Object b) {
        return invoke(a, b);
    }

    /**
     * Returns the cached result for three arguments, computing it on a miss.
     *
     * @param a the first argument
     * @param b the second
     * @param c the third
     * @return the cached or computed result
     */
    public R call(Object a, Object b, Object c) {
        return invoke(a, b, c);
    }

    /**
     * Returns the cached result for any number of arguments, computing it on a miss.
     *
     * @param arguments the method's arguments
     * @return the cached or computed result
     * @throws IllegalArgumentException if there are not as many as the method's parameters
     * @throws IllegalStateException if the method was removed by a patch
     */
    public R invoke(Object... arguments) {
        if (arguments.length == 1) {
            return call(arguments[0]);
        }
        Object[] copy = arguments.clone();
        return lookup(new Key(copy), copy);
    }

    /** The arguments of one call, as a key. */
    private static final class Key {
        private final Object[] arguments;
        private final int hash;

        Key(Object[] arguments) {
            this.arguments = arguments;
            this.hash = Arrays.hashCode(arguments);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key && Arrays.equals(arguments, ((Key) o).arguments);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }

    @SuppressWarnings("unchecked")
    private R lookup(Object key, Object arguments) {
        ConcurrentHashMap<Object, Object> cache = results; // read once: a cache dropped meanwhile is garbage
        Object value = cache.get(key);
        if (value == null) {
            Object computed = compute(arguments);
            Object raced = cache.putIfAbsent(key, computed == null ? NULL : computed);
            value = raced != null ? raced : computed;
        }
        return value == NULL ? null : (R) value;
    }

    private Object compute(Object arguments) {
        Target t = target;
        if (t == null) {
            throw new IllegalStateException(unusable);
        }
        boolean spread = arguments instanceof Object[];
        int given = spread ? ((Object[]) arguments).length : 1;
        if (given != arity) {
            throw new IllegalArgumentException(unit + " takes " + arity + " argument(s), not " + given);
        }
        try {
            return spread ? (Object) t.spread.invokeExact((Object[]) arguments) : (Object) t.direct.invokeExact(arguments);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new UndeclaredThrowableException(e);
        }
    }

    /**
     * The number of results cached now.
     *
     * @return the size of the cache
     */
    public int size() {
        return results.size();
    }

    /**
     * How many times a patch (or {@link #clear()}) dropped the cache.
     *
     * @return the number of drops
     */
    public long drops() {
        return drops.get();
    }

    /** Drops every cached result. */
    public void clear() {
        results = new ConcurrentHashMap<>();
        drops.incrementAndGet();
    }

    /**
     * Drops the cache if the patch may change what the method returns, and re-reads the method (with
     * new method handles) if it changed itself.
     *
     * @param patch changes to the method, its class's redefinition, or declared dependencies
     * @throws ConformException if the method was removed, or cannot be used any more; calls then throw
     */
    @Override
    public synchronized void conform(Patch patch) throws ConformException {
        boolean drop = patch.affects(ClassUnit.of(Memo.class));
        boolean reread = false;
        String removed = null;
        for (Change c : patch.changes()) {
            drop |= c.altersBehaviour();
            if (c.unit().equals(unit) || c.unit().equals(unit.owner())) {
                if (c.is(ChangeKind.REMOVED)) {
                    removed = c.unit() + " was removed by patch #" + patch.id();
                } else if (c.unit().equals(unit)) {
                    // New handles even for a BODY change: HotSpot (17 and 25) may keep running the old body
                    // of a method that a warm method handle inlined.
                    reread |= c.altersBehaviour();
                }
            }
        }
        if (removed != null) {
            unusable = removed + ": this memo cannot be used; create a new one";
            target = null;
            clear();
            throw new ConformException(unusable);
        }
        if (reread) {
            try {
                Executable fresh = unit.resolveIn(method.getDeclaringClass());
                Method m = (Method) fresh;
                target = target(m, resultType);
                method = m;
                unusable = null;
            } catch (ReflectiveOperationException | RuntimeException e) {
                unusable = unit + " cannot be used since patch #" + patch.id() + ": " + e.getMessage();
                target = null;
                clear();
                throw new ConformException(unusable + "; create a new memo", e);
            }
        }
        if (drop || reread) {
            clear();
        }
    }

    /** @return the method and the further dependencies given */
    @Override
    public Set<CodeUnit> codeDependencies() {
        return dependencies;
    }

    /** @return such as {@code Memo[com.example.Fib.fib(I)J, 12 results]} */
    @Override
    public String toString() {
        return "Memo[" + unit + ", " + results.size() + " results]";
    }
}
