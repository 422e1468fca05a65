package io.github.codefind;

/**
 * Told about every patch, applied or rejected, including redefinitions made by others (a debugger's
 * HotSwap, another agent) that codefind observed. Called on the patching thread after conformers ran;
 * an exception it throws is logged and ignored.
 */
@FunctionalInterface
public interface PatchListener {
    /**
     * @param result what happened
     */
    void patched(PatchResult result);
}
