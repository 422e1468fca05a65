package io.github.codefind.dispatch;

import java.lang.reflect.Method;
import java.util.List;

/**
 * Several handlers apply and none is the unique most specific one. Reported when the dispatcher is
 * built (two handlers of the same parameter types, after boxing, and the same priority), otherwise at
 * the call that meets the ambiguity, such as {@code f(A, B)} and {@code f(B, A)} for arguments of a
 * class that is both an {@code A} and a {@code B}.
 */
public final class AmbiguousDispatchException extends DispatchException {
    private static final long serialVersionUID = 1L;

    /** The handlers between which the dispatcher cannot choose; not serialized. */
    private final transient List<Method> candidates;

    /**
     * Creates an exception.
     *
     * @param message the argument types, if any, and the candidates
     * @param candidates the handlers between which no choice can be made
     */
    public AmbiguousDispatchException(String message, List<Method> candidates) {
        super(message);
        this.candidates = List.copyOf(candidates);
    }

    /**
     * The applicable handlers of the highest priority that no other applicable handler of that priority
     * is more specific than.
     *
     * @return the candidates; empty after deserialization
     */
    public List<Method> candidates() {
        return candidates == null ? List.of() : candidates;
    }
}
