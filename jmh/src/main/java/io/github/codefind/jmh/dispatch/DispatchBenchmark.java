package io.github.codefind.jmh.dispatch;

import io.github.codefind.dispatch.Dispatch;
import io.github.codefind.dispatch.Dispatcher;
import io.github.codefind.jmh.dispatch.Shapes.Shape;
import java.lang.reflect.InvocationTargetException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One call of a one-argument dispatch, in ns, at a monomorphic site (one argument class) and a
 * megamorphic one (eight classes in a fixed random order, so that branch prediction cannot learn a
 * cycle): the dispatcher against a hand-written instanceof chain, a visitor (double dispatch), and a
 * reflective lookup per call ({@code getMethod} and {@code invoke}). Every variant runs the same
 * handler bodies over the same 1024 shapes.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class DispatchBenchmark {
    private static final int SIZE = 1024;

    /** How many argument classes the site sees: 1 (monomorphic) or 8 (megamorphic). */
    @Param({"1", "8"})
    public int classes;

    private final Shape[] shapes = new Shape[SIZE];
    private final Shapes.Visitor visitor = new Shapes.AreaVisitor();
    private Dispatcher<Integer> dispatcher;
    /** Three dispatchers over the same handlers, so that the site inside {@code Dispatcher.call} sees three. */
    private final List<Dispatcher<Integer>> three = new ArrayList<>();

    /** Builds the shapes and the dispatcher. */
    @Setup
    public void setUp() {
        Shape[] kinds = Shapes.all();
        Random random = new Random(42);
        for (int i = 0; i < SIZE; i++) {
            shapes[i] = kinds[classes == 1 ? 0 : random.nextInt(classes)];
        }
        dispatcher = Dispatch.on(Shapes.Handlers.class).byName("area").returning(Integer.class).build();
        // Not called here: a call would teach Dispatcher.call three receivers in the other benchmarks too.
        for (int i = 0; i < 3; i++) {
            three.add(Dispatch.on(Shapes.Handlers.class).byName("area").returning(Integer.class).build());
        }
        if (handWritten() != dispatcher() || handWritten() != visitor() || handWritten() != reflective()) {
            throw new IllegalStateException("the variants disagree");
        }
    }

    /** Checks, after measuring, the variant that the set-up could not check without spoiling the others. */
    @TearDown
    public void check() {
        if (handWritten() != dispatcherAmongThree()) {
            throw new IllegalStateException("three dispatchers disagree with the instanceof chain");
        }
    }

    /** @return the sum of the handlers' values, through the instanceof chain */
    @Benchmark
    @OperationsPerInvocation(SIZE)
    public int handWritten() {
        int sum = 0;
        for (Shape s : shapes) {
            sum += Shapes.Handlers.chain(s);
        }
        return sum;
    }

    /** @return the sum, through the visitor */
    @Benchmark
    @OperationsPerInvocation(SIZE)
    public int visitor() {
        int sum = 0;
        for (Shape s : shapes) {
            sum += s.accept(visitor);
        }
        return sum;
    }

    /** @return the sum, through the dispatcher */
    @Benchmark
    @OperationsPerInvocation(SIZE)
    public int dispatcher() {
        int sum = 0;
        for (Shape s : shapes) {
            sum += dispatcher.call(s);
        }
        return sum;
    }

    /**
     * @return the sum, through three dispatchers in turn: the one call inside {@code Dispatcher.call}
     *     sees three receivers and stops inlining, as it does in a program that uses several
     */
    @Benchmark
    @OperationsPerInvocation(SIZE)
    public int dispatcherAmongThree() {
        int sum = 0;
        Dispatcher<Integer> a = three.get(0);
        Dispatcher<Integer> b = three.get(1);
        Dispatcher<Integer> c = three.get(2);
        for (int i = 0; i < SIZE; i += 4) {
            sum += a.call(shapes[i]) + b.call(shapes[i + 1]) + c.call(shapes[i + 2]) + a.call(shapes[i + 3]);
        }
        return sum;
    }

    /** @return the sum, looking each handler up by reflection */
    @Benchmark
    @OperationsPerInvocation(SIZE)
    public int reflective() {
        int sum = 0;
        try {
            for (Shape s : shapes) {
                sum += (Integer) Shapes.Handlers.class.getMethod("area", s.getClass()).invoke(null, s);
            }
        } catch (NoSuchMethodException | IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException(e);
        }
        return sum;
    }
}
