package io.github.codefind.dispatch;

/**
 * A dispatch that cannot be made: no handler applies, several apply and none is most specific, or the
 * dispatcher's handlers are invalid (for example after a patch gave two of them the same parameter
 * types and priority).
 */
public class DispatchException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception.
     *
     * @param message what went wrong, naming the argument types and the handlers involved
     */
    public DispatchException(String message) {
        super(message);
    }

    /**
     * Creates an exception with a cause.
     *
     * @param message what went wrong
     * @param cause the underlying failure
     */
    public DispatchException(String message, Throwable cause) {
        super(message, cause);
    }
}
