package io.github.codefind.patch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.codefind.Codefind;
import io.github.codefind.PatchResult;
import io.github.codefind.testing.Javac;
import io.github.codefind.testing.Sandbox;
import java.lang.ref.WeakReference;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Added fields on a stock JDK (issue 8): they live in companion classes, static ones as static fields,
 * instance ones in per-object weak side storage. New objects are initialised as declared; objects made
 * before the patch get the declared initial value where it can be computed without them, otherwise the
 * default, and the patch says which. What cannot be done soundly is refused whole.
 */
class StructuralFieldTest {

    // a. An instance field with a constant initializer, on objects made before and after the patch.

    private static final String TALLY = String.join("\n",
            "package f8a;",
            "public class Tally {",
            "    static final Tally OLD = new Tally();",
            "    static final Tally OTHER = new Tally();",
            "    private int count;",
            "    public int add() { return ++count; }",
            "    public static Object tick() { return OLD.add(); }",
            "    public static Object other() { return OTHER.add(); }",
            "    public static Object fresh() { Tally t = new Tally(); t.add(); return t.add(); }",
            "}");

    @Test
    void anAddedInstanceFieldStartsAtItsDeclaredValueOnOldAndNewObjects() {
        Sandbox s = Sandbox.of(Map.of("f8a/Tally.java", TALLY));
        assertEquals(1, s.call("f8a.Tally", "tick"));
        PatchResult r = s.patchOrFail(Map.of("f8a/Tally.java", TALLY
                .replace("    private int count;", "    private int count;\n    private int bonus = 100;")
                .replace("return ++count;", "bonus += 10; return ++count + bonus;")));
        assertEquals(2 + 110, s.call("f8a.Tally", "tick"), "the old object got the declared 100, then kept state");
        assertEquals(3 + 120, s.call("f8a.Tally", "tick"), "the write stuck");
        assertEquals(1 + 110, s.call("f8a.Tally", "other"), "each object has its own value");
        assertEquals(2 + 120, s.call("f8a.Tally", "fresh"), "a new object is initialised by its constructor");
        assertTrue(r.notes().stream().anyMatch(n -> n.contains("f8a.Tally.bonus") && n.contains("declared")),
                r.notes().toString());
    }

    // b. A field assigned from a constructor argument: old objects get the default, and the patch says so.

    private static final String PERSON = String.join("\n",
            "package f8b;",
            "public class Person {",
            "    static final Person OLD = new Person(\"ada\");",
            "    private final String name;",
            "    public Person(String name) { this.name = name; }",
            "    public String describe() { return name; }",
            "    public static Object old() { return OLD.describe(); }",
            "    public static Object fresh() { return new Person(\"bob\").describe(); }",
            "}");

    @Test
    void aFieldAssignedFromAConstructorArgumentIsDefaultOnOldObjectsAndReported() {
        Sandbox s = Sandbox.of(Map.of("f8b/Person.java", PERSON));
        assertEquals("ada", s.call("f8b.Person", "old"));
        PatchResult r = s.patchOrFail(Map.of("f8b/Person.java", PERSON
                .replace("    private final String name;", "    private final String name;\n    private final String title;")
                .replace("{ this.name = name; }", "{ this.name = name; this.title = name.toUpperCase(); }")
                .replace("return name;", "return name + \"/\" + title;")));
        assertEquals("ada/null", s.call("f8b.Person", "old"));
        assertEquals("bob/BOB", s.call("f8b.Person", "fresh"));
        assertTrue(r.notes().stream().anyMatch(n -> n.contains("f8b.Person.title") && n.contains("null")
                && n.contains("constructor")), r.notes().toString());
    }

    // c. Each old object gets its own fresh initial value (an initializer that makes an object).

    private static final String BAG = String.join("\n",
            "package f8c;",
            "public class Bag {",
            "    static final Bag A = new Bag();",
            "    static final Bag B = new Bag();",
            "    public static Object put(String x) { return x; }",
            "}");

    @Test
    void oldObjectsEachGetTheirOwnInitialObject() {
        Sandbox s = Sandbox.of(Map.of("f8c/Bag.java", BAG));
        assertEquals("x", s.call("f8c.Bag", "put", "x"));
        s.patchOrFail(Map.of("f8c/Bag.java", BAG
                .replace("    public static Object put", "    private final java.util.List<String> items = new java.util.ArrayList<>();\n"
                        + "    public static Object put")
                .replace("return x;", "A.items.add(x); return A.items + \" \" + B.items;")));
        assertEquals("[x] []", s.call("f8c.Bag", "put", "x"));
        assertEquals("[x, y] []", s.call("f8c.Bag", "put", "y"));
    }

    // d. A static field, initialised as declared through a private method, keeps its value across patches.

    private static final String CACHE = String.join("\n",
            "package f8d;",
            "public class Cache {",
            "    private static int seed() { return 7; }",
            "    public static Object get(String k) { return k; }",
            "}");

    @Test
    void anAddedStaticFieldIsInitialisedAsDeclaredAndKeepsItsValueAcrossPatches() {
        Sandbox s = Sandbox.of(Map.of("f8d/Cache.java", CACHE));
        assertEquals("k", s.call("f8d.Cache", "get", "k"));
        String withMap = CACHE
                .replace("    public static Object get", "    private static final java.util.Map<String, Integer> SEEN ="
                        + " new java.util.HashMap<>();\n    private static int base = seed() * 6;\n"
                        + "    public static Object get")
                .replace("return k;", "return SEEN.merge(k, base, Integer::sum);");
        s.patchOrFail(Map.of("f8d/Cache.java", withMap));
        assertEquals(42, s.call("f8d.Cache", "get", "k"));
        assertEquals(84, s.call("f8d.Cache", "get", "k"));
        s.patchOrFail(Map.of("f8d/Cache.java", withMap.replace("Integer::sum", "(a, b) -> a + b + 1")));
        assertEquals(127, s.call("f8d.Cache", "get", "k"), "the map kept its entries through a second patch");
    }

    // e. Side storage is by identity, not equals, and never keeps an object alive.

    private static final String POINT = String.join("\n",
            "package f8e;",
            "public class Point {",
            "    final int x;",
            "    public Point(int x) { this.x = x; }",
            "    @Override public boolean equals(Object o) { return o instanceof Point && ((Point) o).x == x; }",
            "    @Override public int hashCode() { return x; }",
            "    public static Object twoEqualPoints() { return 0; }",
            "    public static Object made() { return new Point(1); }",
            "}");

    @Test
    void sideStorageIsByIdentityAndWeak() throws Exception {
        Sandbox s = Sandbox.of(Map.of("f8e/Point.java", POINT));
        assertEquals(0, s.call("f8e.Point", "twoEqualPoints"));
        s.patchOrFail(Map.of("f8e/Point.java", POINT
                .replace("    final int x;", "    final int x;\n    int visits;")
                .replace("return 0;", "Point a = new Point(1), b = new Point(1); a.visits = 5; b.visits = 2;"
                        + " return a.visits * 10 + b.visits;")
                .replace("return new Point(1);", "Point p = new Point(1); p.visits = 3; return p;")));
        assertEquals(52, s.call("f8e.Point", "twoEqualPoints"), "equal objects keep their own values");
        WeakReference<Object> ref = new WeakReference<>(s.call("f8e.Point", "made"));
        for (int i = 0; i < 50 && ref.get() != null; i++) {
            System.gc();
            Thread.sleep(10);
        }
        assertNull(ref.get(), "the side storage does not keep its object alive");
    }

    // f. Removed, retyped and re-added fields; a field reached through a subclass.

    private static final String BASE = String.join("\n",
            "package f8f;",
            "public class Base {",
            "    protected int hits;",
            "    public static Object hit() { return 0; }",
            "}");
    private static final String LEAF = String.join("\n",
            "package f8f;",
            "public class Leaf extends Base {",
            "    static final Leaf OLD = new Leaf();",
            "    public Object touch() { return hits; }",
            "    public static Object poke() { return OLD.touch(); }",
            "}");

    @Test
    void fieldsAddedToASuperclassAreReachedThroughTheSubclassAndMayBeRemovedAndRetyped() {
        Sandbox s = Sandbox.of(Map.of("f8f/Base.java", BASE, "f8f/Leaf.java", LEAF));
        assertEquals(0, s.call("f8f.Leaf", "poke"));
        s.patchOrFail(Map.of("f8f/Base.java", BASE.replace("    protected int hits;",
                "    protected int hits;\n    protected String label = \"base\";"),
                "f8f/Leaf.java", LEAF.replace("return hits;", "label = label + \"!\"; return label;")));
        assertEquals("base!", s.call("f8f.Leaf", "poke"), "Leaf's code names Leaf.label, added to Base");
        s.patchOrFail(Map.of("f8f/Base.java", BASE.replace("    protected int hits;", ""),
                "f8f/Leaf.java", LEAF.replace("return hits;", "return \"no hits\";")));
        assertEquals("no hits", s.call("f8f.Leaf", "poke"), "a removed field stays in the JVM, unused");
        s.patchOrFail(Map.of("f8f/Base.java", BASE.replace("    protected int hits;", "    protected long hits = 40;"),
                "f8f/Leaf.java", LEAF.replace("return hits;", "hits += 2; return hits;")));
        assertEquals(42L, s.call("f8f.Leaf", "poke"), "the retyped field is a new one, at its declared value");
    }

    // g. Rejections: a retyped field that unpatched code still uses, an enum constant, changed modifiers.

    private static final String HOLDER = String.join("\n",
            "package f8g;",
            "public class Holder {",
            "    public static int level = 1;",
            "    public static Object level() { return level; }",
            "}");
    private static final String READER = String.join("\n",
            "package f8g;",
            "public class Reader {",
            "    public static Object read() { return Holder.level; }",
            "}");

    @Test
    void aRetypedFieldThatUnpatchedCodeStillUsesIsRefused() {
        Sandbox s = Sandbox.of(Map.of("f8g/Holder.java", HOLDER, "f8g/Reader.java", READER));
        assertEquals(1, s.call("f8g.Reader", "read"));
        assertEquals(1, s.call("f8g.Holder", "level"));
        // As when a build tool recompiles only the edited file: Reader's class file still reads level:I.
        byte[] holder = Javac.compile(Map.of("f8g/Holder.java", HOLDER.replace("int level = 1", "long level = 1"),
                "f8g/Reader.java", READER)).get("f8g/Holder");
        PatchResult r = Codefind.patch(s.loader(), Map.of("f8g/Holder", holder));
        StructuralEditTest.assertRejected(r, "f8g.Holder", "level");
        assertTrue(r.rejections().get(0).reason().contains("f8g.Reader"), r.rejections().toString());
        assertEquals(1, s.call("f8g.Holder", "level"), "nothing changed");
        s.patchOrFail(Map.of("f8g/Holder.java", HOLDER.replace("int level = 1", "long level = 1")));
        assertEquals(1L, s.call("f8g.Reader", "read"), "with its user in the patch, the retyped field applies");
    }

    private static final String COLOR = String.join("\n",
            "package f8h;",
            "public enum Color {",
            "    RED;",
            "    public static Object count() { return values().length; }",
            "}");

    @Test
    void anAddedEnumConstantIsRefused() {
        Sandbox s = Sandbox.of(Map.of("f8h/Color.java", COLOR));
        assertEquals(1, s.call("f8h.Color", "count"));
        StructuralEditTest.assertRejected(s.patch(Map.of("f8h/Color.java", COLOR.replace("RED;", "RED, GREEN;"))), "f8h.Color", "GREEN");
        assertEquals(1, s.call("f8h.Color", "count"));
    }

    private static final String FLAGS = String.join("\n",
            "package f8i;",
            "public class Flags {",
            "    static int mode = 3;",
            "    public static Object mode() { return mode; }",
            "}");

    @Test
    void changedFieldModifiersAreRefusedButAnAddedFinalIsNot() {
        Sandbox s = Sandbox.of(Map.of("f8i/Flags.java", FLAGS));
        assertEquals(3, s.call("f8i.Flags", "mode"));
        StructuralEditTest.assertRejected(s.patch(Map.of("f8i/Flags.java", FLAGS.replace("static int mode = 3;", "int mode = 3;")
                .replace("return mode;", "return new Flags().mode;"))), "f8i.Flags", "mode");
        s.patchOrFail(Map.of("f8i/Flags.java", FLAGS.replace("static int mode", "static final int mode")
                .replace("return mode;", "return mode + 1;")));
        assertEquals(4, s.call("f8i.Flags", "mode"), "adding final changes nothing the JVM must know");
    }

    // h. Fields added in two patches, used by a lambda and an added method; reflection does not see them.

    private static final String GAME = String.join("\n",
            "package f8j;",
            "public class Game {",
            "    static final Game OLD = new Game();",
            "    public static Object play() { return 0; }",
            "}");

    @Test
    void fieldsAddedByTwoPatchesWorkTogetherFromLambdasAndAddedMethods() throws Exception {
        Sandbox s = Sandbox.of(Map.of("f8j/Game.java", GAME));
        assertEquals(0, s.call("f8j.Game", "play"));
        String first = GAME.replace("    public static Object play()", "    int score = 1;\n"
                + "    public static Object play()").replace("return 0;", "return OLD.score;");
        s.patchOrFail(Map.of("f8j/Game.java", first));
        assertEquals(1, s.call("f8j.Game", "play"));
        String second = first.replace("    int score = 1;", "    int score = 1;\n    int lives = 3;\n"
                + "    private int total() { java.util.function.IntSupplier f = () -> score * lives; return f.getAsInt(); }")
                .replace("return OLD.score;", "OLD.score++; return new Game().total() * 100 + OLD.total();");
        s.patchOrFail(Map.of("f8j/Game.java", second));
        assertEquals(3 * 100 + 6, s.call("f8j.Game", "play"));
        assertEquals(3 * 100 + 9, s.call("f8j.Game", "play"));
        Class<?> game = s.load("f8j.Game");
        assertThrows(NoSuchFieldException.class, () -> game.getDeclaredField("score"),
                "reflection sees the class as the JVM has it");
        assertFalse(Arrays.stream(game.getDeclaredFields()).anyMatch(f -> f.getName().equals("lives")));
    }

    // i. An initializer with a side effect runs once per object: in the constructor for a new object,
    // on first use for an old one.

    private static final String TICKET = String.join("\n",
            "package f8k;",
            "public class Ticket {",
            "    static final Ticket OLD = new Ticket();",
            "    static int made;",
            "    public static Object issue() { new Ticket(); return made; }",
            "    public static Object old() { return made; }",
            "}");

    @Test
    void anInitializerRunsOncePerObject() {
        Sandbox s = Sandbox.of(Map.of("f8k/Ticket.java", TICKET));
        assertEquals(0, s.call("f8k.Ticket", "issue"));
        s.patchOrFail(Map.of("f8k/Ticket.java", TICKET
                .replace("    static int made;", "    static int made;\n    final int id = ++made;")
                .replace("new Ticket(); return made;", "Ticket t = new Ticket(); return t.id + \"/\" + made;")
                .replace("return made;", "return OLD.id + \"/\" + made;")));
        assertEquals("1/1", s.call("f8k.Ticket", "issue"), "a new object's initializer ran in its constructor only");
        assertEquals("2/2", s.call("f8k.Ticket", "old"), "the old object's ran once, on first use");
        assertEquals("2/2", s.call("f8k.Ticket", "old"), "and never again");
    }


    // j. A class loaded after the patch that has a field of the same name and type as an added one: the
    // rewriting at load time reads class files, never loads the class being loaded.

    private static final String SCORE = String.join("\n",
            "package f8l;",
            "public class Score {",
            "    public static Object get() { return 0; }",
            "}");
    private static final String OTHER = String.join("\n",
            "package f8l;",
            "public class Other {",
            "    int hits;",
            "    public static Object bump() { Other o = new Other(); o.hits += 5; return o.hits; }",
            "}");

    @Test
    void aClassLoadedLaterWithAFieldOfTheSameKeyLoadsAsItIs() throws Exception {
        Sandbox s = Sandbox.of(Map.of("f8l/Score.java", SCORE));
        assertEquals(0, s.call("f8l.Score", "get"));
        s.patchOrFail(Map.of("f8l/Score.java", SCORE.replace("    public static Object get() { return 0; }",
                "    static int hits = 1;\n    public static Object get() { return hits; }")));
        assertEquals(1, s.call("f8l.Score", "get"));
        // A parallel-capable loader, as the application class loader is: loading a class from within its
        // own loading would define it twice there.
        Path dir = Files.createTempDirectory("codefind-f8l");
        Files.createDirectories(dir.resolve("f8l"));
        Files.write(dir.resolve("f8l/Other.class"), Javac.compile(Map.of("f8l/Other.java", OTHER)).get("f8l/Other"));
        try (URLClassLoader later = new URLClassLoader(new URL[] {dir.toUri().toURL()}, s.loader())) {
            Object bumped = Class.forName("f8l.Other", true, later).getMethod("bump").invoke(null);
            assertEquals(5, bumped, "loaded only now, with its own field");
        }
    }

    // k. Side storage under concurrent use: lock-free lookups while other threads add and drop entries.

    private static final String CELL = String.join("\n",
            "package f8m;",
            "public class Cell {",
            "    public static Object stress(int seed) { return 0; }",
            "}");

    @Test
    void sideStorageKeepsEachObjectsValueUnderConcurrentUse() throws Exception {
        Sandbox s = Sandbox.of(Map.of("f8m/Cell.java", CELL));
        assertEquals(0, s.call("f8m.Cell", "stress", 0));
        s.patchOrFail(Map.of("f8m/Cell.java", CELL.replace("public static Object stress(int seed) { return 0; }",
                String.join("\n",
                        "    long tag;",
                        "    public static Object stress(int seed) {",
                        "        int wrong = 0;",
                        "        for (int round = 0; round < 20; round++) {",
                        "            Cell[] cells = new Cell[500];",
                        "            for (int i = 0; i < cells.length; i++) { cells[i] = new Cell(); cells[i].tag = seed * 1_000_000L + i; }",
                        "            for (int i = 0; i < cells.length; i++) { if (cells[i].tag != seed * 1_000_000L + i) wrong++; }",
                        "        }",
                        "        return wrong;",
                        "    }"))));
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<Object>> runs = new java.util.ArrayList<>();
            for (int t = 1; t <= 8; t++) {
                int seed = t;
                runs.add(pool.submit(() -> s.call("f8m.Cell", "stress", seed)));
            }
            for (java.util.concurrent.Future<Object> run : runs) {
                assertEquals(0, run.get(), "every object read back its own value");
            }
        } finally {
            pool.shutdownNow();
        }
    }

    // l. Fields added to an interface: a constant, and a static field its new static initializer sets.

    private static final String LIMITS = String.join("\n",
            "package f8n;",
            "public interface Limits {",
            "    int MAX = 3;",
            "}");
    private static final String USER = String.join("\n",
            "package f8n;",
            "public class User implements Limits {",
            "    public static Object max() { return MAX; }",
            "}");

    @Test
    void fieldsAddedToAnInterfaceWork() {
        Sandbox s = Sandbox.of(Map.of("f8n/Limits.java", LIMITS, "f8n/User.java", USER));
        assertEquals(3, s.call("f8n.User", "max"));
        PatchResult r = s.patchOrFail(Map.of("f8n/Limits.java", LIMITS.replace("    int MAX = 3;",
                "    int MAX = 3;\n    String NAME = \"limits\";\n    java.util.List<String> UNITS = java.util.List.of(\"kg\", \"m\");"),
                "f8n/User.java", USER.replace("return MAX;", "return NAME + MAX + UNITS;")));
        assertEquals("limits3[kg, m]", s.call("f8n.User", "max"));
        assertTrue(r.notes().stream().anyMatch(n -> n.contains("f8n.Limits.UNITS")), r.notes().toString());
    }

    // m. An instance field made non-final: the JVM keeps it final, writes go through a setter. A static
    // final field made non-final is refused.

    private static final String CAR = String.join("\n",
            "package f8o;",
            "public class Car {",
            "    static final Car OLD = new Car();",
            "    static final Object MAKER = new Object();",
            "    private final int speed = 5;",
            "    public static Object speed() { return OLD.speed; }",
            "    public static Object faster() { return 0; }",
            "}");

    @Test
    void anInstanceFieldMadeNonFinalCanBeWrittenByNewCode() {
        Sandbox s = Sandbox.of(Map.of("f8o/Car.java", CAR));
        assertEquals(5, s.call("f8o.Car", "speed"));
        String writable = CAR.replace("private final int speed = 5;", "private int speed = 5;")
                .replace("public static Object faster() { return 0; }", "public static Object faster() {"
                        + " OLD.speed += 10; Car fresh = new Car(); fresh.speed++; return OLD.speed + \"/\" + fresh.speed; }");
        PatchResult r = s.patchOrFail(Map.of("f8o/Car.java", writable));
        assertEquals("15/6", s.call("f8o.Car", "faster"));
        assertEquals(15, s.call("f8o.Car", "speed"), "the same field, written on the object made before the patch");
        assertTrue(r.notes().stream().anyMatch(n -> n.contains("f8o.Car.speed is no longer final")), r.notes().toString());
        s.patchOrFail(Map.of("f8o/Car.java", writable.replace("OLD.speed += 10;", "OLD.speed += 100;")));
        assertEquals("115/6", s.call("f8o.Car", "faster"), "a later patch keeps routing the writes");
        StructuralEditTest.assertRejected(s.patch(Map.of("f8o/Car.java", writable.replace(
                "static final Object MAKER", "static Object MAKER"))), "f8o.Car", "MAKER");
    }

    // n. An added field with a framework's annotation is refused: reflection, which frameworks inject and
    // bind through, cannot see it, so it would stay null. JDK annotations are fine.

    private static final String INJECT = String.join("\n",
            "package f8p;",
            "import java.lang.annotation.*;",
            "@Retention(RetentionPolicy.RUNTIME) @Target(ElementType.FIELD) @interface Inject {}",
            "public class Service {",
            "    public static Object run() { return 1; }",
            "}");

    @Test
    void anAddedFieldWithAFrameworkAnnotationIsRefused() {
        Sandbox s = Sandbox.of(Map.of("f8p/Service.java", INJECT));
        assertEquals(1, s.call("f8p.Service", "run"));
        PatchResult r = s.patch(Map.of("f8p/Service.java", INJECT.replace("public class Service {",
                "public class Service {\n    @Inject Object repository;")));
        StructuralEditTest.assertRejected(r, "f8p.Service", "f8p.Inject");
        s.patchOrFail(Map.of("f8p/Service.java", INJECT.replace("public class Service {",
                "public class Service {\n    @Deprecated static int legacy = 2;").replace("return 1;", "return legacy;")));
        assertEquals(2, s.call("f8p.Service", "run"), "a JDK annotation does not stop it");
    }
}
