package io.github.codefind.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.codefind.conform.Conformable;
import io.github.codefind.internal.heap.RegistryBackend;
import io.github.codefind.internal.registry.ClassSelection;
import io.github.codefind.internal.registry.Tracking;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The registry backend's answers beyond instances: conformables, referrers, and what it refuses. */
class RegistryBackendTest {
    private final Samples samples = Samples.load();

    @Test
    void conformablesAreTheLiveTrackedConformables() throws Exception {
        RegistryBackend backend = RegistryBackend.over(samples.tracking, "test", false);
        Object base = samples.create("sample.Base");
        Object deep = samples.create("sample.DeepImpl");
        Object named = samples.create("named.Named");
        List<Conformable> found = backend.conformables();
        assertTrue(containsSame(found, base) && containsSame(found, deep), "found " + found);
        assertFalse(containsSame(found, named), "a named class that is not Conformable");
        assertTrue(backend.description().startsWith("registry (test); sees only instances of Conformable"),
                backend.description());
    }

    @Test
    void partialReferrersAreFoundAmongTrackedObjects() throws Exception {
        RegistryBackend backend = RegistryBackend.over(samples.tracking, "test", true);
        Object target = new Object();
        Object other = new Object();
        Object inField = samples.create("sample.Holder");
        Object inArray = samples.create("sample.Holder");
        Object[] array = {other, target};
        inField.getClass().getField("field").set(inField, target);
        inArray.getClass().getField("array").set(inArray, array);
        List<List<Object>> referrers = backend.referrers(new Object[] {target, other}, List.of());
        assertEquals(2, referrers.size());
        assertEquals(2, referrers.get(0).size(), "found " + referrers.get(0));
        assertTrue(containsSame(referrers.get(0), inField) && containsSame(referrers.get(0), array));
        assertEquals(1, referrers.get(1).size());
        assertTrue(containsSame(referrers.get(1), array));
    }

    @Test
    void referrersAreRefusedUnlessPartialAnswersAreAllowed() {
        RegistryBackend backend = RegistryBackend.over(samples.tracking, "test", false);
        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
                () -> backend.referrers(new Object[] {new Object()}, List.of()));
        assertTrue(e.getMessage().contains("cannot find referrers outside tracked objects"), e.getMessage());
        assertTrue(e.getMessage().contains("-D" + RegistryBackend.PARTIAL_REFERRERS_PROPERTY + "=true"),
                e.getMessage());
    }

    @Test
    void withoutInstrumentationEverythingIsRefusedWithTheReason() {
        RegistryBackend backend = RegistryBackend.over(Tracking.inactive("no Instrumentation: start with -javaagent"),
                "test", false);
        assertTrue(backend.description().contains("no Instrumentation"), backend.description());
        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
                () -> backend.count(List.of(samples.type("sample.Base"))));
        assertTrue(e.getMessage().contains("no Instrumentation: start with -javaagent"), e.getMessage());
        assertThrows(UnsupportedOperationException.class, () -> backend.instances(List.of()));
        assertEquals(List.of(), backend.conformables());
    }

    @Test
    void selectionMatchesNamesAndPackagePrefixes() {
        ClassSelection selection = ClassSelection.parse(" a.B , c.* ,, d.E$F");
        assertTrue(selection.matches("a.B"));
        assertTrue(selection.matches("c.D"));
        assertTrue(selection.matches("c.e.F"));
        assertTrue(selection.matches("d.E$F"));
        assertFalse(selection.matches("a.C"));
        assertFalse(selection.matches("a.B$Inner"));
        assertFalse(selection.matches("cx.D"));
        assertTrue(ClassSelection.parse(" ").isEmpty());
    }

    private static boolean containsSame(List<?> list, Object o) {
        for (Object e : list) {
            if (e == o) {
                return true;
            }
        }
        return false;
    }
}
