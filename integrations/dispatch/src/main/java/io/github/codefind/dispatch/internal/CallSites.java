package io.github.codefind.dispatch.internal;

/**
 * The entry points of one dispatcher, one per arity. Each dispatcher gets its own implementation, a
 * hidden class whose call paths are {@code static final} constants (see {@link CallTemplate}), so that
 * the JIT inlines through them into the handlers when a call site sees one dispatcher.
 */
public interface CallSites {
    /**
     * @param a the argument
     * @return the handler's result
     * @throws Throwable whatever the handler throws
     */
    Object call1(Object a) throws Throwable;

    /**
     * @param a the first argument
     * @param b the second
     * @return the handler's result
     * @throws Throwable whatever the handler throws
     */
    Object call2(Object a, Object b) throws Throwable;

    /**
     * @param a the first argument
     * @param b the second
     * @param c the third
     * @return the handler's result
     * @throws Throwable whatever the handler throws
     */
    Object call3(Object a, Object b, Object c) throws Throwable;

    /**
     * @param a the first argument
     * @param b the second
     * @param c the third
     * @param d the fourth
     * @return the handler's result
     * @throws Throwable whatever the handler throws
     */
    Object call4(Object a, Object b, Object c, Object d) throws Throwable;
}
