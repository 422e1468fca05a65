package io.github.codefind.jmh;

import java.io.IOException;

/**
 * The JDI debuggee: builds the {@link TestHeap}, collects, prints {@value #READY} and holds the heap
 * until its standard input closes.
 */
public final class HeapHolder {
    /** The line printed once the heap is built. */
    public static final String READY = "codefind-jmh: heap ready";

    private HeapHolder() {
    }

    /**
     * Runs the debuggee.
     *
     * @param args the number of objects
     * @throws IOException if standard input fails
     */
    public static void main(String[] args) throws IOException {
        TestHeap heap = TestHeap.build(Integer.parseInt(args[0]));
        Histograms.collect();
        System.out.println(READY + " (" + heap.targets() + " targets)");
        System.out.flush();
        while (System.in.read() >= 0) {
            // Wait for the benchmark to close our input.
        }
        System.out.println("codefind-jmh: releasing " + heap.targets() + " targets");
    }
}
