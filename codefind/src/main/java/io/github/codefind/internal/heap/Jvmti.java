package io.github.codefind.internal.heap;

/**
 * The native half of the JVMTI backend: thin wrappers over JVMTI calls, implemented in
 * {@code src/main/c/codefind.c}. Each call leaves no tag behind. Not thread-safe: callers serialize.
 */
final class Jvmti {
    private Jvmti() {
    }

    /** @return null if JVMTI is ready, otherwise why not */
    static native String init0();

    /** Forces a full garbage collection. */
    static native void forceGc0();

    /** @return every loaded class */
    static native Class<?>[] loadedClasses0();

    /**
     * @param classes exact classes
     * @return the number of their instances, reachable or not yet collected
     */
    static native long count0(Class<?>[] classes);

    /**
     * @param classes exact classes
     * @return their instances, reachable or not yet collected
     */
    static native Object[] instances0(Class<?>[] classes);

    /**
     * @param reference a reference whose referent is {@code referent}
     * @param referent the referent
     * @return the JVMTI field index of {@code Reference.referent}, or -1
     */
    static native int referentIndex0(java.lang.ref.Reference<?> reference, Object referent);

    /**
     * Finds referrers by a full {@code FollowReferences} walk from the roots.
     *
     * @param targets the targets, distinct
     * @param ignored objects whose references are not reported
     * @param referenceClasses loaded subclasses of {@code java.lang.ref.Reference}
     * @param referentIndex from {@link #referentIndex0}
     * @return {@code {Object[] referrers, long[] pairs}}; see the C source
     */
    static native Object[] referrers0(Object[] targets, Object[] ignored, Class<?>[] referenceClasses,
            int referentIndex);

    /**
     * Redefines classes in one {@code RedefineClasses} call: all or none.
     *
     * @param classes the classes
     * @param bytes their new class files, in the same order
     * @return null on success, otherwise the JVMTI error's name
     */
    static native String redefine0(Class<?>[] classes, byte[][] bytes);

    /**
     * Turns on JVMTI's class-file hook: every redefinition (by anyone) calls the watcher's
     * {@code static void redefined(Class, byte[])} with the new bytes, before the JVM commits them.
     *
     * @param watcher the class to call
     * @return null on success, otherwise the JVMTI error's name
     */
    static native String watchRedefinitions0(Class<?> watcher);

    /**
     * From now on, the class-file hook of {@link #watchRedefinitions0} also hands every class being loaded
     * to the watcher's {@code static byte[] loading(ClassLoader, byte[])}, which may return new bytes.
     */
    static native void rewriteLoads0();

    /**
     * @param type a class
     * @return how many times it was redefined ({@code Class.classRedefinedCount})
     */
    static native int redefinedCount0(Class<?> type);
}
