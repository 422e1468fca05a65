package io.github.codefind.conform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.codefind.conform.Generators.MethodSample;
import io.github.codefind.conform.Generators.TypeSample;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Invalid descriptors and names are rejected with {@link IllegalArgumentException}, never another
 * exception; and arbitrary strings either parse (and then round-trip) or are rejected that way.
 */
class InvalidDescriptorPropertiesTest {
    /** Characters that can never start a type descriptor. */
    private static final String BAD_TYPE_CHARS = "AEGHKMNOPQRTUWXYaz019;)(/.<> ";

    // ---------------------------------------------------------------- invalid pieces

    private static Arbitrary<String> dims(int max) {
        return Arbitraries.integers().between(0, max).map("["::repeat);
    }

    private static Arbitrary<String> internalNames() {
        return Generators.binaryNames().map(n -> n.replace('.', '/'));
    }

    /** Class elements ({@code L...;}) whose name is bad; each ends with its own ';'. */
    private static Arbitrary<String> badClassElements() {
        Arbitrary<String> empty = Arbitraries.just("L;");
        Arbitrary<String> dotted = Generators.packagedBinaryNames().map(n -> "L" + n + ";");
        Arbitrary<String> badChar = internalNames().flatMap(n -> Combinators.combine(
                Arbitraries.integers().between(0, n.length()), Arbitraries.of('.', '[', '<', '>'))
                .as((at, c) -> "L" + n.substring(0, at) + c + n.substring(at) + ";"));
        Arbitrary<String> slashes = Combinators.combine(internalNames(), internalNames(),
                Arbitraries.integers().between(0, 2)).as((a, b, where) -> {
                    switch (where) {
                        case 0:
                            return "L/" + a + ";";
                        case 1:
                            return "L" + a + "/;";
                        default:
                            return "L" + a + "//" + b + ";";
                    }
                });
        return Arbitraries.oneOf(empty, dotted, badChar, slashes);
    }

    /** A parameter that makes a method descriptor invalid wherever it stands in the list. */
    private static Arbitrary<String> badParameters() {
        Arbitrary<String> voidParam = Arbitraries.just("V");
        Arbitrary<String> arrayOfVoid = Arbitraries.integers().between(1, 4).map(d -> "[".repeat(d) + "V");
        Arbitrary<String> badClass = Combinators.combine(dims(2), badClassElements()).as(String::concat);
        Arbitrary<String> badChar = Combinators.combine(dims(2),
                Arbitraries.of(BAD_TYPE_CHARS.toCharArray())).as((d, c) -> d + c);
        return Arbitraries.oneOf(voidParam, arrayOfVoid, badClass, badChar);
    }

    private static Arbitrary<String> properPrefixes(Arbitrary<String> valid) {
        return valid.flatMap(s -> Arbitraries.integers().between(0, s.length() - 1).map(n -> s.substring(0, n)));
    }

    private static Arbitrary<String> extended(Arbitrary<String> valid) {
        return Combinators.combine(valid, Arbitraries.of('I', 'V', 'L', '[', ';', ')', '(', '/', 'a'))
                .as((s, c) -> s + c);
    }

    @Provide
    Arbitrary<String> invalidTypeDescriptors() {
        Arbitrary<String> valid = Generators.returnTypes().map(TypeSample::descriptor);
        Arbitrary<String> arrayOfVoid = Arbitraries.integers().between(1, 255).map(d -> "[".repeat(d) + "V");
        Arbitrary<String> badClass = Combinators.combine(dims(3), badClassElements()).as(String::concat);
        Arbitrary<String> badChar = Combinators.combine(dims(3),
                Arbitraries.of(BAD_TYPE_CHARS.toCharArray())).as((d, c) -> d + c);
        Arbitrary<String> tooDeep = Arbitraries.of("I", "Ljava/lang/Object;").map(e -> "[".repeat(256) + e);
        return Arbitraries.oneOf(properPrefixes(valid), extended(valid), arrayOfVoid, badClass, badChar,
                tooDeep);
    }

    @Provide
    Arbitrary<String> invalidMethodDescriptors() {
        Arbitrary<MethodSample> samples = Generators.methodSamples();
        Arbitrary<String> valid = samples.map(MethodSample::descriptor);
        Arbitrary<String> badParameter = samples.flatMap(m -> Combinators.combine(
                Arbitraries.integers().between(0, m.parameters().size()), badParameters())
                .as((at, bad) -> {
                    List<String> params = new ArrayList<>();
                    for (TypeSample p : m.parameters()) {
                        params.add(p.descriptor());
                    }
                    params.add(at, bad);
                    return "(" + String.join("", params) + ")" + m.returnType().descriptor();
                }));
        Arbitrary<String> badReturn = Combinators.combine(samples, Arbitraries.oneOf(
                Arbitraries.just(""),
                Arbitraries.integers().between(1, 3).map(d -> "[".repeat(d) + "V"),
                Combinators.combine(dims(2), badClassElements()).as(String::concat),
                Arbitraries.of(BAD_TYPE_CHARS.toCharArray()).map(String::valueOf)))
                .as((m, bad) -> {
                    String d = m.descriptor();
                    return d.substring(0, d.lastIndexOf(')') + 1) + bad;
                });
        Arbitrary<String> noOpeningParenthesis = valid.map(d -> d.substring(1));
        Arbitrary<String> noClosingParenthesis = valid.map(d -> d.replace(")", ""));
        return Arbitraries.oneOf(properPrefixes(valid), extended(valid), badParameter, badReturn,
                noOpeningParenthesis, noClosingParenthesis);
    }

    @Provide
    Arbitrary<String> invalidTypeNames() {
        Arbitrary<String> validNames = Generators.returnTypes().map(TypeSample::typeName);
        Arbitrary<String> voidArray = Arbitraries.integers().between(1, 3).map(d -> "void" + "[]".repeat(d));
        Arbitrary<String> slashed = Generators.packagedBinaryNames().map(n -> n.replace('.', '/'));
        Arbitrary<String> badChar = Generators.binaryNames().flatMap(n -> Combinators.combine(
                Arbitraries.integers().between(0, n.length()), Arbitraries.of(";", "<", ">", "[", "/"))
                .as((at, c) -> n.substring(0, at) + c + n.substring(at)));
        Arbitrary<String> badDots = Generators.binaryNames().flatMap(n -> Arbitraries.of(
                "." + n, n + ".", n + ".." + n, n + ".[]"));
        Arbitrary<String> unbalanced = validNames.flatMap(n -> Arbitraries.of(n + "[", "[]" + n, n + "[[]]"));
        Arbitrary<String> tooDeep = Arbitraries.just("int" + "[]".repeat(256));
        return Arbitraries.oneOf(Arbitraries.of("", "[]", "[][]"), voidArray, slashed, badChar, badDots,
                unbalanced, tooDeep);
    }

    // ---------------------------------------------------------------- properties

    @Property
    void invalidTypeDescriptorsAreRejected(@ForAll("invalidTypeDescriptors") String s) {
        assertThrows(IllegalArgumentException.class, () -> TypeDescriptor.parse(s));
        assertThrows(IllegalArgumentException.class, () -> new TypeDescriptor(s));
        // Every invalid type is an invalid return type too.
        assertThrows(IllegalArgumentException.class, () -> MethodDescriptor.parse("()" + s));
    }

    @Property
    void invalidMethodDescriptorsAreRejected(@ForAll("invalidMethodDescriptors") String s) {
        assertThrows(IllegalArgumentException.class, () -> MethodDescriptor.parse(s));
        assertThrows(IllegalArgumentException.class,
                () -> MethodUnit.of(ClassUnit.of("a.B"), "m", s));
    }

    @Property
    void invalidTypeNamesAreRejected(@ForAll("invalidTypeNames") String s) {
        assertThrows(IllegalArgumentException.class, () -> TypeDescriptor.ofTypeName(s));
    }

    @Property
    void voidIsNeverAParameter(@ForAll("methodSamples") MethodSample sample) {
        List<TypeDescriptor> params = new ArrayList<>(sample.toDescriptor().parameterTypes());
        params.add(TypeDescriptor.VOID);
        assertThrows(IllegalArgumentException.class,
                () -> new MethodDescriptor(params, sample.returnType().toDescriptor()));
    }

    @Provide
    Arbitrary<MethodSample> methodSamples() {
        return Generators.methodSamples();
    }

    @Property
    void internalNamesWithDotsAndBinaryNamesWithSlashesAreRejected(
            @ForAll("packagedBinaryNames") String binaryName) {
        String internalName = binaryName.replace('.', '/');
        assertThrows(IllegalArgumentException.class, () -> ClassUnit.ofInternalName(binaryName));
        assertThrows(IllegalArgumentException.class, () -> ClassUnit.of(internalName));
        assertEquals(ClassUnit.of(binaryName), ClassUnit.ofInternalName(internalName));
    }

    @Provide
    Arbitrary<String> packagedBinaryNames() {
        return Generators.packagedBinaryNames();
    }

    // ---------------------------------------------------------------- fuzzing

    @Provide
    Arbitrary<String> descriptorish() {
        return Arbitraries.strings().withChars("()[;/.LIJVZ$ab<>").ofMaxLength(16);
    }

    @Provide
    Arbitrary<String> typeNameish() {
        return Arbitraries.oneOf(
                Arbitraries.strings().withChars("[].;/$ab<>").ofMaxLength(12),
                Combinators.combine(Arbitraries.of("int", "void", "a.B", "", "java.lang.String"),
                        Arbitraries.strings().withChars("[]. ").ofMaxLength(6)).as(String::concat));
    }

    /** Runs a parse that may reject its input; any exception but IllegalArgumentException escapes. */
    private static <T> Optional<T> parsedOrRejected(Supplier<T> parse) {
        try {
            return Optional.of(parse.get());
        } catch (IllegalArgumentException rejected) {
            return Optional.empty();
        }
    }

    @Property
    void anyStringIsATypeDescriptorOrRejected(@ForAll("descriptorish") String s) {
        parsedOrRejected(() -> TypeDescriptor.parse(s)).ifPresent(t -> {
            assertEquals(s, t.descriptor());
            assertEquals(t, TypeDescriptor.parse(t.descriptor()));
        });
    }

    @Property
    void anyStringIsAMethodDescriptorOrRejected(@ForAll("descriptorish") String s) {
        parsedOrRejected(() -> MethodDescriptor.parse(s)).ifPresent(m -> {
            assertEquals(s, m.descriptor());
            assertEquals(m, MethodDescriptor.parse(m.descriptor()));
        });
    }

    @Property
    void anyStringIsATypeNameOrRejected(@ForAll("typeNameish") String s) {
        parsedOrRejected(() -> TypeDescriptor.ofTypeName(s)).ifPresent(t -> {
            assertEquals(s, t.typeName());
            assertEquals(t, TypeDescriptor.parse(t.descriptor()));
        });
    }

    @Property
    void anyStringIsAClassOrMethodNameOrRejected(@ForAll("descriptorish") String s) {
        parsedOrRejected(() -> ClassUnit.of(s)).ifPresent(c -> {
            assertEquals(s, c.name());
            assertEquals(c, ClassUnit.ofInternalName(c.internalName()));
            assertEquals(s, c.descriptor().typeName());
        });
        parsedOrRejected(() -> ClassUnit.ofInternalName(s)).ifPresent(c -> {
            assertEquals(s, c.internalName());
            assertEquals(c, ClassUnit.of(c.name()));
        });
        parsedOrRejected(() -> MethodUnit.of(ClassUnit.of("a.B"), s, "()V")).ifPresent(m -> {
            assertEquals(s, m.name());
            assertEquals(m, MethodUnit.of(m.owner(), m.name(), m.descriptor()));
        });
    }
}
