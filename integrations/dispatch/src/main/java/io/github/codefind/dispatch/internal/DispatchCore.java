package io.github.codefind.dispatch.internal;

import io.github.codefind.conform.Change;
import io.github.codefind.conform.ChangeKind;
import io.github.codefind.conform.ClassUnit;
import io.github.codefind.conform.CodeUnit;
import io.github.codefind.conform.ConformException;
import io.github.codefind.conform.MethodUnit;
import io.github.codefind.conform.Patch;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.SwitchPoint;
import java.lang.reflect.Method;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The engine behind a {@code Dispatcher}: its current generation, its call paths, and what a patch
 * does to them.
 */
public final class DispatchCore {
    private static final System.Logger LOG = System.getLogger("io.github.codefind.dispatch");

    private final HandlerSource source;
    private final CallPath[] paths = new CallPath[5];
    private final AtomicLong rebuilds = new AtomicLong();
    private volatile DispatchState state;
    /** Methods and classes patches removed; guarded by this. */
    private final Set<MethodUnit> removedMethods = new HashSet<>();
    private final Set<ClassUnit> removedClasses = new HashSet<>();

    private DispatchCore(HandlerSource source, HandlerTable table) {
        this.source = source;
        this.state = DispatchState.of(0, table);
    }

    /**
     * Reads and checks the handlers, and links the call paths lazily.
     *
     * @param source where the handlers come from
     * @return the core
     * @throws IllegalArgumentException if a handler cannot be used, or there is none and no fallback
     * @throws io.github.codefind.dispatch.AmbiguousDispatchException if two handlers have the same
     *     parameter types and priority
     */
    public static DispatchCore build(HandlerSource source) {
        DispatchCore core = new DispatchCore(source, HandlerTable.read(source, Set.of(), Set.of(), true));
        for (int n = 1; n <= 4; n++) {
            core.paths[n] = CallPath.create(core, n);
        }
        return core;
    }

    /** @return the current generation */
    DispatchState state() {
        return state;
    }

    /** @return where the handlers come from */
    public HandlerSource source() {
        return source;
    }

    /**
     * @return new entry points whose call paths are constants to the JIT: a hidden class of its own,
     *     so that sites calling this dispatcher inline into the handlers
     */
    public CallSites callSites() {
        return Templates.callSites(List.of(paths[1].invoker(), paths[2].invoker(), paths[3].invoker(),
                paths[4].invoker()));
    }

    /**
     * Dispatches any number of arguments through the decision cache, with no inline cache.
     *
     * @param arguments the arguments
     * @return the result
     * @throws Throwable whatever the handler throws
     */
    public Object invokeSpread(Object[] arguments) throws Throwable {
        return state.decisions().find(Types.classesOf(arguments)).spread().invokeExact(arguments);
    }

    /**
     * @param classes argument classes, null for a null argument
     * @return the handler those arguments reach, empty for the fallback or no handler
     */
    public Optional<Method> handlerFor(Class<?>[] classes) {
        Class<?>[] keys = new Class<?>[classes.length];
        for (int i = 0; i < classes.length; i++) {
            keys[i] = classes[i] == null ? Types.NULL : classes[i];
        }
        Decision d = state.decisions().find(keys);
        if (d.ambiguous()) {
            throw d.exception(keys);
        }
        return d.handler() == null ? Optional.empty() : Optional.of(d.handler().method());
    }

    /** @return the current handlers' methods, highest priority first */
    public List<Method> handlers() {
        return HandlerMethod.methods(state.table().all());
    }

    /** @return how many times patches made this dispatcher rebuild */
    public long rebuilds() {
        return rebuilds.get();
    }

    /** @return the current generation's number */
    public long generation() {
        return state.generation();
    }

    /**
     * Rebuilds if the patch changed which handlers exist, their signatures or their annotations, or the
     * body of a handler (whose method handles must be made anew: HotSpot may keep running the old body
     * of a method that warm compiled method-handle code inlined). Does nothing for line changes, or for
     * body changes of the other methods of the handler classes, which the JVM handles itself.
     *
     * @param patch the relevant changes
     * @param owner the dispatcher's own class, whose change also forces a rebuild
     * @throws ConformException if the rebuilt table is unusable (the dispatcher then throws at each call
     *     until a later patch fixes it), or the handler class itself was removed
     */
    public synchronized void conform(Patch patch, Class<?> owner) throws ConformException {
        boolean rebuild = state.broken() || patch.affects(ClassUnit.of(owner));
        ClassUnit removedType = null;
        MethodUnit invisible = null;
        for (Change c : patch.changes()) {
            CodeUnit unit = c.unit();
            if (unit instanceof ClassUnit) {
                if (c.is(ChangeKind.REMOVED)) {
                    removedClasses.add((ClassUnit) unit);
                    rebuild = true;
                    if (((ClassUnit) unit).matches(source.type())) {
                        removedType = (ClassUnit) unit;
                    }
                } else if (c.is(ChangeKind.ADDED)) {
                    rebuild |= removedClasses.remove(unit);
                } else {
                    rebuild |= c.is(ChangeKind.SIGNATURE) || c.is(ChangeKind.ATTRIBUTES);
                }
            } else if (unit instanceof MethodUnit) {
                if (c.is(ChangeKind.REMOVED)) {
                    removedMethods.add((MethodUnit) unit);
                    rebuild = true;
                } else if (c.is(ChangeKind.ADDED)) {
                    removedMethods.remove(unit);
                    rebuild = true;
                    invisible = invisible != null ? invisible : invisibleToReflection((MethodUnit) unit);
                } else {
                    rebuild |= c.is(ChangeKind.SIGNATURE) || c.is(ChangeKind.ATTRIBUTES)
                            // HotSpot (17 and 25) may keep running the old body of a method a warm method
                            // handle inlined: new handles are needed for a handler whose body changed.
                            || c.is(ChangeKind.BODY) && !state.broken() && state.table().isHandler((MethodUnit) unit);
                }
            }
            // Lambdas; BODY of other methods (the helpers handlers call); LINES or REDEFINED alone: nothing.
        }
        if (!rebuild) {
            return;
        }
        DispatchState old = state;
        long generation = old.generation() + 1;
        DispatchState next;
        RuntimeException failure = null;
        try {
            next = DispatchState.of(generation, HandlerTable.read(source, Set.copyOf(removedMethods),
                    Set.copyOf(removedClasses), false));
        } catch (RuntimeException e) {
            failure = e;
            next = DispatchState.broken(generation, "The dispatcher over " + source.describe()
                    + " cannot be used since patch #" + patch.id() + ": " + e.getMessage()
                    + "; fix the handlers and the next patch rebuilds it", e);
        }
        // Publish the new generation before invalidating: a call that fails the old guard relinks to it.
        state = next;
        SwitchPoint.invalidateAll(new SwitchPoint[] {old.switchPoint()});
        rebuilds.incrementAndGet();
        LOG.log(System.Logger.Level.DEBUG, () -> "Rebuilt the dispatcher over " + source.describe() + " after patch #"
                + patch.id() + " (generation " + generation + ")");
        if (failure != null) {
            throw new ConformException("The dispatcher over " + source.describe() + " cannot rebuild after patch #"
                    + patch.id() + ": " + failure.getMessage() + "; it throws at each call until a patch fixes its"
                    + " handlers", failure);
        }
        if (invisible != null) {
            throw new ConformException(invisible + " was added by patch #" + patch.id() + ". This JVM cannot add"
                    + " methods to a loaded class, so it runs from a companion class that reflection does not see:"
                    + " if it is meant as a handler, the dispatcher over " + source.describe() + " cannot use it."
                    + " Restart the program, or run it on JetBrains Runtime with -XX:+AllowEnhancedClassRedefinition");
        }
        if (removedType != null) {
            throw new ConformException(removedType + " was removed by patch #" + patch.id() + ": its handlers are"
                    + " no longer called; create a new dispatcher");
        }
    }

    /** @return the unit if it names a method of a handler class that reflection cannot find; else null */
    private MethodUnit invisibleToReflection(MethodUnit unit) {
        if (source.name() != null ? !unit.name().equals(source.name()) : unit.name().startsWith("lambda$")) {
            return null;
        }
        for (Class<?> c : source.classes()) {
            if (unit.owner().matches(c)) {
                try {
                    unit.resolveIn(c);
                    return null;
                } catch (ReflectiveOperationException | LinkageError e) {
                    return unit;
                }
            }
        }
        return null;
    }

    /** @return the classes the handlers are read from, named, for {@code codeDependencies()} */
    public Set<CodeUnit> dependencies() {
        Set<CodeUnit> units = new LinkedHashSet<>();
        for (Class<?> c : source.classes()) {
            if (!c.isHidden()) {
                units.add(ClassUnit.of(c));
            }
        }
        return Set.copyOf(units);
    }

    /** @return such as {@code Shapes (methods named 'visit'), 4 handlers, generation 2} */
    public String describe() {
        DispatchState s = state;
        return source.describe() + ", " + (s.broken() ? "unusable" : s.table().all().size() + " handlers")
                + ", generation " + s.generation();
    }
}
