package io.github.codefind.dispatch;

import io.github.codefind.conform.CodeUnit;
import io.github.codefind.conform.ConformException;
import io.github.codefind.conform.Conformable;
import io.github.codefind.conform.Patch;
import io.github.codefind.dispatch.internal.CallSites;
import io.github.codefind.dispatch.internal.DispatchCore;
import io.github.codefind.dispatch.internal.HandlerSource;
import java.lang.reflect.Method;
import java.lang.reflect.UndeclaredThrowableException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Calls the most specific handler for the runtime classes of all its arguments. Built by
 * {@link Dispatch}; thread-safe.
 *
 * <p><b>Which handler.</b> A handler <em>applies</em> when it takes as many parameters as the call has
 * arguments and each parameter accepts its argument: by assignment from the argument's runtime class
 * (classes, interfaces, arrays, with array covariance), by unboxing (an {@code Integer} for an
 * {@code int}, nothing wider), and a null argument for any reference type. Of the applicable handlers,
 * those of the highest {@link Handler#priority() priority} compete; the winner is the one at least as
 * specific as each of the others, where one handler is at least as specific as another when each of
 * its parameter types, boxed, is assignable to the other's. If none applies, the fallback is called or
 * a {@link NoHandlerException} is thrown; if no competitor is most specific, an
 * {@link AmbiguousDispatchException} names the candidates.
 *
 * <p><b>Speed.</b> Decisions are cached per tuple of argument classes. The typed entry points
 * {@code call(a)} to {@code call(a, b, c, d)} allocate nothing once warm: each goes through a
 * method-handle inline cache of up to eight class tuples, guarded by a {@code SwitchPoint}; past it,
 * {@code call(a)} tests the classes met in a chain compiled like a hand-written {@code instanceof}
 * chain, and the others look their decision up.
 *
 * <p><b>Conforming.</b> When a patch adds, removes or re-signs a method of the handler classes, or
 * changes annotations (a priority, a {@code @Handler} added or removed), the dispatcher re-reads its
 * handlers from the classes, drops its decisions and invalidates its switch point. So it does when a
 * handler's body changes, to make new method handles: HotSpot may keep running the old body of a
 * method that warm, compiled method-handle code inlined. Body changes of other methods (the helpers
 * handlers call) and line changes cost nothing. The dispatcher holds its handler classes and declares
 * them in {@link #codeDependencies()}, so codefind finds it.
 *
 * @param <R> what calls return
 */
public final class Dispatcher<R> implements Conformable {
    private final DispatchCore core;
    /** A hidden class of this dispatcher's own, whose call paths are JIT constants. */
    private final CallSites calls;
    /** The handler class and its superclasses: held, so that a change to any of them reaches conform. */
    private final List<Class<?>> handlerClasses;
    /** The same classes as units, for engines that cannot read this object's fields. */
    private final Set<CodeUnit> dependencies;

    Dispatcher(HandlerSource source) {
        this.core = DispatchCore.build(source);
        this.calls = core.callSites();
        this.handlerClasses = source.classes();
        this.dependencies = core.dependencies();
    }

    /**
     * Dispatches one argument.
     *
     * @param a the argument
     * @return the handler's result; null from a {@code void} handler
     * @throws NoHandlerException if no handler applies and there is no fallback
     * @throws AmbiguousDispatchException if no applicable handler is most specific
     * @throws UndeclaredThrowableException wrapping a checked exception the handler threw; runtime
     *     exceptions and errors pass unchanged
     */
    @SuppressWarnings("unchecked")
    public R call(Object a) {
        try {
            return (R) calls.call1(a);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new UndeclaredThrowableException(t);
        }
    }

    /**
     * Dispatches two arguments.
     *
     * @param a the first argument
     * @param b the second
     * @return the handler's result
     * @throws DispatchException if no handler applies, or none is most specific
     */
    @SuppressWarnings("unchecked")
    public R call(Object a, Object b) {
        try {
            return (R) calls.call2(a, b);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new UndeclaredThrowableException(t);
        }
    }

    /**
     * Dispatches three arguments.
     *
     * @param a the first argument
     * @param b the second
     * @param c the third
     * @return the handler's result
     * @throws DispatchException if no handler applies, or none is most specific
     */
    @SuppressWarnings("unchecked")
    public R call(Object a, Object b, Object c) {
        try {
            return (R) calls.call3(a, b, c);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new UndeclaredThrowableException(t);
        }
    }

    /**
     * Dispatches four arguments.
     *
     * @param a the first argument
     * @param b the second
     * @param c the third
     * @param d the fourth
     * @return the handler's result
     * @throws DispatchException if no handler applies, or none is most specific
     */
    @SuppressWarnings("unchecked")
    public R call(Object a, Object b, Object c, Object d) {
        try {
            return (R) calls.call4(a, b, c, d);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new UndeclaredThrowableException(t);
        }
    }

    /**
     * Dispatches any number of arguments, each element of the array being one argument (an array
     * argument of a one-argument call is {@code invoke((Object) array)}, or better {@code call(array)}).
     * One to four arguments take the same path as {@code call}; other counts use the decision cache
     * alone.
     *
     * @param arguments the arguments
     * @return the handler's result
     * @throws DispatchException if no handler applies, or none is most specific
     */
    @SuppressWarnings("unchecked")
    public R invoke(Object... arguments) {
        Objects.requireNonNull(arguments, "arguments");
        switch (arguments.length) {
            case 1:
                return call(arguments[0]);
            case 2:
                return call(arguments[0], arguments[1]);
            case 3:
                return call(arguments[0], arguments[1], arguments[2]);
            case 4:
                return call(arguments[0], arguments[1], arguments[2], arguments[3]);
            default:
                try {
                    return (R) core.invokeSpread(arguments.clone());
                } catch (RuntimeException | Error e) {
                    throw e;
                } catch (Throwable t) {
                    throw new UndeclaredThrowableException(t);
                }
        }
    }

    /**
     * Which handler arguments of these classes reach, without calling it.
     *
     * @param argumentClasses the arguments' runtime classes; null stands for a null argument
     * @return the handler's method (as read at the last rebuild), or empty if no handler applies
     * @throws AmbiguousDispatchException if no applicable handler is most specific
     */
    public Optional<Method> handlerFor(Class<?>... argumentClasses) {
        return core.handlerFor(argumentClasses.clone());
    }

    /**
     * The handlers of the current generation.
     *
     * @return their methods, highest priority first
     */
    public List<Method> handlers() {
        return core.handlers();
    }

    /**
     * How many times patches made this dispatcher re-read its handlers (and invalidate its switch
     * point). Body changes of methods that are not handlers, and line changes, never cause one.
     *
     * @return the number of rebuilds since it was built
     */
    public long rebuilds() {
        return core.rebuilds();
    }

    /**
     * Re-reads the handlers and invalidates the call paths if the patch changed which methods exist,
     * their signatures or annotations, or a handler's body; otherwise does nothing.
     *
     * @param patch the changes to the handler classes (or to this class)
     * @throws ConformException if the changed handlers cannot be used (for example two now have the same
     *     parameter types and priority): calls then throw {@link DispatchException} until a patch fixes
     *     them; or if the handler class was removed
     */
    @Override
    public void conform(Patch patch) throws ConformException {
        core.conform(patch, Dispatcher.class);
    }

    /** @return the handler class and its superclasses, as class units */
    @Override
    public Set<CodeUnit> codeDependencies() {
        return dependencies;
    }

    /** @return such as {@code Dispatcher[Shapes (methods named 'visit'), 4 handlers, generation 0]} */
    @Override
    public String toString() {
        return "Dispatcher[" + core.describe() + "]";
    }
}
