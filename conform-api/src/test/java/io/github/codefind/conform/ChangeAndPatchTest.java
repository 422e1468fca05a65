package io.github.codefind.conform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Example-based tests for the rules of {@link Change} and {@link Patch}. */
class ChangeAndPatchTest {
    private static final ClassUnit A = ClassUnit.of("com.example.A");
    private static final ClassUnit B = ClassUnit.of("com.example.B");
    private static final MethodUnit A_RUN = MethodUnit.of(A, "run", "()V");
    private static final MethodUnit A_RUN_INT = MethodUnit.of(A, "run", "(I)V");
    private static final MethodUnit B_RUN = MethodUnit.of(B, "run", "()V");
    private static final LambdaUnit A_LAMBDA_0 = LambdaUnit.of(A, MethodUnit.of(A, "lambda$run$0", "()V"));
    private static final LambdaUnit A_LAMBDA_1 = LambdaUnit.of(A, MethodUnit.of(A, "lambda$run$1", "()V"));
    private static final SourceRange OLD = new SourceRange("A.java", 10, 12);
    private static final SourceRange NEW = new SourceRange("A.java", 11, 13);

    // ---------------------------------------------------------------- Change shapes

    @Test
    void addedHasOnlyAnAfter() {
        Change c = Change.added(A_RUN.withSource(NEW));
        assertEquals(Optional.empty(), c.before());
        assertEquals(Optional.of(A_RUN), c.after());
        assertEquals(A_RUN, c.unit());
        assertEquals(Set.of(ChangeKind.ADDED), c.kinds());
        assertTrue(c.is(ChangeKind.ADDED));
        assertFalse(c.is(ChangeKind.BODY));
        assertTrue(c.altersBehaviour());
        assertEquals("[ADDED] com.example.A.run()V (new -> A.java:11-13)", c.toString());
        assertThrows(NullPointerException.class, () -> Change.added(null));
    }

    @Test
    void removedHasOnlyABefore() {
        Change c = Change.removed(A_RUN.withSource(OLD));
        assertEquals(Optional.of(A_RUN), c.before());
        assertEquals(Optional.empty(), c.after());
        assertEquals(A_RUN, c.unit());
        assertEquals(Set.of(ChangeKind.REMOVED), c.kinds());
        assertTrue(c.altersBehaviour());
        assertEquals("[REMOVED] com.example.A.run()V (A.java:10-12 -> gone)", c.toString());
        assertThrows(NullPointerException.class, () -> Change.removed(null));
    }

    @Test
    void modifiedHasBothAndAtLeastOneModificationKind() {
        Change c = Change.modified(A_RUN.withSource(OLD), A_RUN.withSource(NEW), Set.of(ChangeKind.BODY));
        assertEquals(Optional.of(OLD), c.before().flatMap(CodeUnit::source));
        assertEquals(Optional.of(NEW), c.after().flatMap(CodeUnit::source));
        assertEquals(Optional.of(NEW), c.unit().source(), "the unit is the after");
        assertEquals("[BODY] com.example.A.run()V (A.java:10-12 -> A.java:11-13)", c.toString());
        assertEquals("[LINES] com.example.A.run()V (? -> ?)",
                Change.modified(A_RUN, A_RUN, Set.of(ChangeKind.LINES)).toString());
    }

    @ParameterizedTest
    @EnumSource(value = ChangeKind.class, names = {"LINES", "ATTRIBUTES", "SIGNATURE"})
    void theseModificationKindsAreAllowedOnEveryUnit(ChangeKind kind) {
        for (CodeUnit unit : List.<CodeUnit>of(A, A_RUN, A_LAMBDA_0)) {
            Change c = Change.modified(unit, unit, Set.of(kind));
            assertEquals(Set.of(kind), c.kinds());
            assertEquals(kind != ChangeKind.LINES, c.altersBehaviour());
        }
    }

    @Test
    void bodyIsForMethodsAndLambdasNeverForAClass() {
        assertTrue(Change.modified(A_RUN, A_RUN, Set.of(ChangeKind.BODY)).is(ChangeKind.BODY));
        assertTrue(Change.modified(A_LAMBDA_0, A_LAMBDA_1, Set.of(ChangeKind.BODY)).is(ChangeKind.BODY));
        MethodUnit clinit = MethodUnit.of(A, MethodUnit.STATIC_INITIALIZER, "()V");
        assertTrue(Change.modified(clinit, clinit, Set.of(ChangeKind.BODY)).altersBehaviour(),
                "a class's static initializer has the body");
        assertThrows(IllegalArgumentException.class, () -> Change.modified(A, A, Set.of(ChangeKind.BODY)));
        assertThrows(IllegalArgumentException.class,
                () -> Change.modified(A, A, Set.of(ChangeKind.REDEFINED, ChangeKind.BODY)));
    }

    @Test
    void linesAloneOrARedefinitionAloneDoNotAlterBehaviour() {
        assertFalse(Change.modified(A_RUN, A_RUN, EnumSet.of(ChangeKind.LINES)).altersBehaviour());
        assertFalse(Change.modified(A, A, EnumSet.of(ChangeKind.REDEFINED)).altersBehaviour());
        assertFalse(Change.modified(A, A, EnumSet.of(ChangeKind.REDEFINED, ChangeKind.LINES)).altersBehaviour());
        assertTrue(Change.modified(A_RUN, A_RUN, EnumSet.of(ChangeKind.LINES, ChangeKind.BODY)).altersBehaviour());
        assertTrue(Change.modified(A, A, EnumSet.of(ChangeKind.REDEFINED, ChangeKind.SIGNATURE)).altersBehaviour());
        assertTrue(Change.modified(A, A, EnumSet.of(ChangeKind.REDEFINED, ChangeKind.ATTRIBUTES)).altersBehaviour());
        assertTrue(Change.added(A).altersBehaviour());
        assertTrue(Change.removed(A_RUN).altersBehaviour());
    }

    @Test
    void modifiedNeedsSomeKindsAndOnlyModificationKinds() {
        assertThrows(IllegalArgumentException.class, () -> Change.modified(A_RUN, A_RUN, Set.of()));
        assertThrows(IllegalArgumentException.class,
                () -> Change.modified(A_RUN, A_RUN, EnumSet.noneOf(ChangeKind.class)));
        assertThrows(IllegalArgumentException.class, () -> Change.modified(A_RUN, A_RUN, Set.of(ChangeKind.ADDED)));
        assertThrows(IllegalArgumentException.class,
                () -> Change.modified(A_RUN, A_RUN, Set.of(ChangeKind.REMOVED)));
        assertThrows(IllegalArgumentException.class,
                () -> Change.modified(A_RUN, A_RUN, Set.of(ChangeKind.BODY, ChangeKind.ADDED)));
        assertThrows(NullPointerException.class, () -> Change.modified(null, A_RUN, Set.of(ChangeKind.BODY)));
        assertThrows(NullPointerException.class, () -> Change.modified(A_RUN, null, Set.of(ChangeKind.BODY)));
    }

    @Test
    void onlyAClassIsRedefined() {
        Change redefined = Change.modified(A, A, Set.of(ChangeKind.REDEFINED));
        assertTrue(redefined.is(ChangeKind.REDEFINED));
        Change.modified(A, A, Set.of(ChangeKind.REDEFINED, ChangeKind.SIGNATURE));
        assertThrows(IllegalArgumentException.class,
                () -> Change.modified(A_RUN, A_RUN, Set.of(ChangeKind.REDEFINED)));
        assertThrows(IllegalArgumentException.class,
                () -> Change.modified(A_RUN, A_RUN, Set.of(ChangeKind.BODY, ChangeKind.REDEFINED)));
        assertThrows(IllegalArgumentException.class,
                () -> Change.modified(A_LAMBDA_0, A_LAMBDA_0, Set.of(ChangeKind.REDEFINED)));
    }

    private static void assertNotTheSameUnit(CodeUnit before, CodeUnit after) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Change.modified(before, after, Set.of(ChangeKind.SIGNATURE)));
        assertTrue(e.getMessage().contains("not the same unit"), e.getMessage());
    }

    @Test
    void modifiedNeedsTheSameUnit() {
        assertNotTheSameUnit(A_RUN, A_RUN_INT);
        assertNotTheSameUnit(A_RUN, B_RUN);
        assertNotTheSameUnit(A, B);
        assertNotTheSameUnit(A, A_RUN);
        assertNotTheSameUnit(A_RUN, A);
        assertNotTheSameUnit(A_LAMBDA_0, A_LAMBDA_0.implementation());
        assertNotTheSameUnit(A_LAMBDA_0.implementation(), A_LAMBDA_0);
        // Same identity, other source ranges: fine.
        Change.modified(A_RUN.withSource(OLD), A_RUN.withSource(NEW), Set.of(ChangeKind.SIGNATURE));
    }

    @Test
    void lambdasMayBeRenumberedButNotMovedToAnotherClass() {
        Set<ChangeKind> lines = Set.of(ChangeKind.LINES);
        Change renumbered = Change.modified(A_LAMBDA_0.withSource(OLD), A_LAMBDA_1.withSource(NEW), lines);
        assertEquals(A_LAMBDA_1, renumbered.unit());
        assertEquals(Optional.of(A_LAMBDA_0), renumbered.before());

        LambdaUnit inB = LambdaUnit.of(B, MethodUnit.of(B, "lambda$run$0", "()V"));
        assertNotTheSameUnit(A_LAMBDA_0, inB);
        assertNotTheSameUnit(inB, A_LAMBDA_0);
    }

    @Test
    void kindsAreCopiedAndUnmodifiable() {
        Set<ChangeKind> kinds = EnumSet.of(ChangeKind.BODY);
        Change c = Change.modified(A_RUN, A_RUN, kinds);
        kinds.add(ChangeKind.SIGNATURE);
        assertEquals(Set.of(ChangeKind.BODY), c.kinds());
        assertThrows(UnsupportedOperationException.class, () -> c.kinds().add(ChangeKind.LINES));
        assertThrows(UnsupportedOperationException.class, () -> Change.added(A).kinds().clear());
    }

    @Test
    void changeEqualityIncludesSourceRanges() {
        Set<ChangeKind> body = Set.of(ChangeKind.BODY);
        Change c1 = Change.modified(A_RUN.withSource(OLD), A_RUN.withSource(NEW), body);
        Change c2 = Change.modified(A_RUN.withSource(OLD), A_RUN.withSource(NEW), EnumSet.of(ChangeKind.BODY));
        assertEquals(c1, c2);
        assertEquals(c1.hashCode(), c2.hashCode());
        assertNotEquals(c1, Change.modified(A_RUN.withSource(OLD), A_RUN.withSource(OLD), body));
        assertNotEquals(c1, Change.modified(A_RUN, A_RUN.withSource(NEW), body));
        assertNotEquals(c1, Change.modified(A_RUN.withSource(OLD), A_RUN.withSource(NEW), Set.of(ChangeKind.LINES)));
        assertNotEquals(Change.added(A_RUN.withSource(NEW)), Change.added(A_RUN));
        assertEquals(Change.added(A_RUN.withSource(NEW)), Change.added(A_RUN.withSource(NEW)));
        assertNotEquals(Change.added(A_RUN), Change.removed(A_RUN));
    }

    // ---------------------------------------------------------------- Patch

    @ParameterizedTest
    @ValueSource(longs = {0, -1, Long.MIN_VALUE})
    void patchIdsStartAtOne(long id) {
        assertThrows(IllegalArgumentException.class, () -> new Patch(id, List.of()));
    }

    @Test
    void patchIdOneAndEmptyChangesAreFine() {
        Patch p = new Patch(1, List.of());
        assertEquals(1, p.id());
        assertTrue(p.changes().isEmpty());
        assertTrue(p.classes().isEmpty());
        assertFalse(p.affects(A));
        assertEquals(Long.MAX_VALUE, new Patch(Long.MAX_VALUE, List.of()).id());
    }

    @Test
    void aUnitStandsAtMostOnceAmongTheBeforesAndOnceAmongTheAfters() {
        Change modified = Change.modified(A_RUN, A_RUN, Set.of(ChangeKind.BODY));
        assertThrows(IllegalArgumentException.class,
                () -> new Patch(1, List.of(Change.added(A_RUN), Change.added(A_RUN))));
        assertThrows(IllegalArgumentException.class,
                () -> new Patch(1, List.of(Change.removed(A_RUN), Change.removed(A_RUN))));
        assertThrows(IllegalArgumentException.class, () -> new Patch(1, List.of(Change.added(A_RUN), modified)));
        assertThrows(IllegalArgumentException.class, () -> new Patch(1, List.of(modified, Change.removed(A_RUN))));
        assertThrows(IllegalArgumentException.class, () -> new Patch(1, List.of(modified, modified)));
        // Source ranges do not make units different.
        assertThrows(IllegalArgumentException.class, () -> new Patch(1, List.of(
                Change.modified(A_RUN.withSource(OLD), A_RUN.withSource(NEW), Set.of(ChangeKind.LINES)),
                Change.added(A_RUN.withSource(OLD)))));
        assertThrows(IllegalArgumentException.class,
                () -> new Patch(1, List.of(Change.added(A), Change.modified(A, A, Set.of(ChangeKind.REDEFINED)))));
        // Once before and once after, in two changes, is fine.
        assertEquals(2, new Patch(1, List.of(Change.removed(A_RUN), Change.added(A_RUN))).changes().size());
        // Overloads, and a class and its members, are different units.
        Patch fine = new Patch(1, List.of(Change.added(A_RUN), Change.removed(A_RUN_INT),
                Change.modified(A, A, Set.of(ChangeKind.REDEFINED)), Change.added(A_LAMBDA_0)));
        assertEquals(4, fine.changes().size());
    }

    @Test
    void lambdasMayRenumberWithinOnePatch() {
        // lambda$run$1 becomes lambda$run$0 while the old lambda$run$0 is removed.
        Change renumbered = Change.modified(A_LAMBDA_1, A_LAMBDA_0, Set.of(ChangeKind.LINES));
        Change removed = Change.removed(A_LAMBDA_0);
        Patch p = new Patch(4, List.of(renumbered, removed));
        assertEquals(List.of(renumbered, removed), p.changes());
        assertTrue(p.affects(A_LAMBDA_0));
        assertTrue(p.affects(A_LAMBDA_1));
        assertEquals(Set.of(A), p.classes());
        // But the old lambda$run$0 cannot also be renumbered.
        assertThrows(IllegalArgumentException.class, () -> new Patch(4, List.of(renumbered, removed,
                Change.modified(A_LAMBDA_0, A_LAMBDA_1, Set.of(ChangeKind.LINES)))));
    }

    @Test
    void patchCopiesItsChanges() {
        List<Change> changes = new ArrayList<>(List.of(Change.added(A_RUN)));
        Patch p = new Patch(3, changes);
        changes.add(Change.added(B_RUN));
        assertEquals(List.of(Change.added(A_RUN)), p.changes());
        assertThrows(UnsupportedOperationException.class, () -> p.changes().add(Change.added(B)));
        assertThrows(NullPointerException.class, () -> new Patch(1, null));
    }

    @Test
    void classesAreTheDeclaringClassesInOrder() {
        Patch p = new Patch(1, List.of(Change.added(B_RUN), Change.removed(A_RUN),
                Change.modified(A, A, Set.of(ChangeKind.REDEFINED)), Change.modified(B, B, Set.of(ChangeKind.SIGNATURE)),
                Change.added(A_LAMBDA_0)));
        assertEquals(List.of(B, A), new ArrayList<>(p.classes()));
    }

    @Test
    void aClassIsAffectedByAnyChangeToItOrItsMembers() {
        Patch methodOnly = new Patch(1, List.of(Change.modified(A_RUN, A_RUN, Set.of(ChangeKind.BODY))));
        assertTrue(methodOnly.affects(A));
        assertFalse(methodOnly.affects(B));

        Patch removedLambda = new Patch(1, List.of(Change.removed(A_LAMBDA_0)));
        assertTrue(removedLambda.affects(A));
        assertFalse(removedLambda.affects(B));

        Patch classOnly = new Patch(1, List.of(Change.modified(B, B, Set.of(ChangeKind.REDEFINED))));
        assertTrue(classOnly.affects(B));
        assertFalse(classOnly.affects(B_RUN), "a class change is not a change to each member");
    }

    @Test
    void aMethodOrLambdaIsAffectedOnlyByItsOwnChange() {
        Patch p = new Patch(1, List.of(Change.added(A_RUN.withSource(NEW))));
        assertTrue(p.affects(A_RUN));
        assertTrue(p.affects(A_RUN.withSource(OLD)), "source ranges do not matter");
        assertFalse(p.affects(A_RUN_INT), "an overload is another unit");
        assertFalse(p.affects(B_RUN));
        assertFalse(p.affects(LambdaUnit.of(A, A_RUN)), "a lambda is not its implementation");

        Patch renumbered = new Patch(2, List.of(Change.modified(A_LAMBDA_0, A_LAMBDA_1, Set.of(ChangeKind.LINES))));
        assertTrue(renumbered.affects(A_LAMBDA_0), "the unit before counts");
        assertTrue(renumbered.affects(A_LAMBDA_1), "the unit after counts");
        assertFalse(renumbered.affects(A_LAMBDA_0.implementation()));
        assertThrows(NullPointerException.class, () -> renumbered.affects(null));
    }

    @Test
    void filterKeepsTheIdAndTheOrder() {
        Change c1 = Change.added(A_RUN);
        Change c2 = Change.modified(A, A, Set.of(ChangeKind.REDEFINED));
        Change c3 = Change.removed(B_RUN);
        Patch p = new Patch(7, List.of(c1, c2, c3));

        Patch methods = p.filter(c -> c.unit() instanceof MethodUnit);
        assertEquals(7, methods.id());
        assertEquals(List.of(c1, c3), methods.changes());

        Patch none = p.filter(c -> false);
        assertEquals(7, none.id());
        assertTrue(none.changes().isEmpty());

        assertEquals(p, p.filter(c -> true));
        assertEquals(List.of(c2), p.filter(c -> c.is(ChangeKind.REDEFINED)).changes());
    }

    @Test
    void patchEqualityIsByIdAndChanges() {
        List<Change> changes = List.of(Change.added(A_RUN));
        assertEquals(new Patch(1, changes), new Patch(1, new ArrayList<>(changes)));
        assertEquals(new Patch(1, changes).hashCode(), new Patch(1, new ArrayList<>(changes)).hashCode());
        assertNotEquals(new Patch(1, changes), new Patch(2, changes));
        assertNotEquals(new Patch(1, changes), new Patch(1, List.of(Change.added(A_RUN.withSource(NEW)))));
    }
}
