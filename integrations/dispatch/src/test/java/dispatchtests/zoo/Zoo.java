package dispatchtests.zoo;

import java.util.List;

/**
 * A fixed hierarchy for dispatch tests: interfaces with diamonds, classes several levels deep, plus
 * JDK types, arrays and primitives. Generated handler sets take their parameter types from
 * {@link #PARAMETER_TYPES} and their arguments from {@link #ARGUMENTS}.
 *
 * <pre>
 *   I1        I2
 *   |  \     /
 *   I3   I4          (I4 extends I1 and I2: a diamond over I1 for classes that are also I3)
 *   A implements I1;  B extends A implements I2;  C extends A implements I3
 *   D extends B implements I4;  E extends C implements I4;  F implements I3, I2
 *   G extends F implements I4;  H extends D implements I3
 * </pre>
 */
public final class Zoo {
    private Zoo() {
    }

    /** Root interface. */
    public interface I1 {
    }

    /** Second root interface. */
    public interface I2 {
    }

    /** Below I1. */
    public interface I3 extends I1 {
    }

    /** Below I1 and I2. */
    public interface I4 extends I1, I2 {
    }

    /** A class. */
    public static class A implements I1 {
    }

    /** A subclass. */
    public static class B extends A implements I2 {
    }

    /** A subclass. */
    public static class C extends A implements I3 {
    }

    /** A subclass. */
    public static class D extends B implements I4 {
    }

    /** A subclass with a diamond over I1. */
    public static class E extends C implements I4 {
    }

    /** A class beside A. */
    public static class F implements I3, I2 {
    }

    /** A subclass. */
    public static class G extends F implements I4 {
    }

    /** The deepest class. */
    public static class H extends D implements I3 {
    }

    /** The hierarchy's own types, and Object. */
    public static final List<Class<?>> HIERARCHY = List.of(Object.class, I1.class, I2.class, I3.class, I4.class,
            A.class, B.class, C.class, D.class, E.class, F.class, G.class, H.class);

    /** Types handler parameters are drawn from. */
    public static final List<Class<?>> PARAMETER_TYPES = List.of(Object.class, I1.class, I2.class, I3.class, I4.class,
            A.class, B.class, C.class, D.class, E.class, F.class, G.class, H.class, Number.class, Integer.class,
            int.class, long.class, Comparable.class, String.class, CharSequence.class, Object[].class, I1[].class,
            A[].class, B[].class, int[].class, Cloneable.class);

    /** Arguments calls are made with (null among them). */
    public static final List<Object> ARGUMENTS = java.util.Arrays.asList(new A(), new B(), new C(), new D(), new E(),
            new F(), new G(), new H(), 1, 2L, "s", new StringBuilder(), new A[0], new B[0], new D[0], new I3[0],
            new int[0], new Object(), null);
}
