package io.github.codefind.conform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Array;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Example-based tests for {@link ClassUnit}, {@link MethodUnit} and {@link LambdaUnit}. */
class CodeUnitTest {

    // ---------------------------------------------------------------- fixtures

    static class Base {
        Object value() {
            return "base";
        }
    }

    static final class Derived extends Base {
        @Override
        String value() {
            return "derived";
        }
    }

    static final class Overloads {
        void f(int i) {
        }

        void f(long l) {
        }

        void f(String s) {
        }

        int f() {
            return 0;
        }
    }

    static final class WithInitializer {
        static final long CREATED;

        static {
            CREATED = System.nanoTime();
        }

        WithInitializer() {
        }

        WithInitializer(int x) {
        }
    }

    /** Holds exactly one lambda expression, so its one synthetic method is easy to find. */
    static final class LambdaHost {
        static final Supplier<String> GREETING = () -> "hello";
    }

    final class Inner {
        Inner(int x) {
        }
    }

    private static final ClassUnit STRING = ClassUnit.of(String.class);

    private static Method lambdaImplementation() {
        List<Method> found = new ArrayList<>();
        for (Method m : LambdaHost.class.getDeclaredMethods()) {
            if (m.isSynthetic() && m.getName().startsWith("lambda$")) {
                found.add(m);
            }
        }
        assertEquals(1, found.size(), () -> "lambda methods: " + found);
        return found.get(0);
    }

    // ---------------------------------------------------------------- ClassUnit

    @Test
    void classUnitNamesTheClassInEveryForm() {
        ClassUnit entry = ClassUnit.of("java.util.Map$Entry");
        assertEquals("java.util.Map$Entry", entry.name());
        assertEquals("java/util/Map$Entry", entry.internalName());
        assertEquals("java.util", entry.packageName());
        assertEquals(TypeDescriptor.parse("Ljava/util/Map$Entry;"), entry.descriptor());
        assertEquals("java.util.Map$Entry", entry.toString());
        assertEquals(entry, ClassUnit.of(java.util.Map.Entry.class));
        assertEquals(entry, ClassUnit.ofInternalName("java/util/Map$Entry"));
        assertSame(entry, entry.declaringClass());
        assertEquals(Optional.empty(), entry.source());

        assertEquals("", ClassUnit.of("Main").packageName());
        assertEquals("", ClassUnit.of("Main$1").packageName());
    }

    @Test
    void classUnitResolvesAndMatches() throws ClassNotFoundException {
        ClassUnit derived = ClassUnit.of(Derived.class);
        assertEquals(Derived.class.getName(), derived.name());
        assertSame(Derived.class, derived.resolve(CodeUnitTest.class.getClassLoader()));
        assertTrue(derived.matches(Derived.class));
        assertFalse(derived.matches(Base.class));
        assertThrows(ClassNotFoundException.class,
                () -> ClassUnit.of("com.example.DoesNotExist").resolve(null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ".a", "a.", "a..b", "a/b", "a;b", "[La;", "a[]", "a<b>", "<init>"})
    void classUnitRejectsBadBinaryNames(String name) {
        assertThrows(IllegalArgumentException.class, () -> ClassUnit.of(name));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "java.lang.String", "/a", "a/", "a//b", "a;b", "[La;"})
    void classUnitRejectsBadInternalNames(String name) {
        assertThrows(IllegalArgumentException.class, () -> ClassUnit.ofInternalName(name));
    }

    @Test
    void classUnitRejectsArraysPrimitivesAndNull() {
        assertThrows(IllegalArgumentException.class, () -> ClassUnit.of(String[].class));
        assertThrows(IllegalArgumentException.class, () -> ClassUnit.of(int[][].class));
        assertThrows(IllegalArgumentException.class, () -> ClassUnit.of(int.class));
        assertThrows(IllegalArgumentException.class, () -> ClassUnit.of(void.class));
        assertThrows(NullPointerException.class, () -> ClassUnit.of((String) null));
    }

    // ---------------------------------------------------------------- hidden classes

    @Test
    void hiddenClassesCannotBeNamed() throws NoSuchMethodException {
        Class<?> hidden = LambdaHost.GREETING.getClass();
        assertTrue(hidden.isHidden(), "a lambda object's class is hidden");

        assertThrows(IllegalArgumentException.class, () -> ClassUnit.of(hidden));
        assertThrows(IllegalArgumentException.class, () -> TypeDescriptor.of(hidden));
        Class<?> arrayOfHidden = Array.newInstance(hidden, 0).getClass();
        assertThrows(IllegalArgumentException.class, () -> TypeDescriptor.of(arrayOfHidden));
        assertThrows(IllegalArgumentException.class, () -> ClassUnit.of(arrayOfHidden));

        Method get = hidden.getDeclaredMethod("get");
        assertThrows(IllegalArgumentException.class, () -> MethodUnit.of(get));
        assertThrows(IllegalArgumentException.class, () -> LambdaUnit.of(get));
        // The descriptor of such a method names no hidden type, so it is fine.
        assertEquals(MethodDescriptor.parse("()Ljava/lang/Object;"), MethodDescriptor.of(get));
    }

    // ---------------------------------------------------------------- MethodUnit

    @Test
    void methodUnitToStringAndAccessors() throws ReflectiveOperationException {
        MethodUnit length = MethodUnit.of(STRING, "length", "()I");
        assertEquals("java.lang.String.length()I", length.toString());
        assertEquals(STRING, length.owner());
        assertEquals(STRING, length.declaringClass());
        assertEquals("length", length.name());
        assertEquals(MethodDescriptor.parse("()I"), length.descriptor());
        assertFalse(length.isConstructor());
        assertFalse(length.isStaticInitializer());
        assertEquals(String.class.getDeclaredMethod("length"), length.resolve(null));
        assertEquals(length, MethodUnit.of(String.class.getDeclaredMethod("length")));
    }

    @Test
    void constructorsAreNamedInitAndReturnVoid() throws ReflectiveOperationException {
        MethodUnit fromChars = MethodUnit.of(STRING, MethodUnit.CONSTRUCTOR, "([C)V");
        assertTrue(fromChars.isConstructor());
        assertEquals("<init>", MethodUnit.CONSTRUCTOR);
        Constructor<String> constructor = String.class.getDeclaredConstructor(char[].class);
        assertEquals(constructor, fromChars.resolve(null));
        assertEquals(fromChars, MethodUnit.of(constructor));
        assertTrue(fromChars.matches(constructor));
        assertEquals("java.lang.String.<init>([C)V", fromChars.toString());

        assertThrows(IllegalArgumentException.class, () -> MethodUnit.of(STRING, "<init>", "()I"));
        assertThrows(IllegalArgumentException.class, () -> MethodUnit.of(STRING, "<init>", "([C)Ljava/lang/String;"));
    }

    @Test
    void innerClassConstructorsTakeTheOuterInstance() throws ReflectiveOperationException {
        Constructor<Inner> constructor = Inner.class.getDeclaredConstructor(CodeUnitTest.class, int.class);
        MethodUnit unit = MethodUnit.of(constructor);
        assertEquals("(L" + CodeUnitTest.class.getName().replace('.', '/') + ";I)V",
                unit.descriptor().descriptor());
        assertEquals(constructor, unit.resolve(CodeUnitTest.class.getClassLoader()));
    }

    @Test
    void staticInitializersAreNamedClinitTakeNothingAndCannotBeResolved() {
        ClassUnit owner = ClassUnit.of(WithInitializer.class);
        MethodUnit clinit = MethodUnit.of(owner, MethodUnit.STATIC_INITIALIZER, "()V");
        assertEquals("<clinit>", MethodUnit.STATIC_INITIALIZER);
        assertTrue(clinit.isStaticInitializer());
        assertFalse(clinit.isConstructor());
        assertThrows(NoSuchMethodException.class, () -> clinit.resolve(CodeUnitTest.class.getClassLoader()));
        assertThrows(NoSuchMethodException.class, () -> clinit.resolveIn(WithInitializer.class));

        assertThrows(IllegalArgumentException.class, () -> MethodUnit.of(owner, "<clinit>", "(I)V"));
        assertThrows(IllegalArgumentException.class, () -> MethodUnit.of(owner, "<clinit>", "()I"));
        assertThrows(IllegalArgumentException.class, () -> LambdaUnit.of(owner, clinit));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "<foo>", "<init", "init>", "a<b", "a.b", "a;b", "a[b", "a/b", "<Init>"})
    void badMethodNamesAreRejected(String name) {
        assertThrows(IllegalArgumentException.class, () -> MethodUnit.of(STRING, name, "()V"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"run", "lambda$main$0", "$", "access$000", "\u00e9t\u00e9", "a-b", "1"})
    void unusualButLegalMethodNamesAreAccepted(String name) {
        assertEquals(name, MethodUnit.of(STRING, name, "()V").name());
    }

    @Test
    void methodUnitRejectsNulls() {
        MethodDescriptor d = MethodDescriptor.parse("()V");
        assertThrows(NullPointerException.class, () -> MethodUnit.of(null, "run", d));
        assertThrows(NullPointerException.class, () -> MethodUnit.of(STRING, null, d));
        assertThrows(NullPointerException.class, () -> MethodUnit.of(STRING, "run", (MethodDescriptor) null));
    }

    @Test
    void resolveInAnotherClassIsAnError() {
        MethodUnit length = MethodUnit.of(STRING, "length", "()I");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> length.resolveIn(StringBuilder.class));
        assertTrue(e.getMessage().contains("java.lang.StringBuilder"), e.getMessage());
        // Not even a subclass or superclass will do: the owner is the declaring class.
        MethodUnit value = MethodUnit.of(ClassUnit.of(Derived.class), "value", "()Ljava/lang/String;");
        assertThrows(IllegalArgumentException.class, () -> value.resolveIn(Base.class));
    }

    @Test
    void missingMembersAndClassesAreReportedAsSuch() {
        assertThrows(NoSuchMethodException.class,
                () -> MethodUnit.of(STRING, "noSuchMethod", "()V").resolve(null));
        // Same name, other descriptor.
        assertThrows(NoSuchMethodException.class, () -> MethodUnit.of(STRING, "length", "()J").resolve(null));
        assertThrows(NoSuchMethodException.class, () -> MethodUnit.of(STRING, "<init>", "(J)V").resolve(null));
        assertThrows(ClassNotFoundException.class,
                () -> MethodUnit.of(ClassUnit.of("com.example.Gone"), "run", "()V").resolve(null));
    }

    @Test
    void bridgeMethodsAreUnitsOfTheirOwn() throws ReflectiveOperationException {
        ClassUnit derived = ClassUnit.of(Derived.class);
        MethodUnit covariant = MethodUnit.of(derived, "value", "()Ljava/lang/String;");
        MethodUnit bridge = MethodUnit.of(derived, "value", "()Ljava/lang/Object;");
        assertNotEquals(covariant, bridge);

        Executable covariantMethod = covariant.resolveIn(Derived.class);
        Executable bridgeMethod = bridge.resolveIn(Derived.class);
        assertNotEquals(covariantMethod, bridgeMethod);
        assertFalse(((Method) covariantMethod).isBridge());
        assertTrue(((Method) bridgeMethod).isBridge());
        assertEquals(String.class, ((Method) covariantMethod).getReturnType());
        assertEquals(Object.class, ((Method) bridgeMethod).getReturnType());
        assertTrue(covariant.matches(covariantMethod));
        assertFalse(covariant.matches(bridgeMethod));
        assertTrue(bridge.matches(bridgeMethod));

        // The superclass's method is another unit again: another owner.
        Method baseValue = Base.class.getDeclaredMethod("value");
        assertNotEquals(bridge, MethodUnit.of(baseValue));
        assertFalse(bridge.matches(baseValue));
    }

    @Test
    void overloadsAreDistinctUnits() throws ReflectiveOperationException {
        ClassUnit owner = ClassUnit.of(Overloads.class);
        List<MethodUnit> units = List.of(MethodUnit.of(owner, "f", "(I)V"), MethodUnit.of(owner, "f", "(J)V"),
                MethodUnit.of(owner, "f", "(Ljava/lang/String;)V"), MethodUnit.of(owner, "f", "()I"));
        for (MethodUnit a : units) {
            Executable resolved = a.resolveIn(Overloads.class);
            assertEquals(a, MethodUnit.of(resolved));
            for (MethodUnit b : units) {
                assertEquals(a == b, a.equals(b));
                assertEquals(a == b, b.matches(resolved));
            }
        }
        assertEquals(Overloads.class.getDeclaredMethod("f", long.class), units.get(1).resolveIn(Overloads.class));
    }

    // ---------------------------------------------------------------- LambdaUnit

    @Test
    void lambdaExpressionsAreNamedByTheirSyntheticMethod() throws ReflectiveOperationException {
        Method implementation = lambdaImplementation();
        LambdaUnit lambda = LambdaUnit.of(implementation);
        ClassUnit host = ClassUnit.of(LambdaHost.class);
        assertEquals(host, lambda.owner());
        assertEquals(host, lambda.declaringClass());
        assertEquals(MethodUnit.of(implementation), lambda.implementation());
        assertEquals(implementation, lambda.resolve(CodeUnitTest.class.getClassLoader()));
        assertEquals("lambda in " + host + " -> " + lambda.implementation(), lambda.toString());
        assertEquals(Optional.empty(), lambda.source());
        assertEquals(lambda, LambdaUnit.of(host, MethodUnit.of(implementation)));
    }

    @Test
    void methodReferencesMayPointIntoAnotherClass() throws ReflectiveOperationException {
        ClassUnit host = ClassUnit.of(LambdaHost.class);
        MethodUnit length = MethodUnit.of(STRING, "length", "()I");
        LambdaUnit reference = LambdaUnit.of(host, length);
        assertEquals(host, reference.declaringClass());
        assertEquals(STRING, reference.implementation().owner());
        assertEquals(String.class.getDeclaredMethod("length"), reference.resolve(null));
        // Same implementation, other creating class: another lambda.
        assertNotEquals(reference, LambdaUnit.of(STRING, length));
        // A lambda is never equal to its implementation method.
        assertNotEquals(length, reference);
        assertNotEquals(reference, length);
    }

    @Test
    void lambdaUnitRejectsNulls() {
        MethodUnit length = MethodUnit.of(STRING, "length", "()I");
        assertThrows(NullPointerException.class, () -> LambdaUnit.of(null, length));
        assertThrows(NullPointerException.class, () -> LambdaUnit.of(STRING, null));
    }

    // ---------------------------------------------------------------- sources

    @Test
    void sourceRangesAreCarriedButNotPartOfIdentity() {
        SourceRange where = new SourceRange("/src/A.java", 10, 12);
        List<CodeUnit> units = List.of(ClassUnit.of("a.A"), MethodUnit.of(ClassUnit.of("a.A"), "run", "()V"),
                LambdaUnit.of(ClassUnit.of("a.A"), MethodUnit.of(ClassUnit.of("a.A"), "lambda$run$0", "()V")));
        for (CodeUnit unit : units) {
            CodeUnit located = unit.withSource(where);
            assertEquals(Optional.of(where), located.source());
            assertEquals(unit, located);
            assertEquals(unit.hashCode(), located.hashCode());
            assertEquals(Optional.empty(), located.withSource(null).source());
            assertSame(unit.getClass(), located.getClass());
        }
    }
}
