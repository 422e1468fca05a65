package io.github.codefind.dispatch.internal;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;

/**
 * Never loaded as itself: its class file is defined again as a hidden class for each dispatcher, with
 * that dispatcher's four call-path invokers as class data. Static finals are constants to the JIT, an
 * instance field holding a handle is not; so a site that calls one dispatcher inlines the whole inline
 * cache, guards and handlers included, as a hand-written chain of tests would be. This is the only
 * "generated code" the module needs, and it is compiled by javac like the rest.
 */
final class CallTemplate implements CallSites {
    private static final MethodHandle CALL1;
    private static final MethodHandle CALL2;
    private static final MethodHandle CALL3;
    private static final MethodHandle CALL4;

    static {
        try {
            MethodHandles.Lookup self = MethodHandles.lookup();
            CALL1 = MethodHandles.classDataAt(self, "_", MethodHandle.class, 0);
            CALL2 = MethodHandles.classDataAt(self, "_", MethodHandle.class, 1);
            CALL3 = MethodHandles.classDataAt(self, "_", MethodHandle.class, 2);
            CALL4 = MethodHandles.classDataAt(self, "_", MethodHandle.class, 3);
        } catch (IllegalAccessException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private CallTemplate() {}

    @Override
    public Object call1(Object a) throws Throwable {
        return CALL1.invokeExact(a);
    }

    @Override
    public Object call2(Object a, Object b) throws Throwable {
        return CALL2.invokeExact(a, b);
    }

    @Override
    public Object call3(Object a, Object b, Object c) throws Throwable {
        return CALL3.invokeExact(a, b, c);
    }

    @Override
    public Object call4(Object a, Object b, Object c, Object d) throws Throwable {
        return CALL4.invokeExact(a, b, c, d);
    }
}
