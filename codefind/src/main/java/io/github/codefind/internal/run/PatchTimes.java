package io.github.codefind.internal.run;

import io.github.codefind.PatchResult;
import java.time.Duration;
import java.util.Locale;

/**
 * Where the time of one applied batch went, from the save to the new code being live: the runner's
 * phases around the engine's, so that {@code -v} can say which one a slow patch spent its time in.
 *
 * @param compile the in-process compilation of the batch's sources, every round of it; zero for class files
 *     a build wrote
 * @param compiledAhead whether the compilation ran ahead of the batch, while the save settled
 *     ({@link CompileAhead}): then it is not part of what the other phases leave of {@code afterSave}
 * @param engine the engine's own phases: diff, redefine, discover, conform
 * @param listeners the patch listeners, after the engine: codefind-spring's refresh, for one
 * @param afterSave from the newest file time of the batch to the end of the listeners
 */
public record PatchTimes(Duration compile, boolean compiledAhead, PatchResult.Timings engine, Duration listeners,
        Duration afterSave) {
    /** The times of a batch that was refused: no phase is worth showing. */
    static final PatchTimes NONE = new PatchTimes(Duration.ZERO, false,
            new PatchResult.Timings(Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO),
            Duration.ZERO, Duration.ZERO);

    /**
     * @param compile the compilation's time
     * @param compiledAhead whether it ran ahead of the batch
     * @param result the engine's result, whose timings are the engine's phases
     * @param patchCall how long the call of the engine took, listeners included
     * @param afterSave from the save to now
     * @return the times
     */
    static PatchTimes of(Duration compile, boolean compiledAhead, PatchResult result, Duration patchCall,
            Duration afterSave) {
        Duration listeners = patchCall.minus(result.timings().total());
        return new PatchTimes(compile, compiledAhead, result.timings(), listeners.isNegative() ? Duration.ZERO
                : listeners, afterSave);
    }

    /**
     * @return {@code applied in 74 ms after save (compile 41 ms, diff 2 ms, redefine 9 ms, discover 6 ms, conform
     *     0 ms, listeners 1 ms)}, or {@code compile 41 ms ahead} when it ran while the save settled; what the
     *     phases leave of the total is the watcher's wait for quiet and the reading of the files
     */
    @Override
    public String toString() {
        return "applied in " + ms(afterSave) + " after save (" + (compile.isZero() ? "" : "compile " + ms(compile)
                + (compiledAhead ? " ahead" : "") + ", ") + "diff " + ms(engine.diff()) + ", redefine " + ms(engine.redefine()) + ", discover "
                + ms(engine.discover()) + ", conform " + ms(engine.conform()) + ", listeners " + ms(listeners) + ")";
    }

    private static String ms(Duration d) {
        return String.format(Locale.ROOT, "%d ms", Math.round(d.toNanos() / 1e6));
    }
}
