package io.github.codefind.dispatch.internal;

import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The decisions of one generation of a dispatcher, by tuple of argument classes. One and two arguments
 * are looked up without allocating (a map of classes, and a map of maps); other arities with a key
 * object. Replaced whole, never cleared, when the dispatcher rebuilds.
 *
 * <p>Not a {@code ClassValue}: a decision may refer to the dispatcher (through a handler's receiver),
 * and a {@code ClassValue} entry that refers back to its {@code ClassValue} is never collected
 * (JDK-8136353), which would pin the dispatcher for the life of {@code String.class}.
 */
public final class DecisionCache {
    private final HandlerTable table;
    private final ConcurrentHashMap<Class<?>, Decision> one = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Class<?>, ConcurrentHashMap<Class<?>, Decision>> two = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<ClassTuple, Decision> many = new ConcurrentHashMap<>();

    /** @param table the handlers decided among */
    public DecisionCache(HandlerTable table) {
        this.table = table;
    }

    /** An immutable tuple of classes, as a map key. */
    private static final class ClassTuple {
        private final Class<?>[] classes;
        private final int hash;

        ClassTuple(Class<?>[] classes) {
            this.classes = classes;
            this.hash = Arrays.hashCode(classes);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof ClassTuple && Arrays.equals(classes, ((ClassTuple) o).classes);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }

    /**
     * @param a the argument's class, {@link Types#NULL} for null
     * @return the decision for one argument
     */
    public Decision find(Class<?> a) {
        Decision d = one.get(a);
        if (d == null) {
            d = Decision.decide(table, new Class<?>[] {a});
            Decision raced = one.putIfAbsent(a, d);
            d = raced != null ? raced : d;
        }
        return d;
    }

    /**
     * @param a the first argument's class, {@link Types#NULL} for null
     * @param b the second's
     * @return the decision for two arguments
     */
    public Decision find(Class<?> a, Class<?> b) {
        ConcurrentHashMap<Class<?>, Decision> second = two.get(a);
        if (second == null) {
            second = two.computeIfAbsent(a, k -> new ConcurrentHashMap<>());
        }
        Decision d = second.get(b);
        if (d == null) {
            d = Decision.decide(table, new Class<?>[] {a, b});
            Decision raced = second.putIfAbsent(b, d);
            d = raced != null ? raced : d;
        }
        return d;
    }

    /**
     * @param classes the arguments' classes, {@link Types#NULL} for nulls; not modified afterwards
     * @return the decision
     */
    public Decision find(Class<?>[] classes) {
        switch (classes.length) {
            case 1:
                return find(classes[0]);
            case 2:
                return find(classes[0], classes[1]);
            default:
                ClassTuple key = new ClassTuple(classes);
                Decision d = many.get(key);
                if (d == null) {
                    d = Decision.decide(table, classes.clone());
                    Decision raced = many.putIfAbsent(key, d);
                    d = raced != null ? raced : d;
                }
                return d;
        }
    }
}
