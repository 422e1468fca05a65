package io.github.codefind.conform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The {@code equals}/{@code hashCode} contract for every value type, drawn from small pools so that
 * equal pairs and triples are common; and the rule that units ignore their source range while a
 * {@link Change} does not.
 */
class EqualityPropertiesTest {

    /** Checks reflexivity, symmetry, transitivity, hash consistency and inequality to null and strangers. */
    static void assertEqualityLaws(Object a, Object b, Object c) {
        assertEquals(a, a, "reflexive");
        assertEquals(a.hashCode(), a.hashCode(), "hashCode is stable");
        assertEquals(a.equals(b), b.equals(a), "symmetric");
        assertEquals(b.equals(c), c.equals(b), "symmetric");
        assertEquals(a.equals(c), c.equals(a), "symmetric");
        if (a.equals(b) && b.equals(c)) {
            assertEquals(a, c, "transitive");
        }
        if (a.equals(b)) {
            assertEquals(a.hashCode(), b.hashCode(), "equal objects have equal hash codes");
        }
        if (b.equals(c)) {
            assertEquals(b.hashCode(), c.hashCode(), "equal objects have equal hash codes");
        }
        assertFalse(a.equals(null), "never equal to null");
        assertFalse(a.equals(new Object()), "never equal to another type");
        assertFalse(a.equals(a.toString()), "never equal to its string form");
    }

    // ---------------------------------------------------------------- providers

    @Provide
    Arbitrary<ClassUnit> classUnits() {
        return Generators.fewClassUnits();
    }

    @Provide
    Arbitrary<MethodUnit> methodUnits() {
        return Generators.fewMethodUnits();
    }

    @Provide
    Arbitrary<LambdaUnit> lambdaUnits() {
        return Generators.fewLambdaUnits();
    }

    @Provide
    Arbitrary<CodeUnit> codeUnits() {
        return Generators.fewCodeUnits();
    }

    @Provide
    Arbitrary<Change> changes() {
        return Generators.fewChanges();
    }

    @Provide
    Arbitrary<TypeDescriptor> typeDescriptors() {
        return Generators.fewTypeDescriptors();
    }

    @Provide
    Arbitrary<MethodDescriptor> methodDescriptors() {
        return Generators.fewMethodDescriptors();
    }

    @Provide
    Arbitrary<SourceRange> sourceRanges() {
        return Generators.fewSourceRanges();
    }

    @Provide
    Arbitrary<SourceRange> sourceRangesOrNull() {
        return Generators.fewSourceRangesOrNull();
    }

    @Provide
    Arbitrary<Patch> patches() {
        return Generators.fewPatches();
    }

    // ---------------------------------------------------------------- laws, per type

    @Property
    void classUnitLaws(@ForAll("classUnits") ClassUnit a, @ForAll("classUnits") ClassUnit b,
            @ForAll("classUnits") ClassUnit c) {
        assertEqualityLaws(a, b, c);
        assertEquals(a.name().equals(b.name()), a.equals(b), "identity is the name");
    }

    @Property
    void methodUnitLaws(@ForAll("methodUnits") MethodUnit a, @ForAll("methodUnits") MethodUnit b,
            @ForAll("methodUnits") MethodUnit c) {
        assertEqualityLaws(a, b, c);
        assertEquals(a.owner().equals(b.owner()) && a.name().equals(b.name())
                && a.descriptor().equals(b.descriptor()), a.equals(b), "identity is owner, name, descriptor");
    }

    @Property
    void lambdaUnitLaws(@ForAll("lambdaUnits") LambdaUnit a, @ForAll("lambdaUnits") LambdaUnit b,
            @ForAll("lambdaUnits") LambdaUnit c) {
        assertEqualityLaws(a, b, c);
        assertEquals(a.owner().equals(b.owner()) && a.implementation().equals(b.implementation()),
                a.equals(b), "identity is owner and implementation");
    }

    @Property
    void unitsOfDifferentKindsAreNeverEqual(@ForAll("codeUnits") CodeUnit a, @ForAll("codeUnits") CodeUnit b,
            @ForAll("codeUnits") CodeUnit c) {
        assertEqualityLaws(a, b, c);
        if (a.getClass() != b.getClass()) {
            assertNotEquals(a, b);
        }
    }

    @Property
    void changeLaws(@ForAll("changes") Change a, @ForAll("changes") Change b, @ForAll("changes") Change c) {
        assertEqualityLaws(a, b, c);
        boolean sameExactly = a.kinds().equals(b.kinds())
                && sameUnitAndSource(a.before(), b.before()) && sameUnitAndSource(a.after(), b.after());
        assertEquals(sameExactly, a.equals(b), "equality compares units, their sources and the kinds");
    }

    private static boolean sameUnitAndSource(Optional<CodeUnit> x, Optional<CodeUnit> y) {
        return x.equals(y) && x.map(CodeUnit::source).equals(y.map(CodeUnit::source));
    }

    @Property
    void typeDescriptorLaws(@ForAll("typeDescriptors") TypeDescriptor a,
            @ForAll("typeDescriptors") TypeDescriptor b, @ForAll("typeDescriptors") TypeDescriptor c) {
        assertEqualityLaws(a, b, c);
        assertEquals(a.descriptor().equals(b.descriptor()), a.equals(b));
    }

    @Property
    void methodDescriptorLaws(@ForAll("methodDescriptors") MethodDescriptor a,
            @ForAll("methodDescriptors") MethodDescriptor b, @ForAll("methodDescriptors") MethodDescriptor c) {
        assertEqualityLaws(a, b, c);
        assertEquals(a.descriptor().equals(b.descriptor()), a.equals(b));
    }

    @Property
    void sourceRangeLaws(@ForAll("sourceRanges") SourceRange a, @ForAll("sourceRanges") SourceRange b,
            @ForAll("sourceRanges") SourceRange c) {
        assertEqualityLaws(a, b, c);
        assertEquals(a.file().equals(b.file()) && a.firstLine() == b.firstLine() && a.lastLine() == b.lastLine(),
                a.equals(b));
    }

    @Property
    void patchLaws(@ForAll("patches") Patch a, @ForAll("patches") Patch b, @ForAll("patches") Patch c) {
        assertEqualityLaws(a, b, c);
        assertEquals(a.id() == b.id() && a.changes().equals(b.changes()), a.equals(b));
    }

    // ---------------------------------------------------------------- source ranges and identity

    @Property
    void copiesWithOtherSourcesAreEqualToTheOriginalAndEachOther(@ForAll("codeUnits") CodeUnit unit,
            @ForAll("sourceRangesOrNull") SourceRange r1, @ForAll("sourceRangesOrNull") SourceRange r2) {
        CodeUnit b = unit.withSource(r1);
        CodeUnit c = unit.withSource(r2);
        assertEqualityLaws(unit, b, c);
        assertEquals(unit, b);
        assertEquals(b, c);
        assertEquals(unit.hashCode(), b.hashCode());
        assertEquals(unit.hashCode(), c.hashCode());
        assertSame(unit.getClass(), b.getClass());
        assertEquals(unit.declaringClass(), b.declaringClass());
        assertEquals(unit.toString(), b.toString());
        assertEquals(Optional.ofNullable(r1), b.source());
        assertEquals(Optional.ofNullable(r2), c.source());
    }

    @Property
    void withSourceDoesNotTouchTheOriginal(@ForAll("codeUnits") CodeUnit unit,
            @ForAll("sourceRanges") SourceRange r) {
        Optional<SourceRange> before = unit.source();
        CodeUnit moved = unit.withSource(r);
        assertEquals(before, unit.source());
        assertEquals(Optional.of(r), moved.source());
        assertTrue(moved.withSource(null).source().isEmpty());
    }

    @Property
    void addedAndRemovedChangesCompareSources(@ForAll("codeUnits") CodeUnit unit,
            @ForAll("sourceRangesOrNull") SourceRange r1, @ForAll("sourceRangesOrNull") SourceRange r2) {
        boolean sameSource = Objects.equals(r1, r2);
        Change added1 = Change.added(unit.withSource(r1));
        Change added2 = Change.added(unit.withSource(r2));
        assertEquals(sameSource, added1.equals(added2));
        assertEquals(added1.hashCode(), added2.hashCode(), "hashing ignores sources, which is consistent");
        Change removed1 = Change.removed(unit.withSource(r1));
        Change removed2 = Change.removed(unit.withSource(r2));
        assertEquals(sameSource, removed1.equals(removed2));
        assertNotEquals(added1, removed1);
    }

    @Property
    void modifiedChangesCompareBothSources(@ForAll("codeUnits") CodeUnit unit,
            @ForAll("sourceRangesOrNull") SourceRange before, @ForAll("sourceRangesOrNull") SourceRange after1,
            @ForAll("sourceRangesOrNull") SourceRange after2) {
        Set<ChangeKind> kinds = Set.of(ChangeKind.SIGNATURE);
        Change c1 = Change.modified(unit.withSource(before), unit.withSource(after1), kinds);
        Change c2 = Change.modified(unit.withSource(before), unit.withSource(after2), kinds);
        assertEquals(Objects.equals(after1, after2), c1.equals(c2));
        Change c3 = Change.modified(unit.withSource(after1), unit.withSource(after1), kinds);
        Change c4 = Change.modified(unit.withSource(after2), unit.withSource(after1), kinds);
        assertEquals(Objects.equals(after1, after2), c3.equals(c4));
        assertEqualityLaws(c1, c2, c3);
    }
}
