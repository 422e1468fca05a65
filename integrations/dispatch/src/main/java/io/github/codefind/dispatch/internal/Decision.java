package io.github.codefind.dispatch.internal;

import io.github.codefind.dispatch.AmbiguousDispatchException;
import io.github.codefind.dispatch.DispatchException;
import io.github.codefind.dispatch.NoHandlerException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * What a dispatcher does for one tuple of argument classes: call a handler, call the fallback, or
 * throw. Immutable; it refers to no dispatcher state, so caches can hold it without cycles.
 */
public final class Decision {
    private static final MethodHandle FAIL;
    private static final MethodHandle FALLBACK;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            FAIL = lookup.findStatic(Decision.class, "fail",
                    MethodType.methodType(Object.class, Decision.class, Object[].class));
            FALLBACK = lookup.findVirtual(Function.class, "apply",
                    MethodType.methodType(Object.class, Object.class)).asType(
                            MethodType.methodType(Object.class, Function.class, Object[].class));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final HandlerMethod handler;
    private final List<HandlerMethod> candidates;
    private final boolean ambiguous;
    private final String context;
    private final MethodHandle target;
    private final MethodHandle spread;

    private Decision(int arity, HandlerMethod handler, List<HandlerMethod> candidates, boolean ambiguous,
            String context, Function<Object[], ?> fallback) {
        this.handler = handler;
        this.candidates = candidates;
        this.ambiguous = ambiguous;
        this.context = context;
        MethodHandle t;
        if (handler != null) {
            t = handler.invoker();
        } else if (!ambiguous && fallback != null) {
            t = FALLBACK.bindTo(fallback).asCollector(Object[].class, arity);
        } else {
            t = FAIL.bindTo(this).asCollector(Object[].class, arity);
        }
        this.target = t;
        this.spread = t.asSpreader(Object[].class, arity);
    }

    /**
     * Chooses among a table's handlers for the given argument classes: of the applicable handlers, those
     * of the highest priority; of those, the one at least as specific as every other. None: the
     * fallback, or a {@link NoHandlerException}. Several: an {@link AmbiguousDispatchException}.
     *
     * @param table the handlers
     * @param classes the argument classes, {@link Types#NULL} for nulls
     * @return the decision
     */
    public static Decision decide(HandlerTable table, Class<?>[] classes) {
        List<HandlerMethod> all = table.ofArity(classes.length);
        List<HandlerMethod> top = new ArrayList<>();
        int priority = Integer.MIN_VALUE;
        for (HandlerMethod h : all) {
            if (h.accepts(classes)) {
                if (h.priority() > priority) {
                    top.clear();
                    priority = h.priority();
                }
                if (h.priority() == priority) {
                    top.add(h);
                }
            }
        }
        String context = table.source().describe();
        Function<Object[], ?> fallback = table.source().fallback();
        if (top.isEmpty()) {
            return new Decision(classes.length, null, all, false,
                    context + (all.isEmpty() ? "; its handlers take " + table.arities() + " argument(s)" : ""),
                    fallback);
        }
        HandlerMethod best = null;
        for (HandlerMethod h : top) {
            boolean beatsAll = true;
            for (HandlerMethod other : top) {
                beatsAll &= h.atLeastAsSpecificAs(other);
            }
            if (beatsAll) {
                if (best != null) {
                    best = null;
                    break;
                }
                best = h;
            }
        }
        if (best != null) {
            return new Decision(classes.length, best, List.of(best), false, context, null);
        }
        List<HandlerMethod> maximal = new ArrayList<>();
        for (HandlerMethod h : top) {
            boolean beaten = false;
            for (HandlerMethod other : top) {
                beaten |= other.atLeastAsSpecificAs(h) && !h.atLeastAsSpecificAs(other);
            }
            if (!beaten) {
                maximal.add(h);
            }
        }
        return new Decision(classes.length, null, List.copyOf(maximal), true, context, null);
    }

    /** @return the handler chosen, or null for the fallback or a failure */
    public HandlerMethod handler() {
        return handler;
    }

    /** @return true if several handlers apply and none is most specific */
    public boolean ambiguous() {
        return ambiguous;
    }

    /** @return what the call runs, {@code (Object, ...)Object} */
    public MethodHandle target() {
        return target;
    }

    /** @return what the call runs, taking the arguments as one array: {@code (Object[])Object} */
    public MethodHandle spread() {
        return spread;
    }

    /**
     * The exception this decision throws for arguments of the given classes.
     *
     * @param classes the argument classes, {@link Types#NULL} for nulls
     * @return a new exception naming the argument types and the candidates
     */
    public DispatchException exception(Class<?>[] classes) {
        if (ambiguous) {
            return new AmbiguousDispatchException("Ambiguous dispatch for " + Types.names(classes) + " in " + context
                    + ": no handler of priority " + candidates.get(0).priority() + " is more specific than all the"
                    + " others among " + HandlerMethod.describe(candidates), HandlerMethod.methods(candidates));
        }
        return new NoHandlerException("No handler applies to " + Types.names(classes) + " in " + context
                + (candidates.isEmpty() ? "" : "; candidates taking " + classes.length + " argument(s): "
                        + HandlerMethod.describe(candidates)), HandlerMethod.methods(candidates));
    }

    private static Object fail(Decision decision, Object[] arguments) {
        throw decision.exception(Types.classesOf(arguments));
    }
}
