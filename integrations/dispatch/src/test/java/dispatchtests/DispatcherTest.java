package dispatchtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dispatchtests.zoo.Zoo;
import dispatchtests.zoo.Zoo.A;
import dispatchtests.zoo.Zoo.B;
import dispatchtests.zoo.Zoo.C;
import dispatchtests.zoo.Zoo.D;
import dispatchtests.zoo.Zoo.E;
import dispatchtests.zoo.Zoo.F;
import dispatchtests.zoo.Zoo.I1;
import dispatchtests.zoo.Zoo.I2;
import dispatchtests.zoo.Zoo.I3;
import io.github.codefind.conform.ClassUnit;
import io.github.codefind.dispatch.AmbiguousDispatchException;
import io.github.codefind.dispatch.Dispatch;
import io.github.codefind.dispatch.DispatchException;
import io.github.codefind.dispatch.Dispatcher;
import io.github.codefind.dispatch.Handler;
import io.github.codefind.dispatch.NoHandlerException;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.Method;
import java.lang.reflect.UndeclaredThrowableException;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The dispatch semantics: specificity, priorities, null, boxing, arrays, fallback, errors, entry points. */
class DispatcherTest {
    /** Classes, interfaces and Object. */
    public static class Kinds {
        @Handler public static String visit(Object o) {
            return "Object";
        }

        @Handler public static String visit(A a) {
            return "A";
        }

        @Handler public static String visit(B b) {
            return "B";
        }

        @Handler public static String visit(I2 i) {
            return "I2";
        }
    }

    @Test
    void choosesTheMostSpecificHandlerByRuntimeClass() {
        Dispatcher<String> d = Dispatch.on(Kinds.class).returning(String.class).build();
        assertEquals("A", d.call(new A()));
        assertEquals("B", d.call(new B()));
        assertEquals("B", d.call(new D()), "D extends B: B is more specific than A, I2 and Object");
        assertEquals("A", d.call(new C()));
        assertEquals("I2", d.call(new F()));
        assertEquals("Object", d.call("text"));
        Object declaredAsObject = new B();
        assertEquals("B", d.call(declaredAsObject), "the runtime class counts, not the static type");
    }

    /** Two handlers each more specific in one position. */
    public static class Crossed {
        @Handler public static String f(A a, B b) {
            return "AB";
        }

        @Handler public static String f(B a, A b) {
            return "BA";
        }
    }

    @Test
    void reportsAmbiguityAtTheCallNamingTheCandidates() {
        Dispatcher<String> d = Dispatch.on(Crossed.class).returning(String.class).build();
        assertEquals("AB", d.call(new A(), new B()));
        assertEquals("BA", d.call(new D(), new C()));
        AmbiguousDispatchException e = assertThrows(AmbiguousDispatchException.class, () -> d.call(new D(), new D()));
        assertTrue(e.getMessage().contains("(Zoo.D, Zoo.D)"), e.getMessage());
        assertTrue(e.getMessage().contains("Crossed.f(Zoo.A, Zoo.B)") && e.getMessage().contains("Crossed.f(Zoo.B, Zoo.A)"),
                e.getMessage());
        assertEquals(Set.of("f(A,B)", "f(B,A)"), signatures(e.candidates()));
        assertThrows(AmbiguousDispatchException.class, () -> d.handlerFor(B.class, B.class));
        assertThrows(AmbiguousDispatchException.class, () -> d.call(new D(), new D()), "and again, from the cache");
    }

    /** Two handlers no call can choose between. */
    public static class Twins {
        @Handler public static String one(A a) {
            return "one";
        }

        @Handler public static String two(A a) {
            return "two";
        }
    }

    /** Two handlers that differ only by boxing. */
    public static class BoxedTwins {
        @Handler public static String prim(int i) {
            return "int";
        }

        @Handler public static String boxed(Integer i) {
            return "Integer";
        }
    }

    @Test
    void reportsAmbiguityAtBuildWhenItCanBeDetected() {
        AmbiguousDispatchException e = assertThrows(AmbiguousDispatchException.class,
                () -> Dispatch.on(Twins.class).build());
        assertTrue(e.getMessage().contains("Twins.one(Zoo.A)") && e.getMessage().contains("Twins.two(Zoo.A)"),
                e.getMessage());
        assertEquals(2, e.candidates().size());
        assertThrows(AmbiguousDispatchException.class, () -> Dispatch.on(BoxedTwins.class).build(),
                "int and Integer are the same type for specificity");
    }

    /** Priorities over specificity. */
    public static class Prioritised {
        @Handler(priority = 1) public static String anything(Object o) {
            return "anything";
        }

        @Handler public static String text(String s) {
            return "text";
        }

        @Handler(priority = 2) public static String number(Number n) {
            return "number";
        }

        @Handler(priority = -5) public static String integer(Integer i) {
            return "integer";
        }
    }

    @Test
    void higherPriorityWinsBeforeSpecificity() {
        Dispatcher<String> d = Dispatch.on(Prioritised.class).returning(String.class).build();
        assertEquals("anything", d.call("s"), "priority 1 beats the more specific priority-0 handler");
        assertEquals("number", d.call(3));
        assertEquals("anything", d.call(new A()));
        assertEquals(List.of("number", "anything", "text", "integer"),
                d.handlers().stream().map(Method::getName).collect(Collectors.toList()), "highest priority first");
    }

    /** Primitives, boxes and null. */
    public static class Numbers {
        @Handler public static String prim(int i) {
            return "int " + i;
        }

        @Handler public static String number(Number n) {
            return "Number";
        }

        @Handler public static String text(String s) {
            return "String";
        }

        @Handler public static String chars(CharSequence s) {
            return "CharSequence";
        }
    }

    @Test
    void boxesUnboxesAndAcceptsNullForReferenceTypes() {
        Dispatcher<String> d = Dispatch.on(Numbers.class).returning(String.class).build();
        assertEquals("int 7", d.call(7), "an Integer argument reaches an int parameter, which is more specific than Number");
        assertEquals("Number", d.call(7L), "a Long does not widen to int");
        assertEquals("Number", d.call((short) 7));
        AmbiguousDispatchException e = assertThrows(AmbiguousDispatchException.class, () -> d.call((Object) null),
                "null: String beats CharSequence, int does not apply, but String and Number are unrelated");
        assertEquals(Set.of("text(String)", "number(Number)"), signatures(e.candidates()));
        assertEquals("CharSequence", d.call(new StringBuilder()));
        Dispatcher<String> texts = Dispatch.on(Numbers.class).byName("chars").returning(String.class).build();
        assertEquals("CharSequence", texts.call((Object) null));
    }

    /** Null among unrelated types. */
    public static class Unrelated {
        @Handler public static String text(String s) {
            return "String";
        }

        @Handler public static String number(Integer i) {
            return "Integer";
        }
    }

    @Test
    void nullIsAmbiguousBetweenUnrelatedTypes() {
        Dispatcher<String> d = Dispatch.on(Unrelated.class).returning(String.class).build();
        AmbiguousDispatchException e = assertThrows(AmbiguousDispatchException.class, () -> d.call((Object) null));
        assertTrue(e.getMessage().contains("(null)"), e.getMessage());
        assertEquals("Integer", d.call(1));
    }

    /** Arrays. */
    public static class Arrays1 {
        @Handler public static String object(Object o) {
            return "Object";
        }

        @Handler public static String objects(Object[] o) {
            return "Object[]";
        }

        @Handler public static String as(A[] a) {
            return "A[]";
        }

        @Handler public static String ints(int[] a) {
            return "int[]";
        }

        @Handler public static String cloneable(Cloneable c) {
            return "Cloneable";
        }
    }

    @Test
    void arraysAreCovariantAndPrimitiveArraysAreNot() {
        Dispatcher<String> d = Dispatch.on(Arrays1.class).returning(String.class).build();
        assertEquals("A[]", d.call(new D[0]));
        assertEquals("A[]", d.call((Object) new A[0]));
        assertEquals("Object[]", d.call(new String[0]));
        assertEquals("Object[]", d.call(new I1[0]));
        assertEquals("int[]", d.call(new int[0]));
        assertEquals("Cloneable", d.call(new long[0]));
        assertEquals("A[]", d.invoke((Object) new A[0]), "invoke spreads the array: cast to pass it as one argument");
        assertEquals("Object", d.call(new A()));
    }

    @Test
    void fallsBackOrListsTheArgumentTypesAndCandidates() {
        NoHandlerException e = assertThrows(NoHandlerException.class,
                () -> Dispatch.on(Crossed.class).build().call(new A(), "x"));
        assertTrue(e.getMessage().contains("(Zoo.A, String)"), e.getMessage());
        assertTrue(e.getMessage().contains("Crossed.f(Zoo.A, Zoo.B)"), e.getMessage());
        assertEquals(2, e.candidates().size());

        NoHandlerException arity = assertThrows(NoHandlerException.class, () -> Dispatch.on(Crossed.class).build().call(1));
        assertTrue(arity.getMessage().contains("take 2 argument(s)"), arity.getMessage());

        AtomicReference<Object[]> seen = new AtomicReference<>();
        Dispatcher<String> d = Dispatch.on(Crossed.class).returning(String.class)
                .fallback(args -> {
                    seen.set(args);
                    return "fallback " + args.length;
                }).build();
        assertEquals("fallback 2", d.call(new A(), "x"));
        assertInstanceOf(A.class, seen.get()[0]);
        assertEquals("x", seen.get()[1]);
        assertEquals("fallback 3", d.call(1, 2, 3));
        assertEquals("AB", d.call(new A(), new B()));
        assertThrows(AmbiguousDispatchException.class, () -> d.call(new D(), new D()), "ambiguity never falls back");
        assertEquals(java.util.Optional.empty(), d.handlerFor(String.class, String.class));
    }

    /** Instance handlers chosen by name, with a static one and an inherited one. */
    public static class Base {
        @Handler(priority = 3)
        public String show(B b) {
            return "base B";
        }

        public String show(C c) {
            return "base C";
        }
    }

    /** Overrides without repeating the annotation. */
    public static class Printer extends Base {
        private final String prefix;

        Printer(String prefix) {
            this.prefix = prefix;
        }

        public String show(A a) {
            return prefix + " A";
        }

        @Override
        public String show(B b) {
            return prefix + " B";
        }

        public static String show(Object o) {
            return "static Object";
        }

        public String show(D d) {
            return "never: show(B) has priority 3";
        }

        public String other(A a) {
            return "not a handler";
        }
    }

    @Test
    void dispatchesToInstanceMethodsByNameIncludingInheritedAndOverridden() {
        Dispatcher<String> d = Dispatch.on(new Printer("p")).byName("show").returning(String.class).build();
        assertEquals("p A", d.call(new A()));
        assertEquals("p B", d.call(new D()), "the override runs, on the receiver, and keeps priority 3 over show(D)");
        assertEquals("base C", d.call(new C()));
        assertEquals("static Object", d.call("x"));
        assertEquals(Printer.class, d.handlerFor(B.class).orElseThrow().getDeclaringClass(), "the override is the handler");
        assertEquals("p B", d.call(new B()));
        assertEquals(Set.of(ClassUnit.of(Printer.class), ClassUnit.of(Base.class)), d.codeDependencies());
        assertTrue(d.toString().contains("methods named 'show'"), d.toString());
        // The annotation on Base.show(B) is inherited by the override: priority 3 beats show(Object) for a B.
        assertEquals("p B", d.call(new Zoo.H()));
    }

    @Test
    void refusesInstanceHandlersWithoutAReceiverAndWrongResultTypes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Dispatch.on(Printer.class).byName("show").build());
        assertTrue(e.getMessage().contains("is an instance method"), e.getMessage());
        IllegalArgumentException r = assertThrows(IllegalArgumentException.class,
                () -> Dispatch.on(Kinds.class).returning(Integer.class).build());
        assertTrue(r.getMessage().contains("returns String, which is not a Integer"), r.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Dispatch.on(Kinds.class).byName("nothing").build());
        assertThrows(IllegalArgumentException.class, () -> Dispatch.on(int.class));
    }

    /** Result kinds and exceptions. */
    public static class Results {
        static int called;

        @Handler public static void nothing(A a) {
            called++;
        }

        @Handler public static int number(Integer i) {
            return i + 1;
        }

        @Handler public static String fail(String s) throws IOException {
            throw new IOException(s);
        }

        @Handler public static String crash(StringBuilder s) {
            throw new IllegalStateException(s.toString());
        }
    }

    @Test
    void returnsNullForVoidBoxesPrimitivesAndWrapsCheckedExceptions() {
        Dispatcher<Object> d = Dispatch.on(Results.class).build();
        assertNull(d.call(new A()));
        assertEquals(1, Results.called);
        assertEquals(42, d.call(41));
        UndeclaredThrowableException u = assertThrows(UndeclaredThrowableException.class, () -> d.call("io"));
        assertInstanceOf(IOException.class, u.getCause());
        IllegalStateException s = assertThrows(IllegalStateException.class, () -> d.call(new StringBuilder("rt")));
        assertEquals("rt", s.getMessage());
    }

    /** Handlers of many arities. */
    public static class Arities {
        @Handler public static String none() {
            return "0";
        }

        @Handler public static String three(A a, A b, A c) {
            return "3";
        }

        @Handler public static String four(A a, Object b, Object c, B d) {
            return "4";
        }

        @Handler public static String four(Object a, Object b, Object c, Object d) {
            return "4 objects";
        }

        @Handler public static String five(Object a, Object b, Object c, Object d, A e) {
            return "5";
        }

        @Handler public static String varargs(String... all) {
            return "varargs " + all.length;
        }
    }

    @Test
    void everyArityHasItsEntryPoint() {
        Dispatcher<String> d = Dispatch.on(Arities.class).returning(String.class).build();
        assertEquals("0", d.invoke());
        assertEquals("3", d.call(new A(), new B(), new C()));
        assertEquals("3", d.invoke(new A(), new B(), new C()));
        assertEquals("4", d.call(new A(), 1, null, new D()));
        assertEquals("4 objects", d.call(new A(), 1, null, new A()));
        assertEquals("5", d.invoke(1, 2, 3, 4, new E()));
        assertThrows(NoHandlerException.class, () -> d.invoke(1, 2, 3, 4, 5));
        assertEquals("varargs 2", d.call(new String[] {"a", "b"}), "a variable-arity handler takes its array");
    }

    @Test
    void staysCorrectPastTheInlineCache() {
        Dispatcher<String> d = Dispatch.on(Kinds.class).returning(String.class).build();
        for (int round = 0; round < 3; round++) {
            for (Object a : Zoo.ARGUMENTS) {
                if (a instanceof A && a instanceof I2 && !(a instanceof B)) {
                    assertThrows(AmbiguousDispatchException.class, () -> d.call(a), "A and I2 are unrelated");
                    continue;
                }
                String expected = a == null || a instanceof B ? "B" : a instanceof A ? "A" : a instanceof I2 ? "I2" : "Object";
                assertEquals(expected, d.call(a), String.valueOf(a));
            }
        }
        Dispatcher<String> two = Dispatch.on(Crossed.class).returning(String.class).fallback(args -> "none").build();
        for (Object a : Zoo.ARGUMENTS) {
            for (Object b : Zoo.ARGUMENTS) {
                boolean ab = (a == null || a instanceof A) && (b == null || b instanceof B);
                boolean ba = (a == null || a instanceof B) && (b == null || b instanceof A);
                if (ab && ba) {
                    assertThrows(AmbiguousDispatchException.class, () -> two.call(a, b));
                } else {
                    assertEquals(ab ? "AB" : ba ? "BA" : "none", two.call(a, b));
                }
            }
        }
    }

    /** A private handler class. */
    private static final class Hidden {
        @Handler private static String secret(I3 i) {
            return "secret";
        }
    }

    @Test
    void reachesPrivateHandlersThroughTheCallersLookup() {
        Dispatcher<String> d = Dispatch.on(Hidden.class).lookup(MethodHandles.lookup()).returning(String.class).build();
        assertEquals("secret", d.call(new E()));
        assertSame(Hidden.class, d.handlers().get(0).getDeclaringClass());
    }

    @Test
    void aClassGivenAsAnObjectMeansItsStaticMethods() {
        Object type = Kinds.class;
        assertEquals("A", Dispatch.on(type).build().call(new A()));
        assertThrows(DispatchException.class, () -> Dispatch.on(Unrelated.class).build().call(new A()));
    }

    private static Set<String> signatures(List<Method> methods) {
        return methods.stream().map(m -> m.getName() + Arrays.stream(m.getParameterTypes()).map(Class::getSimpleName)
                .collect(Collectors.joining(",", "(", ")"))).collect(Collectors.toSet());
    }
}
