package io.github.codefind.patch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.codefind.Codefind;
import io.github.codefind.PatchResult;
import io.github.codefind.testing.Javac;
import io.github.codefind.testing.Sandbox;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/** 1000 patches while 8 threads call the patched methods: no crash, no error, and the last one wins. */
class ConcurrentPatchingTest {
    private static String version(int v) {
        return String.join("\n",
                "package p;",
                "import java.util.function.IntUnaryOperator;",
                "public class Hot {",
                "    static final IntUnaryOperator OP = x -> x * " + v + ";",
                "    public static int compute(int x) { return helper(x) + OP.applyAsInt(1) - " + v + "; }",
                "    static int helper(int x) { int s = 0; for (int i = 0; i < " + (v % 3 + 1) + "; i++) s += x; return s * 0 + " + v + "; }",
                "    public static int version() { return " + v + "; }",
                "}");
    }

    @Test
    void thousandPatchesUnderLoad() throws Exception {
        int versions = 6;
        List<Map<String, byte[]>> compiled = new ArrayList<>();
        for (int v = 0; v < versions; v++) {
            compiled.add(Javac.compile(Map.of("p/Hot.java", version(v))));
        }
        Sandbox s = Sandbox.of(Map.of("p/Hot.java", version(0)));
        Class<?> hot = s.load("p.Hot");
        Method compute = hot.getMethod("compute", int.class);
        Method versionOf = hot.getMethod("version");
        AtomicBoolean stop = new AtomicBoolean();
        ConcurrentLinkedQueue<Throwable> errors = new ConcurrentLinkedQueue<>();
        AtomicLong calls = new AtomicLong();
        List<Thread> callers = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            Thread caller = new Thread(() -> {
                while (!stop.get()) {
                    try {
                        int v = (int) versionOf.invoke(null);
                        int r = (int) compute.invoke(null, 7);
                        // Within one version compute(7) == version. A call that spans a patch may mix
                        // versions (its frame keeps the old body, its calls run the new ones): b + c - a.
                        if (r <= -versions || r >= 2 * versions || v < 0 || v >= versions) {
                            errors.add(new AssertionError("impossible result " + r + " for version " + v));
                        }
                        // Leave the two cores some room for the patching thread and the JIT.
                        if (calls.incrementAndGet() % 16 == 0) {
                            LockSupport.parkNanos(200_000);
                        }
                    } catch (Throwable e) {
                        errors.add(e);
                    }
                }
            });
            caller.start();
            callers.add(caller);
        }
        Random random = new Random(42);
        int last = 0;
        // This test is about redefinition under load: skip the full collection before each discovery.
        System.setProperty("codefind.discovery", "fast");
        try {
            for (int i = 0; i < 1000; i++) {
                int next = random.nextInt(versions);
                PatchResult r = Codefind.patch(s.loader(), compiled.get(next));
                assertTrue(r.applied(), r.summary());
                last = next;
            }
        } finally {
            System.clearProperty("codefind.discovery");
            stop.set(true);
            for (Thread t : callers) {
                t.join(10_000);
            }
        }
        assertTrue(errors.isEmpty(), "errors while patching: " + errors.peek());
        assertTrue(calls.get() > 1000, "the callers ran: " + calls.get());
        assertEquals(last, versionOf.invoke(null));
        assertEquals(last, compute.invoke(null, 7));
    }
}
