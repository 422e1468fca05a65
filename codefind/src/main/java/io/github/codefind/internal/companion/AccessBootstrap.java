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
    static final int NEW_INSTANCE = 7;
    static final int PUT_FINAL = 8;
    /** Method-handle kinds, as the class-file format numbers them. */
    static final int H_STATIC = 6;
    static final int H_SPECIAL = 7;
    static final int H_CONSTRUCTOR = 8;

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
            case PUT_FINAL:
                // The class has the field as final; the source no longer does. Danger: deep reflection
                // on a final field (later JDKs warn about it, and may refuse it).
                java.lang.reflect.Field field = owner.getDeclaredField(name);
                field.setAccessible(true);
                target = lookup.unreflectSetter(field);
                break;
            case NEW_INSTANCE:
                target = lookup.findConstructor(owner, type.changeReturnType(void.class));
                break;
            default:
                target = lookup.findSpecial(owner, name, type.dropParameterTypes(0, 1), host);
                break;
        }
        return new ConstantCallSite(target.asType(type));
    }

    /**
     * Links an {@code invokedynamic} site, such as a lambda or a method reference, whose bootstrap
     * arguments name private members the copy's class cannot reach: calls the site's own bootstrap with
     * the full-privilege lookup of the class that can, and with those members looked up through it.
     *
     * @param caller the copy's class's lookup
     * @param name the site's name
     * @param type the site's type
     * @param args the class whose privileges to use; the site's own bootstrap; then each of its arguments
     *     as {@code 0, value}, or {@code 1, handle kind, owner, member name, method type} for one to look up
     * @return the call site the site's own bootstrap made
     * @throws Throwable whatever that bootstrap throws
     */
    static CallSite bridge(MethodHandles.Lookup caller, String name, MethodType type, Object... args)
            throws Throwable {
        MethodHandles.Lookup lookup = MethodHandles.privateLookupIn((Class<?>) args[0], caller);
        Object[] call = new Object[args.length + 1];
        call[0] = lookup;
        call[1] = name;
        call[2] = type;
        int n = 3;
        for (int i = 2; i < args.length; n++) {
            if ((Integer) args[i] == 0) {
                call[n] = args[i + 1];
                i += 2;
                continue;
            }
            int kind = (Integer) args[i + 1];
            Class<?> owner = (Class<?>) args[i + 2];
            String member = (String) args[i + 3];
            MethodType signature = (MethodType) args[i + 4];
            i += 5;
            if (kind == H_STATIC) {
                call[n] = lookup.findStatic(owner, member, signature);
            } else if (kind == H_CONSTRUCTOR) {
                call[n] = lookup.findConstructor(owner, signature);
            } else if (kind == H_SPECIAL && owner == lookup.lookupClass()) {
                call[n] = lookup.findSpecial(owner, member, signature, owner);
            } else {
                call[n] = lookup.findVirtual(owner, member, signature);
            }
        }
        return (CallSite) ((MethodHandle) args[1]).invokeWithArguments(java.util.Arrays.copyOf(call, n));
    }
}
