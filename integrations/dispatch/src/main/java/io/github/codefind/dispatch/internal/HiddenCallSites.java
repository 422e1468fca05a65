package io.github.codefind.dispatch.internal;

import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.List;

/** Defines {@link CallTemplate} again, as a hidden class, for each dispatcher. */
final class HiddenCallSites {
    private static final String TEMPLATE = "CallTemplate.class";
    /** Read once; the template is never loaded under its own name. */
    private static final byte[] BYTES = read();

    private HiddenCallSites() {}

    /**
     * @param invokers the four invokers, of types {@code (Object...)Object} with 1 to 4 parameters
     * @return an instance of a new hidden class whose calls go through those invokers as constants
     */
    static CallSites define(List<MethodHandle> invokers) {
        try {
            MethodHandles.Lookup hidden = MethodHandles.lookup().defineHiddenClassWithClassData(BYTES, invokers, true);
            return (CallSites) hidden.findConstructor(hidden.lookupClass(), MethodType.methodType(void.class))
                    .invoke();
        } catch (Throwable e) {
            throw new IllegalStateException("Cannot define the call sites of a dispatcher from " + TEMPLATE, e);
        }
    }

    private static byte[] read() {
        try (InputStream in = HiddenCallSites.class.getResourceAsStream(TEMPLATE)) {
            if (in == null) {
                throw new IllegalStateException(TEMPLATE + " is missing beside " + HiddenCallSites.class.getName()
                        + "; the codefind-dispatch jar is incomplete");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read " + TEMPLATE + " from the codefind-dispatch jar", e);
        }
    }
}
