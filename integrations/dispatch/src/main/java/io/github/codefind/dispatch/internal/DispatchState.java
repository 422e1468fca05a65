package io.github.codefind.dispatch.internal;

import io.github.codefind.dispatch.DispatchException;
import java.lang.invoke.SwitchPoint;

/**
 * One generation of a dispatcher: its table, its decisions, and the switch point that guards the call
 * paths built from them. Replaced whole by a rebuild, which then invalidates the switch point.
 */
public final class DispatchState {
    private final long generation;
    private final HandlerTable table;
    private final DecisionCache decisions;
    private final SwitchPoint switchPoint = new SwitchPoint();
    private final String brokenMessage;
    private final RuntimeException brokenCause;

    private DispatchState(long generation, HandlerTable table, String brokenMessage, RuntimeException brokenCause) {
        this.generation = generation;
        this.table = table;
        this.decisions = table == null ? null : new DecisionCache(table);
        this.brokenMessage = brokenMessage;
        this.brokenCause = brokenCause;
    }

    /**
     * @param generation the generation, from 0
     * @param table the handlers
     * @return a usable state
     */
    public static DispatchState of(long generation, HandlerTable table) {
        return new DispatchState(generation, table, null, null);
    }

    /**
     * @param generation the generation
     * @param message why the dispatcher cannot be used
     * @param cause the failure of the rebuild
     * @return a state in which every call throws
     */
    public static DispatchState broken(long generation, String message, RuntimeException cause) {
        return new DispatchState(generation, null, message, cause);
    }

    /** @return the generation: how many rebuilds preceded it */
    public long generation() {
        return generation;
    }

    /** @return the switch point of this generation's call paths */
    public SwitchPoint switchPoint() {
        return switchPoint;
    }

    /**
     * @return the handlers
     * @throws DispatchException if this generation could not be built
     */
    public HandlerTable table() {
        if (table == null) {
            throw new DispatchException(brokenMessage, brokenCause);
        }
        return table;
    }

    /**
     * @return the decisions
     * @throws DispatchException if this generation could not be built
     */
    public DecisionCache decisions() {
        if (decisions == null) {
            throw new DispatchException(brokenMessage, brokenCause);
        }
        return decisions;
    }

    /** @return true if the rebuild that made this generation failed */
    public boolean broken() {
        return table == null;
    }
}
