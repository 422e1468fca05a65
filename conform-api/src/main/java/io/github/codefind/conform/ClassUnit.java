package io.github.codefind.conform;

import java.util.Objects;
import java.util.Optional;

/**
 * A class or interface (including enums, records, nested, local and anonymous classes), named by its
 * binary name, such as {@code com.example.Outer$Inner}. Arrays and primitives are not classes here.
 */
public final class ClassUnit implements CodeUnit {
    private final String name;
    private final SourceRange source;

    private ClassUnit(String name, SourceRange source) {
        if (!isBinaryName(name)) {
            throw new IllegalArgumentException("Not a binary class name: '" + name + "'");
        }
        this.name = name;
        this.source = source;
    }

    /**
     * A class by binary name.
     *
     * @param binaryName such as {@code java.util.Map$Entry}
     * @return the unit, with no source range
     * @throws IllegalArgumentException if the name is not a valid binary name
     */
    public static ClassUnit of(String binaryName) {
        return new ClassUnit(Objects.requireNonNull(binaryName, "binaryName"), null);
    }

    /**
     * The unit of a loaded class.
     *
     * @param type a class or interface
     * @return the unit, with no source range
     * @throws IllegalArgumentException for arrays, primitives and hidden classes
     */
    public static ClassUnit of(Class<?> type) {
        if (type.isArray() || type.isPrimitive() || type.isHidden()) {
            throw new IllegalArgumentException("Not a named class or interface: " + type.getName());
        }
        return new ClassUnit(type.getName(), null);
    }

    /**
     * Parses an internal name, as found in class files.
     *
     * @param internalName such as {@code java/util/Map$Entry}
     * @return the unit
     * @throws IllegalArgumentException if the name is not valid
     */
    public static ClassUnit ofInternalName(String internalName) {
        if (internalName.indexOf('.') >= 0) {
            throw new IllegalArgumentException("Not an internal name: '" + internalName + "'");
        }
        return of(internalName.replace('/', '.'));
    }

    /** @return the binary name, such as {@code com.example.Outer$Inner} */
    public String name() {
        return name;
    }

    /** @return the internal name, such as {@code com/example/Outer$Inner} */
    public String internalName() {
        return name.replace('.', '/');
    }

    /** @return the package name; empty for the unnamed package */
    public String packageName() {
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(0, dot);
    }

    /** @return the type descriptor of this class */
    public TypeDescriptor descriptor() {
        return TypeDescriptor.parse("L" + internalName() + ";");
    }

    /**
     * Loads this class through the given loader, without initializing it.
     *
     * <p>This loads the class if the loader has not loaded it yet.
     *
     * @param loader the loader to ask; null for the bootstrap loader
     * @return the class
     * @throws ClassNotFoundException if the loader cannot find it
     */
    public Class<?> resolve(ClassLoader loader) throws ClassNotFoundException {
        return Class.forName(name, false, loader);
    }

    /**
     * Whether a loaded class is the one named here.
     *
     * @param type a class
     * @return true if its name equals this unit's name
     */
    public boolean matches(Class<?> type) {
        return type.getName().equals(name);
    }

    @Override
    public ClassUnit declaringClass() {
        return this;
    }

    @Override
    public Optional<SourceRange> source() {
        return Optional.ofNullable(source);
    }

    @Override
    public ClassUnit withSource(SourceRange source) {
        return new ClassUnit(name, source);
    }

    /** Equal when the names are equal; the source range is ignored. */
    @Override
    public boolean equals(Object o) {
        return o instanceof ClassUnit && ((ClassUnit) o).name.equals(name);
    }

    @Override
    public int hashCode() {
        return name.hashCode();
    }

    /** @return the binary name */
    @Override
    public String toString() {
        return name;
    }

    static boolean isBinaryName(String name) {
        if (name.isEmpty() || name.startsWith(".") || name.endsWith(".") || name.contains("..")) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            if ("/;[<>".indexOf(name.charAt(i)) >= 0) {
                return false;
            }
        }
        return true;
    }
}
