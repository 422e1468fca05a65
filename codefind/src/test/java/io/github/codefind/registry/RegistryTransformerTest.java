package io.github.codefind.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.codefind.internal.heap.RegistryBackend;
import java.lang.reflect.InvocationTargetException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The registry's class-file transformer on classes compiled by javac: which constructors it
 * instruments, and that exactly the fully constructed, live instances register.
 */
class RegistryTransformerTest {
    private final Samples samples = Samples.load();
    private final RegistryBackend backend = RegistryBackend.over(samples.tracking, "test", false);

    @Test
    void registersExactlyTheLiveInstances() throws Exception {
        List<Object> kept = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Object o = samples.create("sample.Base");
            if (i % 2 == 0) {
                kept.add(o);
            }
        }
        backend.collectIfNeeded();
        assertEquals(3, count("sample.Base"));
        assertSameObjects(kept, backend.instances(List.of(samples.type("sample.Base"))));
    }

    @Test
    void aConstructorThatThrowsDoesNotRegister() throws Exception {
        Object made = samples.create("sample.Throwing", false);
        InvocationTargetException thrown = assertThrows(InvocationTargetException.class,
                () -> samples.create("sample.Throwing", true));
        assertEquals("refused", thrown.getCause().getMessage());
        assertSameObjects(List.of(made), backend.instances(List.of(samples.type("sample.Throwing"))));
    }

    @Test
    void aSubclassThatThrowsAfterSuperIsGoneOnceCollected() throws Exception {
        // Its superclass's constructor registered it; unreachable, it disappears at the next collection.
        assertThrows(InvocationTargetException.class, () -> samples.create("sample.ThrowingChild", true));
        Object made = samples.create("sample.ThrowingChild", false);
        backend.collectIfNeeded();
        assertSameObjects(List.of(made), backend.instances(List.of(samples.type("sample.ThrowingChild"))));
    }

    @Test
    void delegatingToThisRegistersOnce() throws Exception {
        Object made = samples.create("sample.Delegating");
        assertSameObjects(List.of(made), backend.instances(List.of(samples.type("sample.Delegating"))));
    }

    @Test
    void everyReturnPathRegisters() throws Exception {
        List<Object> made = List.of(samples.create("sample.Branchy", 1), samples.create("sample.Branchy", 0));
        assertSameObjects(made, backend.instances(List.of(samples.type("sample.Branchy"))));
    }

    @Test
    void subclassesRegisterThroughTheirSuperclassConstructor() throws Exception {
        assertNull(samples.transformer.transform(samples.loader, "sample/Child", null, null,
                Samples.bytes("sample/Child")), "only classes that list Conformable themselves are rewritten");
        Object child = samples.create("sample.Child");
        Object base = samples.create("sample.Base");
        assertSameObjects(List.of(child), backend.instances(List.of(samples.type("sample.Child"))));
        assertSameObjects(List.of(base, child),
                backend.instances(List.of(samples.type("sample.Base"), samples.type("sample.Child"))));
    }

    @Test
    void interfacesExtendingConformableAreFollowed() throws Exception {
        Object deep = samples.create("sample.DeepImpl");
        assertSameObjects(List.of(deep), backend.instances(List.of(samples.type("sample.DeepImpl"))));
    }

    @Test
    void recordsRegister() throws Exception {
        Object pair = samples.create("sample.Pair", 1, 2);
        assertSameObjects(List.of(pair), backend.instances(List.of(samples.type("sample.Pair"))));
    }

    @Test
    void namedClassesTheirSubclassesAndWildcardsAreTracked() throws Exception {
        Object named = samples.create("named.Named");
        Object child = samples.create("named.NamedChild");
        Object wild = samples.create("wild.sub.Anything");
        assertSameObjects(List.of(named), backend.instances(List.of(samples.type("named.Named"))));
        assertSameObjects(List.of(child), backend.instances(List.of(samples.type("named.NamedChild"))));
        assertSameObjects(List.of(wild), backend.instances(List.of(samples.type("wild.sub.Anything"))));
        samples.create("named.Unnamed");
        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
                () -> backend.count(List.of(samples.type("named.Unnamed"))));
        assertTrue(e.getMessage().contains("named.Unnamed"), e.getMessage());
    }

    @Test
    void untrackedClassesAreRefusedByName() throws Exception {
        samples.create("sample.Untracked");
        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
                () -> backend.instances(List.of(samples.type("sample.Base"), samples.type("sample.Untracked"))));
        assertTrue(e.getMessage().contains("sample.Untracked: not tracked"), e.getMessage());
        assertTrue(e.getMessage().contains("-Dcodefind.registry.classes"), e.getMessage());
        Runnable lambda = () -> { };
        e = assertThrows(UnsupportedOperationException.class, () -> backend.count(List.of(lambda.getClass())));
        assertTrue(e.getMessage().contains(lambda.getClass().getName()) && e.getMessage().contains("hidden class"),
                e.getMessage());
    }

    @Test
    void theTransformerNeverThrowsAndLeavesOthersAlone() {
        assertNull(samples.transformer.transform(samples.loader, "sample/Broken", null, null, new byte[] {1, 2, 3}));
        assertNotNull(samples.tracking.whyInvisible(samples.type("sample.Untracked")));
        assertNull(samples.transformer.transform(samples.loader, "sample/Plugin", null, null,
                Samples.bytes("sample/Plugin")), "interfaces are not rewritten");
        assertNull(samples.transformer.transform(null, "sample/Base", null, null, Samples.bytes("sample/Base")),
                "boot classes are not rewritten");
        assertNull(samples.transformer.transform(samples.loader, "io/github/codefind/internal/registry/X", null, null,
                Samples.bytes("sample/Base")), "codefind's own classes are not rewritten");
        assertNull(samples.transformer.transform(samples.loader, "sample/Untracked", null, null,
                Samples.bytes("sample/Untracked")));
    }

    private long count(String name) {
        return backend.count(List.of(samples.type(name)));
    }

    private static void assertSameObjects(List<?> expected, List<?> actual) {
        Set<Object> want = Collections.newSetFromMap(new IdentityHashMap<>());
        want.addAll(expected);
        assertEquals(expected.size(), actual.size(), "found " + actual);
        for (Object o : actual) {
            assertTrue(want.contains(o), "unexpected " + o);
        }
        if (!expected.isEmpty()) {
            assertSame(expected.get(0).getClass().getClassLoader(), actual.get(0).getClass().getClassLoader());
        }
    }
}
