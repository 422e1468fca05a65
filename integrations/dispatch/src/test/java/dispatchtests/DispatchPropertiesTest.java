package dispatchtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.codefind.testing.Javac;
import io.github.codefind.dispatch.AmbiguousDispatchException;
import io.github.codefind.dispatch.Dispatch;
import io.github.codefind.dispatch.Dispatcher;
import io.github.codefind.dispatch.NoHandlerException;
import dispatchtests.zoo.Zoo;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.Serializable;
import java.lang.reflect.Array;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;

/**
 * Random handler sets over a fixed hierarchy ({@link Zoo}), compiled by javac: for every argument tuple
 * the dispatcher chooses what a brute-force reference chooses ("the unique most specific applicable
 * handler of the highest priority"), reports ambiguity exactly when the reference finds it (naming the
 * same candidates), and refuses to build exactly when two handlers have the same boxed parameter types
 * and priority. The reference shares no code with the dispatcher: it computes supertypes by walking
 * the hierarchy instead of asking {@code isAssignableFrom}.
 */
class DispatchPropertiesTest {
    private static final AtomicInteger CLASSES = new AtomicInteger();
    private static final Map<Class<?>, Class<?>> WRAPPERS = Map.of(int.class, Integer.class, long.class, Long.class);

    /** One generated handler: its name, priority and parameter types. */
    record Spec(String name, int priority, List<Class<?>> parameters) {
        @Override
        public String toString() {
            return "@Handler(priority = " + priority + ") " + name + parameters.stream().map(Class::getSimpleName)
                    .collect(Collectors.joining(", ", "(", ")"));
        }
    }

    @Provide
    Arbitrary<List<Spec>> handlerSets() {
        // Mostly the hierarchy (where ambiguity lives), sometimes anything.
        Arbitrary<Class<?>> type = Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.of(Zoo.HIERARCHY)),
                Tuple.of(1, Arbitraries.of(Zoo.PARAMETER_TYPES)));
        Arbitrary<Integer> arity = Arbitraries.frequency(Tuple.of(4, 1), Tuple.of(4, 2), Tuple.of(1, 3));
        Arbitrary<Integer> priority = Arbitraries.frequency(Tuple.of(6, 0), Tuple.of(2, 1), Tuple.of(1, -1));
        Arbitrary<Spec> spec = arity.flatMap(n -> Combinators.combine(priority, type.list().ofSize(n))
                .as((p, ps) -> new Spec("", p, ps)));
        return spec.list().ofMinSize(1).ofMaxSize(8).map(list -> {
            List<Spec> named = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                named.add(new Spec("h" + i, list.get(i).priority(), list.get(i).parameters()));
            }
            return named;
        });
    }

    @Property(tries = 120)
    void choosesTheUniqueMostSpecificApplicableHandler(@ForAll("handlerSets") List<Spec> specs,
            @ForAll long seed) throws Exception {
        Class<?> handlers = compile(specs);
        if (hasDuplicates(specs)) {
            Statistics.label("outcome").collect("refused at build");
            AmbiguousDispatchException e = assertThrows(AmbiguousDispatchException.class,
                    () -> Dispatch.on(handlers).returning(String.class).build(), specs::toString);
            assertEquals(2, e.candidates().size());
            return;
        }
        Dispatcher<String> dispatcher = Dispatch.on(handlers).returning(String.class).build();
        Random random = new Random(seed);
        Set<String> kinds = new TreeSet<>();
        Set<Integer> arities = specs.stream().map(s -> s.parameters().size()).collect(Collectors.toSet());
        for (List<Object> arguments : argumentTuples(random)) {
            if (!arities.contains(arguments.size()) && random.nextInt(10) > 0) {
                continue; // a few calls of arities without handlers are enough
            }
            String expected = reference(specs, arguments);
            int entry = random.nextInt(3);
            String actual = actual(dispatcher, arguments, entry);
            Statistics.label("outcome").collect(expected.startsWith("h") ? "handler" : expected.split(" ")[0]);
            kinds.add(expected.startsWith("h") ? "handler" : expected.split(" ")[0]);
            Statistics.label("entry point").collect(entry == 0 ? "call" : entry == 1 ? "invoke" : "handlerFor");
            assertEquals(expected, actual, () -> specs + " called with " + describe(arguments));
        }
        Statistics.label("tries with").collect(kinds.toString());
    }

    private static List<List<Object>> argumentTuples(Random random) {
        List<List<Object>> tuples = new ArrayList<>();
        for (Object a : Zoo.ARGUMENTS) {
            tuples.add(java.util.Arrays.asList(a));
            for (Object b : Zoo.ARGUMENTS) {
                tuples.add(java.util.Arrays.asList(a, b));
            }
        }
        for (int i = 0; i < 150; i++) {
            tuples.add(java.util.Arrays.asList(pick(random), pick(random), pick(random)));
        }
        return tuples;
    }

    private static Object pick(Random random) {
        return Zoo.ARGUMENTS.get(random.nextInt(Zoo.ARGUMENTS.size()));
    }

    /** The dispatcher's choice, through one of its entry points, in the reference's notation. */
    private static String actual(Dispatcher<String> dispatcher, List<Object> arguments, int entry) {
        Object[] args = arguments.toArray();
        try {
            if (entry == 2) {
                Class<?>[] classes = new Class<?>[args.length];
                for (int i = 0; i < args.length; i++) {
                    classes[i] = args[i] == null ? null : args[i].getClass();
                }
                Optional<Method> m = dispatcher.handlerFor(classes);
                return m.isPresent() ? m.get().getName() : "none";
            }
            if (entry == 1) {
                return dispatcher.invoke(args);
            }
            switch (args.length) {
                case 1:
                    return dispatcher.call(args[0]);
                case 2:
                    return dispatcher.call(args[0], args[1]);
                default:
                    return dispatcher.call(args[0], args[1], args[2]);
            }
        } catch (NoHandlerException e) {
            return "none";
        } catch (AmbiguousDispatchException e) {
            return "ambiguous " + e.candidates().stream().map(Method::getName).collect(Collectors.toCollection(TreeSet::new));
        }
    }

    // ---- The reference: brute force over supertypes computed by walking the hierarchy. ----

    private static String reference(List<Spec> specs, List<Object> arguments) {
        List<Spec> applicable = new ArrayList<>();
        for (Spec s : specs) {
            if (s.parameters().size() == arguments.size() && applies(s, arguments)) {
                applicable.add(s);
            }
        }
        if (applicable.isEmpty()) {
            return "none";
        }
        int top = applicable.stream().mapToInt(Spec::priority).max().getAsInt();
        List<Spec> competing = applicable.stream().filter(s -> s.priority() == top).collect(Collectors.toList());
        List<Spec> winners = new ArrayList<>();
        for (Spec s : competing) {
            if (competing.stream().allMatch(other -> atLeastAsSpecific(s, other))) {
                winners.add(s);
            }
        }
        if (winners.size() == 1) {
            return winners.get(0).name();
        }
        Set<String> maximal = new TreeSet<>();
        for (Spec s : competing) {
            if (competing.stream().noneMatch(o -> atLeastAsSpecific(o, s) && !atLeastAsSpecific(s, o))) {
                maximal.add(s.name());
            }
        }
        return "ambiguous " + maximal;
    }

    private static boolean applies(Spec s, List<Object> arguments) {
        for (int i = 0; i < arguments.size(); i++) {
            Class<?> p = s.parameters().get(i);
            Object a = arguments.get(i);
            if (a == null ? p.isPrimitive() : !supertypes(a.getClass()).contains(boxed(p))) {
                return false;
            }
        }
        return true;
    }

    private static boolean atLeastAsSpecific(Spec s, Spec other) {
        for (int i = 0; i < s.parameters().size(); i++) {
            if (!supertypes(boxed(s.parameters().get(i))).contains(boxed(other.parameters().get(i)))) {
                return false;
            }
        }
        return true;
    }

    private static boolean hasDuplicates(List<Spec> specs) {
        Set<String> seen = new HashSet<>();
        for (Spec s : specs) {
            String key = s.priority() + " " + s.parameters().stream().map(DispatchPropertiesTest::boxed)
                    .map(Class::getName).collect(Collectors.toList());
            if (!seen.add(key)) {
                return true;
            }
        }
        return false;
    }

    private static Class<?> boxed(Class<?> type) {
        return WRAPPERS.getOrDefault(type, type);
    }

    /** Every type a value of this class may be assigned to, itself included (JLS 4.10). */
    static Set<Class<?>> supertypes(Class<?> type) {
        Set<Class<?>> all = new LinkedHashSet<>();
        all.add(type);
        all.add(Object.class);
        if (type.isArray()) {
            all.add(Cloneable.class);
            all.add(Serializable.class);
            Class<?> component = type.getComponentType();
            if (!component.isPrimitive()) {
                for (Class<?> s : supertypes(component)) {
                    all.add(Array.newInstance(s, 0).getClass());
                }
            }
            return all;
        }
        if (type.getSuperclass() != null) {
            all.addAll(supertypes(type.getSuperclass()));
        }
        for (Class<?> i : type.getInterfaces()) {
            all.addAll(supertypes(i));
        }
        return all;
    }

    // ---- Compiling a handler set. ----

    private static Class<?> compile(List<Spec> specs) throws ClassNotFoundException {
        String name = "Handlers" + CLASSES.incrementAndGet();
        StringBuilder source = new StringBuilder("package gen;\nimport io.github.codefind.dispatch.Handler;\n")
                .append("public class ").append(name).append(" {\n");
        for (Spec s : specs) {
            source.append("    @Handler(priority = ").append(s.priority()).append(") public static String ")
                    .append(s.name()).append('(');
            for (int i = 0; i < s.parameters().size(); i++) {
                source.append(i == 0 ? "" : ", ").append(s.parameters().get(i).getCanonicalName()).append(" a").append(i);
            }
            source.append(") { return \"").append(s.name()).append("\"; }\n");
        }
        source.append("}\n");
        Map<String, byte[]> classes = Javac.compile(Map.of("gen/" + name + ".java", source.toString()));
        return Class.forName("gen." + name, true, new BytesLoader(classes));
    }

    private static String describe(List<Object> arguments) {
        return arguments.stream().map(a -> a == null ? "null" : a.getClass().getSimpleName())
                .collect(Collectors.joining(", ", "(", ")"));
    }

    /** Defines classes from memory. */
    static final class BytesLoader extends ClassLoader {
        private final Map<String, byte[]> classes = new HashMap<>();

        BytesLoader(Map<String, byte[]> classes) {
            super(DispatchPropertiesTest.class.getClassLoader());
            this.classes.putAll(classes);
        }

        @Override
        protected Class<?> findClass(String name) throws ClassNotFoundException {
            byte[] bytes = classes.get(name.replace('.', '/'));
            if (bytes == null) {
                throw new ClassNotFoundException(name);
            }
            return defineClass(name, bytes, 0, bytes.length);
        }

        @Override
        public InputStream getResourceAsStream(String name) {
            byte[] bytes = name.endsWith(".class") ? classes.get(name.substring(0, name.length() - 6)) : null;
            return bytes != null ? new ByteArrayInputStream(bytes) : super.getResourceAsStream(name);
        }
    }
}
