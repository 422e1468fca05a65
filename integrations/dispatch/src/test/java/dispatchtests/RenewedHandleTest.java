package dispatchtests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.codefind.testing.Sandbox;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.invoke.MutableCallSite;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The rule the dispatcher follows, shown on bare method handles: after a patch changes a method's
 * body, a handle made before the patch may keep running the old body where compiled code called
 * through it (HotSpot 17 and 25; always with C1 alone, {@code -XX:TieredStopAtLevel=1}, which the
 * {@code c1-only} execution uses). A handle looked up again after the patch, and put where the old one
 * was, runs the new body. Without the renewal every kind below fails under C1; see
 * {@code docs/jvms.md}, "Method handles keep old bodies".
 */
class RenewedHandleTest {
    private static final MethodType TYPE = MethodType.methodType(String.class, String.class);
    private static MethodHandle field;
    private static final MutableCallSite SITE = new MutableCallSite(TYPE);
    private static final MethodHandle SITE_INVOKER = SITE.dynamicInvoker();

    private static String source(String pkg, String version) {
        return "package " + pkg + "; public class H { public static String f(String s) { return \"f" + version
                + "\"; } }";
    }

    @ParameterizedTest
    @ValueSource(strings = {"field", "site", "guarded"})
    void aHandleLookedUpAgainAfterEachPatchRunsTheNewBody(String kind) throws Throwable {
        String pkg = "renewed" + kind;
        Sandbox s = Sandbox.of(Map.of(pkg + "/H.java", source(pkg, "")));
        Class<?> h = s.load(pkg + ".H");
        install(kind, h);
        StringBuilder stale = new StringBuilder();
        for (int round = 1; round <= 6; round++) {
            for (int i = 0; i < 20_000; i++) {
                call(kind);
            }
            s.patchOrFail(Map.of(pkg + "/H.java", source(pkg, " v" + round)));
            install(kind, h);
            String got = call(kind);
            if (!got.equals("f v" + round)) {
                stale.append("round ").append(round).append(" ran '").append(got).append("'; ");
            }
        }
        assertEquals("", stale.toString(), kind);
    }

    private static void install(String kind, Class<?> h) throws ReflectiveOperationException {
        MethodHandle handle = MethodHandles.publicLookup().findStatic(h, "f", TYPE);
        field = handle;
        SITE.setTarget(kind.equals("guarded") ? MethodHandles.guardWithTest(
                MethodHandles.dropArguments(MethodHandles.constant(boolean.class, true), 0, String.class), handle,
                handle) : handle);
    }

    private static String call(String kind) throws Throwable {
        return kind.equals("field") ? (String) field.invokeExact("x") : (String) SITE_INVOKER.invokeExact("x");
    }
}
