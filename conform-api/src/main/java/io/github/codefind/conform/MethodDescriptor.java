package io.github.codefind.conform;

import java.lang.invoke.MethodType;
import java.lang.reflect.Executable;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A JVM method descriptor (JVMS 4.3.3), such as {@code (I[Ljava/lang/String;)V}: parameter types and
 * a return type, named without loading them.
 *
 * @param parameterTypes the parameter types, none of them void
 * @param returnType the return type, possibly {@link TypeDescriptor#VOID}
 */
public record MethodDescriptor(List<TypeDescriptor> parameterTypes, TypeDescriptor returnType) {
    /**
     * Validates and copies the components.
     *
     * @param parameterTypes the parameter types
     * @param returnType the return type
     * @throws IllegalArgumentException if a parameter type is void
     */
    public MethodDescriptor {
        parameterTypes = List.copyOf(parameterTypes);
        Objects.requireNonNull(returnType, "returnType");
        for (TypeDescriptor p : parameterTypes) {
            if (p.isVoid()) {
                throw new IllegalArgumentException("A parameter cannot be void");
            }
        }
    }

    /**
     * Parses a method descriptor.
     *
     * @param descriptor such as {@code (JLjava/lang/Object;)Z}
     * @return the descriptor
     * @throws IllegalArgumentException if it is not valid
     */
    public static MethodDescriptor parse(String descriptor) {
        Objects.requireNonNull(descriptor, "descriptor");
        if (!descriptor.startsWith("(")) {
            throw new IllegalArgumentException("A method descriptor starts with '(': '" + descriptor + "'");
        }
        List<TypeDescriptor> parameters = new ArrayList<>();
        int i = 1;
        while (i < descriptor.length() && descriptor.charAt(i) != ')') {
            int end = TypeDescriptor.scan(descriptor, i);
            parameters.add(new TypeDescriptor(descriptor.substring(i, end)));
            i = end;
        }
        if (i >= descriptor.length()) {
            throw new IllegalArgumentException("No ')' in method descriptor '" + descriptor + "'");
        }
        TypeDescriptor returnType = new TypeDescriptor(descriptor.substring(i + 1));
        return new MethodDescriptor(parameters, returnType);
    }

    /**
     * The descriptor of a loaded method or constructor. A constructor's return type is void.
     *
     * @param executable the method or constructor
     * @return its descriptor
     */
    public static MethodDescriptor of(Executable executable) {
        List<TypeDescriptor> parameters = new ArrayList<>();
        for (Class<?> p : executable.getParameterTypes()) {
            parameters.add(TypeDescriptor.of(p));
        }
        TypeDescriptor returnType = executable instanceof Method
                ? TypeDescriptor.of(((Method) executable).getReturnType())
                : TypeDescriptor.VOID;
        return new MethodDescriptor(parameters, returnType);
    }

    /**
     * The descriptor of a method type.
     *
     * @param type the method type
     * @return its descriptor
     */
    public static MethodDescriptor of(MethodType type) {
        return parse(type.toMethodDescriptorString());
    }

    /** @return the descriptor string, such as {@code (I)V} */
    public String descriptor() {
        StringBuilder b = new StringBuilder("(");
        for (TypeDescriptor p : parameterTypes) {
            b.append(p.descriptor());
        }
        return b.append(')').append(returnType.descriptor()).toString();
    }

    /**
     * Loads the types named here through the given loader, without initializing them.
     *
     * @param loader the loader to ask; null for the bootstrap loader
     * @return the method type
     * @throws ClassNotFoundException if a type cannot be found
     */
    public MethodType resolve(ClassLoader loader) throws ClassNotFoundException {
        Class<?>[] parameters = new Class<?>[parameterTypes.size()];
        for (int i = 0; i < parameters.length; i++) {
            parameters[i] = parameterTypes.get(i).resolve(loader);
        }
        return MethodType.methodType(returnType.resolve(loader), parameters);
    }

    /**
     * Whether a loaded method or constructor has exactly these parameter and return types.
     *
     * @param executable the method or constructor
     * @return true if its descriptor equals this one
     */
    public boolean matches(Executable executable) {
        return equals(of(executable));
    }

    /** @return the descriptor string */
    @Override
    public String toString() {
        return descriptor();
    }
}
