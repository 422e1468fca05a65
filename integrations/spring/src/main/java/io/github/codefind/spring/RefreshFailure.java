package io.github.codefind.spring;

import java.util.Objects;

/**
 * A refresh that did not happen: which bean, what was attempted, why it failed, and what is in place
 * instead. A bean that could not be re-created keeps its old instance, which keeps serving (its
 * request mappings too); mappings that could not be registered are put back as they were.
 *
 * @param beanName the bean concerned
 * @param action what was attempted, such as {@code re-create} or {@code re-register request mappings}
 * @param cause why it failed
 * @param outcome what is in place after the failure, such as {@code the old instance keeps serving};
 *     null if that is not known
 */
public record RefreshFailure(String beanName, String action, Throwable cause, String outcome) {
    /**
     * Validates the components.
     *
     * @param beanName the bean
     * @param action what was attempted
     * @param cause why it failed
     * @param outcome what is in place after the failure, or null
     */
    public RefreshFailure {
        Objects.requireNonNull(beanName, "beanName");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(cause, "cause");
    }

    /**
     * A failure whose outcome is not known.
     *
     * @param beanName the bean
     * @param action what was attempted
     * @param cause why it failed
     */
    public RefreshFailure(String beanName, String action, Throwable cause) {
        this(beanName, action, cause, null);
    }

    /**
     * The deepest cause's message, which is usually the one that says what to fix (a missing property,
     * an exception thrown by a constructor), with the message of the outermost exception before it,
     * then what is in place instead.
     *
     * @return such as {@code bean 'greeter': re-create failed: Could not resolve placeholder 'x' ...;
     *     the old instance keeps serving}
     */
    public String message() {
        Throwable root = cause;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String detail = root == cause ? String.valueOf(cause.getMessage())
                : root.getClass().getSimpleName() + ": " + root.getMessage();
        return "bean '" + beanName + "': " + action + " failed: " + detail + (outcome == null ? "" : "; " + outcome);
    }

    @Override
    public String toString() {
        return message();
    }
}
