/**
 * The conform protocol.
 *
 * <ul>
 *   <li>{@link io.github.codefind.conform.Conformable}: an object whose state is derived from code;
 *       it is told when that code changes.
 *   <li>{@link io.github.codefind.conform.CodeUnit}: a class, a method or constructor, or a lambda,
 *       named without loading it, with its source range where known.
 *   <li>{@link io.github.codefind.conform.Change} and {@link io.github.codefind.conform.Patch}: what
 *       changed, grouped per patch.
 *   <li>{@link io.github.codefind.conform.ConformException}: how a conformer says it cannot conform.
 * </ul>
 *
 * <p>Every value type here is immutable and thread-safe. The full contract, including threading,
 * ordering and discovery, is in {@code docs/protocol.md}.
 */
package io.github.codefind.conform;
