package io.github.codefind.conform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** Properties of {@link Patch}, {@link Change} and {@link SourceRange} over generated values. */
class PatchPropertiesTest {

    @Provide
    Arbitrary<Patch> patches() {
        return Generators.fewPatches();
    }

    @Provide
    Arbitrary<Change> changes() {
        return Generators.fewChanges();
    }

    @Provide
    Arbitrary<SourceRange> ranges() {
        return Generators.sourceRanges();
    }

    @Provide
    Arbitrary<Predicate<Change>> conditions() {
        return Arbitraries.of(List.of(c -> true, c -> false, c -> c.unit() instanceof ClassUnit,
                c -> c.unit() instanceof MethodUnit, Change::altersBehaviour, c -> c.is(ChangeKind.ADDED),
                c -> c.before().isPresent()));
    }

    @Property
    void filterKeepsTheIdAndASubsequence(@ForAll("patches") Patch patch,
            @ForAll("conditions") Predicate<Change> condition) {
        Patch filtered = patch.filter(condition);
        assertEquals(patch.id(), filtered.id());
        List<Change> expected = new ArrayList<>();
        for (Change c : patch.changes()) {
            if (condition.test(c)) {
                expected.add(c);
            }
        }
        assertEquals(expected, filtered.changes());
        assertEquals(filtered, filtered.filter(condition), "filtering twice changes nothing");
    }

    @Property
    void everyChangedUnitAndItsClassIsAffected(@ForAll("patches") Patch patch) {
        Set<ClassUnit> classes = new LinkedHashSet<>();
        for (Change c : patch.changes()) {
            assertTrue(patch.affects(c.unit()));
            c.before().ifPresent(u -> assertTrue(patch.affects(u)));
            c.after().ifPresent(u -> assertTrue(patch.affects(u)));
            assertTrue(patch.affects(c.unit().declaringClass()));
            classes.add(c.unit().declaringClass());
        }
        assertEquals(new ArrayList<>(classes), new ArrayList<>(patch.classes()));
    }

    @Property
    void aClassIsAffectedExactlyWhenOneOfItsUnitsChanged(@ForAll("patches") Patch patch,
            @ForAll("classUnits") ClassUnit type) {
        boolean expected = patch.changes().stream().anyMatch(c -> c.unit().declaringClass().equals(type));
        assertEquals(expected, patch.affects(type));
        assertEquals(expected, patch.classes().contains(type));
    }

    @Provide
    Arbitrary<ClassUnit> classUnits() {
        return Generators.fewClassUnits();
    }

    @Property
    void aUnitStandsAtMostOnceOnEachSide(@ForAll("patches") Patch patch, @ForAll("changes") Change extra) {
        List<Change> changes = new ArrayList<>(patch.changes());
        boolean duplicate = changes.stream().anyMatch(c ->
                extra.before().isPresent() && extra.before().equals(c.before())
                || extra.after().isPresent() && extra.after().equals(c.after()));
        changes.add(extra);
        if (duplicate) {
            assertThrows(IllegalArgumentException.class, () -> new Patch(patch.id(), changes));
        } else {
            assertEquals(changes, new Patch(patch.id(), changes).changes());
        }
    }

    @Property
    void changeShapesAreConsistent(@ForAll("changes") Change c) {
        assertTrue(c.before().isPresent() || c.after().isPresent());
        assertEquals(c.after().orElseGet(() -> c.before().orElseThrow()), c.unit());
        assertEquals(c.before().isEmpty(), c.kinds().equals(Set.of(ChangeKind.ADDED)));
        assertEquals(c.after().isEmpty(), c.kinds().equals(Set.of(ChangeKind.REMOVED)));
        assertFalse(c.kinds().isEmpty());
        for (ChangeKind k : ChangeKind.values()) {
            assertEquals(c.kinds().contains(k), c.is(k));
        }
        if (c.is(ChangeKind.REDEFINED)) {
            assertTrue(c.unit() instanceof ClassUnit);
        }
        if (c.unit() instanceof ClassUnit) {
            assertFalse(c.is(ChangeKind.BODY));
        }
        assertEquals(!Set.of(ChangeKind.LINES, ChangeKind.REDEFINED).containsAll(c.kinds()), c.altersBehaviour());
    }

    @Property
    void shiftIsReversibleAndMovesContainment(@ForAll("ranges") SourceRange r,
            @ForAll @IntRange(min = -1000, max = 1000) int delta, @ForAll @IntRange(min = -5, max = 2000) int probe) {
        if (r.firstLine() + delta < 1) {
            assertThrows(IllegalArgumentException.class, () -> r.shift(delta));
            return;
        }
        SourceRange moved = r.shift(delta);
        assertEquals(r.file(), moved.file());
        assertEquals(r.lastLine() - r.firstLine(), moved.lastLine() - moved.firstLine());
        assertEquals(r, moved.shift(-delta));
        int line = r.firstLine() + probe;
        assertEquals(r.contains(line), moved.contains(line + delta));
        assertEquals(r.firstLine() <= line && line <= r.lastLine(), r.contains(line));
    }
}
