package io.github.codefind.jmh;

import io.github.codefind.Codefind;
import io.github.codefind.Heap;

/**
 * Run by {@link Suite} in a JVM with the registry benchmark's options: exits 0 if the heap backend is
 * the registry and it finds the conformables of a small {@link TestHeap}, otherwise prints why not
 * and exits 2.
 */
public final class RegistryProbe {
    /** Starts the line that gives the verdict. */
    static final String PREFIX = "registry-probe: ";

    private RegistryProbe() {
    }

    /**
     * Probes.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        String problem;
        try {
            Heap heap = Codefind.heap();
            if (!heap.backend().startsWith("registry")) {
                problem = "the backend is not the registry: " + heap.backend();
            } else {
                TestHeap testHeap = TestHeap.build(TestHeap.CHUNK);
                int found = heap.conformablesReferringTo(TestHeap.changedUnits()).size();
                problem = found == TestHeap.expectedDependents() ? null : "the registry finds " + found
                        + " of " + TestHeap.expectedDependents() + " conformables (" + heap.backend() + ")";
                if (testHeap.targets() != 1) {
                    problem = "test heap not built";
                }
            }
        } catch (RuntimeException | LinkageError e) {
            problem = e.toString();
        }
        System.out.println(PREFIX + (problem == null ? "registry backend ready" : problem));
        System.exit(problem == null ? 0 : 2);
    }
}
