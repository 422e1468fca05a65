package io.github.codefind.patch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.codefind.PatchResult;
import io.github.codefind.Rejection;
import io.github.codefind.testing.Sandbox;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Structural edits on a stock JDK (issue 8): added methods, helpers and lambdas run from companion
 * classes, removed methods throw {@link NoSuchMethodError} naming the patch, and what still cannot be
 * done (overrides, interface methods, constructors) is rejected whole, leaving the old code
 * running. Each test uses its own package so that the sandboxes stay apart.
 */
class StructuralEditTest {

    // a. An added private static helper.

    private static final String CALC = String.join("\n",
            "package s8a;",
            "public class Calc {",
            "    public static Object value() { return 1 + 1; }",
            "}");

    @Test
    void anAddedPrivateStaticHelperRunsFromAPatchedMethod() {
        Sandbox s = Sandbox.of(Map.of("s8a/Calc.java", CALC));
        assertEquals(2, s.call("s8a.Calc", "value"));
        s.patchOrFail(Map.of("s8a/Calc.java", CALC.replace(
                "    public static Object value() { return 1 + 1; }",
                "    public static Object value() { return twice(21); }\n"
                        + "    private static int twice(int x) { return 2 * x; }")));
        assertEquals(42, s.call("s8a.Calc", "value"));
    }

    // b. An added private instance helper using a private field of an object made before the patch.

    private static final String COUNTER = String.join("\n",
            "package s8b;",
            "public class Counter {",
            "    static final Counter MADE_BEFORE_THE_PATCH = new Counter();",
            "    private int count;",
            "    public int next() { return ++count; }",
            "    public static Object tick() { return MADE_BEFORE_THE_PATCH.next(); }",
            "}");

    @Test
    void anAddedInstanceHelperReadsAndWritesTheFieldsOfAnExistingObject() {
        Sandbox s = Sandbox.of(Map.of("s8b/Counter.java", COUNTER));
        assertEquals(1, s.call("s8b.Counter", "tick"));
        assertEquals(2, s.call("s8b.Counter", "tick"));
        s.patchOrFail(Map.of("s8b/Counter.java", COUNTER.replace(
                "    public int next() { return ++count; }",
                "    public int next() { return bump(10); }\n"
                        + "    private int bump(int by) { count += by; return count; }")));
        assertEquals(12, s.call("s8b.Counter", "tick"), "the field kept its value and the helper wrote it");
        assertEquals(22, s.call("s8b.Counter", "tick"), "the write stuck");
    }

    // c. An added public method of one class, called from another class of the same patch.

    private static final String ACCOUNT = String.join("\n",
            "package s8c;",
            "public class Account {",
            "    private int balance = 10;",
            "    public int balance() { return balance; }",
            "}");
    private static final String TELLER = String.join("\n",
            "package s8c;",
            "public class Teller {",
            "    public static Object report() { return new Account().balance(); }",
            "}");

    @Test
    void anAddedPublicMethodIsCalledFromAnotherClassOfTheSamePatch() {
        Sandbox s = Sandbox.of(Map.of("s8c/Account.java", ACCOUNT, "s8c/Teller.java", TELLER));
        assertEquals(10, s.call("s8c.Teller", "report"), "loads both classes");
        s.patchOrFail(Map.of(
                "s8c/Account.java", ACCOUNT.replace(
                        "    public int balance() { return balance; }",
                        "    public int balance() { return balance; }\n"
                                + "    public String describe() { return \"balance \" + balance; }"),
                "s8c/Teller.java", TELLER.replace("new Account().balance()", "new Account().describe()")));
        assertEquals("balance 10", s.call("s8c.Teller", "report"));
    }

    // d. An added lambda capturing a local and this; lambdas made before the patch keep their bodies.

    private static final String GREETER = String.join("\n",
            "package s8d;",
            "import java.util.function.Supplier;",
            "public class Greeter {",
            "    static Supplier<String> madeBeforeThePatch;",
            "    private final String name;",
            "    public Greeter(String name) { this.name = name; }",
            "    public Supplier<String> make() {",
            "        Supplier<String> old = () -> \"hello \" + name;",
            "        return old;",
            "    }",
            "    public static Object keep() { madeBeforeThePatch = new Greeter(\"ann\").make(); return show(); }",
            "    public static Object show() { return madeBeforeThePatch.get(); }",
            "    public static Object fresh() { return new Greeter(\"bob\").make().get(); }",
            "}");

    @Test
    void anAddedLambdaCapturingALocalAndThisRunsAndOldLambdaObjectsKeepTheirBodies() {
        Sandbox s = Sandbox.of(Map.of("s8d/Greeter.java", GREETER));
        assertEquals("hello ann", s.call("s8d.Greeter", "keep"));
        // The new lambdas come first, so javac renumbers the old one.
        s.patchOrFail(Map.of("s8d/Greeter.java", GREETER.replace(
                "        Supplier<String> old = () -> \"hello \" + name;\n        return old;",
                "        String suffix = \"!\";\n"
                        + "        Supplier<String> added = () -> \"hi \" + this.name + suffix;\n"
                        + "        Supplier<String> old = () -> \"hello \" + name;\n"
                        + "        return () -> added.get() + \", \" + old.get();")));
        assertEquals("hello ann", s.call("s8d.Greeter", "show"), "a lambda object made before the patch");
        assertEquals("hi bob!, hello bob", s.call("s8d.Greeter", "fresh"), "the added lambdas");
    }

    // e. An added method that contains a lambda.

    private static final String WORDS = String.join("\n",
            "package s8e;",
            "import java.util.List;",
            "public class Words {",
            "    public static Object value() { return String.join(\" \", List.of(\"a\", \"b\")); }",
            "}");

    @Test
    void anAddedMethodContainingALambdaRuns() {
        Sandbox s = Sandbox.of(Map.of("s8e/Words.java", WORDS));
        assertEquals("a b", s.call("s8e.Words", "value"));
        s.patchOrFail(Map.of("s8e/Words.java", WORDS
                .replace("import java.util.List;", "import java.util.List;\nimport java.util.stream.Collectors;")
                .replace("return String.join(\" \", List.of(\"a\", \"b\"));", "return shout(List.of(\"a\", \"b\"));")
                .replace("\n}", "\n    private static String shout(List<String> words) {\n"
                        + "        return words.stream().map(w -> w.toUpperCase() + \"!\")"
                        + ".collect(Collectors.joining(\" \"));\n"
                        + "    }\n}")));
        assertEquals("A! B!", s.call("s8e.Words", "value"));
    }

    // f. A removed method throws NoSuchMethodError naming the patch.

    private static final String OLD = String.join("\n",
            "package s8f;",
            "public class Old {",
            "    public static Object value() { return \"kept \" + gone(); }",
            "    public static String gone() { return \"gone\"; }",
            "}");

    @Test
    void aRemovedMethodThrowsNoSuchMethodErrorNamingThePatch() throws Exception {
        Sandbox s = Sandbox.of(Map.of("s8f/Old.java", OLD));
        Method gone = s.load("s8f.Old").getMethod("gone");
        assertEquals("gone", gone.invoke(null));
        PatchResult r = s.patchOrFail(Map.of("s8f/Old.java", OLD
                .replace("return \"kept \" + gone();", "return \"kept\";")
                .replace("    public static String gone() { return \"gone\"; }\n", "")));
        long id = r.patch().orElseThrow().id();
        assertEquals("kept", s.call("s8f.Old", "value"));
        InvocationTargetException e = assertThrows(InvocationTargetException.class, () -> gone.invoke(null));
        NoSuchMethodError error = assertInstanceOf(NoSuchMethodError.class, e.getCause());
        String message = String.valueOf(error.getMessage());
        assertTrue(message.contains("Old"), message);
        assertTrue(message.contains("gone"), message);
        assertTrue(message.contains("patch #" + id), message);
    }

    // f2. The error keeps naming the patch that removed the method, through any number of later patches; a
    // method put back and removed again names the patch that removed it the second time.

    private static final String KEPT = String.join("\n",
            "package s8q;",
            "public class Kept {",
            "    public static Object value() { return \"v0\"; }",
            "    public static String gone() { return \"gone\"; }",
            "}");

    @Test
    void aRemovedMethodNamesThePatchThatRemovedItThroughLaterPatches() throws Exception {
        Sandbox s = Sandbox.of(Map.of("s8q/Kept.java", KEPT));
        Method gone = s.load("s8q.Kept").getMethod("gone");
        String without = KEPT.replace("    public static String gone() { return \"gone\"; }\n", "");
        long removedBy = s.patchOrFail(Map.of("s8q/Kept.java", without)).patch().orElseThrow().id();
        long later = 0;
        for (int i = 1; i <= 3; i++) {
            later = s.patchOrFail(Map.of("s8q/Kept.java", without.replace("\"v0\"", "\"v" + i + "\""))).patch()
                    .orElseThrow().id();
            assertEquals("v" + i, s.call("s8q.Kept", "value"));
            assertEquals("s8q.Kept.gone()Ljava/lang/String; was removed by codefind patch #" + removedBy,
                    removedMessage(gone), "after the unrelated patch #" + later);
        }
        s.patchOrFail(Map.of("s8q/Kept.java", KEPT.replace("return \"gone\";", "return \"back\";")));
        assertEquals("back", gone.invoke(null), "put back");
        long again = s.patchOrFail(Map.of("s8q/Kept.java", without)).patch().orElseThrow().id();
        s.patchOrFail(Map.of("s8q/Kept.java", without.replace("\"v0\"", "\"v9\"")));
        assertTrue(again > later, again + " after " + later);
        assertEquals("s8q.Kept.gone()Ljava/lang/String; was removed by codefind patch #" + again, removedMessage(gone));
    }

    /** @return the message of the {@link NoSuchMethodError} a removed method throws, up to its advice */
    private static String removedMessage(Method removed) {
        InvocationTargetException e = assertThrows(InvocationTargetException.class, () -> removed.invoke(null));
        String message = assertInstanceOf(NoSuchMethodError.class, e.getCause()).getMessage();
        return message.substring(0, message.indexOf(';', message.indexOf("was removed")));
    }

    // g. Added, removed, then added again with another body.

    private static final String CYCLE = String.join("\n",
            "package s8g;",
            "public class Cycle {",
            "    public static Object value() { return \"base\"; }",
            "}");

    @Test
    void aMethodCanBeAddedRemovedAndAddedAgainWithAnotherBody() {
        Sandbox s = Sandbox.of(Map.of("s8g/Cycle.java", CYCLE));
        assertEquals("base", s.call("s8g.Cycle", "value"));
        String withHelper = CYCLE.replace("return \"base\"; }",
                "return helper(); }\n    private static String helper() { return \"one\"; }");
        s.patchOrFail(Map.of("s8g/Cycle.java", withHelper));
        assertEquals("one", s.call("s8g.Cycle", "value"), "added");
        s.patchOrFail(Map.of("s8g/Cycle.java", CYCLE.replace("\"base\"", "\"none\"")));
        assertEquals("none", s.call("s8g.Cycle", "value"), "removed");
        s.patchOrFail(Map.of("s8g/Cycle.java", withHelper.replace("\"one\"", "\"two\"")));
        assertEquals("two", s.call("s8g.Cycle", "value"), "added again");
    }

    // h. A later patch changes the body of a method an earlier patch added.

    private static final String LATER = String.join("\n",
            "package s8h;",
            "public class Later {",
            "    public static Object value() { return \"base\"; }",
            "}");

    @Test
    void aLaterPatchChangesTheBodyOfAnAddedMethod() {
        Sandbox s = Sandbox.of(Map.of("s8h/Later.java", LATER));
        assertEquals("base", s.call("s8h.Later", "value"));
        String withHelper = LATER.replace("return \"base\"; }",
                "return helper(); }\n    private static String helper() { return \"one\"; }");
        s.patchOrFail(Map.of("s8h/Later.java", withHelper));
        assertEquals("one", s.call("s8h.Later", "value"));
        s.patchOrFail(Map.of("s8h/Later.java", withHelper.replace("\"one\"", "\"two\"")));
        assertEquals("two", s.call("s8h.Later", "value"), "only the added method's body changed");
    }

    // i. An added instance method calling super.

    private static final String BASE = String.join("\n",
            "package s8i;",
            "public class Base {",
            "    public String describe() { return \"base\"; }",
            "}");
    private static final String DERIVED = String.join("\n",
            "package s8i;",
            "public class Derived extends Base {",
            "    @Override public String describe() { return \"derived\"; }",
            "    public static Object value() { return new Derived().describe(); }",
            "}");

    @Test
    void anAddedMethodCallsTheSuperclassVersionOfAnOverriddenMethod() {
        Sandbox s = Sandbox.of(Map.of("s8i/Base.java", BASE, "s8i/Derived.java", DERIVED));
        assertEquals("derived", s.call("s8i.Derived", "value"));
        s.patchOrFail(Map.of("s8i/Derived.java", DERIVED
                .replace("new Derived().describe()", "new Derived().both()")
                .replace("\n}", "\n    private String both() { return super.describe() + \"+\" + describe(); }\n}")));
        assertEquals("base+derived", s.call("s8i.Derived", "value"));
    }

    // j. Stack traces through an added method.

    private static final String THROWER = String.join("\n",
            "package s8j;",
            "public class Thrower {",
            "    public static Object value() { return \"fine\"; }",
            "}");

    @Test
    void aStackTraceThroughAnAddedMethodShowsItsNameFileAndLine() {
        Sandbox s = Sandbox.of(Map.of("s8j/Thrower.java", THROWER));
        assertEquals("fine", s.call("s8j.Thrower", "value"));
        String patched = String.join("\n",
                "package s8j;",
                "public class Thrower {",
                "    public static Object value() { return check(-1); }",
                "",
                "    private static Object check(int n) {",
                "        if (n < 0) {",
                "            throw new IllegalArgumentException(\"negative\");",
                "        }",
                "        return n;",
                "    }",
                "}");
        s.patchOrFail(Map.of("s8j/Thrower.java", patched));
        AssertionError thrown = assertThrows(AssertionError.class, () -> s.call("s8j.Thrower", "value"));
        Throwable cause = assertInstanceOf(IllegalArgumentException.class, thrown.getCause());
        StackTraceElement top = cause.getStackTrace()[0];
        assertEquals("check", top.getMethodName(), top.toString());
        assertEquals("Thrower.java", top.getFileName(), top.toString());
        assertEquals(lineOf(patched, "throw new"), top.getLineNumber(), top.toString());
    }

    // Reflection and added methods.

    private static final String HIDDEN = String.join("\n",
            "package s8m;",
            "public class Hidden {",
            "    public static Object value() { return 1; }",
            "}");

    @Test
    void reflectionDoesNotSeeAddedMethods() {
        Sandbox s = Sandbox.of(Map.of("s8m/Hidden.java", HIDDEN));
        Class<?> type = s.load("s8m.Hidden");
        s.patchOrFail(Map.of("s8m/Hidden.java", HIDDEN.replace("return 1; }",
                "return helper(); }\n    private static int helper() { return 2; }")));
        assertEquals(2, s.call("s8m.Hidden", "value"));
        assertTrue(Arrays.stream(type.getDeclaredMethods()).noneMatch(m -> m.getName().equals("helper")),
                Arrays.toString(type.getDeclaredMethods()));
    }

    // k. What is still rejected.

    private static final String PLAIN = String.join("\n",
            "package s8k1;",
            "public class Plain {",
            "    public static Object value() { return \"plain\"; }",
            "}");

    @Test
    void anAddedOverrideOfAnInheritedMethodIsRejected() {
        Sandbox s = Sandbox.of(Map.of("s8k1/Plain.java", PLAIN));
        assertEquals("plain", s.call("s8k1.Plain", "value"));
        PatchResult r = s.patch(Map.of("s8k1/Plain.java", PLAIN
                .replace("return \"plain\";", "return new Plain().toString();")
                .replace("\n}", "\n    @Override public String toString() { return \"custom\"; }\n}")));
        assertRejected(r, "s8k1.Plain", "toString");
        assertEquals("plain", s.call("s8k1.Plain", "value"), "the old code still runs");
    }

    private static final String SHAPE = String.join("\n",
            "package s8k2;",
            "public interface Shape {",
            "    String name();",
            "}");
    private static final String SQUARE = String.join("\n",
            "package s8k2;",
            "public class Square implements Shape {",
            "    @Override public String name() { return \"square\"; }",
            "    public static Object value() { return new Square().name(); }",
            "}");

    @Test
    void aMethodAddedToAnInterfaceIsRejected() {
        Sandbox s = Sandbox.of(Map.of("s8k2/Shape.java", SHAPE, "s8k2/Square.java", SQUARE));
        assertEquals("square", s.call("s8k2.Square", "value"), "loads both");
        PatchResult r = s.patch(Map.of(
                "s8k2/Shape.java", SHAPE.replace("    String name();",
                        "    String name();\n    default String label() { return \"[\" + name() + \"]\"; }"),
                "s8k2/Square.java", SQUARE.replace("new Square().name()", "new Square().label()")));
        assertRejected(r, "s8k2.Shape", "label");
        assertEquals("square", s.call("s8k2.Square", "value"), "the old code still runs");
    }

    private static final String ANIMAL = String.join("\n",
            "package s8k3;",
            "public class Animal {",
            "    public static Object kind() { return \"animal\"; }",
            "}");
    private static final String DOG = String.join("\n",
            "package s8k3;",
            "public class Dog extends Animal {",
            "    public String speak() { return \"woof\"; }",
            "    public static Object bark() { return new Dog().speak(); }",
            "}");

    @Test
    void anAddedMethodThatALoadedSubclassDeclaresIsRejected() {
        Sandbox s = Sandbox.of(Map.of("s8k3/Animal.java", ANIMAL, "s8k3/Dog.java", DOG));
        assertEquals("woof", s.call("s8k3.Dog", "bark"), "loads both");
        PatchResult r = s.patch(Map.of("s8k3/Animal.java", ANIMAL
                .replace("\"animal\"", "\"ANIMAL\"")
                .replace("\n}", "\n    public String speak() { return \"...\"; }\n}")));
        assertRejected(r, "s8k3.Animal", "speak");
        assertEquals("animal", s.call("s8k3.Animal", "kind"), "the old code still runs");
        assertEquals("woof", s.call("s8k3.Dog", "bark"));
    }

    private static final String BOX = String.join("\n",
            "package s8k4;",
            "public class Box {",
            "    private final int v;",
            "    public Box() { v = 1; }",
            "    public static Object value() { return new Box().v; }",
            "}");

    @Test
    void anAddedConstructorIsRejected() {
        Sandbox s = Sandbox.of(Map.of("s8k4/Box.java", BOX));
        assertEquals(1, s.call("s8k4.Box", "value"));
        PatchResult r = s.patch(Map.of("s8k4/Box.java", BOX
                .replace("    public Box() { v = 1; }", "    public Box() { v = 1; }\n    public Box(int v) { this.v = v; }")
                .replace("new Box().v", "new Box(2).v")));
        assertRejected(r, "s8k4.Box", "<init>", "constructor");
        assertEquals(1, s.call("s8k4.Box", "value"), "the old code still runs");
    }

    // l. A patch with an allowed and a rejected structural edit applies neither.

    private static final String FIRST = String.join("\n",
            "package s8l;",
            "public class First {",
            "    public static Object value() { return \"first \" + Second.value(); }",
            "}");
    private static final String SECOND = String.join("\n",
            "package s8l;",
            "public class Second {",
            "    public static String value() { return \"second\"; }",
            "}");

    @Test
    void aPatchWithOneRejectedClassChangesNoClass() {
        Sandbox s = Sandbox.of(Map.of("s8l/First.java", FIRST, "s8l/Second.java", SECOND));
        assertEquals("first second", s.call("s8l.First", "value"), "loads both");
        String firstWithHelper = FIRST
                .replace("return \"first \" + Second.value();", "return helper() + Second.value();")
                .replace("\n}", "\n    private static String helper() { return \"FIRST \"; }\n}");
        PatchResult r = s.patch(Map.of(
                "s8l/First.java", firstWithHelper,
                "s8l/Second.java", SECOND
                        .replace("public class Second {", "public class Second implements java.io.Serializable {")
                        .replace("\"second\"", "\"SECOND\"")));
        assertFalse(r.applied(), r.summary());
        assertTrue(r.rejections().stream().allMatch(x -> x.className().equals("s8l.Second")),
                r.rejections().toString());
        assertEquals("first second", s.call("s8l.First", "value"), "neither First nor Second changed");
        s.patchOrFail(Map.of("s8l/First.java", firstWithHelper));
        assertEquals("FIRST second", s.call("s8l.First", "value"), "the allowed half applies on its own");
    }

    /** Asserts that a patch was rejected for a class, with a rejection naming the member concerned. */
    // m. New anonymous, local and nested classes: outside the loaded nest, with private access kept.

    private static final String SHOP = String.join("\n",
            "package s8m;",
            "public class Shop {",
            "    static final Shop OLD = new Shop();",
            "    private int stock = 5;",
            "    private static String label(int n) { return \"stock \" + n; }",
            "    private java.util.function.Supplier<String> old = new java.util.function.Supplier<String>() {",
            "        public String get() { return \"old \" + stock; }",
            "    };",
            "    public static Object show() { return OLD.old.get(); }",
            "}");

    @Test
    void newAnonymousLocalAndNestedClassesReachTheirOuterClassesPrivateMembers() {
        Sandbox s = Sandbox.of(Map.of("s8m/Shop.java", SHOP));
        assertEquals("old 5", s.call("s8m.Shop", "show"));
        String patched = SHOP.replace("    public static Object show() { return OLD.old.get(); }", String.join("\n",
                "    public static Object show() {",
                "        java.util.function.Supplier<String> anon = new java.util.function.Supplier<String>() {",
                "            public String get() { OLD.stock++; return label(OLD.stock); }",
                "        };",
                "        class Local { private String twice() { return anon.get() + \",\" + anon.get(); } }",
                "        Counter c = new Counter();",
                "        c.hits += 2;",
                "        return OLD.old.get() + \"|\" + new Local().twice() + \"|\" + c.hits + \"|\" + OLD.sold()",
                "                + new Tag() { }.tag();",
                "    }",
                "    private String sold() { return new Receipt(stock).text; }",
                "    private static class Counter { private int hits = Shop.secret(); }",
                "    private static int secret() { return 40; }",
                "    private class Receipt { private final String text; private Receipt(int n) { text = \"#\" + n + \"/\" + stock; } }",
                "    interface Tag { default String tag() { return wrap(\"t\"); } private String wrap(String s) { return \"<\" + s + \">\"; } }"));
        PatchResult r = s.patchAsRunner(Map.of("s8m/Shop.java", patched));
        assertTrue(r.applied(), r.rejections().toString());
        assertTrue(s.patchAsRunner(Map.of("s8m/Shop.java", patched)).applied(), "the same source again changes nothing");
        assertEquals("old 5|stock 6,stock 7|42|#7/7<t>", s.call("s8m.Shop", "show"));
        assertEquals("old 7|stock 8,stock 9|42|#9/9<t>", s.call("s8m.Shop", "show"), "state is kept between calls");
    }

    private static final String VAULT = String.join("\n",
            "package s8n;",
            "public class Vault {",
            "    private final int code;",
            "    private Vault(int code) { this.code = code; }",
            "    public static Object open(boolean flag) { return \"closed\"; }",
            "}");

    @Test
    void aNewNestedClassCallsAPrivateConstructorOfALoadedClassUnlessItsArgumentsBranch() {
        Sandbox s = Sandbox.of(Map.of("s8n/Vault.java", VAULT));
        assertEquals("closed", s.call("s8n.Vault", "open", true));
        PatchResult r = s.patchAsRunner(Map.of("s8n/Vault.java", VAULT.replace("return \"closed\";",
                "return new Object() { Vault v = new Vault(flag ? 1 : 2); }.v.code;")));
        assertRejected(r, "s8n.Vault$1", "private constructor");
        assertEquals("closed", s.call("s8n.Vault", "open", true), "the old code still runs");
        PatchResult without = s.patch(Map.of("s8n/Vault.java", VAULT.replace("public static Object open(boolean flag) {",
                "static Runnable later() { return new Runnable() { public void run() { } }; }\n"
                        + "    public static Object open(boolean flag) {")));
        assertTrue(without.notes().stream().anyMatch(n -> n.contains("s8n.Vault$1 is a new nested class that is not"
                + " in this patch")), "a patch without the new nested class says what will fail: " + without.notes());
        PatchResult applied = s.patchAsRunner(Map.of("s8n/Vault.java", VAULT.replace("return \"closed\";",
                "int c = flag ? 1 : 2; return new Object() { Vault v = new Vault(c * 7); }.v.code;")));
        assertTrue(applied.applied(), applied.rejections().toString());
        assertEquals(7, s.call("s8n.Vault", "open", true), "made through the private constructor");
        assertEquals(14, s.call("s8n.Vault", "open", false));
    }

    // n2. Each note is said once, by the patch that caused it: a static initializer the source gained, and a
    // new nested class left out of the patch, are not noted again by later patches of the class.

    private static final String ONCE = String.join("\n",
            "package s8r;",
            "public class Once {",
            "    public static Object value() { return 1; }",
            "}");

    @Test
    void eachNoteIsSaidOnceByThePatchThatCausedIt() {
        Sandbox s = Sandbox.of(Map.of("s8r/Once.java", ONCE));
        assertEquals(1, s.call("s8r.Once", "value"));
        String gained = ONCE.replace("public class Once {", "public class Once {\n"
                + "    static { System.getProperties(); }\n"
                + "    static Runnable later() { return new Runnable() { public void run() { } }; }");
        PatchResult first = s.patch(Map.of("s8r/Once.java", gained));
        assertTrue(first.applied(), first.rejections().toString());
        assertEquals(2, first.notes().stream().filter(n -> n.contains("s8r.Once gained a static initializer")
                || n.contains("s8r.Once$1 is a new nested class that is not in this patch")).count(), first.notes().toString());
        for (int i = 2; i <= 3; i++) {
            PatchResult later = s.patch(Map.of("s8r/Once.java", gained.replace("return 1;", "return " + i + ";")));
            assertTrue(later.applied(), later.rejections().toString());
            assertEquals(i, s.call("s8r.Once", "value"));
            assertEquals(List.of(), later.notes(), "a later patch that changes only a body notes nothing");
        }
    }

    // o. Method references to private methods that stayed in the class, from an added method and from
    // a new anonymous class: linked with the class's own privileges.

    private static final String NAMES = String.join("\n",
            "package s8o;",
            "import java.util.List;",
            "import java.util.function.Function;",
            "import java.util.stream.Collectors;",
            "public class Names {",
            "    static final Names OLD = new Names();",
            "    private String prefix = \"mr \";",
            "    private String title(String n) { return prefix + n; }",
            "    private static String shout(String n) { return n.toUpperCase(); }",
            "    public static Object all() { return List.of(\"a\").toString(); }",
            "}");

    @Test
    void methodReferencesToKeptPrivateMethodsWorkFromAddedCode() {
        Sandbox s = Sandbox.of(Map.of("s8o/Names.java", NAMES));
        assertEquals("[a]", s.call("s8o.Names", "all"));
        PatchResult r = s.patchAsRunner(Map.of("s8o/Names.java", NAMES.replace(
                "    public static Object all() { return List.of(\"a\").toString(); }", String.join("\n",
                        "    public static Object all() { return OLD.format(List.of(\"a\", \"b\")) + \" \" + anonymous(); }",
                        "    private String format(List<String> names) {",
                        "        return names.stream().map(this::title).map(Names::shout).collect(Collectors.joining(\",\"));",
                        "    }",
                        "    private static String anonymous() {",
                        "        return new Object() {",
                        "            public String toString() { Function<String, String> f = Names::shout; return f.apply(\"c\"); }",
                        "        }.toString();",
                        "    }"))));
        assertTrue(r.applied(), r.rejections().toString());
        assertEquals("MR A,MR B C", s.call("s8o.Names", "all"));
    }

    // p. The off switch: with -Dcodefind.structural=false, structural edits are refused as a stock JVM would.

    private static final String SWITCH = String.join("\n",
            "package s8p;",
            "public class Switch {",
            "    public static Object value() { return 1; }",
            "}");

    @Test
    void theOffSwitchRefusesStructuralEditsAndNothingChanges() {
        Sandbox s = Sandbox.of(Map.of("s8p/Switch.java", SWITCH));
        assertEquals(1, s.call("s8p.Switch", "value"));
        String structural = SWITCH.replace("    public static Object value() { return 1; }",
                "    static int seen = 40;\n    public static Object value() { return helper() + seen; }\n"
                        + "    private static int helper() { return 2; }");
        System.setProperty("codefind.structural", "false");
        try {
            PatchResult r = s.patchAsRunner(Map.of("s8p/Switch.java", structural));
            assertRejected(r, "s8p.Switch", "helper", "fields");
        } finally {
            System.clearProperty("codefind.structural");
        }
        assertEquals(1, s.call("s8p.Switch", "value"), "nothing changed");
        s.patchOrFail(Map.of("s8p/Switch.java", structural));
        assertEquals(42, s.call("s8p.Switch", "value"), "switched on again, the same edit applies");
    }

    static void assertRejected(PatchResult r, String className, String... memberNames) {
        assertFalse(r.applied(), r.summary());
        List<Rejection> rejections = r.rejections();
        assertTrue(rejections.stream().anyMatch(x -> x.className().equals(className)
                && Arrays.stream(memberNames).anyMatch(n -> x.member().contains(n) || x.reason().contains(n))),
                rejections.toString());
    }

    /** @return the 1-based number of the first line of source containing text */
    private static int lineOf(String source, String text) {
        String[] lines = source.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].contains(text)) {
                return i + 1;
            }
        }
        throw new AssertionError("no line contains " + text);
    }
}
