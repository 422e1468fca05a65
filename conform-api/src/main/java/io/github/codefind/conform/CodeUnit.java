package io.github.codefind.conform;

import java.util.Optional;

/**
 * A unit of code that a patch can change: a class, a method or constructor, or a lambda.
 *
 * <p>A unit names code without loading it, so it can describe code that was removed or not loaded
 * yet. Its identity is its name alone: {@code equals} and {@code hashCode} ignore the
 * {@linkplain #source() source range}, which moves as the file is edited. Names are not qualified by
 * class loader; a unit refers to code in the loader of the patch or the object that holds it.
 */
public sealed interface CodeUnit permits ClassUnit, MethodUnit, LambdaUnit {
    /**
     * The class this unit belongs to: itself for a class, the declaring class for a method, the
     * class whose code creates the lambda for a lambda.
     *
     * @return the class
     */
    ClassUnit declaringClass();

    /**
     * Where the unit stands in its source file, when known.
     *
     * @return the source range, or empty if the class has no debug information or the unit is synthetic
     */
    Optional<SourceRange> source();

    /**
     * A copy of this unit with another source range. Its identity is unchanged.
     *
     * @param source the new range, or null for none
     * @return the copy
     */
    CodeUnit withSource(SourceRange source);
}
