package io.github.codefind.jmh;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.ScalarResult;

/**
 * Stop-the-world pauses read from a JVM's {@code -Xlog:safepoint=info} output (JDK 17 to 25
 * formats), and their summary as JMH results: {@code PREFIX.walk.median}, {@code PREFIX.walk.max}
 * and {@code PREFIX.walk.count} for heap walks (JVMTI heap iteration and reference walks, and the
 * class histogram's heap inspection), and {@code PREFIX.other.*} for every other pause, mostly
 * collections.
 */
final class Pauses {
    /** Such as {@code [0.885s][info][safepoint] Safepoint "G1CollectFull", ..., Total: 180551535 ns}. */
    private static final Pattern LINE = Pattern.compile(
            "\\[(\\d+[.,]\\d+)s\\]\\[info *\\]\\[safepoint *\\] Safepoint \"([^\"]+)\",.*? Total: (\\d+) ns");

    /** The VM operations that walk the heap. */
    private static final List<String> WALKS = List.of("HeapIterateOperation", "HeapWalkOperation",
            "GC_HeapInspection", "HeapInspection");

    /** One pause. */
    static final class Pause {
        final double uptimeMs;
        final String operation;
        final double ms;

        Pause(double uptimeMs, String operation, double ms) {
            this.uptimeMs = uptimeMs;
            this.operation = operation;
            this.ms = ms;
        }

        boolean isWalk() {
            return WALKS.contains(operation);
        }
    }

    private Pauses() {
    }

    /**
     * @param line a line of JVM output
     * @return the pause it logs, or null
     */
    static Pause parse(String line) {
        Matcher m = LINE.matcher(line);
        if (!m.find()) {
            return null;
        }
        return new Pause(Double.parseDouble(m.group(1).replace(',', '.')) * 1000, m.group(2),
                Long.parseLong(m.group(3)) / 1e6);
    }

    /**
     * @param prefix the results' name prefix
     * @param pauses the pauses to summarize
     * @return the results
     */
    static List<ScalarResult> summarize(String prefix, List<Pause> pauses) {
        List<Double> walks = new ArrayList<>();
        List<Double> others = new ArrayList<>();
        for (Pause p : pauses) {
            (p.isWalk() ? walks : others).add(p.ms);
        }
        List<ScalarResult> results = new ArrayList<>();
        add(results, prefix + ".walk", walks);
        add(results, prefix + ".other", others);
        return results;
    }

    private static void add(List<ScalarResult> results, String name, List<Double> pauses) {
        pauses.sort(null);
        results.add(new ScalarResult(name + ".count", pauses.size(), "#", AggregationPolicy.SUM));
        if (!pauses.isEmpty()) {
            results.add(new ScalarResult(name + ".median", pauses.get(pauses.size() / 2), "ms",
                    AggregationPolicy.AVG));
            results.add(new ScalarResult(name + ".max", pauses.get(pauses.size() - 1), "ms",
                    AggregationPolicy.MAX));
        }
    }
}
