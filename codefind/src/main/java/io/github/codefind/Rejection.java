package io.github.codefind;

import java.util.Objects;

/**
 * Why a patch, or part of it, was not applied: which class and member, why, and what to do instead.
 *
 * @param className the binary name of the class concerned
 * @param file its source file, relative to its source root (such as {@code com/example/A.java}), or
 *     empty when unknown
 * @param member the member concerned, such as {@code run()V} or {@code count:I}; empty for the class
 * @param reason what the JVM, or codefind, cannot do
 * @param remedy what the user can do: restart, edit differently, or use a JVM that allows it
 */
public record Rejection(String className, String file, String member, String reason, String remedy) {
    /**
     * Validates the components.
     *
     * @param className the class
     * @param file the source file, or empty
     * @param member the member, or empty
     * @param reason why
     * @param remedy what to do
     */
    public Rejection {
        Objects.requireNonNull(className, "className");
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(member, "member");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(remedy, "remedy");
    }

    /** @return {@code class.member (file): reason. remedy} on one line */
    @Override
    public String toString() {
        return className + (member.isEmpty() ? "" : "." + member) + (file.isEmpty() ? "" : " (" + file + ")") + ": "
                + reason + ". " + remedy;
    }
}
