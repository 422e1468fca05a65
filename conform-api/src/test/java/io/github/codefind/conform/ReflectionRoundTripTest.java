package io.github.codefind.conform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Array;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Method;
import java.math.BigInteger;
import java.net.URI;
import java.time.Duration;
import java.time.LocalDate;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.Tuple.Tuple2;

/** Units and descriptors of real JDK members resolve back to those very members. */
class ReflectionRoundTripTest {
    /** Classes and interfaces of java.base, including nested ones, enums and records' base class. */
    static final List<Class<?>> JDK_CLASSES = List.of(
            String.class, StringBuilder.class, Object.class, Integer.class, Character.class,
            Character.UnicodeBlock.class, Thread.class, Thread.State.class, Math.class, Enum.class,
            Record.class, Class.class, ClassLoader.class, HashMap.class, ArrayList.class,
            LinkedList.class, TreeMap.class, Map.Entry.class, AbstractMap.SimpleEntry.class,
            Collections.class, Arrays.class, Optional.class, ConcurrentHashMap.class,
            CompletableFuture.class, AtomicInteger.class, LocalDate.class, Duration.class,
            MethodHandles.class, MethodHandles.Lookup.class, MethodType.class, Pattern.class,
            Stream.class, BigInteger.class, URI.class, Comparator.class);

    /** Where to resolve: every java.base class is visible from each of these. */
    enum Loader {
        BOOTSTRAP, PLATFORM, SYSTEM;

        ClassLoader get() {
            switch (this) {
                case PLATFORM:
                    return ClassLoader.getPlatformClassLoader();
                case SYSTEM:
                    return ClassLoader.getSystemClassLoader();
                default:
                    return null;
            }
        }
    }

    static List<Executable> executables(Class<?> type) {
        List<Executable> all = new ArrayList<>(Arrays.asList(type.getDeclaredMethods()));
        all.addAll(Arrays.asList(type.getDeclaredConstructors()));
        return all;
    }

    @Provide
    Arbitrary<Executable> jdkMembers() {
        return Arbitraries.of(JDK_CLASSES).flatMap(c -> Arbitraries.of(executables(c)));
    }

    @Provide
    Arbitrary<Tuple2<Executable, Executable>> jdkMemberPairs() {
        return Arbitraries.of(JDK_CLASSES).flatMap(c -> {
            Arbitrary<Executable> members = Arbitraries.of(executables(c));
            return Combinators.combine(members, members).as((a, b) -> Tuple.of(a, b));
        });
    }

    @Provide
    Arbitrary<Class<?>> jdkClasses() {
        Arbitrary<Class<?>> listed = Arbitraries.of(JDK_CLASSES);
        Arbitrary<Class<?>> nested = Arbitraries.of(JDK_CLASSES)
                .filter(c -> c.getDeclaredClasses().length > 0)
                .flatMap(c -> Arbitraries.of(Arrays.asList(c.getDeclaredClasses())));
        return Arbitraries.oneOf(listed, nested);
    }

    /** Any type: classes, nested classes, primitives, void, arrays of all, and types used by members. */
    @Provide
    Arbitrary<Class<?>> jdkTypes() {
        Arbitrary<Class<?>> primitives = Arbitraries.of(boolean.class, byte.class, char.class, short.class,
                int.class, long.class, float.class, double.class, void.class);
        Arbitrary<Class<?>> fromMembers = jdkMembers().flatMap(m -> {
            List<Class<?>> types = new ArrayList<>(Arrays.asList(m.getParameterTypes()));
            if (m instanceof Method) {
                types.add(((Method) m).getReturnType());
            }
            types.add(m.getDeclaringClass());
            return Arbitraries.of(types);
        });
        Arbitrary<Class<?>> elements = Arbitraries.oneOf(jdkClasses(), primitives, fromMembers);
        return Combinators.combine(elements, Arbitraries.integers().between(0, 3)).as((c, dims) -> {
            if (c == void.class) {
                return c;
            }
            Class<?> type = c;
            for (int i = 0; i < dims; i++) {
                type = Array.newInstance(type, 0).getClass();
            }
            return type;
        });
    }

    // ---------------------------------------------------------------- members

    @Provide
    Arbitrary<Class<?>> listedClasses() {
        return Arbitraries.of(JDK_CLASSES);
    }

    @Property(tries = 200)
    void methodUnitsResolveToTheirMember(@ForAll("jdkMembers") Executable member, @ForAll Loader loader,
            @ForAll("listedClasses") Class<?> other) throws ReflectiveOperationException {
        MethodUnit unit = MethodUnit.of(member);
        assertEquals(member, unit.resolveIn(member.getDeclaringClass()));
        if (other != member.getDeclaringClass()) {
            assertThrows(IllegalArgumentException.class, () -> unit.resolveIn(other));
        }
        assertEquals(member, unit.resolve(loader.get()));
        assertTrue(unit.matches(member));
        assertEquals(ClassUnit.of(member.getDeclaringClass()), unit.owner());
        assertEquals(member instanceof Constructor, unit.isConstructor());
        assertFalse(unit.isStaticInitializer());
        assertEquals(member instanceof Constructor ? MethodUnit.CONSTRUCTOR : member.getName(), unit.name());
        assertEquals(unit, MethodUnit.of(unit.owner(), unit.name(), unit.descriptor().descriptor()));

        LambdaUnit asReference = LambdaUnit.of(member);
        assertEquals(unit, asReference.implementation());
        assertEquals(member, asReference.resolve(loader.get()));
    }

    @Property(tries = 200)
    void methodDescriptorsResolveToTheMethodType(@ForAll("jdkMembers") Executable member,
            @ForAll Loader loader) throws ClassNotFoundException {
        Class<?> returnType = member instanceof Method ? ((Method) member).getReturnType() : void.class;
        MethodType expected = MethodType.methodType(returnType, member.getParameterTypes());
        MethodDescriptor descriptor = MethodDescriptor.of(member);
        assertEquals(expected, descriptor.resolve(loader.get()));
        assertEquals(expected.toMethodDescriptorString(), descriptor.descriptor());
        assertEquals(descriptor, MethodDescriptor.of(expected));
        assertEquals(descriptor, MethodDescriptor.parse(expected.toMethodDescriptorString()));
        assertTrue(descriptor.matches(member));
    }

    @Property(tries = 200)
    void unitsMatchOnlyTheirOwnMember(@ForAll("jdkMemberPairs") Tuple2<Executable, Executable> pair) {
        Executable a = pair.get1();
        Executable b = pair.get2();
        MethodUnit ua = MethodUnit.of(a);
        MethodUnit ub = MethodUnit.of(b);
        assertEquals(a.equals(b), ua.matches(b), () -> ua + " vs " + b);
        assertEquals(a.equals(b), ua.equals(ub), () -> ua + " vs " + ub);
        assertEquals(a.equals(b), ua.toString().equals(ub.toString()));
    }

    @Property(tries = 50)
    void everyDeclaredMemberHasADistinctUnit(@ForAll("jdkClasses") Class<?> type)
            throws ReflectiveOperationException {
        Set<MethodUnit> units = new LinkedHashSet<>();
        for (Executable e : executables(type)) {
            assertTrue(units.add(MethodUnit.of(e)), () -> "duplicate unit for " + e);
            assertEquals(e, MethodUnit.of(e).resolveIn(type));
        }
    }

    // ---------------------------------------------------------------- classes and types

    @Property(tries = 200)
    void typeDescriptorsResolveToTheirType(@ForAll("jdkTypes") Class<?> type, @ForAll Loader loader)
            throws ClassNotFoundException {
        TypeDescriptor descriptor = TypeDescriptor.of(type);
        assertSame(type, descriptor.resolve(loader.get()));
        assertEquals(type.descriptorString(), descriptor.descriptor());
        assertEquals(type.getTypeName(), descriptor.typeName());
        assertEquals(descriptor, TypeDescriptor.ofTypeName(type.getTypeName()));
        assertEquals(type.isPrimitive(), descriptor.isPrimitive());
        assertEquals(type.isArray(), descriptor.isArray());
        assertEquals(type == void.class, descriptor.isVoid());
        int dims = 0;
        Class<?> element = type;
        while (element.isArray()) {
            element = element.getComponentType();
            dims++;
        }
        assertEquals(dims, descriptor.dimensions());
        assertSame(element, descriptor.elementType().resolve(loader.get()));
    }

    @Property(tries = 200)
    void classUnitsResolveToTheirClass(@ForAll("jdkClasses") Class<?> type, @ForAll Loader loader)
            throws ClassNotFoundException {
        ClassUnit unit = ClassUnit.of(type);
        assertSame(type, unit.resolve(loader.get()));
        assertTrue(unit.matches(type));
        assertEquals(type.getName(), unit.name());
        assertEquals(type.getPackageName(), unit.packageName());
        assertEquals(TypeDescriptor.of(type), unit.descriptor());
        assertSame(type, unit.descriptor().resolve(loader.get()));
        assertEquals(unit, ClassUnit.of(type.getName()));
        assertEquals(unit, ClassUnit.ofInternalName(unit.internalName()));
        assertFalse(unit.matches(Object[].class));
    }
}
