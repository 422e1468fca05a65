package io.github.codefind.internal.companion;

import java.lang.invoke.CallSite;
import java.lang.invoke.ConstantCallSite;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * Never called as itself: {@link #access} is copied into every companion class, whose code reaches the
 * host's private members (and protected ones it inherits from another package) through
 * {@code invokedynamic} sites linked by it. A companion is an ordinary class of the host's package, not
 * a nestmate (a loaded class's nest cannot grow), so it has no private access of its own; the host's
 * full-privilege lookup, which a class of the same module may take, has. The copy uses JDK classes
 * only, since the program's class loader may not see codefind.
 */
final class AccessBootstrap {
    static final int GET_FIELD = 0;
    static final int PUT_FIELD = 1;
    static final int GET_STATIC = 2;
    static final int PUT_STATIC = 3;
    static final int VIRTUAL = 4;
    static final int STATIC = 5;
    static final int SPECIAL = 6;

    private AccessBootstrap() {
    }

    static CallSite access(MethodHandles.Lookup companion, String name, MethodType type, int kind, Class<?> host,
            Class<?> owner) throws ReflectiveOperationException {
        MethodHandles.Lookup lookup = MethodHandles.privateLookupIn(host, companion);
        MethodHandle target;
        switch (kind) {
            case GET_FIELD:
                target = lookup.findGetter(owner, name, type.returnType());
                break;
            case PUT_FIELD:
                target = lookup.findSetter(owner, name, type.parameterType(1));
                break;
            case GET_STATIC:
                target = lookup.findStaticGetter(owner, name, type.returnType());
                break;
            case PUT_STATIC:
                target = lookup.findStaticSetter(owner, name, type.parameterType(0));
                break;
            case VIRTUAL:
                target = lookup.findVirtual(owner, name, type.dropParameterTypes(0, 1));
                break;
            case STATIC:
                target = lookup.findStatic(owner, name, type);
                break;
            default:
                target = lookup.findSpecial(owner, name, type.dropParameterTypes(0, 1), host);
                break;
        }
        return new ConstantCallSite(target.asType(type));
    }
}
