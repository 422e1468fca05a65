package io.github.codefind.dispatch.internal;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;

/**
 * Never loaded as itself: its class file is defined again as a hidden class for each node of a
 * {@link ClassChain}, with {@value #ENTRIES} classes and their handlers as class data. Static finals
 * are constants to the JIT: each test compiles to one comparison of the argument's class pointer with
 * a constant and each handler is inlined, exactly as in a hand-written {@code instanceof} chain of
 * final classes.
 */
final class ChainTemplate {
    /** How many classes a node tests. */
    static final int ENTRIES = 16;

    private static final MethodHandle ON_NULL;
    private static final MethodHandle NEXT;
    private static final Class<?> K0;
    private static final MethodHandle C0;
    private static final Class<?> K1;
    private static final MethodHandle C1;
    private static final Class<?> K2;
    private static final MethodHandle C2;
    private static final Class<?> K3;
    private static final MethodHandle C3;
    private static final Class<?> K4;
    private static final MethodHandle C4;
    private static final Class<?> K5;
    private static final MethodHandle C5;
    private static final Class<?> K6;
    private static final MethodHandle C6;
    private static final Class<?> K7;
    private static final MethodHandle C7;
    private static final Class<?> K8;
    private static final MethodHandle C8;
    private static final Class<?> K9;
    private static final MethodHandle C9;
    private static final Class<?> K10;
    private static final MethodHandle C10;
    private static final Class<?> K11;
    private static final MethodHandle C11;
    private static final Class<?> K12;
    private static final MethodHandle C12;
    private static final Class<?> K13;
    private static final MethodHandle C13;
    private static final Class<?> K14;
    private static final MethodHandle C14;
    private static final Class<?> K15;
    private static final MethodHandle C15;

    static {
        try {
            MethodHandles.Lookup self = MethodHandles.lookup();
            ON_NULL = MethodHandles.classDataAt(self, "_", MethodHandle.class, 0);
            K0 = MethodHandles.classDataAt(self, "_", Class.class, 1);
            C0 = MethodHandles.classDataAt(self, "_", MethodHandle.class, 2);
            K1 = MethodHandles.classDataAt(self, "_", Class.class, 3);
            C1 = MethodHandles.classDataAt(self, "_", MethodHandle.class, 4);
            K2 = MethodHandles.classDataAt(self, "_", Class.class, 5);
            C2 = MethodHandles.classDataAt(self, "_", MethodHandle.class, 6);
            K3 = MethodHandles.classDataAt(self, "_", Class.class, 7);
            C3 = MethodHandles.classDataAt(self, "_", MethodHandle.class, 8);
            K4 = MethodHandles.classDataAt(self, "_", Class.class, 9);
            C4 = MethodHandles.classDataAt(self, "_", MethodHandle.class, 10);
            K5 = MethodHandles.classDataAt(self, "_", Class.class, 11);
            C5 = MethodHandles.classDataAt(self, "_", MethodHandle.class, 12);
            K6 = MethodHandles.classDataAt(self, "_", Class.class, 13);
            C6 = MethodHandles.classDataAt(self, "_", MethodHandle.class, 14);
            K7 = MethodHandles.classDataAt(self, "_", Class.class, 15);
            C7 = MethodHandles.classDataAt(self, "_", MethodHandle.class, 16);
            K8 = MethodHandles.classDataAt(self, "_", Class.class, 17);
            C8 = MethodHandles.classDataAt(self, "_", MethodHandle.class, 18);
            K9 = MethodHandles.classDataAt(self, "_", Class.class, 19);
            C9 = MethodHandles.classDataAt(self, "_", MethodHandle.class, 20);
            K10 = MethodHandles.classDataAt(self, "_", Class.class, 21);
            C10 = MethodHandles.classDataAt(self, "_", MethodHandle.class, 22);
            K11 = MethodHandles.classDataAt(self, "_", Class.class, 23);
            C11 = MethodHandles.classDataAt(self, "_", MethodHandle.class, 24);
            K12 = MethodHandles.classDataAt(self, "_", Class.class, 25);
            C12 = MethodHandles.classDataAt(self, "_", MethodHandle.class, 26);
            K13 = MethodHandles.classDataAt(self, "_", Class.class, 27);
            C13 = MethodHandles.classDataAt(self, "_", MethodHandle.class, 28);
            K14 = MethodHandles.classDataAt(self, "_", Class.class, 29);
            C14 = MethodHandles.classDataAt(self, "_", MethodHandle.class, 30);
            K15 = MethodHandles.classDataAt(self, "_", Class.class, 31);
            C15 = MethodHandles.classDataAt(self, "_", MethodHandle.class, 32);
            NEXT = MethodHandles.classDataAt(self, "_", MethodHandle.class, 33);
        } catch (IllegalAccessException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private ChainTemplate() {}

    /**
     * @param argument the argument
     * @return what the handler of its class returns, or the next node
     * @throws Throwable whatever the handler throws
     */
    static Object call(Object argument) throws Throwable {
        if (argument == null) {
            return ON_NULL.invokeExact(argument);
        }
        Class<?> c = argument.getClass();
        if (c == K0) {
            return C0.invokeExact(argument);
        }
        if (c == K1) {
            return C1.invokeExact(argument);
        }
        if (c == K2) {
            return C2.invokeExact(argument);
        }
        if (c == K3) {
            return C3.invokeExact(argument);
        }
        if (c == K4) {
            return C4.invokeExact(argument);
        }
        if (c == K5) {
            return C5.invokeExact(argument);
        }
        if (c == K6) {
            return C6.invokeExact(argument);
        }
        if (c == K7) {
            return C7.invokeExact(argument);
        }
        if (c == K8) {
            return C8.invokeExact(argument);
        }
        if (c == K9) {
            return C9.invokeExact(argument);
        }
        if (c == K10) {
            return C10.invokeExact(argument);
        }
        if (c == K11) {
            return C11.invokeExact(argument);
        }
        if (c == K12) {
            return C12.invokeExact(argument);
        }
        if (c == K13) {
            return C13.invokeExact(argument);
        }
        if (c == K14) {
            return C14.invokeExact(argument);
        }
        if (c == K15) {
            return C15.invokeExact(argument);
        }
        return NEXT.invokeExact(argument);
    }
}
