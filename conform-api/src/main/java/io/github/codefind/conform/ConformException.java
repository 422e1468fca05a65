package io.github.codefind.conform;

/**
 * Thrown by {@link Conformable#conform} to say that an object cannot bring itself in line with
 * the new code.
 *
 * <p>This is an orderly refusal, not a crash: the caller reports it as "cannot conform" with its
 * message, and may take another path, such as re-creating the object. Any other exception thrown
 * by a conformer is reported as a failure. Either way, the new code stays live and the other
 * conformers of the patch are still called; only a {@link VirtualMachineError} stops them.
 */
public class ConformException extends Exception {
    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception that says why the object cannot conform.
     *
     * @param message why, and what the user can do instead (for example, restart the component)
     */
    public ConformException(String message) {
        super(message);
    }

    /**
     * Creates an exception that says why the object cannot conform, and what caused it.
     *
     * @param message why, and what the user can do instead
     * @param cause the underlying failure
     */
    public ConformException(String message, Throwable cause) {
        super(message, cause);
    }
}
