/**
 * Multiple dispatch and memoisation that conform to code changes: Java's answer to Python's ovld.
 *
 * <p>{@link io.github.codefind.dispatch.Dispatch#on(Class)} builds a
 * {@link io.github.codefind.dispatch.Dispatcher} over the {@link io.github.codefind.dispatch.Handler}
 * methods of a class (or the methods of a name); {@link io.github.codefind.dispatch.Memo} caches a
 * static method's results. Both implement {@link io.github.codefind.conform.Conformable}: when codefind
 * (or any engine of the conform protocol) patches the code they were built from, a dispatcher re-reads
 * its handlers if their set, signatures, annotations or bodies changed, and a memo drops its results
 * if the method's code changed.
 */
package io.github.codefind.dispatch;
