package io.github.codefind.patch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.codefind.Codefind;
import io.github.codefind.CodeRegistry;
import io.github.codefind.conform.CodeUnit;
import io.github.codefind.conform.LambdaUnit;
import io.github.codefind.conform.MethodUnit;
import io.github.codefind.testing.Sandbox;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which loaded code lives at which file and line, kept current by patches. */
class CodeRegistryTest {
    private static final String SOURCE = String.join("\n",
            "package reg;",                                                   // 1
            "import java.util.function.Supplier;",                            // 2
            "public class Where {",                                           // 3
            "    static Supplier<String> lambda;",                            // 4
            "    public static Object run() {",                               // 5
            "        lambda = () ->",                                         // 6
            "            \"in a lambda\";",                                   // 7
            "        Object anon = new Object() {",                           // 8
            "            @Override public String toString() { return \"anon\"; }", // 9
            "        };",                                                     // 10
            "        return new Nested().value() + anon + lambda.get();",     // 11
            "    }",                                                          // 12
            "    static class Nested {",                                      // 13
            "        String value() { return \"nested\"; }",                  // 14
            "    }",                                                          // 15
            "}");

    private final CodeRegistry registry = Codefind.registry();

    @Test
    void unitsByFileLineAndName() {
        Sandbox s = Sandbox.of(Map.of("reg/Where.java", SOURCE));
        s.call("reg.Where", "run");
        String file = "/home/me/project/src/main/java/reg/Where.java";
        List<CodeUnit> units = registry.unitsIn(file);
        List<String> names = units.stream().map(Object::toString).toList();
        assertTrue(names.contains("reg.Where"), names.toString());
        assertTrue(names.contains("reg.Where$Nested"), names.toString());
        assertTrue(names.contains("reg.Where$1"), names.toString());
        assertTrue(names.contains("reg.Where.run()Ljava/lang/Object;"), names.toString());

        CodeUnit atLambda = registry.unitAt(file, 7).orElseThrow();
        assertTrue(atLambda instanceof LambdaUnit, atLambda.toString());
        assertEquals("reg.Where.run()Ljava/lang/Object;", registry.unitAt(file, 11).orElseThrow().toString());
        assertEquals("reg.Where$1.toString()Ljava/lang/String;", registry.unitAt("reg/Where.java", 9).orElseThrow().toString());
        assertEquals("reg.Where$Nested.value()Ljava/lang/String;", registry.unitAt(file, 14).orElseThrow().toString());
        assertTrue(registry.unitAt(file, 2).isEmpty(), "no code on an import line");

        assertEquals(List.of("reg.Where$Nested"), registry.find("reg.Where.Nested").stream().map(Object::toString).toList());
        List<CodeUnit> run = registry.find("reg.Where.run");
        assertEquals(1, run.size());
        assertEquals(11, run.get(0).source().orElseThrow().lastLine());
        assertEquals("reg/Where.java", run.get(0).source().orElseThrow().file());
        assertEquals(run, registry.find("reg.Where.run()Ljava/lang/Object;"));
        assertTrue(((MethodUnit) registry.find("reg.Where.<init>").get(0)).isConstructor());
    }

    @Test
    void aPatchMovesTheLines() {
        Sandbox s = Sandbox.of(Map.of("reg/Where.java", SOURCE.replace("package reg;", "package reg2;")));
        s.call("reg2.Where", "run");
        assertEquals(14, registry.find("reg2.Where.Nested.value").get(0).source().orElseThrow().firstLine());
        s.patchOrFail(Map.of("reg/Where.java", SOURCE.replace("package reg;", "package reg2;")
                .replace("public class Where {", "public class Where {\n\n")));
        assertEquals(16, registry.find("reg2.Where.Nested.value").get(0).source().orElseThrow().firstLine());
        assertEquals(16, registry.unitAt("reg2/Where.java", 16).map(u -> u.source().orElseThrow().firstLine()).orElse(0));
    }
}
