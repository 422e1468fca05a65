package io.github.codefind.conform;

import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Method;
import java.util.Objects;
import java.util.Optional;

/**
 * A method, constructor ({@code <init>}) or static initializer ({@code <clinit>}), named by its
 * declaring class, name and descriptor, as the JVM names it.
 *
 * <p>Overloads are distinct units. Bridge and synthetic methods are units of their own.
 */
public final class MethodUnit implements CodeUnit {
    /** The name the JVM gives constructors. */
    public static final String CONSTRUCTOR = "<init>";
    /** The name the JVM gives static initializers. */
    public static final String STATIC_INITIALIZER = "<clinit>";

    private final ClassUnit owner;
    private final String name;
    private final MethodDescriptor descriptor;
    private final SourceRange source;

    private MethodUnit(ClassUnit owner, String name, MethodDescriptor descriptor, SourceRange source) {
        this.owner = Objects.requireNonNull(owner, "owner");
        this.name = Objects.requireNonNull(name, "name");
        this.descriptor = Objects.requireNonNull(descriptor, "descriptor");
        this.source = source;
        if (!isMethodName(name)) {
            throw new IllegalArgumentException("Not a method name: '" + name + "'");
        }
        if (isSpecial() && !descriptor.returnType().isVoid()) {
            throw new IllegalArgumentException(name + " must return void: " + descriptor);
        }
        if (name.equals(STATIC_INITIALIZER) && !descriptor.parameterTypes().isEmpty()) {
            throw new IllegalArgumentException("<clinit> takes no parameters: " + descriptor);
        }
    }

    /**
     * A method by owner, name and descriptor.
     *
     * @param owner the declaring class
     * @param name the method name, {@code <init>} or {@code <clinit>}
     * @param descriptor the descriptor
     * @return the unit, with no source range
     * @throws IllegalArgumentException if the name is not a valid method name, or a constructor or
     *     static initializer does not return void
     */
    public static MethodUnit of(ClassUnit owner, String name, MethodDescriptor descriptor) {
        return new MethodUnit(owner, name, descriptor, null);
    }

    /**
     * A method by owner, name and descriptor string, as found in class files.
     *
     * @param owner the declaring class
     * @param name the method name
     * @param descriptor the descriptor, such as {@code (I)V}
     * @return the unit
     * @throws IllegalArgumentException if a part is not valid
     */
    public static MethodUnit of(ClassUnit owner, String name, String descriptor) {
        return of(owner, name, MethodDescriptor.parse(descriptor));
    }

    /**
     * The unit of a loaded method or constructor.
     *
     * @param executable the method or constructor
     * @return the unit
     * @throws IllegalArgumentException if it is declared by a hidden class
     */
    public static MethodUnit of(Executable executable) {
        String name = executable instanceof Constructor ? CONSTRUCTOR : executable.getName();
        return of(ClassUnit.of(executable.getDeclaringClass()), name, MethodDescriptor.of(executable));
    }

    /** @return the declaring class */
    public ClassUnit owner() {
        return owner;
    }

    /** @return the name, such as {@code run}, {@code <init>} or {@code <clinit>} */
    public String name() {
        return name;
    }

    /** @return the descriptor */
    public MethodDescriptor descriptor() {
        return descriptor;
    }

    /** @return true for a constructor */
    public boolean isConstructor() {
        return name.equals(CONSTRUCTOR);
    }

    /** @return true for a static initializer */
    public boolean isStaticInitializer() {
        return name.equals(STATIC_INITIALIZER);
    }

    /**
     * Finds this method or constructor in its loaded class, through the given loader. The class is
     * loaded if it was not, but not initialized.
     *
     * @param loader the loader to ask; null for the bootstrap loader
     * @return the method or constructor
     * @throws ClassNotFoundException if the class or a type in the descriptor cannot be found
     * @throws NoSuchMethodException if the class has no such member, or this is a static initializer,
     *     which reflection cannot return
     */
    public Executable resolve(ClassLoader loader) throws ClassNotFoundException, NoSuchMethodException {
        return resolveIn(owner.resolve(loader));
    }

    /**
     * Finds this method or constructor among the declared members of a loaded class.
     *
     * @param type the class, which must be this unit's owner
     * @return the method or constructor; for several methods that differ in return type only, the one
     *     whose return type matches
     * @throws ClassNotFoundException if a type in the descriptor, or in another declared member of the
     *     class, cannot be found
     * @throws NoSuchMethodException if there is no such member, or this is a static initializer
     * @throws IllegalArgumentException if the class is not this unit's owner
     */
    public Executable resolveIn(Class<?> type) throws ClassNotFoundException, NoSuchMethodException {
        if (!owner.matches(type)) {
            throw new IllegalArgumentException(type.getName() + " is not " + owner);
        }
        // Load the descriptor's types first: reflection would throw NoClassDefFoundError for a missing one.
        descriptor.resolve(type.getClassLoader());
        try {
            if (isConstructor()) {
                for (Constructor<?> c : type.getDeclaredConstructors()) {
                    if (descriptor.matches(c)) {
                        return c;
                    }
                }
            } else if (!isStaticInitializer()) {
                for (Method m : type.getDeclaredMethods()) {
                    if (m.getName().equals(name) && descriptor.matches(m)) {
                        return m;
                    }
                }
            }
        } catch (NoClassDefFoundError e) {
            // Reflection loads the types of every declared member; another member named a missing class.
            throw new ClassNotFoundException("A member of " + type.getName() + " refers to a missing class: "
                    + e.getMessage(), e);
        }
        throw new NoSuchMethodException(this.toString());
    }

    /**
     * Whether a loaded method or constructor is the one named here.
     *
     * @param executable the method or constructor
     * @return true if owner, name and descriptor all match
     */
    public boolean matches(Executable executable) {
        String n = executable instanceof Constructor ? CONSTRUCTOR : executable.getName();
        return n.equals(name) && owner.matches(executable.getDeclaringClass())
                && descriptor.matches(executable);
    }

    @Override
    public ClassUnit declaringClass() {
        return owner;
    }

    @Override
    public Optional<SourceRange> source() {
        return Optional.ofNullable(source);
    }

    @Override
    public MethodUnit withSource(SourceRange source) {
        return new MethodUnit(owner, name, descriptor, source);
    }

    /** Equal when owner, name and descriptor are equal; the source range is ignored. */
    @Override
    public boolean equals(Object o) {
        if (!(o instanceof MethodUnit)) {
            return false;
        }
        MethodUnit m = (MethodUnit) o;
        return owner.equals(m.owner) && name.equals(m.name) && descriptor.equals(m.descriptor);
    }

    @Override
    public int hashCode() {
        return (owner.hashCode() * 31 + name.hashCode()) * 31 + descriptor.hashCode();
    }

    /** @return {@code owner.name(descriptor)}, such as {@code com.example.A.run(I)V} */
    @Override
    public String toString() {
        return owner + "." + name + descriptor;
    }

    private boolean isSpecial() {
        return name.equals(CONSTRUCTOR) || name.equals(STATIC_INITIALIZER);
    }

    private static boolean isMethodName(String name) {
        if (name.equals(CONSTRUCTOR) || name.equals(STATIC_INITIALIZER)) {
            return true;
        }
        if (name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            if (".;[/<>".indexOf(name.charAt(i)) >= 0) {
                return false;
            }
        }
        return true;
    }
}
