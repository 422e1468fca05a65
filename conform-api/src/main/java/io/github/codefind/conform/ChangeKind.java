package io.github.codefind.conform;

/**
 * What about a code unit changed. A {@link Change} carries one or more kinds.
 *
 * <p>A method's identity is its owner, name and descriptor: renaming a method or changing its
 * parameter or return types is {@link #REMOVED} for the old unit and {@link #ADDED} for the new one.
 */
public enum ChangeKind {
    /** Only line numbers moved: code above it was edited. Alone, it means behaviour is unchanged. */
    LINES,
    /** The bytecode of a method, constructor, static initializer or lambda body changed. */
    BODY,
    /** Annotations or other attributes changed (parameter names, exceptions, default values). */
    ATTRIBUTES,
    /**
     * Modifiers or the generic signature changed. On a class, also its supertypes, fields, nest
     * members or inner-class table: its shape.
     */
    SIGNATURE,
    /** The unit did not exist before the patch. {@link Change#before()} is empty. */
    ADDED,
    /** The unit no longer exists after the patch. {@link Change#after()} is empty. */
    REMOVED,
    /**
     * The class's bytes were replaced. Every class a patch redefines gets a change with this kind,
     * even when no member changed, so that caches keyed by class can be dropped.
     */
    REDEFINED
}
