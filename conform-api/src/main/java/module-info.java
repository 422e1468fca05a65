/**
 * The conform protocol: the small API through which code that derives state from other code (a
 * dispatch table, a cache, a generated wrapper) learns that the code has changed under it.
 *
 * <p>This module has no dependencies. Libraries depend on it alone; the engine that patches code
 * and calls {@link io.github.codefind.conform.Conformable#conform conform} ships separately.
 */
module io.github.codefind.conform {
    exports io.github.codefind.conform;
}
