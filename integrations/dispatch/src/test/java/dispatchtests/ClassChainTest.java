package dispatchtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.codefind.conform.Change;
import io.github.codefind.conform.ChangeKind;
import io.github.codefind.conform.ClassUnit;
import io.github.codefind.conform.MethodUnit;
import io.github.codefind.conform.Patch;
import io.github.codefind.dispatch.AmbiguousDispatchException;
import io.github.codefind.dispatch.Dispatch;
import io.github.codefind.dispatch.Dispatcher;
import io.github.codefind.testing.Javac;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/**
 * One-argument dispatch past the inline cache (more than 8 classes), where a chain of class tests in
 * nodes of 16 takes over: every class reaches the handler the semantics choose, through interfaces and
 * superclasses, for classes loaded later, after patches that change decisions already linked, while
 * other threads call, and past the chain's capacity of 256 classes. The expected handler is computed by
 * the rule the generated classes were written to, not by the dispatcher.
 */
class ClassChainTest {
    private static long ids = 5000;

    /**
     * Compiles {@code gen.ManyN}: an interface {@code Round}, a class {@code Base}, classes
     * {@code C0..C(n-1)} extending {@code Base}, those whose number is a multiple of 3 also
     * {@code Round}; handlers {@code f(Object)}, {@code f(Round)} and {@code f(Ci)} for even {@code i}.
     * Other sources are compiled with it into the same loader, and loaded only when asked for.
     */
    private static Class<?> compile(int n, Map<String, String> others) throws ClassNotFoundException {
        String name = "Many" + n;
        StringBuilder s = new StringBuilder("package gen;\nimport io.github.codefind.dispatch.Handler;\n")
                .append("public class ").append(name).append(" {\n")
                .append("    public interface Round {}\n    public static class Base {}\n")
                .append("    @Handler public static String f(Object o) { return \"Object\"; }\n")
                .append("    @Handler public static String f(Round r) { return \"Round\"; }\n");
        for (int i = 0; i < n; i++) {
            s.append("    public static class C").append(i).append(" extends Base")
                    .append(i % 3 == 0 ? " implements Round" : "").append(" {}\n");
            if (i % 2 == 0) {
                s.append("    @Handler public static String f(C").append(i).append(" c) { return \"C").append(i)
                        .append("\"; }\n");
            }
        }
        Map<String, String> sources = new HashMap<>(others);
        sources.put("gen/" + name + ".java", s.append("}\n").toString());
        Map<String, byte[]> classes = Javac.compile(sources);
        return Class.forName("gen." + name, true, new DispatchPropertiesTest.BytesLoader(classes));
    }

    /** A compiled handler class, an instance of each of its classes, and a dispatcher over it. */
    private record Fixture(Class<?> handlers, Object[] instances, Dispatcher<String> d) {
        static Fixture of(int n) throws ReflectiveOperationException {
            Class<?> handlers = compile(n, Map.of());
            Dispatcher<String> d = Dispatch.on(handlers).returning(String.class).build();
            return new Fixture(handlers, newInstances(handlers, n), d);
        }
    }

    private static String expected(int i) {
        return i % 2 == 0 ? "C" + i : i % 3 == 0 ? "Round" : "Object";
    }

    private static Object[] newInstances(Class<?> handlers, int n) throws ReflectiveOperationException {
        Object[] instances = new Object[n];
        for (int i = 0; i < n; i++) {
            instances[i] = Class.forName(handlers.getName() + "$C" + i, true, handlers.getClassLoader())
                    .getDeclaredConstructor().newInstance();
        }
        return instances;
    }

    /** Calls with the instances in a random order, each call checked. */
    private static void callAll(Dispatcher<String> d, Object[] instances, int calls, long seed) {
        Random random = new Random(seed);
        for (int k = 0; k < calls; k++) {
            int i = random.nextInt(instances.length);
            assertEquals(expected(i), d.call(instances[i]), "C" + i + ", call " + k);
        }
    }

    private static Patch patch(Change... changes) {
        return new Patch(++ids, List.of(changes));
    }

    @Test
    void manyClassesThroughInterfacesAndSuperclassesEachReachTheirHandler() throws Exception {
        Fixture f = Fixture.of(40);
        callAll(f.d, f.instances, 20_000, 1);
        Object base = Class.forName(f.handlers.getName() + "$Base", true, f.handlers.getClassLoader())
                .getDeclaredConstructor().newInstance();
        assertEquals("Object", f.d.call(base));
        assertEquals("Object", f.d.call("text"));
        assertThrows(AmbiguousDispatchException.class, () -> f.d.call(null), "null fits every f(Ci): ambiguous");
        callAll(f.d, f.instances, 2_000, 2);
        for (int i = 0; i < 40; i++) {
            Object instance = f.instances[i];
            assertEquals(expected(i), f.d.handlerFor(instance.getClass()).orElseThrow().invoke(null, instance));
        }
    }

    @Test
    void aClassLoadedAfterTheChainWasBuiltReachesItsSupertypesHandler() throws Exception {
        Class<?> handlers = compile(24, Map.of("late/Late.java", "package late;\npublic class Late {\n"
                + "    public static class OfC2 extends gen.Many24.C2 {}\n"
                + "    public static class Rounded extends gen.Many24.Base implements gen.Many24.Round {}\n}\n"));
        Dispatcher<String> d = Dispatch.on(handlers).returning(String.class).build();
        callAll(d, newInstances(handlers, 24), 5_000, 3);
        ClassLoader loader = handlers.getClassLoader();
        Object ofC2 = Class.forName("late.Late$OfC2", true, loader).getDeclaredConstructor().newInstance();
        Object rounded = Class.forName("late.Late$Rounded", true, loader).getDeclaredConstructor().newInstance();
        assertEquals("C2", d.call(ofC2), "a subclass of a handled class, loaded after the chain was built");
        assertEquals("Round", d.call(rounded), "an interface implemented by a class loaded later");
        callAll(d, newInstances(handlers, 24), 2_000, 4);
    }

    @Test
    void aPatchThatChangesTheDecisionForAClassAlreadyChainedIsFollowed() throws Exception {
        Fixture f = Fixture.of(40);
        callAll(f.d, f.instances, 5_000, 5);
        Class<?> c6 = f.instances[6].getClass();
        MethodUnit f6 = MethodUnit.of(f.handlers.getMethod("f", c6));
        ClassUnit type = ClassUnit.of(f.handlers);
        f.d.conform(patch(Change.removed(f6), Change.modified(type, type, EnumSet.of(ChangeKind.REDEFINED))));
        assertEquals("Round", f.d.call(f.instances[6]), "f(C6) removed: C6 is a Round");
        assertEquals("C4", f.d.call(f.instances[4]));
        assertEquals("Object", f.d.call(f.instances[5]));
        f.d.conform(patch(Change.added(f6)));
        callAll(f.d, f.instances, 5_000, 6);
        assertEquals(2, f.d.rebuilds());
    }

    @Test
    void callsPastTheInlineCacheDuringPatchesSeeTheOldOrTheNewDecision() throws Exception {
        Fixture f = Fixture.of(40);
        MethodUnit f6 = MethodUnit.of(f.handlers.getMethod("f", f.instances[6].getClass()));
        CallingThreads threads = CallingThreads.start(3, (thread, i) -> {
            int k = ThreadLocalRandom.current().nextInt(f.instances.length);
            String r = f.d.call(f.instances[k]);
            if (!r.equals(expected(k)) && !(k == 6 && r.equals("Round"))) {
                throw new AssertionError(r + " for C" + k);
            }
        });
        for (int i = 0; i < 100; i++) {
            f.d.conform(patch(i % 2 == 0 ? Change.removed(f6) : Change.added(f6)));
            Thread.onSpinWait();
        }
        threads.stop();
        assertEquals(100, f.d.rebuilds());
        callAll(f.d, f.instances, 2_000, 7);
    }

    @Test
    void pastTheChainsCapacityClassesAreStillDispatched() throws Exception {
        Fixture f = Fixture.of(300);
        callAll(f.d, f.instances, 30_000, 8);
        f.d.conform(patch(Change.modified(ClassUnit.of(f.handlers), ClassUnit.of(f.handlers),
                EnumSet.of(ChangeKind.ATTRIBUTES))));
        callAll(f.d, f.instances, 10_000, 9);
    }
}
