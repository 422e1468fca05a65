package io.github.codefind.conform;

import java.lang.reflect.Executable;
import java.util.Objects;
import java.util.Optional;

/**
 * A lambda expression or method reference: the class whose code creates it, and the method its
 * objects run.
 *
 * <p>For a lambda expression the implementation is a synthetic method of the owner, such as
 * {@code lambda$main$0}. For a method reference it is the referenced method, which may belong to
 * another class. Synthetic names are numbered in source order and shift when lambdas are added or
 * moved: across a patch, codefind matches lambdas by body and position, so a {@link Change} may pair
 * a before and an after whose implementation names differ.
 */
public final class LambdaUnit implements CodeUnit {
    private final ClassUnit owner;
    private final MethodUnit implementation;
    private final SourceRange source;

    private LambdaUnit(ClassUnit owner, MethodUnit implementation, SourceRange source) {
        this.owner = Objects.requireNonNull(owner, "owner");
        this.implementation = Objects.requireNonNull(implementation, "implementation");
        this.source = source;
        if (implementation.isStaticInitializer()) {
            throw new IllegalArgumentException("A static initializer cannot implement a lambda");
        }
    }

    /**
     * A lambda by owner and implementation.
     *
     * @param owner the class whose code creates the lambda
     * @param implementation the method the lambda runs
     * @return the unit, with no source range
     * @throws IllegalArgumentException if the implementation is a static initializer
     */
    public static LambdaUnit of(ClassUnit owner, MethodUnit implementation) {
        return new LambdaUnit(owner, implementation, null);
    }

    /**
     * A lambda expression whose implementation method is loaded; the owner is its declaring class.
     *
     * @param implementation such as the synthetic {@code lambda$main$0}
     * @return the unit
     */
    public static LambdaUnit of(Executable implementation) {
        MethodUnit method = MethodUnit.of(implementation);
        return of(method.owner(), method);
    }

    /** @return the class whose code creates the lambda */
    public ClassUnit owner() {
        return owner;
    }

    /** @return the method the lambda's objects run */
    public MethodUnit implementation() {
        return implementation;
    }

    /**
     * Finds the implementation method through the given loader.
     *
     * @param loader the loader to ask; null for the bootstrap loader
     * @return the method or constructor
     * @throws ClassNotFoundException if a class cannot be found
     * @throws NoSuchMethodException if the implementation does not exist
     */
    public Executable resolve(ClassLoader loader) throws ClassNotFoundException, NoSuchMethodException {
        return implementation.resolve(loader);
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
    public LambdaUnit withSource(SourceRange source) {
        return new LambdaUnit(owner, implementation, source);
    }

    /** Equal when owner and implementation are equal; the source range is ignored. */
    @Override
    public boolean equals(Object o) {
        return o instanceof LambdaUnit && ((LambdaUnit) o).owner.equals(owner)
                && ((LambdaUnit) o).implementation.equals(implementation);
    }

    @Override
    public int hashCode() {
        return owner.hashCode() * 31 + implementation.hashCode() + 1;
    }

    /** @return {@code lambda in owner -> implementation} */
    @Override
    public String toString() {
        return "lambda in " + owner + " -> " + implementation;
    }
}
