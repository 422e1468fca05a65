package io.github.codefind.internal.heap;

import io.github.codefind.conform.ClassUnit;
import io.github.codefind.conform.CodeUnit;
import io.github.codefind.conform.Conformable;
import io.github.codefind.conform.LambdaUnit;
import io.github.codefind.conform.MethodUnit;
import java.io.Serializable;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.SerializedLambda;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collection;
import java.util.ConcurrentModificationException;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Decides which of a set of changed code units an object refers to, by the rules of
 * {@code docs/protocol.md}: its own class, its declared dependencies, and code objects in its
 * instance fields or in the arrays, collections and maps they hold, up to {@value #MAX_DEPTH}
 * containers deep.
 *
 * <p>Reads fields reflectively. Field lists are cached per class; fields that cannot be made
 * accessible (private fields of JDK classes in named modules) are skipped.
 */
final class CodeReferences {
    /** How many containers deep a field's value is searched. */
    static final int MAX_DEPTH = 3;

    private static final System.Logger LOG = System.getLogger("io.github.codefind.heap");

    /** Whether a class overrides {@code codeDependencies()}: only then is it worth calling. */
    private static final ClassValue<Boolean> DECLARES = new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
            try {
                return type.getMethod("codeDependencies").getDeclaringClass() != Conformable.class;
            } catch (NoSuchMethodException | SecurityException e) {
                return true;
            }
        }
    };

    private final Map<ClassUnit, List<CodeUnit>> byClass = new HashMap<>();

    /** @param units the changed units to look for */
    CodeReferences(Collection<? extends CodeUnit> units) {
        for (CodeUnit u : units) {
            byClass.computeIfAbsent(u.declaringClass(), k -> new ArrayList<>()).add(u);
        }
    }

    /** @return true if there is nothing to look for */
    boolean isEmpty() {
        return byClass.isEmpty();
    }

    /**
     * What an object refers to without running any of its code: its classes and what its fields hold.
     * Safe on an object that may be dead.
     *
     * @param object a conformable
     * @return the changed units it refers to, so far; a new mutable set
     */
    Set<CodeUnit> heldBy(Object object) {
        Set<CodeUnit> matched = new LinkedHashSet<>();
        for (Class<?> c = object.getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
            matchClass(c, matched);
        }
        for (Field f : ReferenceFields.of(object.getClass())) {
            try {
                visit(f.get(object), 0, matched);
            } catch (IllegalAccessException e) {
                throw new IllegalStateException("field was made accessible: " + f, e);
            }
        }
        return matched;
    }

    /**
     * Adds what an object declares in {@code codeDependencies()}: its own code runs, so call this only
     * on an object known to be live.
     *
     * @param object a conformable
     * @param matched receives the changed units it declares
     */
    void addDeclared(Conformable object, Set<CodeUnit> matched) {
        if (!DECLARES.get(object.getClass())) {
            return;
        }
        try {
            for (CodeUnit u : object.codeDependencies()) {
                matchUnit(u, matched);
            }
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, () -> object.getClass().getName()
                    + ".codeDependencies() threw; its declared dependencies are ignored", e);
        }
    }

    /**
     * @param type a conformable's class
     * @return whether its {@code codeDependencies()} is not the interface's empty default
     */
    static boolean declares(Class<?> type) {
        return DECLARES.get(type);
    }

    private void visit(Object value, int depth, Set<CodeUnit> matched) {
        if (value == null) {
            return;
        }
        if (value instanceof Class) {
            matchClass((Class<?>) value, matched);
        } else if (value instanceof Executable) {
            matchMethod(MethodUnit.of((Executable) value), matched);
        } else if (value instanceof MethodHandle) {
            matchHandle((MethodHandle) value, matched);
        } else if (value instanceof CodeUnit) {
            matchUnit((CodeUnit) value, matched);
        } else if (value.getClass().isHidden()) {
            matchLambda(value, matched);
        } else if (depth < MAX_DEPTH) {
            visitContainer(value, depth + 1, matched);
        }
    }

    private void visitContainer(Object value, int depth, Set<CodeUnit> matched) {
        if (value instanceof Object[]) {
            for (Object o : (Object[]) value) {
                visit(o, depth, matched);
            }
        } else if ((value instanceof Collection || value instanceof Map) && inJavaBase(value)) {
            // Other threads may be changing it: a second try usually succeeds.
            for (int attempt = 1; ; attempt++) {
                try {
                    Collection<?> elements = value instanceof Map ? ((Map<?, ?>) value).entrySet()
                            : (Collection<?>) value;
                    for (Object o : elements) {
                        if (o instanceof Map.Entry && value instanceof Map) {
                            visit(((Map.Entry<?, ?>) o).getKey(), depth, matched);
                            visit(((Map.Entry<?, ?>) o).getValue(), depth, matched);
                        } else {
                            visit(o, depth, matched);
                        }
                    }
                    return;
                } catch (ConcurrentModificationException e) {
                    if (attempt == 2) {
                        LOG.log(System.Logger.Level.WARNING, "A " + value.getClass().getName()
                                + " kept changing while it was searched for code references");
                        return;
                    }
                }
            }
        } else if (value instanceof Optional) {
            visit(((Optional<?>) value).orElse(null), depth, matched);
        } else if (value instanceof AtomicReference) {
            visit(((AtomicReference<?>) value).get(), depth, matched);
        } else if (value instanceof AtomicReferenceArray) {
            AtomicReferenceArray<?> array = (AtomicReferenceArray<?>) value;
            for (int i = 0; i < array.length(); i++) {
                visit(array.get(i), depth, matched);
            }
        }
    }

    /** Only the JDK's own collections are read: reading others would run application code. */
    private static boolean inJavaBase(Object container) {
        return container.getClass().getModule() == Object.class.getModule();
    }

    /** A class: every change to it or to its members and lambdas. */
    private void matchClass(Class<?> type, Set<CodeUnit> matched) {
        while (type.isArray()) {
            type = type.getComponentType();
        }
        if (!type.isPrimitive() && !type.isHidden()) {
            matchAllOf(ClassUnit.of(type), matched);
        }
    }

    private void matchAllOf(ClassUnit type, Set<CodeUnit> matched) {
        matched.addAll(byClass.getOrDefault(type, List.of()));
    }

    /** A method: changes to it, and the redefinition of its class. */
    private void matchMethod(MethodUnit method, Set<CodeUnit> matched) {
        for (CodeUnit u : byClass.getOrDefault(method.owner(), List.of())) {
            if (u.equals(method) || u instanceof ClassUnit) {
                matched.add(u);
            }
        }
    }

    private void matchUnit(CodeUnit unit, Set<CodeUnit> matched) {
        if (unit instanceof ClassUnit) {
            matchAllOf((ClassUnit) unit, matched);
        } else if (unit instanceof MethodUnit) {
            matchMethod((MethodUnit) unit, matched);
        } else {
            LambdaUnit lambda = (LambdaUnit) unit;
            matchLambda(lambda.owner(), lambda.implementation(), matched);
        }
    }

    /** Only direct handles can be cracked without private access; adapted handles are opaque. */
    private void matchHandle(MethodHandle handle, Set<CodeUnit> matched) {
        try {
            Member member = MethodHandles.reflectAs(Member.class, handle);
            if (member instanceof Executable) {
                matchMethod(MethodUnit.of((Executable) member), matched);
            } else {
                matchClass(member.getDeclaringClass(), matched);
            }
        } catch (IllegalArgumentException | ClassCastException | SecurityException e) {
            // Not a direct method handle: nothing to learn from it.
        }
    }

    /**
     * A lambda object's class is a hidden nestmate of the class whose code created it. Without its
     * bytes the implementation method is unknown, so every lambda of that class matches, unless the
     * lambda is serializable and says which method it runs.
     */
    private void matchLambda(Object lambda, Set<CodeUnit> matched) {
        Class<?> proxy = lambda.getClass();
        if (!proxy.getName().contains("$$Lambda")) {
            return;
        }
        Class<?> host = proxy.getNestHost();
        if (host == proxy || host.isHidden()) {
            return;
        }
        MethodUnit implementation = lambda instanceof Serializable ? implementationOf(lambda) : null;
        matchLambda(ClassUnit.of(host), implementation, matched);
    }

    private void matchLambda(ClassUnit owner, MethodUnit implementation, Set<CodeUnit> matched) {
        for (CodeUnit u : byClass.getOrDefault(owner, List.of())) {
            if (u instanceof ClassUnit
                    || u instanceof LambdaUnit && (implementation == null
                            || ((LambdaUnit) u).implementation().equals(implementation))
                    || u instanceof MethodUnit && (implementation == null
                            ? ((MethodUnit) u).name().startsWith("lambda$") : u.equals(implementation))) {
                matched.add(u);
            }
        }
        if (implementation != null && !implementation.owner().equals(owner)) {
            matchMethod(implementation, matched);
        }
    }

    private static MethodUnit implementationOf(Object lambda) {
        try {
            Method writeReplace = lambda.getClass().getDeclaredMethod("writeReplace");
            writeReplace.setAccessible(true);
            Object replaced = writeReplace.invoke(lambda);
            if (replaced instanceof SerializedLambda) {
                SerializedLambda s = (SerializedLambda) replaced;
                return MethodUnit.of(ClassUnit.ofInternalName(s.getImplClass()), s.getImplMethodName(),
                        s.getImplMethodSignature());
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            // Not accessible here: fall back to matching every lambda of the host.
        }
        return null;
    }
}
