package io.github.codefind.dispatch;

import java.lang.reflect.Method;
import java.util.List;

/**
 * No handler applies to the runtime classes of a call's arguments, and the dispatcher has no fallback.
 * The message lists the argument types and every handler of that arity.
 */
public final class NoHandlerException extends DispatchException {
    private static final long serialVersionUID = 1L;

    /** The handlers of the call's arity; not serialized. */
    private final transient List<Method> candidates;

    /**
     * Creates an exception.
     *
     * @param message the argument types and the candidates
     * @param candidates the handlers of the call's arity
     */
    public NoHandlerException(String message, List<Method> candidates) {
        super(message);
        this.candidates = List.copyOf(candidates);
    }

    /**
     * The handlers that take as many arguments as the call.
     *
     * @return the candidates; empty after deserialization
     */
    public List<Method> candidates() {
        return candidates == null ? List.of() : candidates;
    }
}
