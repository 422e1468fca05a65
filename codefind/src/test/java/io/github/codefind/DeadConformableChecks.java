package io.github.codefind;

import io.github.codefind.conform.ClassUnit;
import io.github.codefind.testing.Sandbox;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.ref.Reference;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Run in child JVMs, on every JDK and collector, by {@link HeapAcrossJvmsTest} (JVMTI backend) and
 * {@code RegistryAgentIT} (registry backend): conformables that are dead but not yet collected, old
 * enough that no young collection frees them, are never returned by discovery nor called by a patch,
 * not even their {@code codeDependencies()}; and discovery that finds no conformable referring to the
 * changed code collects nothing. Prints one line per check; exits non-zero on failure.
 */
public final class DeadConformableChecks {
    private static final String HANDLERS = "package d; public class Handlers {"
            + " public static String a() { return \"a1\"; } }";
    private static final String OTHER = "package d; public class Other {"
            + " public static String b() { return \"b1\"; } }";
    private static final String TABLES = String.join("\n",
            "package d;",
            "import io.github.codefind.conform.*;",
            "import java.util.*;",
            "public class Tables {",
            "    public static final List<String> calls = Collections.synchronizedList(new ArrayList<>());",
            "    public static class Table implements Conformable {",
            "        final String id; final Class<?> uses = Handlers.class;",
            "        Table(String id) { this.id = id; }",
            "        public void conform(Patch patch) { calls.add(\"conform \" + id); }",
            "    }",
            "    public static class Declaring implements Conformable {",
            "        final String id;",
            "        Declaring(String id) { this.id = id; }",
            "        public Set<CodeUnit> codeDependencies() {",
            "            calls.add(\"declared \" + id);",
            "            return Set.of(ClassUnit.of(Handlers.class));",
            "        }",
            "        public void conform(Patch patch) { calls.add(\"conform \" + id); }",
            "    }",
            "    public static Object table(String id) { return new Table(id); }",
            "    public static Object declaring(String id) { return new Declaring(id); }",
            "    public static List<String> calls() { return calls; }",
            "}");

    private DeadConformableChecks() {
    }

    /**
     * @param args ignored
     */
    public static void main(String[] args) {
        Sandbox s = Sandbox.of(Map.of("d/Handlers.java", HANDLERS, "d/Other.java", OTHER, "d/Tables.java", TABLES));
        Heap heap = Codefind.heap();
        System.out.println("backend: " + heap.backend() + "; collectors: " + collectors());
        List<Object> live = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            live.add(s.call("d.Tables", "table", "live" + i));
        }

        List<WeakReference<Object>> dead = deadAndOld(s, "table");
        List<CodeDependent> none = heap.conformablesReferringTo(List.of(ClassUnit.of("d.Other")));
        check(none.isEmpty(), "no conformable refers to code that none holds");
        if (!collectors().contains("ZGC")) {
            // Between full collections, the dead old tables go only if something collected. (Not on ZGC,
            // which may run a cycle of its own at any time; nor across a patch, whose compiling may start
            // a concurrent cycle on G1.)
            check(uncollected(dead) == dead.size(), "... and that discovery collected nothing: the "
                    + dead.size() + " dead tables are still in the heap: " + uncollected(dead));
        }
        PatchResult unrelated = s.patchOrFail(Map.of("d/Other.java", OTHER.replace("b1", "b2")));
        check(unrelated.conformers().isEmpty(), "a patch of code no conformable refers to calls nobody");

        dead = deadAndOld(s, "table");
        Set<Object> found = identitySet();
        for (CodeDependent d : heap.conformablesReferringTo(List.of(ClassUnit.of("d.Handlers")))) {
            found.add(d.object());
        }
        check(found.equals(identitySet(live)), "discovery returns the 3 live tables, none of the dead: " + found.size());

        live.add(s.call("d.Tables", "declaring", "liveDeclaring"));
        dead = deadAndOld(s, "table");
        dead.addAll(deadAndOld(s, "declaring"));
        s.patchOrFail(Map.of("d/Handlers.java", HANDLERS.replace("a1", "a2")));
        List<String> calls = new ArrayList<>(calls(s));
        calls.sort(null);
        check(calls.equals(List.of("conform live0", "conform live1", "conform live2", "conform liveDeclaring",
                "declared liveDeclaring")), "a patch calls the live conformables only, and asks only the live"
                + " one for its dependencies: " + calls);
        Reference.reachabilityFence(live);
        System.out.println("ALL CHECKS PASSED");
    }

    /**
     * Conformables that are dead, but old: they lived through full collections first, so that only
     * another full collection frees them. Made until some are still uncollected when this returns.
     */
    private static List<WeakReference<Object>> deadAndOld(Sandbox s, String kind) {
        for (int attempt = 1; ; attempt++) {
            List<Object> doomed = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                doomed.add(s.call("d.Tables", kind, "dead-" + kind + i));
            }
            System.gc();
            System.gc();
            List<WeakReference<Object>> refs = new ArrayList<>();
            for (Object o : doomed) {
                refs.add(new WeakReference<>(o));
            }
            doomed = null;
            if (uncollected(refs) > 0 || attempt == 3) {
                check(uncollected(refs) > 0, "dead " + kind + "s are in the heap, not yet collected");
                return refs;
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static List<String> calls(Sandbox s) {
        return (List<String>) s.call("d.Tables", "calls");
    }

    private static long uncollected(List<WeakReference<Object>> refs) {
        return refs.stream().filter(r -> !r.refersTo(null)).count();
    }

    private static String collectors() {
        List<String> names = new ArrayList<>();
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            names.add(gc.getName());
        }
        return String.join(", ", names);
    }

    private static Set<Object> identitySet() {
        return Collections.newSetFromMap(new IdentityHashMap<>());
    }

    private static Set<Object> identitySet(List<Object> objects) {
        Set<Object> set = identitySet();
        set.addAll(objects);
        return set;
    }

    private static void check(boolean ok, String what) {
        System.out.println((ok ? "ok   " : "FAIL ") + what);
        if (!ok) {
            System.exit(1);
        }
    }
}
