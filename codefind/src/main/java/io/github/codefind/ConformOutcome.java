package io.github.codefind;

import io.github.codefind.conform.Conformable;
import io.github.codefind.conform.Patch;
import java.util.Optional;

/**
 * What one {@link Conformable} did with a patch.
 *
 * @param object the conformable; held strongly: do not keep results around
 * @param patch the changes it was given
 * @param status how it went
 * @param error what it threw, for {@link Status#CANNOT_CONFORM} and {@link Status#FAILED}; null otherwise
 */
public record ConformOutcome(Conformable object, Patch patch, Status status, Throwable error) {
    /** How a conformer's call went. */
    public enum Status {
        /** It returned normally. */
        CONFORMED,
        /** It threw {@link io.github.codefind.conform.ConformException}: it cannot follow the change. */
        CANNOT_CONFORM,
        /** It threw something else. */
        FAILED,
        /** It was not called: an earlier conformer threw a {@link VirtualMachineError}. */
        SKIPPED
    }

    /** @return the error, if any */
    public Optional<Throwable> failure() {
        return Optional.ofNullable(error);
    }

    /** @return the object's class and identity hash, such as {@code com.example.Table@1b6d3586} */
    public String describeObject() {
        return object.getClass().getName() + "@" + Integer.toHexString(System.identityHashCode(object));
    }

    @Override
    public String toString() {
        return describeObject() + " " + status + (error == null ? "" : ": " + error);
    }
}
