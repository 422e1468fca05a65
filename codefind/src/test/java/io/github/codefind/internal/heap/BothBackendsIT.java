package io.github.codefind.internal.heap;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.codefind.Codefind;
import io.github.codefind.Heap;
import java.util.List;

/**
 * The random-graph discovery property, run in a JVM started with codefind's agent and
 * {@code -Dcodefind.heap=registry} (its own Failsafe execution): the registry backend, which the agent
 * feeds by instrumenting the holders' constructors, and a JVMTI backend loaded beside it must both
 * match the model, so they report the same conformables and never a dead one.
 */
class BothBackendsIT extends DiscoveryPropertiesTest {
    private static final Heap JVMTI = jvmti();

    private static Heap jvmti() {
        try {
            return new ObjectHeap(JvmtiBackend.load("loaded beside the registry, for comparison"));
        } catch (Throwable e) {
            throw new AssertionError("the JVMTI backend must load here", e);
        }
    }

    @Override
    List<Heap> heapsUnderTest() {
        Heap registry = Codefind.heap();
        assertTrue(registry.backend().startsWith("registry"), registry.backend());
        return List.of(registry, JVMTI);
    }
}
