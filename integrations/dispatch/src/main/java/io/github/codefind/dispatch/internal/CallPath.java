package io.github.codefind.dispatch.internal;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.invoke.MutableCallSite;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The call path of one arity (1 to 4 arguments): a {@link MutableCallSite} whose target is an inline
 * cache, a {@code guardWithTest} chain that compares the exact classes of the arguments with those
 * seen before and calls the handler chosen for them directly. A miss relinks the site with one more
 * entry. Past {@value #LIMIT} entries, one argument is dispatched by a {@link ClassChain} instead, from
 * then on (rebuilds included: the classes met will come again); more arguments go through the inline
 * cache and then a lookup in the generation's decision cache. The whole target is guarded by the
 * generation's {@link java.lang.invoke.SwitchPoint}: a rebuild invalidates it, compiled code that
 * inlined the target is deoptimized, and the next call relinks against the new generation.
 */
public final class CallPath {
    /**
     * How many tuples of argument classes the inline cache tests before it uses the class chain (one
     * argument) or the decision cache.
     */
    public static final int LIMIT = 8;

    private static final MethodHandle RELINK;
    private static final MethodHandle[] TESTS = new MethodHandle[5];
    private static final MethodHandle[] MEGAMORPHIC = new MethodHandle[5];

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            RELINK = lookup.findVirtual(CallPath.class, "relink",
                    MethodType.methodType(Object.class, Object[].class));
            for (int n = 1; n <= 4; n++) {
                MethodType generic = MethodType.genericMethodType(n);
                TESTS[n] = lookup.findStatic(CallPath.class, "test" + n,
                        generic.changeReturnType(boolean.class).insertParameterTypes(0, classes(n)));
                MEGAMORPHIC[n] = lookup.findStatic(CallPath.class, "megamorphic" + n,
                        generic.insertParameterTypes(0, DecisionCache.class));
            }
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final DispatchCore core;
    private final int arity;
    private final MutableCallSite site;
    private final MethodHandle relink;
    private final MethodHandle invoker;
    /** The entries the site's target tests, and the generation they were decided in; guarded by this. */
    private InlineCache cache;
    /**
     * One argument, past the inline cache: the classes met, in order, that the {@link ClassChain} tests;
     * null before (and for other arities). Guarded by this.
     */
    private List<Class<?>> chained;

    /**
     * @param core the dispatcher
     * @param arity the number of arguments, 1 to 4
     * @return the call path, linked to relink on its first call
     */
    static CallPath create(DispatchCore core, int arity) {
        CallPath path = new CallPath(core, arity);
        path.site.setTarget(path.relink);
        return path;
    }

    private CallPath(DispatchCore core, int arity) {
        this.core = core;
        this.arity = arity;
        this.site = new MutableCallSite(MethodType.genericMethodType(arity));
        this.relink = RELINK.bindTo(this).asCollector(Object[].class, arity);
        this.invoker = site.dynamicInvoker();
    }

    /** @return a handle of type {@code (Object, ...)Object} that calls through the site */
    public MethodHandle invoker() {
        return invoker;
    }

    /** The tuples the chain tests, for one generation. */
    private static final class InlineCache {
        final DispatchState state;
        final List<Class<?>[]> keys;
        final List<MethodHandle> targets;
        final boolean megamorphic;

        InlineCache(DispatchState state, List<Class<?>[]> keys, List<MethodHandle> targets, boolean megamorphic) {
            this.state = state;
            this.keys = keys;
            this.targets = targets;
            this.megamorphic = megamorphic;
        }

        boolean contains(Class<?>[] classes) {
            for (Class<?>[] k : keys) {
                if (Arrays.equals(k, classes)) {
                    return true;
                }
            }
            return false;
        }
    }

    private Object relink(Object[] arguments) throws Throwable {
        DispatchState state = core.state();
        Class<?>[] classes = Types.classesOf(arguments);
        Decision decision = state.decisions().find(classes);
        synchronized (this) {
            InlineCache ic = cache;
            if (ic == null || ic.state != state) {
                ic = new InlineCache(state, List.of(), List.of(), false);
            }
            if (arity == 1 && (chained != null || !ic.contains(classes) && ic.keys.size() >= LIMIT)) {
                // Past the inline cache, for good (rebuilds included: the classes met will come again).
                // A miss of the chain: a class new to it, or a new generation. Rebuilt whole, each class
                // decided in this generation.
                if (chained == null) {
                    chained = new ArrayList<>();
                    for (Class<?>[] key : ic.keys) {
                        chain(key[0]);
                    }
                }
                chain(classes[0]);
                ic = new InlineCache(state, List.of(), List.of(), true);
                MethodHandle end = chained.size() < ClassChain.CAPACITY ? relink
                        : MethodHandles.insertArguments(MEGAMORPHIC[1], 0, state.decisions());
                site.setTarget(state.switchPoint().guardWithTest(
                        ClassChain.target(chained, state.decisions(), end), relink));
            } else if (!ic.megamorphic && !ic.contains(classes)) {
                List<Class<?>[]> keys = new ArrayList<>(ic.keys);
                List<MethodHandle> targets = new ArrayList<>(ic.targets);
                boolean megamorphic = keys.size() >= LIMIT;
                if (!megamorphic) {
                    keys.add(classes);
                    targets.add(decision.target());
                }
                ic = new InlineCache(state, keys, targets, megamorphic);
                site.setTarget(state.switchPoint().guardWithTest(chain(ic), relink));
            }
            cache = ic;
        }
        return decision.spread().invokeExact(arguments);
    }

    /** Adds a class to those the chain tests, unless it is there, or null's marker, or the chain is full. */
    private void chain(Class<?> c) {
        if (c != Types.NULL && chained.size() < ClassChain.CAPACITY && !chained.contains(c)) {
            chained.add(c);
        }
    }

    private MethodHandle chain(InlineCache ic) {
        MethodHandle chain = ic.megamorphic
                ? MethodHandles.insertArguments(MEGAMORPHIC[arity], 0, ic.state.decisions()) : relink;
        for (int i = ic.keys.size() - 1; i >= 0; i--) {
            MethodHandle test = MethodHandles.insertArguments(TESTS[arity], 0, (Object[]) ic.keys.get(i));
            chain = MethodHandles.guardWithTest(test, ic.targets.get(i), chain);
        }
        return chain;
    }

    private static Class<?>[] classes(int n) {
        Class<?>[] classes = new Class<?>[n];
        Arrays.fill(classes, Class.class);
        return classes;
    }

    private static boolean is(Object argument, Class<?> type) {
        return argument != null ? argument.getClass() == type : type == Types.NULL;
    }

    private static boolean test1(Class<?> c1, Object a1) {
        return is(a1, c1);
    }

    private static boolean test2(Class<?> c1, Class<?> c2, Object a1, Object a2) {
        return is(a1, c1) && is(a2, c2);
    }

    private static boolean test3(Class<?> c1, Class<?> c2, Class<?> c3, Object a1, Object a2, Object a3) {
        return is(a1, c1) && is(a2, c2) && is(a3, c3);
    }

    private static boolean test4(Class<?> c1, Class<?> c2, Class<?> c3, Class<?> c4, Object a1, Object a2, Object a3,
            Object a4) {
        return is(a1, c1) && is(a2, c2) && is(a3, c3) && is(a4, c4);
    }

    private static Object megamorphic1(DecisionCache decisions, Object a1) throws Throwable {
        return decisions.find(Types.classOf(a1)).target().invokeExact(a1);
    }

    private static Object megamorphic2(DecisionCache decisions, Object a1, Object a2) throws Throwable {
        return decisions.find(Types.classOf(a1), Types.classOf(a2)).target().invokeExact(a1, a2);
    }

    private static Object megamorphic3(DecisionCache decisions, Object a1, Object a2, Object a3) throws Throwable {
        return decisions.find(new Class<?>[] {Types.classOf(a1), Types.classOf(a2), Types.classOf(a3)}).target()
                .invokeExact(a1, a2, a3);
    }

    private static Object megamorphic4(DecisionCache decisions, Object a1, Object a2, Object a3, Object a4)
            throws Throwable {
        return decisions.find(new Class<?>[] {Types.classOf(a1), Types.classOf(a2), Types.classOf(a3),
            Types.classOf(a4)}).target().invokeExact(a1, a2, a3, a4);
    }
}
