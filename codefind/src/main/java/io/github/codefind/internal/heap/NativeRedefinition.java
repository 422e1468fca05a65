package io.github.codefind.internal.heap;

/**
 * Class redefinition through the native library's JVMTI environment, for programs that run without
 * codefind's agent.
 */
public final class NativeRedefinition {
    private NativeRedefinition() {
    }

    /**
     * Loads the native library if needed.
     *
     * @return null if JVMTI redefinition is available, otherwise why not
     */
    public static String unavailableBecause() {
        try {
            NativeLibrary.load();
            return Jvmti.init0();
        } catch (Throwable e) {
            if (e instanceof VirtualMachineError) {
                throw (VirtualMachineError) e;
            }
            return "the native library cannot be loaded: " + e;
        }
    }

    /**
     * Redefines the classes in one JVMTI call: all or none.
     *
     * @param classes the classes
     * @param bytes their new class files
     * @return null on success, otherwise the JVMTI error's name
     */
    public static String redefine(Class<?>[] classes, byte[][] bytes) {
        return Jvmti.redefine0(classes, bytes);
    }

    /**
     * Has the JVM call {@code watcher.redefined(Class, byte[])} for every redefinition, codefind's own
     * included, before it commits the new bytes. For programs without codefind's agent.
     *
     * @param watcher a class with a {@code static void redefined(Class<?>, byte[])} and a
     *     {@code static byte[] loading(ClassLoader, byte[])}
     * @return null on success, otherwise why not
     */
    public static String watchRedefinitions(Class<?> watcher) {
        return Jvmti.watchRedefinitions0(watcher);
    }

    /**
     * From now on, the hook set by {@link #watchRedefinitions} also hands every class being loaded to the
     * watcher's {@code static byte[] loading(ClassLoader, byte[])}, which may return new bytes. Costs a JNI
     * call and a copy per class load, so it is turned on only once a patch has moved a member.
     */
    public static void rewriteLoads() {
        Jvmti.rewriteLoads0();
    }

    /**
     * @param type a class
     * @return how many times the JVM has redefined it
     */
    public static int redefinedCount(Class<?> type) {
        return Jvmti.redefinedCount0(type);
    }
}
