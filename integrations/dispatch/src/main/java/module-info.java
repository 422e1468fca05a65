/**
 * Multiple dispatch and memoisation that conform to code changes.
 *
 * <p>{@link io.github.codefind.dispatch.Dispatch} builds a {@link io.github.codefind.dispatch.Dispatcher}
 * that calls the most specific of a set of handler methods for the runtime classes of all its
 * arguments; {@link io.github.codefind.dispatch.Memo} caches a method's results. Both implement
 * {@link io.github.codefind.conform.Conformable}: when the code they were built from changes, they
 * drop what they derived from it. They depend on the conform protocol alone, not on the engine.
 */
module io.github.codefind.dispatch {
    requires transitive io.github.codefind.conform;

    exports io.github.codefind.dispatch;
}
