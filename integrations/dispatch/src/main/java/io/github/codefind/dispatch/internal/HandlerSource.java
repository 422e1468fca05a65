package io.github.codefind.dispatch.internal;

import java.lang.invoke.MethodHandles;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;

/**
 * Where a dispatcher's handlers come from and how they are called: fixed when it is built, read again
 * at each rebuild.
 *
 * @param receiver the object whose instance methods are handlers; null when only static methods are
 * @param type the class the handlers are read from (the receiver's class, or the class given)
 * @param name the handlers' name, or null for the methods annotated {@code @Handler}
 * @param lookup the lookup that may access non-public handlers, or null
 * @param resultType the type every handler's result must be assignable to, boxed
 * @param fallback called when no handler applies, or null
 */
public record HandlerSource(Object receiver, Class<?> type, String name, MethodHandles.Lookup lookup,
        Class<?> resultType, Function<Object[], ?> fallback) {
    /** @return the type and its superclasses, most derived first, without {@code Object} */
    public List<Class<?>> classes() {
        List<Class<?>> classes = new ArrayList<>();
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            classes.add(c);
        }
        return Collections.unmodifiableList(classes);
    }

    /** @return such as {@code Shapes (methods named 'visit')} */
    public String describe() {
        return Types.name(type) + (receiver != null ? " instance" : "") + " (" + (name == null
                ? "methods annotated @Handler" : "methods named '" + name + "'") + ")";
    }
}
