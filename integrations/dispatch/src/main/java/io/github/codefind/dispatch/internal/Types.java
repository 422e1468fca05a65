package io.github.codefind.dispatch.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Boxing, the class of an argument (with a marker for null), and type names for messages. */
public final class Types {
    /** The key that stands for a null argument wherever arguments are keyed by class. */
    public static final Class<?> NULL = NullArgument.class;

    private static final Map<Class<?>, Class<?>> BOXES = Map.of(boolean.class, Boolean.class, byte.class, Byte.class,
            char.class, Character.class, short.class, Short.class, int.class, Integer.class, long.class, Long.class,
            float.class, Float.class, double.class, Double.class, void.class, Void.class);

    private Types() {
    }

    /** Stands for null arguments: never instantiated, never a parameter type. */
    private static final class NullArgument {
        private NullArgument() {
        }
    }

    /**
     * @param type a type
     * @return its wrapper class for a primitive, otherwise the type itself
     */
    public static Class<?> box(Class<?> type) {
        return type.isPrimitive() ? BOXES.get(type) : type;
    }

    /**
     * @param argument an argument
     * @return its runtime class, or {@link #NULL} for null
     */
    public static Class<?> classOf(Object argument) {
        return argument == null ? NULL : argument.getClass();
    }

    /**
     * @param arguments arguments
     * @return their classes, {@link #NULL} for nulls
     */
    public static Class<?>[] classesOf(Object[] arguments) {
        Class<?>[] classes = new Class<?>[arguments.length];
        for (int i = 0; i < arguments.length; i++) {
            classes[i] = classOf(arguments[i]);
        }
        return classes;
    }

    /**
     * Whether a parameter of a type accepts an argument of a runtime class: by assignment, by boxing
     * (an {@code Integer} for an {@code int}), and null for any reference type.
     *
     * @param parameter the parameter type
     * @param argument the argument's class, or {@link #NULL}
     * @return true if it applies
     */
    public static boolean accepts(Class<?> parameter, Class<?> argument) {
        if (argument == NULL) {
            return !parameter.isPrimitive();
        }
        return box(parameter).isAssignableFrom(argument);
    }

    /**
     * @param type a type, or {@link #NULL}
     * @return its simple source-like name: {@code String}, {@code int[]}, {@code Outer.Inner}, {@code null}
     */
    public static String name(Class<?> type) {
        if (type == NULL) {
            return "null";
        }
        String name = type.getTypeName();
        int dot = name.lastIndexOf('.', name.indexOf('[') < 0 ? name.length() : name.indexOf('['));
        return name.substring(dot + 1).replace('$', '.');
    }

    /**
     * @param types types, {@link #NULL} for null arguments
     * @return such as {@code (Circle, null)}
     */
    public static String names(Class<?>[] types) {
        List<String> names = new ArrayList<>();
        for (Class<?> t : types) {
            names.add(name(t));
        }
        return "(" + String.join(", ", names) + ")";
    }
}
