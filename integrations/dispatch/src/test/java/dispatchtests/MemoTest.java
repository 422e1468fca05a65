package dispatchtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.codefind.testing.Sandbox;
import io.github.codefind.ConformOutcome;
import io.github.codefind.PatchResult;
import io.github.codefind.conform.Change;
import io.github.codefind.conform.ChangeKind;
import io.github.codefind.conform.ClassUnit;
import io.github.codefind.conform.ConformException;
import io.github.codefind.conform.MethodUnit;
import io.github.codefind.conform.Patch;
import io.github.codefind.dispatch.Memo;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Memoisation: caching, recursion, threads, and dropping the cache when the method's code changes. */
class MemoTest {
    static final AtomicInteger CALLS = new AtomicInteger();
    static final Memo<Long> FIB = Memo.of(MemoTest.class, "fib", Long.class);

    static long fib(int n) {
        CALLS.incrementAndGet();
        return n < 2 ? n : FIB.call(n - 1) + FIB.call(n - 2);
    }

    static String join(String a, Integer b, Object c) {
        CALLS.incrementAndGet();
        return a + b + c;
    }

    static Object nothing(Object o) {
        CALLS.incrementAndGet();
        return null;
    }

    static int overloaded(int i) {
        return i;
    }

    static int overloaded(long i) {
        return (int) i;
    }

    int instance(int i) {
        return i;
    }

    @Test
    void cachesResultsIncludingRecursiveCallsNullsAndManyArguments() {
        CALLS.set(0);
        FIB.clear();
        assertEquals(12586269025L, FIB.call(50));
        assertEquals(51, CALLS.get(), "each n computed once");
        assertEquals(12586269025L, FIB.call(50));
        assertEquals(51, CALLS.get());
        assertEquals(51, FIB.size());

        Memo<String> join = Memo.of(MemoTest.class, "join", String.class);
        CALLS.set(0);
        assertEquals("a1null", join.call("a", 1, null));
        assertEquals("a1null", join.invoke("a", 1, null));
        assertEquals("a2null", join.call("a", 2, null));
        assertEquals(2, CALLS.get());

        Memo<Object> nothing = Memo.of(MemoTest.class, "nothing", Object.class);
        CALLS.set(0);
        assertNull(nothing.call(null));
        assertNull(nothing.call(null));
        assertEquals(1, CALLS.get(), "null arguments and results are cached");
        assertThrows(IllegalArgumentException.class, () -> nothing.call(1, 2));
    }

    @Test
    void refusesWhatItCannotMemoise() throws Exception {
        assertThrows(IllegalArgumentException.class, () -> Memo.of(MemoTest.class, "overloaded", Integer.class));
        assertEquals(3, Memo.of(MemoTest.class.getDeclaredMethod("overloaded", int.class), Integer.class).call(3));
        assertThrows(IllegalArgumentException.class, () -> Memo.of(MemoTest.class, "instance", Integer.class));
        assertThrows(IllegalArgumentException.class, () -> Memo.of(MemoTest.class, "fib", String.class));
        assertThrows(IllegalArgumentException.class, () -> Memo.of(MemoTest.class, "missing", Object.class));
    }

    @Test
    void isThreadSafe() throws Exception {
        Memo<String> join = Memo.of(MemoTest.class, "join", String.class);
        List<Thread> threads = new ArrayList<>();
        List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
        for (int t = 0; t < 4; t++) {
            Thread thread = new Thread(() -> {
                for (int i = 0; i < 20_000; i++) {
                    int k = i % 100;
                    if (!join.call("k", k, "").equals("k" + k)) {
                        failures.add(new AssertionError(k));
                    }
                    if (i % 5000 == 0) {
                        join.clear();
                    }
                }
            });
            thread.start();
            threads.add(thread);
        }
        for (Thread t : threads) {
            t.join();
        }
        assertEquals(List.of(), failures);
    }

    @Test
    void dropsTheCacheOnBehaviourChangesOnly() throws Exception {
        MethodUnit fib = MethodUnit.of(MemoTest.class.getDeclaredMethod("fib", int.class));
        ClassUnit owner = ClassUnit.of(MemoTest.class);
        MethodUnit other = MethodUnit.of(MemoTest.class.getDeclaredMethod("join", String.class, Integer.class, Object.class));
        Memo<Long> memo = Memo.of(MemoTest.class, "fib", Long.class, other);
        assertEquals(Set.of(fib, other), memo.codeDependencies());
        memo.call(10);
        memo.conform(new Patch(1, List.of(Change.modified(owner, owner, EnumSet.of(ChangeKind.REDEFINED)))));
        memo.conform(new Patch(2, List.of(Change.modified(fib, fib, EnumSet.of(ChangeKind.LINES)))));
        assertEquals(1, memo.size(), "lines and redefinition alone keep it");
        memo.conform(new Patch(3, List.of(Change.modified(other, other, EnumSet.of(ChangeKind.BODY)))));
        assertEquals(0, memo.size(), "a declared dependency's body");
        memo.call(10);
        memo.conform(new Patch(4, List.of(Change.modified(fib, fib, EnumSet.of(ChangeKind.BODY)))));
        assertEquals(0, memo.size(), "the method's own body");
        assertEquals(55L, memo.call(10));
        assertEquals(2, memo.drops());
        ConformException e = assertThrows(ConformException.class,
                () -> memo.conform(new Patch(5, List.of(Change.removed(fib)))));
        assertTrue(e.getMessage().contains("was removed by patch #5"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> memo.call(3));
    }

    private static final String FIB_SOURCE = String.join("\n",
            "package pm;",
            "import io.github.codefind.dispatch.Memo;",
            "public class Fib {",
            "    public static final java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();",
            "    public static final Memo<Long> FIB = Memo.of(Fib.class, \"fib\", Long.class);",
            "    public static long fib(int n) { calls.incrementAndGet(); return n < 2 ? n : FIB.call(n - 1) + FIB.call(n - 2); }",
            "    public static long fibOf(int n) { return FIB.call(n); }",
            "    public static String other() { return \"other\"; }",
            "}");

    @Test
    void aRealPatchOfTheMethodsBodyDropsTheCache() throws Exception {
        Sandbox s = Sandbox.of(Map.of("pm/Fib.java", FIB_SOURCE));
        assertEquals(55L, s.call("pm.Fib", "fibOf", 10));
        Memo<?> memo = (Memo<?>) s.load("pm.Fib").getField("FIB").get(null);
        assertEquals(11, memo.size());
        for (int i = 0; i < 20_000; i++) {
            s.call("pm.Fib", "fibOf", i % 40);
        }

        PatchResult other = s.patchOrFail(Map.of("pm/Fib.java", FIB_SOURCE.replace("\"other\"", "\"another\"")));
        assertTrue(other.conformers().stream().anyMatch(o -> o.object() == memo), "a held Method matches its class's"
                + " REDEFINED change");
        assertEquals(40, memo.size(), "another method's body: kept");
        assertEquals(0, memo.drops());

        PatchResult r = s.patchOrFail(Map.of("pm/Fib.java", FIB_SOURCE.replace("n < 2 ? n :", "n < 2 ? 1 :")));
        ConformOutcome o = r.conformers().stream().filter(c -> c.object() == memo).findFirst().orElseThrow();
        assertEquals(ConformOutcome.Status.CONFORMED, o.status());
        assertEquals(1, memo.drops());
        assertEquals(89L, s.call("pm.Fib", "fibOf", 10), "recomputed with the new body");
    }
}
