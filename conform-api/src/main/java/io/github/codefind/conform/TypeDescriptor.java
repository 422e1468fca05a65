package io.github.codefind.conform;

import java.util.Objects;

/**
 * A JVM type descriptor (JVMS 4.3.2): {@code I}, {@code Ljava/lang/String;}, {@code [[D}, or
 * {@code V} for void as a return type. It names a type without loading it.
 *
 * <p>Two forms convert both ways: the descriptor ({@link #parse}, {@link #descriptor()}) and the
 * Java type name ({@link #ofTypeName}, {@link #typeName()}), as in {@code java.util.Map$Entry[]}.
 *
 * @param descriptor the descriptor; validated on construction
 */
public record TypeDescriptor(String descriptor) {
    /** The descriptor of {@code void}, legal only as a method's return type. */
    public static final TypeDescriptor VOID = new TypeDescriptor("V");

    private static final String PRIMITIVES = "ZBCSIJFDV";
    private static final String[] PRIMITIVE_NAMES =
            {"boolean", "byte", "char", "short", "int", "long", "float", "double", "void"};
    private static final Class<?>[] PRIMITIVE_CLASSES = {boolean.class, byte.class, char.class,
        short.class, int.class, long.class, float.class, double.class, void.class};
    private static final int MAX_DIMENSIONS = 255;

    /**
     * Validates the descriptor.
     *
     * @param descriptor the descriptor
     * @throws IllegalArgumentException if it is not one complete, valid type descriptor
     */
    public TypeDescriptor {
        Objects.requireNonNull(descriptor, "descriptor");
        int end = scan(descriptor, 0);
        if (end != descriptor.length()) {
            throw new IllegalArgumentException("Not a type descriptor: '" + descriptor + "'");
        }
        if (descriptor.startsWith("[") && descriptor.endsWith("V")) {
            throw new IllegalArgumentException("Arrays of void are not types: '" + descriptor + "'");
        }
    }

    /**
     * Parses a descriptor such as {@code [Ljava/lang/String;}.
     *
     * @param descriptor the descriptor
     * @return the type
     * @throws IllegalArgumentException if it is not valid
     */
    public static TypeDescriptor parse(String descriptor) {
        return new TypeDescriptor(descriptor);
    }

    /**
     * The descriptor of a loaded class.
     *
     * @param type a class, interface, array or primitive type
     * @return its descriptor
     * @throws IllegalArgumentException for a hidden class, which has no name code can refer to
     */
    public static TypeDescriptor of(Class<?> type) {
        if (type.isHidden()) {
            throw new IllegalArgumentException("Hidden classes cannot be named: " + type.getName());
        }
        return new TypeDescriptor(type.descriptorString());
    }

    /**
     * Parses a Java type name: a primitive ({@code int}), a binary class name
     * ({@code java.util.Map$Entry}), either followed by {@code []} pairs.
     *
     * @param typeName the name
     * @return the type
     * @throws IllegalArgumentException if the name is not valid
     */
    public static TypeDescriptor ofTypeName(String typeName) {
        Objects.requireNonNull(typeName, "typeName");
        String element = typeName;
        int dimensions = 0;
        while (element.endsWith("[]")) {
            element = element.substring(0, element.length() - 2);
            dimensions++;
        }
        StringBuilder descriptor = new StringBuilder("[".repeat(dimensions));
        int primitive = indexOf(PRIMITIVE_NAMES, element);
        if (primitive >= 0) {
            descriptor.append(PRIMITIVES.charAt(primitive));
        } else if (ClassUnit.isBinaryName(element)) {
            descriptor.append('L').append(element.replace('.', '/')).append(';');
        } else {
            throw new IllegalArgumentException("Not a Java type name: '" + typeName + "'");
        }
        return new TypeDescriptor(descriptor.toString());
    }

    /** @return true for the eight primitive types and {@code void} */
    public boolean isPrimitive() {
        return descriptor.length() == 1;
    }

    /** @return true for {@code void} */
    public boolean isVoid() {
        return descriptor.equals("V");
    }

    /** @return true for array types */
    public boolean isArray() {
        return descriptor.charAt(0) == '[';
    }

    /** @return the number of array dimensions; 0 for a non-array */
    public int dimensions() {
        int d = 0;
        while (descriptor.charAt(d) == '[') {
            d++;
        }
        return d;
    }

    /** @return the type without its array dimensions; this type for a non-array */
    public TypeDescriptor elementType() {
        return isArray() ? new TypeDescriptor(descriptor.substring(dimensions())) : this;
    }

    /**
     * The Java type name, as accepted by {@link #ofTypeName}: {@code int}, {@code java.lang.String[]}.
     *
     * @return the name
     */
    public String typeName() {
        int dims = dimensions();
        String element = descriptor.substring(dims);
        String name = element.length() == 1
                ? PRIMITIVE_NAMES[PRIMITIVES.indexOf(element.charAt(0))]
                : element.substring(1, element.length() - 1).replace('/', '.');
        return name + "[]".repeat(dims);
    }

    /**
     * The class named by this descriptor, loaded through the given loader without initializing it.
     *
     * @param loader the loader to ask; null for the bootstrap loader
     * @return the class, or the primitive class
     * @throws ClassNotFoundException if the loader cannot find it
     */
    public Class<?> resolve(ClassLoader loader) throws ClassNotFoundException {
        if (isPrimitive()) {
            return PRIMITIVE_CLASSES[PRIMITIVES.indexOf(descriptor.charAt(0))];
        }
        String name = isArray() ? descriptor.replace('/', '.')
                : descriptor.substring(1, descriptor.length() - 1).replace('/', '.');
        return Class.forName(name, false, loader);
    }

    /** @return the descriptor */
    @Override
    public String toString() {
        return descriptor;
    }

    /**
     * Scans one type descriptor starting at {@code start}.
     *
     * @return the index just past it
     * @throws IllegalArgumentException if none starts there
     */
    static int scan(String s, int start) {
        int i = start;
        while (i < s.length() && s.charAt(i) == '[') {
            i++;
        }
        if (i - start > MAX_DIMENSIONS) {
            throw new IllegalArgumentException("More than 255 array dimensions in '" + s + "'");
        }
        if (i >= s.length()) {
            throw new IllegalArgumentException("Truncated type descriptor in '" + s + "'");
        }
        char c = s.charAt(i);
        if (PRIMITIVES.indexOf(c) >= 0) {
            return i + 1;
        }
        if (c != 'L') {
            throw new IllegalArgumentException("Unexpected '" + c + "' at " + i + " in '" + s + "'");
        }
        int semicolon = s.indexOf(';', i);
        if (semicolon < 0 || !isInternalName(s.substring(i + 1, semicolon))) {
            throw new IllegalArgumentException("Bad class name at " + i + " in '" + s + "'");
        }
        return semicolon + 1;
    }

    private static boolean isInternalName(String name) {
        if (name.isEmpty() || name.startsWith("/") || name.endsWith("/") || name.contains("//")) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            if (".;[<>".indexOf(name.charAt(i)) >= 0) {
                return false;
            }
        }
        return true;
    }

    private static int indexOf(String[] names, String name) {
        for (int i = 0; i < names.length; i++) {
            if (names[i].equals(name)) {
                return i;
            }
        }
        return -1;
    }
}
