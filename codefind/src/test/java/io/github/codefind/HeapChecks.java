package io.github.codefind;

import io.github.codefind.conform.ClassUnit;
import io.github.codefind.conform.Conformable;
import io.github.codefind.conform.Patch;
import java.lang.management.ManagementFactory;
import java.lang.ref.Reference;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.management.ObjectName;

/**
 * Run in a child JVM by {@link HeapAcrossJvmsTest}: checks the heap answers under whatever
 * collector and JDK the child runs, and prints one line per check. Exits non-zero on failure.
 */
public final class HeapChecks {
    static final class Kept {
    }

    static final class Mixed {
        Object ref;
    }

    static final class Leaf extends Object {
    }

    static final class Table implements Conformable {
        final Class<?> target = Kept.class;

        @Override
        public void conform(Patch patch) {
        }
    }

    private HeapChecks() {
    }

    /**
     * @param args ignored
     * @throws Exception on any failure
     */
    public static void main(String[] args) throws Exception {
        Heap heap = Codefind.heap();
        System.out.println("backend: " + heap.backend());
        check(heap.backend().startsWith("jvmti"), "the JVMTI backend loads");

        List<Object> keep = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            Kept k = new Kept();
            if (i % 4 == 0) {
                keep.add(k);
            }
            Mixed m = new Mixed();
            m.ref = new Leaf();
            if (i % 2 == 0) {
                keep.add(m);
            }
        }
        List<Table> tables = List.of(new Table(), new Table());
        for (int i = 0; i < 50; i++) {
            new Table();
        }

        long kept = heap.count(Kept.class, false);
        check(kept == 5_000, "5000 reachable Kept, not the 15000 dead ones: " + kept);
        Map<String, Long> histogram = liveHistogram();
        for (Class<?> c : List.of(Kept.class, Mixed.class, Leaf.class, Table.class)) {
            long ours = heap.count(c, false);
            long jdk = histogram.getOrDefault(c.getName(), 0L);
            check(ours == jdk, c.getSimpleName() + ": heap.count " + ours + " = GC.class_histogram " + jdk);
        }
        List<CodeDependent> dependents = heap.conformablesReferringTo(List.of(ClassUnit.of(Kept.class)));
        check(dependents.size() == 2, "the two live Tables refer to Kept, not the 50 dead ones: "
                + dependents.size());
        Mixed holder = (Mixed) keep.get(1);
        List<Object> referrers = heap.referrers(List.of(holder.ref)).get(0);
        check(referrers.size() == 1 && referrers.get(0) == holder, "the Leaf's only referrer is its Mixed");
        long afterwards = heap.count(Kept.class, false);
        check(afterwards == 5_000, "tags were cleared: the same answer twice: " + afterwards);
        Reference.reachabilityFence(keep);
        Reference.reachabilityFence(tables);
        System.out.println("ALL CHECKS PASSED");
    }

    /** The JDK's own count, by the DiagnosticCommand MBean (the same as jcmd GC.class_histogram). */
    private static Map<String, Long> liveHistogram() throws Exception {
        String text = (String) ManagementFactory.getPlatformMBeanServer().invoke(
                new ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
                new Object[] {new String[0]}, new String[] {String[].class.getName()});
        Map<String, Long> counts = new HashMap<>();
        for (String line : text.split("\n")) {
            String[] cols = line.trim().split("\\s+");
            if (cols.length >= 4 && cols[0].endsWith(":")) {
                counts.put(cols[3], Long.parseLong(cols[1]));
            }
        }
        return counts;
    }

    private static void check(boolean ok, String what) {
        System.out.println((ok ? "ok   " : "FAIL ") + what);
        if (!ok) {
            System.exit(1);
        }
    }
}
