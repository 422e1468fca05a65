package io.github.codefind.patch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.codefind.PatchResult;
import io.github.codefind.testing.Sandbox;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A body change is seen through every kind of reference the program held before the patch. Each case
 * is a real program compiled by javac, loaded, used, recompiled and patched in this JVM.
 */
class BodyChangeTest {
    private static final String REFERENCES = String.join("\n",
            "package p;",
            "import java.lang.invoke.*;",
            "import java.lang.reflect.Method;",
            "import java.util.*;",
            "import java.util.function.*;",
            "public class Refs {",
            "    public interface Greeter { default String hello() { return \"hello V\"; }",
            "                               static String shout() { return \"SHOUT V\"; } }",
            "    static class Impl implements Greeter {}",
            "    public String value() { return \"instance V\"; }",
            "    public static String plain() { return \"static V\"; }",
            "    static final Map<String, Supplier<String>> STORED = new HashMap<>();",
            "    static Refs existing; static Greeter greeter; static Method method; static MethodHandle handle;",
            "    static Supplier<String> anonymous; static Supplier<String> local; static Supplier<String> inner;",
            "    enum Mode { ON { String label() { return \"enum V\"; } }; abstract String label(); }",
            "    record Point(int x) { String show() { return \"record V\"; } }",
            "    static abstract class Base<T> { abstract T make(); }",
            "    static class Maker extends Base<String> { String make() { return \"bridge V\"; } }",
            "    static Base<String> maker;",
            "    class Inner implements Supplier<String> { public String get() { return \"inner V\"; } }",
            "    public static String setUp() throws Throwable {",
            "        existing = new Refs();",
            "        greeter = new Impl();",
            "        STORED.put(\"lambda\", () -> \"lambda V\");",
            "        STORED.put(\"ref\", Refs::plain);",
            "        method = Refs.class.getMethod(\"plain\");",
            "        handle = MethodHandles.lookup().findStatic(Refs.class, \"plain\", MethodType.methodType(String.class));",
            "        anonymous = new Supplier<String>() { public String get() { return \"anonymous V\"; } };",
            "        class Local implements Supplier<String> { public String get() { return \"local V\"; } }",
            "        local = new Local();",
            "        inner = existing.new Inner();",
            "        maker = new Maker();",
            "        return all();",
            "    }",
            "    public static String all() throws Throwable {",
            "        return String.join(\",\", plain(), existing.value(), greeter.hello(), Greeter.shout(),",
            "            STORED.get(\"lambda\").get(), STORED.get(\"ref\").get(), (String) method.invoke(null),",
            "            (String) handle.invokeExact(), anonymous.get(), local.get(), inner.get(),",
            "            Mode.ON.label(), new Point(1).show(), maker.make());",
            "    }",
            "}");

    @Test
    void everyKindOfReferenceRunsTheNewBody() {
        Sandbox s = Sandbox.of(Map.of("p/Refs.java", REFERENCES));
        String before = (String) s.call("p.Refs", "setUp");
        assertEquals(14, before.split(",").length);
        assertTrue(before.chars().filter(c -> c == 'V').count() >= 14, before);
        PatchResult r = s.patchOrFail(Map.of("p/Refs.java", REFERENCES.replace(" V\"", " W\"")));
        String after = (String) s.call("p.Refs", "all");
        assertEquals(before.replace(" V", " W"), after, r.summary());
    }

    private static final String COUNTER = String.join("\n",
            "package p;",
            "public class Counter {",
            "    static int count;",
            "    static final java.util.List<String> log = new java.util.ArrayList<>();",
            "    static { log.add(\"initialized\"); }",
            "    public static Object tick() { count++; return step(); }",
            "    static String step() { return \"one:\" + count; }",
            "    public static Object log() { return log.toString(); }",
            "}");

    @Test
    void staticsKeepTheirValuesAndTheInitializerIsNotReRun() {
        Sandbox s = Sandbox.of(Map.of("p/Counter.java", COUNTER));
        s.call("p.Counter", "tick");
        s.call("p.Counter", "tick");
        PatchResult r = s.patchOrFail(Map.of("p/Counter.java", COUNTER.replace("\"one:\"", "\"two:\"")
                .replace("log.add(\"initialized\")", "log.add(\"initialized again\")")));
        assertEquals("two:3", s.call("p.Counter", "tick"));
        assertEquals("[initialized]", s.call("p.Counter", "log"));
        assertTrue(r.notes().stream().anyMatch(n -> n.contains("static initializer of p.Counter")), r.notes().toString());
    }

    private static final String LOOP = String.join("\n",
            "package p;",
            "public class Loop {",
            "    public static volatile boolean go = true;",
            "    public static volatile String last = \"\";",
            "    public static volatile int starts;",
            "    public static Object run() {",
            "        starts++;",
            "        String mine = \"frame A\";",
            "        while (go) { last = mine + \"/\" + step(); Thread.onSpinWait(); }",
            "        return mine;",
            "    }",
            "    static String step() { return \"step A\"; }",
            "}");

    @Test
    void aRunningFrameKeepsItsCodeAndItsCallsRunTheNewCode() throws Exception {
        Sandbox s = Sandbox.of(Map.of("p/Loop.java", LOOP));
        Class<?> loop = s.load("p.Loop");
        Thread runner = new Thread(() -> s.call("p.Loop", "run"));
        runner.start();
        awaitField(loop, "last", "frame A/step A");
        s.patchOrFail(Map.of("p/Loop.java", LOOP.replace("step A", "step B").replace("frame A", "frame B")));
        // The loop's frame still runs its old body (it says "frame A"), but its calls reach the new step().
        awaitField(loop, "last", "frame A/step B");
        loop.getField("go").set(null, false);
        runner.join(10_000);
        assertEquals(1, loop.getField("starts").get(null), "the loop was not re-run");
    }

    static void awaitField(Class<?> type, String field, Object expected) throws Exception {
        long deadline = System.nanoTime() + 10_000_000_000L;
        Object value = null;
        while (System.nanoTime() < deadline) {
            value = type.getField(field).get(null);
            if (expected.equals(value)) {
                return;
            }
            Thread.sleep(5);
        }
        throw new AssertionError(type.getName() + "." + field + " stayed " + value + ", expected " + expected);
    }
}
