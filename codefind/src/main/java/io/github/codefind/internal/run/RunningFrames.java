package io.github.codefind.internal.run;

import io.github.codefind.PatchResult;
import io.github.codefind.conform.Change;
import io.github.codefind.conform.ChangeKind;
import io.github.codefind.conform.MethodUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Methods a patch changed that are running right now: a running frame keeps the code it started
 * with (only the calls it makes reach new code), so an edit of a loop in {@code main} is applied and
 * yet never seen to run. The console says so, rather than let "applied" stand alone.
 */
final class RunningFrames {
    private RunningFrames() {
    }

    /**
     * @param result an applied patch
     * @return one line per changed method that a thread is running, naming the thread
     */
    static List<String> describe(PatchResult result) {
        Map<String, String> changed = new LinkedHashMap<>();
        result.patch().ifPresent(p -> {
            for (Change c : p.changes()) {
                if (c.is(ChangeKind.BODY) && c.unit() instanceof MethodUnit m && !m.isStaticInitializer()) {
                    changed.put(m.owner().name() + "." + m.name(), m.owner().name() + "." + m.name() + "()");
                }
            }
        });
        List<String> lines = new ArrayList<>();
        if (changed.isEmpty()) {
            return lines;
        }
        Map<String, String> running = new LinkedHashMap<>();
        for (Map.Entry<Thread, StackTraceElement[]> t : Thread.getAllStackTraces().entrySet()) {
            for (StackTraceElement frame : t.getValue()) {
                String key = frame.getClassName() + "." + frame.getMethodName();
                if (changed.containsKey(key)) {
                    running.merge(key, t.getKey().getName(), (a, b) -> a.equals(b) ? a : a + ", " + b);
                }
            }
        }
        running.forEach((key, threads) -> lines.add("note: " + changed.get(key) + " is running on " + threads
                + ": that call keeps its old code to its end; calls it makes, and later calls of it, run the"
                + " new code"));
        return lines;
    }
}
