package io.github.codefind.internal.run;

import io.github.codefind.NotLive;
import io.github.codefind.PatchResult;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;

/** Where the runner says what happened: the launcher's console, or a test. */
public interface Reporter {
    /**
     * @param files the files the patch came from
     * @param result what codefind did
     * @param times where the time went, from the last save to the new code being live
     */
    void patched(Collection<Path> files, PatchResult result, PatchTimes times);

    /**
     * @param files the files that did not compile
     * @param errors javac's errors, as {@code file:line:column: message}
     */
    void compileFailed(Collection<Path> files, List<String> errors);

    /**
     * Says which saved files do not run, after every batch while there are any, and once more when none
     * are left.
     *
     * @param files the files whose saved content is not live, with why; empty once all are live again
     */
    void notLive(List<NotLive> files);

    /**
     * @param what what went wrong, with the file and the remedy
     */
    void problem(String what);

    /**
     * Says that the background warm-up is over: from now on the first save costs what later ones do.
     *
     * @param what what was warmed
     * @param took how long it took, on its low-priority thread
     */
    default void warmedUp(String what, java.time.Duration took) {
    }

    /**
     * @param method the loop method
     * @param result what it returned, or its exception
     */
    void looped(String method, Object result);
}
