package io.github.codefind.conform;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;
import net.jqwik.api.Tuple.Tuple2;

/** Shared jqwik generators for the value types of the conform API. */
final class Generators {
    /** The Java names of the primitive types, which a class name must not collide with. */
    static final Set<String> PRIMITIVE_NAMES =
            Set.of("boolean", "byte", "char", "short", "int", "long", "float", "double", "void");

    private static final String LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_\u00e9\u03a9";
    private static final String DIGITS = "0123456789";

    /** A valid type, with its descriptor and its Java type name worked out independently. */
    record TypeSample(String descriptor, String typeName, int dimensions, boolean primitive) {
        TypeDescriptor toDescriptor() {
            return new TypeDescriptor(descriptor);
        }
    }

    /** A valid method descriptor, built from its parts. */
    record MethodSample(List<TypeSample> parameters, TypeSample returnType) {
        String descriptor() {
            return parameters.stream().map(TypeSample::descriptor)
                    .collect(Collectors.joining("", "(", ")")) + returnType.descriptor();
        }

        MethodDescriptor toDescriptor() {
            List<TypeDescriptor> params = new ArrayList<>();
            for (TypeSample p : parameters) {
                params.add(p.toDescriptor());
            }
            return new MethodDescriptor(params, returnType.toDescriptor());
        }
    }

    private Generators() {
    }

    // ---------------------------------------------------------------- names

    /** A Java identifier: a letter, then letters and digits; sometimes non-ASCII. */
    static Arbitrary<String> identifiers() {
        Arbitrary<Character> first = Arbitraries.of(LETTERS.toCharArray());
        Arbitrary<String> rest = Arbitraries.strings().withChars(LETTERS + DIGITS).ofMaxLength(6);
        return Combinators.combine(first, rest).as((f, r) -> f + r);
    }

    /** A binary class name with 0-3 package segments and 0-2 nested ($) parts, never a primitive name. */
    static Arbitrary<String> binaryNames() {
        Arbitrary<List<String>> packages = identifiers().list().ofMaxSize(3);
        Arbitrary<String> nestedPart = Arbitraries.oneOf(identifiers(),
                Arbitraries.integers().between(1, 99).map(String::valueOf));
        Arbitrary<List<String>> nested = nestedPart.list().ofMaxSize(2);
        return Combinators.combine(packages, identifiers(), nested).as((p, simple, n) -> {
            StringBuilder b = new StringBuilder();
            for (String segment : p) {
                b.append(segment).append('.');
            }
            b.append(simple);
            for (String part : n) {
                b.append('$').append(part);
            }
            return b.toString();
        }).filter(name -> !PRIMITIVE_NAMES.contains(name));
    }

    /** A binary class name in some package, so that it contains a dot. */
    static Arbitrary<String> packagedBinaryNames() {
        return binaryNames().filter(name -> name.indexOf('.') >= 0);
    }

    // ---------------------------------------------------------------- descriptors

    private static Arbitrary<TypeSample> primitiveElements() {
        return Arbitraries.of(
                new TypeSample("Z", "boolean", 0, true), new TypeSample("B", "byte", 0, true),
                new TypeSample("C", "char", 0, true), new TypeSample("S", "short", 0, true),
                new TypeSample("I", "int", 0, true), new TypeSample("J", "long", 0, true),
                new TypeSample("F", "float", 0, true), new TypeSample("D", "double", 0, true));
    }

    private static Arbitrary<TypeSample> classElements() {
        return binaryNames().map(name ->
                new TypeSample("L" + name.replace('.', '/') + ";", name, 0, false));
    }

    /** Any type a field or parameter can have: primitive or class, with 0-3 (rarely 255) dimensions. */
    static Arbitrary<TypeSample> fieldTypes() {
        Arbitrary<TypeSample> element = Arbitraries.frequencyOf(
                weight(1, primitiveElements()), weight(2, classElements()));
        Arbitrary<Integer> dimensions = Arbitraries.frequencyOf(
                weight(20, Arbitraries.integers().between(0, 3)),
                weight(1, Arbitraries.of(254, 255)));
        return Combinators.combine(element, dimensions).as((e, d) -> new TypeSample(
                "[".repeat(d) + e.descriptor(), e.typeName() + "[]".repeat(d), d, e.primitive() && d == 0));
    }

    /** A field type, or void. */
    static Arbitrary<TypeSample> returnTypes() {
        return Arbitraries.frequencyOf(
                weight(5, fieldTypes()),
                weight(1, Arbitraries.just(new TypeSample("V", "void", 0, true))));
    }

    /** A method descriptor with up to six parameters. */
    static Arbitrary<MethodSample> methodSamples() {
        return Combinators.combine(fieldTypes().list().ofMaxSize(6), returnTypes()).as(MethodSample::new);
    }

    // ---------------------------------------------------------------- small domains, for equality laws

    /** Type descriptors from a small pool, so that equal pairs are common. */
    static Arbitrary<TypeDescriptor> fewTypeDescriptors() {
        return Arbitraries.of("I", "V", "[I", "Ljava/lang/String;", "[[Ljava/lang/String;")
                .map(TypeDescriptor::parse);
    }

    /** Method descriptors from a small pool. */
    static Arbitrary<MethodDescriptor> fewMethodDescriptors() {
        return Arbitraries.of("()V", "(I)V", "(Ljava/lang/String;)I", "([J)V")
                .map(MethodDescriptor::parse);
    }

    /** Source ranges from a small pool. */
    static Arbitrary<SourceRange> fewSourceRanges() {
        return Combinators.combine(Arbitraries.of("A.java", "/src/B.java"),
                Arbitraries.integers().between(1, 2), Arbitraries.integers().between(0, 1))
                .as((file, first, length) -> new SourceRange(file, first, first + length));
    }

    /** A source range from a small pool, or null (about one in four). */
    static Arbitrary<SourceRange> fewSourceRangesOrNull() {
        return fewSourceRanges().injectNull(0.25);
    }

    /** Class units from a small pool, with or without a source range. */
    static Arbitrary<ClassUnit> fewClassUnits() {
        return Combinators.combine(Arbitraries.of("a.A", "a.B", "C$1"), fewSourceRangesOrNull())
                .as((name, source) -> ClassUnit.of(name).withSource(source));
    }

    /** Method units from a small pool (including constructors), with or without a source range. */
    static Arbitrary<MethodUnit> fewMethodUnits() {
        Arbitrary<MethodUnit> plain = Combinators.combine(fewClassUnits(), Arbitraries.of("run", "lambda$main$0"),
                fewMethodDescriptors()).as((owner, name, d) -> MethodUnit.of(owner, name, d));
        Arbitrary<MethodUnit> special = Combinators.combine(fewClassUnits(),
                Arbitraries.of(MethodUnit.CONSTRUCTOR, MethodUnit.STATIC_INITIALIZER))
                .as((owner, name) -> MethodUnit.of(owner, name, "()V"));
        return Combinators.combine(Arbitraries.frequencyOf(weight(4, plain),
                weight(1, special)), fewSourceRangesOrNull())
                .as((m, source) -> m.withSource(source));
    }

    /** Lambda units from a small pool, with or without a source range. */
    static Arbitrary<LambdaUnit> fewLambdaUnits() {
        Arbitrary<MethodUnit> implementations = fewMethodUnits().filter(m -> !m.isStaticInitializer());
        return Combinators.combine(fewClassUnits(), implementations, fewSourceRangesOrNull())
                .as((owner, impl, source) -> LambdaUnit.of(owner, impl).withSource(source));
    }

    /** Any code unit from the small pools. */
    static Arbitrary<CodeUnit> fewCodeUnits() {
        return Arbitraries.oneOf(fewClassUnits(), fewMethodUnits(), fewLambdaUnits());
    }

    /** The kinds a modification of the unit may carry: a non-empty subset (no BODY for a class). */
    static Arbitrary<Set<ChangeKind>> modificationKinds(CodeUnit unit) {
        return Arbitraries.subsetOf(allowedModifications(unit)).ofMinSize(1);
    }

    /** The kinds {@link Change#modified} accepts for a unit. */
    static Set<ChangeKind> allowedModifications(CodeUnit unit) {
        return unit instanceof ClassUnit
                ? EnumSet.of(ChangeKind.LINES, ChangeKind.ATTRIBUTES, ChangeKind.SIGNATURE, ChangeKind.REDEFINED)
                : EnumSet.of(ChangeKind.LINES, ChangeKind.BODY, ChangeKind.ATTRIBUTES, ChangeKind.SIGNATURE);
    }

    /** Changes of every shape over the small pools of units. */
    static Arbitrary<Change> fewChanges() {
        Arbitrary<Change> added = fewCodeUnits().map(Change::added);
        Arbitrary<Change> removed = fewCodeUnits().map(Change::removed);
        Arbitrary<Change> modified = fewCodeUnits().flatMap(unit -> Combinators.combine(
                fewSourceRangesOrNull(), fewSourceRangesOrNull(), modificationKinds(unit))
                .as((before, after, kinds) -> Change.modified(unit.withSource(before),
                        unit.withSource(after), kinds)));
        Arbitrary<Change> renumberedLambda = Combinators.combine(fewClassUnits(), fewSourceRangesOrNull(),
                modificationKinds(MethodUnit.of(ClassUnit.of("x.Y"), "m", "()V")))
                .as((owner, source, kinds) -> Change.modified(
                        LambdaUnit.of(owner, MethodUnit.of(owner, "lambda$run$0", "()V")),
                        LambdaUnit.of(owner, MethodUnit.of(owner, "lambda$run$1", "()V")).withSource(source),
                        kinds));
        return Arbitraries.oneOf(added, removed, modified, renumberedLambda);
    }

    /**
     * Patches over the small pools: ids 1-2 and at most three changes, one per unit (stricter than
     * {@link Patch} needs, which allows a unit once among the befores and once among the afters).
     */
    static Arbitrary<Patch> fewPatches() {
        return Combinators.combine(Arbitraries.longs().between(1, 2),
                fewChanges().list().ofMaxSize(3).uniqueElements(Change::unit)).as(Patch::new);
    }

    // ---------------------------------------------------------------- larger domains

    /** Class units with arbitrary names. */
    static Arbitrary<ClassUnit> classUnits() {
        return binaryNames().map(ClassUnit::of);
    }

    /** Source ranges with arbitrary lines. */
    static Arbitrary<SourceRange> sourceRanges() {
        return Combinators.combine(Arbitraries.of("A.java", "/src/main/java/a/B.java", "C.kt"),
                Arbitraries.integers().between(1, 100_000), Arbitraries.integers().between(0, 1000))
                .as((file, first, length) -> new SourceRange(file, first, first + length));
    }

    /** Method units with arbitrary owners, names and descriptors. */
    static Arbitrary<MethodUnit> methodUnits() {
        return Combinators.combine(classUnits(), identifiers(), methodSamples())
                .as((owner, name, sample) -> MethodUnit.of(owner, name, sample.descriptor()));
    }

    /** A weighted choice for {@link Arbitraries#frequencyOf}. */
    private static <T> Tuple2<Integer, Arbitrary<? extends T>> weight(int weight, Arbitrary<? extends T> arbitrary) {
        return Tuple.of(weight, arbitrary);
    }
}
