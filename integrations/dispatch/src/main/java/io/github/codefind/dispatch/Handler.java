package io.github.codefind.dispatch;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method as a handler of a {@link Dispatcher}: by default the dispatcher is built from the
 * methods that carry this annotation; with {@link Dispatch.Builder#byName(String)}, from the methods of
 * that name, and the annotation then only sets their priority.
 *
 * <p>An overriding method without the annotation keeps the handler status and priority of the method
 * it overrides. Changing the annotation or its priority in a running program (a patch) makes the
 * dispatcher rebuild its table.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Handler {
    /**
     * The handler's priority. Among the handlers that apply to a call, those of the highest priority
     * are considered first; specificity decides among them.
     *
     * @return the priority; 0 by default, may be negative
     */
    int priority() default 0;
}
