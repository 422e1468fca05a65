package io.github.codefind;

import io.github.codefind.conform.CodeUnit;
import java.util.Collection;
import java.util.List;

/**
 * Questions about the live objects of this JVM: instances of a class, their number, the referrers of
 * given objects, and the {@link io.github.codefind.conform.Conformable}s that refer to given code.
 *
 * <p>Obtain it from {@link Codefind#heap()}. Two backends answer:
 * <ul>
 *   <li><b>JVMTI</b>, through a small native library loaded at run time: sees every object. <b>Each
 *       walk stops the world</b> for its whole duration, about 6 ms per million objects for a
 *       class-filtered walk and about 60 ms per million for {@link #referrers}.
 *   <li><b>Registry</b>, in pure Java, where native code cannot be used: sees only instances of
 *       classes instrumented as they were loaded ({@code Conformable} implementors and classes the user
 *       names), created after codefind was installed. A question it cannot answer completely throws
 *       {@link UnsupportedOperationException} naming what it cannot see.
 * </ul>
 *
 * <p>Results hold only objects that were reachable when the query began. Where the backend could
 * otherwise report objects that are unreachable but not yet collected (JVMTI on every collector but
 * ZGC, and the registry), {@link #instances} and {@link #count} first force a garbage collection:
 * <b>a full GC</b> on G1, Parallel and Serial, a separate pause of some 20 to 30 ms per million live
 * objects, and tens of milliseconds even on a small heap. {@link #conformablesReferringTo} collects
 * only when it must (see there). {@link #withoutCollection()} never collects, for callers that can
 * tolerate such objects. Results hold strong references: drop them promptly.
 *
 * <p>Thread-safe. Concurrent queries are serialized.
 */
public interface Heap {
    /**
     * Which backend answers, and why it was chosen.
     *
     * @return such as {@code "jvmti (native library loaded from the codefind jar)"}
     */
    String backend();

    /**
     * The reachable instances of a class.
     *
     * @param <T> the type
     * @param type the class
     * @param includeSubclasses whether instances of loaded subclasses count
     * @return the instances, in no particular order
     * @throws UnsupportedOperationException if the backend cannot see all of them
     */
    <T> List<T> instances(Class<T> type, boolean includeSubclasses);

    /**
     * The number of reachable instances of a class.
     *
     * @param type the class
     * @param includeSubclasses whether instances of loaded subclasses count
     * @return the count
     * @throws UnsupportedOperationException if the backend cannot see all of them
     */
    long count(Class<?> type, boolean includeSubclasses);

    /**
     * The objects that hold a strong reference to one of the targets, in an instance field, a static
     * field (the referrer is then the {@code Class}) or an array element. References from stacks,
     * JNI handles and the referent of a {@link java.lang.ref.Reference} do not count, nor do the
     * given collection and any array built from it.
     *
     * @param targets the objects whose referrers are wanted
     * @return for each target, in the same order, its distinct referrers
     * @throws UnsupportedOperationException if the backend cannot see every referrer; the registry
     *     backend sees only tracked objects
     */
    List<List<Object>> referrers(List<?> targets);

    /**
     * The {@code Conformable}s that refer to any of the given code units, with the units each refers
     * to: the question the conform pipeline asks. What counts as a reference is defined in
     * {@code docs/protocol.md}: code objects held in fields and in the arrays, collections and maps an
     * object owns, declared {@link io.github.codefind.conform.Conformable#codeDependencies()
     * dependencies}, and the object's own class.
     *
     * <p>The registry backend answers for the {@code Conformable}s it tracks and logs, once, which
     * implementing classes it cannot fully see.
     *
     * <p><b>Cost.</b> One walk without collection (JVMTI: about 17 ms per million objects, stop the
     * world; registry: its tracked objects only), then each object's fields are matched without
     * running any of its code. When no object may refer to the units, that is all: <b>nothing is
     * collected</b>. Otherwise the candidates are held weakly across <b>one full garbage
     * collection</b> (on every collector, ZGC included) and only those still reachable are returned:
     * the collection costs what it costs in {@link #instances}. An object that overrides
     * {@code codeDependencies()} is always a candidate, since only calling it could rule it out, and
     * it is called only once it is known to be live; so is any other code of a dead object never run.
     * Strongly and softly reachable objects are returned; objects reachable only through weak,
     * phantom or finalizer references are not.
     *
     * @param units the changed units
     * @return the referring objects, each once, ordered by class name
     */
    List<CodeDependent> conformablesReferringTo(Collection<? extends CodeUnit> units);

    /**
     * A view of this heap whose queries never force a garbage collection. They are faster, and <b>may
     * include objects that were unreachable but not yet collected</b> (on ZGC, objects reachable only
     * through weak references): its {@link #conformablesReferringTo} runs {@code codeDependencies()}
     * of such objects too.
     *
     * @return the view
     */
    Heap withoutCollection();
}
