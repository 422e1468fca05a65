package io.github.codefind.dispatch.internal;

import io.github.codefind.conform.ClassUnit;
import io.github.codefind.conform.MethodUnit;
import io.github.codefind.dispatch.AmbiguousDispatchException;
import io.github.codefind.dispatch.Handler;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The handlers of one generation of a dispatcher, by arity, read afresh from the handler classes
 * (never from old {@code Method} objects, whose annotations may be stale after a patch).
 */
public final class HandlerTable {
    private static final Comparator<Method> ORDER = Comparator.comparing(Method::getName)
            .thenComparing(m -> Arrays.toString(m.getParameterTypes()));

    private final HandlerSource source;
    private final List<List<HandlerMethod>> byArity;
    private final List<HandlerMethod> all;
    private final Set<MethodUnit> units;

    private HandlerTable(HandlerSource source, List<HandlerMethod> handlers) {
        this.source = source;
        Set<MethodUnit> named = new java.util.HashSet<>();
        for (HandlerMethod h : handlers) {
            if (!h.method().getDeclaringClass().isHidden()) {
                named.add(MethodUnit.of(h.method()));
            }
        }
        this.units = Set.copyOf(named);
        int max = 0;
        for (HandlerMethod h : handlers) {
            max = Math.max(max, h.arity());
        }
        List<List<HandlerMethod>> lists = new ArrayList<>();
        for (int n = 0; n <= max; n++) {
            lists.add(new ArrayList<>());
        }
        for (HandlerMethod h : handlers) {
            lists.get(h.arity()).add(h);
        }
        List<List<HandlerMethod>> frozen = new ArrayList<>();
        for (List<HandlerMethod> l : lists) {
            frozen.add(List.copyOf(l));
        }
        this.byArity = List.copyOf(frozen);
        this.all = List.copyOf(handlers);
    }

    /**
     * Reads the handlers from their classes and checks them.
     *
     * @param source where the handlers come from
     * @param removedMethods methods a patch removed, left out even if reflection still lists them
     * @param removedClasses classes a patch removed: their methods are left out
     * @param requireHandlers whether finding no handler (and having no fallback) is an error
     * @return the table
     * @throws IllegalArgumentException if a handler cannot be used (an instance method without a
     *     receiver, an incompatible result type, no access), or there are none when required
     * @throws AmbiguousDispatchException if two handlers have the same parameter types, after boxing,
     *     and the same priority
     */
    public static HandlerTable read(HandlerSource source, Set<MethodUnit> removedMethods,
            Set<ClassUnit> removedClasses, boolean requireHandlers) {
        Map<String, List<Method>> declarations = new LinkedHashMap<>();
        for (Class<?> c : source.classes()) {
            if (!removedClasses.isEmpty() && !c.isHidden() && removedClasses.contains(ClassUnit.of(c))) {
                continue;
            }
            Method[] methods = c.getDeclaredMethods();
            Arrays.sort(methods, ORDER);
            for (Method m : methods) {
                if (m.isSynthetic() || m.isBridge()) {
                    continue;
                }
                String key = m.getName() + Arrays.toString(m.getParameterTypes());
                declarations.computeIfAbsent(key, k -> new ArrayList<>()).add(m);
            }
        }
        List<String> problems = new ArrayList<>();
        List<HandlerMethod> handlers = new ArrayList<>();
        for (List<Method> overriding : declarations.values()) {
            Method method = overriding.get(0);
            Handler annotation = null;
            for (Method m : overriding) {
                annotation = m.getAnnotation(Handler.class);
                if (annotation != null) {
                    break;
                }
            }
            boolean selected = source.name() != null ? method.getName().equals(source.name()) : annotation != null;
            if (!selected || isRemoved(method, removedMethods)) {
                continue;
            }
            String problem = check(source, method);
            if (problem != null) {
                problems.add(problem);
                continue;
            }
            try {
                handlers.add(new HandlerMethod(method, annotation == null ? 0 : annotation.priority(),
                        invoker(source, method)));
            } catch (IllegalAccessException e) {
                problems.add(Types.name(method.getDeclaringClass()) + "." + method.getName() + " is not accessible"
                        + " (" + e.getMessage() + "): make it public, open its package to io.github.codefind.dispatch,"
                        + " or pass lookup(MethodHandles.lookup()) from its class to the builder");
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("Cannot dispatch to " + source.describe() + ": "
                    + String.join("; ", problems));
        }
        if (handlers.isEmpty() && requireHandlers && source.fallback() == null) {
            throw new IllegalArgumentException("No handlers in " + source.describe() + " or its superclasses");
        }
        handlers.sort(Comparator.comparingInt(HandlerMethod::priority).reversed());
        HandlerTable table = new HandlerTable(source, handlers);
        table.checkDuplicates();
        return table;
    }

    private static boolean isRemoved(Method method, Set<MethodUnit> removed) {
        return !removed.isEmpty() && !method.getDeclaringClass().isHidden() && removed.contains(MethodUnit.of(method));
    }

    private static String check(HandlerSource source, Method method) {
        String name = Types.name(method.getDeclaringClass()) + "." + method.getName()
                + Types.names(method.getParameterTypes());
        if (source.receiver() == null && !Modifier.isStatic(method.getModifiers())) {
            return name + " is an instance method: build the dispatcher on an instance with Dispatch.on(object)";
        }
        Class<?> result = method.getReturnType();
        if (result != void.class && !source.resultType().isAssignableFrom(Types.box(result))) {
            return name + " returns " + Types.name(result) + ", which is not a " + Types.name(source.resultType());
        }
        return null;
    }

    private static MethodHandle invoker(HandlerSource source, Method method) throws IllegalAccessException {
        MethodHandle handle = null;
        if (source.lookup() != null) {
            try {
                handle = source.lookup().unreflect(method);
            } catch (IllegalAccessException e) {
                handle = null;
            }
        }
        if (handle == null) {
            if (method.trySetAccessible()) {
                // With the accessible flag set, unreflect performs no access check.
                handle = MethodHandles.lookup().unreflect(method);
            } else {
                handle = MethodHandles.publicLookup().unreflect(method);
            }
        }
        handle = handle.asFixedArity();
        if (!Modifier.isStatic(method.getModifiers())) {
            handle = handle.bindTo(source.receiver());
        }
        return handle.asType(MethodType.genericMethodType(method.getParameterCount()));
    }

    private void checkDuplicates() {
        for (List<HandlerMethod> handlers : byArity) {
            for (int i = 0; i < handlers.size(); i++) {
                for (int j = i + 1; j < handlers.size(); j++) {
                    HandlerMethod a = handlers.get(i);
                    HandlerMethod b = handlers.get(j);
                    if (a.priority() == b.priority() && a.sameTypesAs(b)) {
                        List<HandlerMethod> both = List.of(a, b);
                        throw new AmbiguousDispatchException("Ambiguous handlers in " + source.describe() + ": "
                                + HandlerMethod.describe(both) + " have the same parameter types (after boxing) and"
                                + " priority, so no call could choose between them; change a priority or a"
                                + " parameter type", HandlerMethod.methods(both));
                    }
                }
            }
        }
    }

    /** @return where the handlers come from */
    public HandlerSource source() {
        return source;
    }

    /**
     * @param arity a number of arguments
     * @return the handlers taking that many, highest priority first
     */
    public List<HandlerMethod> ofArity(int arity) {
        return arity < byArity.size() ? byArity.get(arity) : List.of();
    }

    /**
     * @param unit a method
     * @return true if it is one of the handlers
     */
    public boolean isHandler(MethodUnit unit) {
        return units.contains(unit);
    }

    /** @return every handler, highest priority first */
    public List<HandlerMethod> all() {
        return all;
    }

    /** @return such as {@code 1 or 2}: the arities handlers take, for messages */
    public String arities() {
        Set<Integer> arities = new TreeSet<>();
        for (HandlerMethod h : all) {
            arities.add(h.arity());
        }
        List<String> names = new ArrayList<>();
        for (Integer a : arities) {
            names.add(a.toString());
        }
        return names.isEmpty() ? "none" : String.join(" or ", names);
    }
}
