package io.github.codefind.conform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.invoke.MethodType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Example-based tests for {@link TypeDescriptor} and {@link MethodDescriptor}. */
class DescriptorExamplesTest {

    @ParameterizedTest
    @CsvSource({
        "Z, boolean", "B, byte", "C, char", "S, short", "I, int", "J, long", "F, float", "D, double",
        "V, void",
        "Ljava/lang/String;, java.lang.String",
        "Ljava/util/Map$Entry;, java.util.Map$Entry",
        "[Ljava/util/Map$Entry;, java.util.Map$Entry[]",
        "[[D, double[][]",
        "LMain;, Main",
    })
    void descriptorsAndTypeNamesCorrespond(String descriptor, String typeName) {
        TypeDescriptor t = TypeDescriptor.parse(descriptor);
        assertEquals(typeName, t.typeName());
        assertEquals(t, TypeDescriptor.ofTypeName(typeName));
        assertEquals(descriptor, t.toString());
    }

    @Test
    void primitivesVoidAndArrays() throws ClassNotFoundException {
        assertEquals(TypeDescriptor.parse("V"), TypeDescriptor.VOID);
        assertTrue(TypeDescriptor.VOID.isVoid());
        assertTrue(TypeDescriptor.VOID.isPrimitive());
        assertSame(void.class, TypeDescriptor.VOID.resolve(null));

        TypeDescriptor ints = TypeDescriptor.parse("I");
        assertTrue(ints.isPrimitive());
        assertFalse(ints.isVoid());
        assertFalse(ints.isArray());
        assertEquals(0, ints.dimensions());
        assertSame(ints, ints.elementType());

        TypeDescriptor matrix = TypeDescriptor.parse("[[D");
        assertTrue(matrix.isArray());
        assertFalse(matrix.isPrimitive());
        assertEquals(2, matrix.dimensions());
        assertEquals(TypeDescriptor.parse("D"), matrix.elementType());
        assertSame(double[][].class, matrix.resolve(null));

        TypeDescriptor strings = TypeDescriptor.ofTypeName("java.lang.String[]");
        assertEquals("[Ljava/lang/String;", strings.descriptor());
        assertSame(String[].class, strings.resolve(null));
        assertEquals(TypeDescriptor.parse("Ljava/lang/String;"), strings.elementType());
        assertFalse(strings.elementType().isPrimitive());
    }

    @Test
    void ofUsesTheClassDescriptor() {
        assertEquals("[Ljava/util/Map$Entry;", TypeDescriptor.of(Map.Entry[].class).descriptor());
        assertEquals("I", TypeDescriptor.of(int.class).descriptor());
        assertEquals(TypeDescriptor.VOID, TypeDescriptor.of(void.class));
    }

    @Test
    void atMost255Dimensions() {
        assertEquals(255, TypeDescriptor.parse("[".repeat(255) + "I").dimensions());
        assertEquals(255, TypeDescriptor.ofTypeName("int" + "[]".repeat(255)).dimensions());
        assertThrows(IllegalArgumentException.class, () -> TypeDescriptor.parse("[".repeat(256) + "I"));
        assertThrows(IllegalArgumentException.class,
                () -> TypeDescriptor.ofTypeName("java.lang.Object" + "[]".repeat(256)));
        assertThrows(IllegalArgumentException.class,
                () -> MethodDescriptor.parse("(" + "[".repeat(256) + "I)V"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "[", "[V", "[[V", "L;", "[L;", "L", "Ljava/lang/String", "Ljava.lang.String;",
        "L/a;", "La/;", "La//b;", "La<b>;", "La[b;", "II", "X", "i", "Ljava/lang/String;I", "(I)V", ";"})
    void invalidTypeDescriptors(String descriptor) {
        assertThrows(IllegalArgumentException.class, () -> TypeDescriptor.parse(descriptor));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "void[]", "[]", "int[", "java/lang/String", "a..b", ".a", "a.", "a;b",
        "List<String>", "[I"})
    void invalidTypeNames(String typeName) {
        assertThrows(IllegalArgumentException.class, () -> TypeDescriptor.ofTypeName(typeName));
    }

    @Test
    void nullsAreRejected() {
        assertThrows(NullPointerException.class, () -> TypeDescriptor.parse(null));
        assertThrows(NullPointerException.class, () -> TypeDescriptor.ofTypeName(null));
        assertThrows(NullPointerException.class, () -> MethodDescriptor.parse(null));
        assertThrows(NullPointerException.class, () -> new MethodDescriptor(List.of(), null));
        assertThrows(NullPointerException.class, () -> new MethodDescriptor(null, TypeDescriptor.VOID));
    }

    @Test
    void methodDescriptorParts() throws ClassNotFoundException {
        MethodDescriptor d = MethodDescriptor.parse("(I[Ljava/lang/String;J)V");
        assertEquals(List.of(TypeDescriptor.parse("I"), TypeDescriptor.parse("[Ljava/lang/String;"),
                TypeDescriptor.parse("J")), d.parameterTypes());
        assertEquals(TypeDescriptor.VOID, d.returnType());
        assertEquals("(I[Ljava/lang/String;J)V", d.toString());
        assertEquals(MethodType.methodType(void.class, int.class, String[].class, long.class), d.resolve(null));
        assertEquals(d, MethodDescriptor.of(MethodType.methodType(void.class, int.class, String[].class,
                long.class)));

        MethodDescriptor none = MethodDescriptor.parse("()Ljava/lang/Object;");
        assertTrue(none.parameterTypes().isEmpty());
        assertEquals(TypeDescriptor.parse("Ljava/lang/Object;"), none.returnType());
    }

    @Test
    void methodDescriptorParametersAreCopiedAndUnmodifiable() {
        List<TypeDescriptor> params = new ArrayList<>(List.of(TypeDescriptor.parse("I")));
        MethodDescriptor d = new MethodDescriptor(params, TypeDescriptor.VOID);
        params.clear();
        assertEquals("(I)V", d.descriptor());
        assertThrows(UnsupportedOperationException.class, () -> d.parameterTypes().add(TypeDescriptor.VOID));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "V", "I)V", "(", "()", "(I", "(I)", "(V)V", "(IV)V", "([V)V", "()[V", "(L;)V",
        "(Ljava.lang.String;)V", "(I)VV", "(I))V", "((I)V", "(X)V", "()X", "(Ljava/lang/String)V"})
    void invalidMethodDescriptors(String descriptor) {
        assertThrows(IllegalArgumentException.class, () -> MethodDescriptor.parse(descriptor));
    }

    @Test
    void voidIsOnlyAReturnType() {
        assertThrows(IllegalArgumentException.class,
                () -> new MethodDescriptor(List.of(TypeDescriptor.VOID), TypeDescriptor.VOID));
        assertEquals(TypeDescriptor.VOID, new MethodDescriptor(List.of(), TypeDescriptor.VOID).returnType());
    }

    @Test
    void resolvingAMissingClassThrowsClassNotFound() {
        assertThrows(ClassNotFoundException.class,
                () -> TypeDescriptor.parse("Lcom/example/Missing;").resolve(null));
        assertThrows(ClassNotFoundException.class,
                () -> TypeDescriptor.parse("[[Lcom/example/Missing;").resolve(null));
        assertThrows(ClassNotFoundException.class,
                () -> MethodDescriptor.parse("(Lcom/example/Missing;)V").resolve(null));
        assertThrows(ClassNotFoundException.class,
                () -> MethodDescriptor.parse("()Lcom/example/Missing;").resolve(null));
    }

    @Test
    void matchesComparesTheWholeDescriptor() throws NoSuchMethodException {
        MethodDescriptor length = MethodDescriptor.parse("()I");
        assertTrue(length.matches(String.class.getDeclaredMethod("length")));
        assertFalse(length.matches(String.class.getDeclaredMethod("isEmpty")));
        assertTrue(MethodDescriptor.parse("([C)V").matches(String.class.getDeclaredConstructor(char[].class)));
    }
}
