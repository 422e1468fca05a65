package io.github.codefind.dispatch.internal;

import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.List;

/**
 * Defines this package's templates ({@link CallTemplate}, {@link ChainTemplate}) again as hidden
 * classes, each time with other class data. The templates are compiled by javac like the rest and never
 * loaded under their own names; their class files are read once.
 */
final class Templates {
    private static final byte[] CALLS = read("CallTemplate.class");
    private static final byte[] CHAIN = read("ChainTemplate.class");

    private Templates() {}

    /**
     * @param invokers the four invokers, of types {@code (Object...)Object} with 1 to 4 parameters
     * @return an instance of a new hidden class whose calls go through those invokers as constants
     */
    static CallSites callSites(List<MethodHandle> invokers) {
        try {
            MethodHandles.Lookup hidden = define(CALLS, invokers);
            return (CallSites) hidden.findConstructor(hidden.lookupClass(), MethodType.methodType(void.class))
                    .invoke();
        } catch (Throwable e) {
            throw new IllegalStateException("Cannot define the call sites of a dispatcher from CallTemplate", e);
        }
    }

    /**
     * @param data the class data of a {@link ChainTemplate} node: the handle for null, then each class
     *     and its handle, then the next node
     * @return {@code (Object)Object}: a new hidden class's chain of tests of those classes as constants
     */
    static MethodHandle chainNode(List<Object> data) {
        try {
            MethodHandles.Lookup hidden = define(CHAIN, data);
            return hidden.findStatic(hidden.lookupClass(), "call", MethodType.methodType(Object.class, Object.class));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Cannot define a dispatcher's chain node from ChainTemplate", e);
        }
    }

    private static MethodHandles.Lookup define(byte[] template, List<?> data) throws IllegalAccessException {
        return MethodHandles.lookup().defineHiddenClassWithClassData(template, data, true);
    }

    private static byte[] read(String template) {
        try (InputStream in = Templates.class.getResourceAsStream(template)) {
            if (in == null) {
                throw new IllegalStateException(template + " is missing beside " + Templates.class.getName()
                        + "; the codefind-dispatch jar is incomplete");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read " + template + " from the codefind-dispatch jar", e);
        }
    }
}
