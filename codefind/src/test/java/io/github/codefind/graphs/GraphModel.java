package io.github.codefind.graphs;

import io.github.codefind.conform.ClassUnit;
import io.github.codefind.conform.CodeUnit;
import io.github.codefind.conform.Conformable;
import io.github.codefind.conform.MethodUnit;
import io.github.codefind.conform.Patch;
import java.lang.ref.WeakReference;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Random object graphs for the discovery properties. Outside codefind's internal packages on purpose:
 * the registry backend's agent does not instrument codefind's own classes.
 *
 * <p>Random object graphs for the discovery properties, and an independent model of which units each
 * {@link Holder} refers to: the rules of docs/protocol.md written as plainly as possible.
 */
public final class GraphModel {
    /** Code the graphs refer to. */
    public static final class Code {
        static void a() {
        }

        static void b() {
        }

        static void c() {
        }
    }

    public static final class OtherCode {
        static void d() {
        }
    }

    /** The Conformable under test; its slot holds a random structure. */
    public static final class Holder implements Conformable {
        /** What the holder holds. */
        public Object slot;

        @Override
        public void conform(Patch patch) {
        }
    }

    /** Not a container: what it holds is never searched. */
    public static final class Box {
        Object content;

        Box(Object content) {
            this.content = content;
        }
    }

    /** How many containers deep discovery searches: docs/protocol.md, rule (a). */
    static final int MAX_DEPTH = 3;

    static final List<Method> METHODS = methods();
    static final List<CodeUnit> UNITS = units();

    private GraphModel() {
    }

    /** A shape, built into live objects by {@link #build}. */
    public sealed interface Shape permits Leaf, ArrayOf, ListOf, MapOf, Boxed, Weak, SelfList, HolderRef {
    }

    /** @param code index into METHODS (as Method) or UNITS (as unit), or -1 for a Class */
    public record Leaf(int code, boolean asUnit) implements Shape {
    }

    public record ArrayOf(List<Shape> elements) implements Shape {
    }

    public record ListOf(List<Shape> elements) implements Shape {
    }

    public record MapOf(List<Shape> keys, List<Shape> values) implements Shape {
    }

    public record Boxed(Shape content) implements Shape {
    }

    public record Weak(Shape content) implements Shape {
    }

    /** A list that contains itself and one element: a cycle. */
    public record SelfList(Shape element) implements Shape {
    }

    /** A reference to another holder: an object, not a container, so never searched. */
    public record HolderRef(int index) implements Shape {
    }

    /** Builds the live structure; weak contents are kept alive by {@code keep}. */
    public static Object build(Shape shape, List<Holder> holders, List<Object> keep) {
        if (shape instanceof Leaf) {
            Leaf l = (Leaf) shape;
            if (l.code() < 0) {
                return Code.class;
            }
            return l.asUnit() ? UNITS.get(l.code() % UNITS.size()) : METHODS.get(l.code() % METHODS.size());
        } else if (shape instanceof ArrayOf) {
            List<Object> list = buildAll(((ArrayOf) shape).elements(), holders, keep);
            return list.toArray();
        } else if (shape instanceof ListOf) {
            return buildAll(((ListOf) shape).elements(), holders, keep);
        } else if (shape instanceof MapOf) {
            MapOf m = (MapOf) shape;
            // Identity keys: no hashCode of self-containing lists, and a repeated key (the same
            // Method twice) is replaced by a fresh one so that every value stays in the map.
            Map<Object, Object> map = new IdentityHashMap<>();
            List<Object> keys = buildAll(m.keys(), holders, keep);
            List<Object> values = buildAll(m.values(), holders, keep);
            for (int i = 0; i < Math.min(keys.size(), values.size()); i++) {
                Object key = keys.get(i) == null || map.containsKey(keys.get(i)) ? new Object() : keys.get(i);
                map.put(key, values.get(i));
            }
            return map;
        } else if (shape instanceof Boxed) {
            return new Box(build(((Boxed) shape).content(), holders, keep));
        } else if (shape instanceof Weak) {
            Object content = build(((Weak) shape).content(), holders, keep);
            keep.add(content);
            return new WeakReference<>(content);
        } else if (shape instanceof SelfList) {
            List<Object> self = new ArrayList<>();
            self.add(build(((SelfList) shape).element(), holders, keep));
            self.add(self);
            return self;
        } else {
            return holders.isEmpty() ? null : holders.get(((HolderRef) shape).index() % holders.size());
        }
    }

    private static List<Object> buildAll(List<Shape> shapes, List<Holder> holders, List<Object> keep) {
        List<Object> out = new ArrayList<>();
        for (Shape s : shapes) {
            out.add(build(s, holders, keep));
        }
        return out;
    }

    /**
     * The units a holder whose slot has this shape refers to, among {@code wanted}: the model of the
     * protocol's rules.
     */
    public static Set<CodeUnit> expected(Shape shape, Set<CodeUnit> wanted) {
        Set<CodeUnit> found = new HashSet<>();
        for (CodeUnit u : wanted) {
            if (u.declaringClass().equals(ClassUnit.of(Holder.class))) {
                found.add(u); // the holder's own class
            }
        }
        collect(shape, 0, wanted, found);
        return found;
    }

    private static void collect(Shape shape, int depth, Set<CodeUnit> wanted, Set<CodeUnit> found) {
        if (shape instanceof Leaf) {
            Leaf l = (Leaf) shape;
            if (l.code() < 0) {
                for (CodeUnit u : wanted) {
                    if (u.declaringClass().equals(ClassUnit.of(Code.class))) {
                        found.add(u);
                    }
                }
                return;
            }
            CodeUnit held = l.asUnit() ? UNITS.get(l.code() % UNITS.size())
                    : MethodUnit.of(METHODS.get(l.code() % METHODS.size()));
            for (CodeUnit u : wanted) {
                boolean classOfHeld = u instanceof ClassUnit && u.equals(held.declaringClass());
                boolean sameUnit = u.equals(held);
                boolean classHeld = held instanceof ClassUnit && u.declaringClass().equals(held);
                if (sameUnit || classOfHeld || classHeld) {
                    found.add(u);
                }
            }
            return;
        }
        if (depth == MAX_DEPTH) {
            return;
        }
        if (shape instanceof ArrayOf) {
            ((ArrayOf) shape).elements().forEach(s -> collect(s, depth + 1, wanted, found));
        } else if (shape instanceof ListOf) {
            ((ListOf) shape).elements().forEach(s -> collect(s, depth + 1, wanted, found));
        } else if (shape instanceof MapOf) {
            MapOf m = (MapOf) shape;
            int n = Math.min(m.keys().size(), m.values().size());
            for (int i = 0; i < n; i++) {
                collect(m.keys().get(i), depth + 1, wanted, found);
                collect(m.values().get(i), depth + 1, wanted, found);
            }
        } else if (shape instanceof SelfList) {
            collect(((SelfList) shape).element(), depth + 1, wanted, found);
        }
        // Box, WeakReference and other holders are objects, not containers: not searched.
    }

    private static List<Method> methods() {
        try {
            return List.of(Code.class.getDeclaredMethod("a"), Code.class.getDeclaredMethod("b"),
                    Code.class.getDeclaredMethod("c"), OtherCode.class.getDeclaredMethod("d"));
        } catch (NoSuchMethodException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private static List<CodeUnit> units() {
        List<CodeUnit> units = new ArrayList<>();
        for (Method m : methods()) {
            units.add(MethodUnit.of(m));
        }
        units.add(ClassUnit.of(Code.class));
        units.add(ClassUnit.of(OtherCode.class));
        units.add(ClassUnit.of(Holder.class));
        return List.copyOf(units);
    }

    /** @return the units at these indexes, modulo their number */
    public static Set<CodeUnit> subset(List<Integer> indexes) {
        Set<CodeUnit> s = new HashSet<>();
        for (int i : indexes) {
            s.add(UNITS.get(i % UNITS.size()));
        }
        return s;
    }
}
