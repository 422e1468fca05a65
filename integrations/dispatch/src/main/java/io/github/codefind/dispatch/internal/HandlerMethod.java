package io.github.codefind.dispatch.internal;

import java.lang.invoke.MethodHandle;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;

/**
 * One handler as read from its class for one generation of a dispatcher's table: the method, its
 * priority, its parameter types boxed (the types specificity compares) and a method handle of the
 * generic type {@code (Object, ...)Object}, bound to the receiver for an instance method.
 */
public final class HandlerMethod {
    private final Method method;
    private final int priority;
    private final Class<?>[] parameters;
    private final Class<?>[] boxed;
    private final MethodHandle invoker;

    HandlerMethod(Method method, int priority, MethodHandle invoker) {
        this.method = method;
        this.priority = priority;
        this.parameters = method.getParameterTypes();
        this.boxed = new Class<?>[parameters.length];
        for (int i = 0; i < parameters.length; i++) {
            boxed[i] = Types.box(parameters[i]);
        }
        this.invoker = invoker;
    }

    /** @return the method, as read from its class when this table was built */
    public Method method() {
        return method;
    }

    /** @return the priority: from {@code @Handler}, else 0 */
    public int priority() {
        return priority;
    }

    /** @return the number of parameters */
    public int arity() {
        return parameters.length;
    }

    /** @return the generic invoker, {@code (Object, ...)Object} */
    MethodHandle invoker() {
        return invoker;
    }

    /**
     * @param classes the arguments' classes, {@link Types#NULL} for nulls; as many as the parameters
     * @return true if every parameter accepts its argument
     */
    public boolean accepts(Class<?>[] classes) {
        for (int i = 0; i < parameters.length; i++) {
            if (!Types.accepts(parameters[i], classes[i])) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether this handler is at least as specific as another of the same arity: each of its parameter
     * types, boxed, is assignable to the other's.
     *
     * @param other another handler
     * @return true if at least as specific
     */
    public boolean atLeastAsSpecificAs(HandlerMethod other) {
        for (int i = 0; i < boxed.length; i++) {
            if (!other.boxed[i].isAssignableFrom(boxed[i])) {
                return false;
            }
        }
        return true;
    }

    /**
     * @param other another handler of the same arity
     * @return true if both have the same parameter types after boxing
     */
    public boolean sameTypesAs(HandlerMethod other) {
        return java.util.Arrays.equals(boxed, other.boxed);
    }

    /**
     * @param handlers handlers
     * @return their methods
     */
    public static List<Method> methods(List<HandlerMethod> handlers) {
        List<Method> methods = new ArrayList<>();
        for (HandlerMethod h : handlers) {
            methods.add(h.method);
        }
        return methods;
    }

    /**
     * @param handlers handlers
     * @return their descriptions, comma-separated in brackets
     */
    public static String describe(List<HandlerMethod> handlers) {
        List<String> parts = new ArrayList<>();
        for (HandlerMethod h : handlers) {
            parts.add(h.toString());
        }
        return "[" + String.join(", ", parts) + "]";
    }

    /** @return such as {@code static String Shapes.visit(Circle, Shape) priority 1} */
    @Override
    public String toString() {
        return (Modifier.isStatic(method.getModifiers()) ? "static " : "") + Types.name(method.getReturnType()) + " "
                + Types.name(method.getDeclaringClass()) + "." + method.getName() + Types.names(parameters)
                + " priority " + priority;
    }
}
