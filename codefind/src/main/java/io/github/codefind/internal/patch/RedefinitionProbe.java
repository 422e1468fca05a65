package io.github.codefind.internal.patch;

/**
 * A class of codefind's own that the warm-up redefines with the bytes it has ({@link Engine#rehearseRedefinition}).
 * It has no code that anyone calls: redefining it changes nothing.
 */
final class RedefinitionProbe {
    private RedefinitionProbe() {
    }
}
