package io.github.codefind.dispatch;

import io.github.codefind.dispatch.internal.HandlerSource;
import io.github.codefind.dispatch.internal.Types;
import java.lang.invoke.MethodHandles;
import java.util.Objects;
import java.util.function.Function;

/**
 * Builds {@link Dispatcher}s: multiple dispatch over the methods of a class or an object.
 *
 * <pre>{@code
 * class Shapes {
 *     @Handler static String collide(Circle a, Circle b) { return "circles"; }
 *     @Handler static String collide(Shape a, Square b) { return "into a square"; }
 *     @Handler(priority = -1) static String collide(Object a, Object b) { return "whatever"; }
 * }
 * Dispatcher<String> collide = Dispatch.on(Shapes.class).returning(String.class).build();
 * collide.call(circle, square);   // "into a square"
 * }</pre>
 *
 * <p>The handlers are the methods annotated {@link Handler}, or with {@link Builder#byName} the methods
 * of a name, declared by the class or its superclasses (an override replaces the method it overrides).
 * {@link #on(Class)} takes static methods; {@link #on(Object)} instance and static methods, instance
 * methods called on that object. Bridge and synthetic methods are never handlers; a variable-arity
 * method takes its array as one argument.
 */
public final class Dispatch {
    private Dispatch() {
    }

    /**
     * Dispatches to the static methods of a class.
     *
     * @param type the class (or interface) that declares the handlers
     * @return a builder
     */
    public static Builder<Object> on(Class<?> type) {
        Objects.requireNonNull(type, "type");
        if (type.isPrimitive() || type.isArray()) {
            throw new IllegalArgumentException("Handlers are methods of a class, not of " + type.getTypeName());
        }
        return new Builder<>(null, type, Object.class);
    }

    /**
     * Dispatches to the instance (and static) methods of an object's class, called on that object. A
     * {@code Class} given here is treated as {@link #on(Class)}.
     *
     * @param receiver the object whose methods are the handlers
     * @return a builder
     */
    public static Builder<Object> on(Object receiver) {
        Objects.requireNonNull(receiver, "receiver");
        if (receiver instanceof Class) {
            return on((Class<?>) receiver);
        }
        return new Builder<>(receiver, receiver.getClass(), Object.class);
    }

    /**
     * A dispatcher under construction. Not thread-safe; each method returns this builder, or a copy
     * for {@link #returning}.
     *
     * @param <R> what the dispatcher returns
     */
    public static final class Builder<R> {
        private final Object receiver;
        private final Class<?> type;
        private final Class<?> resultType;
        private String name;
        private MethodHandles.Lookup lookup;
        private Function<Object[], ? extends R> fallback;

        private Builder(Object receiver, Class<?> type, Class<?> resultType) {
            this.receiver = receiver;
            this.type = type;
            this.resultType = resultType;
        }

        /**
         * Takes the methods of this name as handlers, instead of the methods annotated {@link Handler}.
         * A {@code @Handler} on one of them still sets its priority.
         *
         * @param methodName the handlers' name
         * @return this builder
         */
        public Builder<R> byName(String methodName) {
            this.name = Objects.requireNonNull(methodName, "methodName");
            return this;
        }

        /**
         * Sets the type the dispatcher returns. Every handler must return it, a subtype, its primitive
         * (boxed), or {@code void} (the call then returns null); checked when it is built.
         *
         * @param type the result type; {@code Object} by default
         * @param <T> the result type
         * @return a builder of that type, with the settings of this one but no fallback
         */
        public <T> Builder<T> returning(Class<T> type) {
            Builder<T> b = new Builder<>(receiver, this.type, Types.box(Objects.requireNonNull(type, "type")));
            b.name = name;
            b.lookup = lookup;
            return b;
        }

        /**
         * Gives the dispatcher access to non-public handlers through the caller's lookup. Without it,
         * handlers must be accessible to this library: public, or in a package open to
         * {@code io.github.codefind.dispatch} (every package on the class path is).
         *
         * @param callerLookup usually {@code MethodHandles.lookup()} in the handlers' class
         * @return this builder
         */
        public Builder<R> lookup(MethodHandles.Lookup callerLookup) {
            this.lookup = Objects.requireNonNull(callerLookup, "callerLookup");
            return this;
        }

        /**
         * Sets what a call returns when no handler applies, instead of throwing
         * {@link NoHandlerException}. Not used for ambiguous calls, which always throw.
         *
         * @param function called with a new array of the call's arguments
         * @return this builder
         */
        public Builder<R> fallback(Function<Object[], ? extends R> function) {
            this.fallback = Objects.requireNonNull(function, "function");
            return this;
        }

        /**
         * Reads the handlers and checks them. Each dispatcher defines a small hidden class of its own,
         * which makes its calls as fast as a hand-written chain of tests: build dispatchers once and keep
         * them, not per call. The class is unloaded with the dispatcher.
         *
         * @return the dispatcher
         * @throws IllegalArgumentException if there is no handler and no fallback, a handler is an instance
         *     method and there is no receiver, returns another type, or is not accessible
         * @throws AmbiguousDispatchException if two handlers of the same arity have the same parameter
         *     types, after boxing, and the same priority
         */
        public Dispatcher<R> build() {
            return new Dispatcher<>(new HandlerSource(receiver, type, name, lookup, resultType, fallback));
        }
    }
}
