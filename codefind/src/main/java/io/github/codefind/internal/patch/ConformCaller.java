package io.github.codefind.internal.patch;

import io.github.codefind.CodeDependent;
import io.github.codefind.ConformOutcome;
import io.github.codefind.conform.Change;
import io.github.codefind.conform.CodeUnit;
import io.github.codefind.conform.ConformException;
import io.github.codefind.conform.Patch;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Calls each conformer once with the changes relevant to it, one after the other on this thread,
 * isolating failures, and refuses a patch started from inside a conformer.
 */
final class ConformCaller {
    private static final System.Logger LOG = System.getLogger("io.github.codefind.conform");
    private final ThreadLocal<Boolean> conforming = ThreadLocal.withInitial(() -> false);

    void refuseReentry() {
        if (conforming.get()) {
            throw new IllegalStateException("A conformer must not start a patch: codefind is calling"
                    + " conformers on this thread. Record what you need and patch after conform returns.");
        }
    }

    /** Runs discovery, which calls {@code codeDependencies()}, under the same re-entry guard. */
    <T> T guarded(java.util.function.Supplier<T> discovery) {
        conforming.set(true);
        try {
            return discovery.get();
        } finally {
            conforming.set(false);
        }
    }

    List<ConformOutcome> callAll(Patch patch, List<CodeDependent> dependents) {
        List<ConformOutcome> outcomes = new ArrayList<>();
        boolean fatal = false;
        for (CodeDependent d : dependents) {
            Patch relevant = patch.filter(c -> relevant(c, d.units()));
            if (relevant.changes().isEmpty()) {
                continue;
            }
            if (fatal) {
                outcomes.add(new ConformOutcome(d.object(), relevant, ConformOutcome.Status.SKIPPED, null));
                continue;
            }
            conforming.set(true);
            try {
                d.object().conform(relevant);
                outcomes.add(new ConformOutcome(d.object(), relevant, ConformOutcome.Status.CONFORMED, null));
            } catch (ConformException e) {
                ConformOutcome o = new ConformOutcome(d.object(), relevant, ConformOutcome.Status.CANNOT_CONFORM, e);
                // The outcome is in the patch's result, whose reader says it (the runner prints it; the
                // engine logs those of external patches): logged louder here, it would be said twice.
                LOG.log(System.Logger.Level.DEBUG, () -> o.describeObject() + " cannot conform to patch "
                        + patch.id() + " (" + relevant.changes() + "): " + e.getMessage());
                outcomes.add(o);
            } catch (Throwable e) {
                ConformOutcome o = new ConformOutcome(d.object(), relevant, ConformOutcome.Status.FAILED, e);
                LOG.log(System.Logger.Level.DEBUG, () -> o.describeObject() + " failed to conform to patch "
                        + patch.id() + " (" + relevant.changes() + "); the new code stays live", e);
                outcomes.add(o);
                fatal = e instanceof VirtualMachineError;
            } finally {
                conforming.set(false);
            }
        }
        return outcomes;
    }

    /** Rethrows a {@link VirtualMachineError} a conformer threw, once every outcome is recorded. */
    void rethrowFatal(List<ConformOutcome> outcomes) {
        for (ConformOutcome o : outcomes) {
            if (o.error() instanceof VirtualMachineError) {
                throw (VirtualMachineError) o.error();
            }
        }
    }

    private static boolean relevant(Change c, Set<CodeUnit> units) {
        return c.before().map(units::contains).orElse(false) || c.after().map(units::contains).orElse(false);
    }
}
