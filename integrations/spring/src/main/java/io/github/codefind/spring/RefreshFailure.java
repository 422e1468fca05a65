package io.github.codefind.spring;

import java.util.Objects;

/**
 * A refresh that did not happen: which bean, what was attempted, and why it failed. The bean keeps
 * serving as it was before the patch (its old instance, its old request mappings).
 *
 * @param beanName the bean concerned
 * @param action what was attempted, such as {@code re-create} or {@code re-register request mappings}
 * @param cause why it failed
 */
public record RefreshFailure(String beanName, String action, Throwable cause) {
    /**
     * Validates the components.
     *
     * @param beanName the bean
     * @param action what was attempted
     * @param cause why it failed
     */
    public RefreshFailure {
        Objects.requireNonNull(beanName, "beanName");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(cause, "cause");
    }

    /**
     * The deepest cause's message, which is usually the one that says what to fix (a missing property,
     * an exception thrown by a constructor), with the message of the outermost exception before it.
     *
     * @return such as {@code bean 'greeter': re-create failed: Could not resolve placeholder 'x' ...}
     */
    public String message() {
        Throwable root = cause;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String detail = root == cause ? String.valueOf(cause.getMessage())
                : root.getClass().getSimpleName() + ": " + root.getMessage();
        return "bean '" + beanName + "': " + action + " failed: " + detail;
    }

    @Override
    public String toString() {
        return message();
    }
}
