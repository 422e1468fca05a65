package dispatchtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dispatchtests.zoo.Zoo.A;
import dispatchtests.zoo.Zoo.B;
import dispatchtests.zoo.Zoo.D;
import io.github.codefind.conform.Change;
import io.github.codefind.conform.ChangeKind;
import io.github.codefind.conform.ClassUnit;
import io.github.codefind.conform.ConformException;
import io.github.codefind.conform.LambdaUnit;
import io.github.codefind.conform.MethodUnit;
import io.github.codefind.conform.Patch;
import io.github.codefind.dispatch.Dispatch;
import io.github.codefind.dispatch.Dispatcher;
import io.github.codefind.dispatch.Handler;
import io.github.codefind.dispatch.NoHandlerException;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/**
 * The dispatcher's reaction to each kind of change, with hand-built patches. A stock JVM cannot add or
 * remove methods (codefind rejects such patches, see {@link ConformByPatchTest}); JetBrains Runtime can,
 * and then reports them as {@code ADDED} and {@code REMOVED} units: these tests call {@code conform}
 * directly with such changes.
 */
class ConformDirectTest {
    private static long ids = 1000;

    /** Handlers. */
    public static class Shapes {
        @Handler public static String any(Object o) {
            return "any";
        }

        @Handler public static String a(A a) {
            return "A";
        }

        @Handler public static String b(B b) {
            return "B";
        }

        public static String helper() {
            return "helper";
        }
    }

    private static final ClassUnit SHAPES = ClassUnit.of(Shapes.class);

    private static MethodUnit unit(String name, Class<?>... parameters) throws NoSuchMethodException {
        return MethodUnit.of(Shapes.class.getMethod(name, parameters));
    }

    private static Patch patch(Change... changes) {
        return new Patch(++ids, List.of(changes));
    }

    private static Change modified(io.github.codefind.conform.CodeUnit u, ChangeKind... kinds) {
        return Change.modified(u, u, EnumSet.copyOf(List.of(kinds)));
    }

    @Test
    void linesRedefinitionsLambdasAndHelperBodiesCostNothing() throws Exception {
        Dispatcher<String> d = Dispatch.on(Shapes.class).returning(String.class).build();
        d.conform(patch(modified(SHAPES, ChangeKind.REDEFINED)));
        d.conform(patch(modified(SHAPES, ChangeKind.LINES, ChangeKind.REDEFINED), modified(unit("a", A.class),
                ChangeKind.LINES)));
        d.conform(patch(modified(unit("helper"), ChangeKind.BODY), modified(SHAPES, ChangeKind.REDEFINED)));
        MethodUnit lambda = MethodUnit.of(SHAPES, "lambda$helper$0", "()V");
        d.conform(patch(modified(LambdaUnit.of(SHAPES, lambda), ChangeKind.BODY)));
        assertEquals(0, d.rebuilds());
        assertEquals("B", d.call(new D()));
    }

    @Test
    void attributeSignatureAndHandlerBodyChangesRebuild() throws Exception {
        Dispatcher<String> d = Dispatch.on(Shapes.class).returning(String.class).build();
        assertEquals("A", d.call(new A()));
        d.conform(patch(modified(unit("helper"), ChangeKind.ATTRIBUTES), modified(SHAPES, ChangeKind.REDEFINED)));
        assertEquals(1, d.rebuilds(), "an annotation on any method may make it a handler");
        d.conform(patch(modified(SHAPES, ChangeKind.SIGNATURE, ChangeKind.REDEFINED)));
        assertEquals(2, d.rebuilds());
        d.conform(patch(modified(unit("a", A.class), ChangeKind.BODY)));
        assertEquals(3, d.rebuilds(), "a handler's body: new method handles");
        assertEquals("A", d.call(new A()));
        assertEquals("B", d.call(new D()));
        d.conform(patch(modified(ClassUnit.of(Dispatcher.class), ChangeKind.REDEFINED)));
        assertEquals(4, d.rebuilds(), "the dispatcher's own code changed");
    }

    @Test
    void aRemovedHandlerIsNoLongerCalledAndComesBackWhenAdded() throws Exception {
        Dispatcher<String> d = Dispatch.on(Shapes.class).returning(String.class).build();
        assertEquals("B", d.call(new D()));
        d.conform(patch(Change.removed(unit("b", B.class)), modified(SHAPES, ChangeKind.REDEFINED)));
        assertEquals(1, d.rebuilds());
        assertEquals("A", d.call(new D()), "the removed handler is left out even though reflection still lists it");
        assertEquals(2, d.handlers().size());
        d.conform(patch(Change.added(unit("b", B.class)), modified(SHAPES, ChangeKind.REDEFINED)));
        assertEquals(2, d.rebuilds());
        assertEquals("B", d.call(new D()), "ADDED: the table is read again and the new overload is found");
    }

    @Test
    void aRemovedHandlerClassIsReportedAndItsHandlersAreGone() {
        Dispatcher<String> d = Dispatch.on(Shapes.class).returning(String.class).build();
        ConformException e = assertThrows(ConformException.class, () -> d.conform(patch(Change.removed(SHAPES))));
        assertTrue(e.getMessage().contains("was removed by patch #") && e.getMessage().contains("create a new dispatcher"),
                e.getMessage());
        assertThrows(NoHandlerException.class, () -> d.call(new A()));
        assertTrue(d.handlers().isEmpty());
    }

    @Test
    void callsDuringConformSeeTheOldOrTheNewTableNeverAMix() throws Exception {
        Dispatcher<String> d = Dispatch.on(Shapes.class).returning(String.class).build();
        MethodUnit b = unit("b", B.class);
        Set<String> seen = ConcurrentHashMap.newKeySet();
        Object[] arguments = {new A(), new B(), new D(), "s", 1, null};
        CallingThreads threads = CallingThreads.start(3, (thread, i) -> {
            Object a = arguments[(int) (i % arguments.length)];
            String r = d.call(a);
            boolean ok = a instanceof B ? r.equals("B") || r.equals("A") : a instanceof A ? r.equals("A")
                    : a == null ? r.equals("B") || r.equals("A") : r.equals("any");
            if (!ok) {
                throw new AssertionError(r + " for " + a);
            }
            seen.add(r);
        });
        for (int i = 0; i < 200; i++) {
            d.conform(patch(i % 2 == 0 ? Change.removed(b) : Change.added(b)));
            Thread.onSpinWait();
        }
        threads.stop();
        assertEquals(200, d.rebuilds());
        assertEquals(Set.of("A", "B", "any"), seen);
        assertEquals("B", d.call(new D()), "200 patches later, b is back");
    }
}
