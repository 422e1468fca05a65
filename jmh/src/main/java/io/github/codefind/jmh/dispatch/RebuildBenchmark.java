package io.github.codefind.jmh.dispatch;

import io.github.codefind.conform.Change;
import io.github.codefind.conform.ChangeKind;
import io.github.codefind.conform.ClassUnit;
import io.github.codefind.conform.ConformException;
import io.github.codefind.conform.MethodUnit;
import io.github.codefind.conform.Patch;
import io.github.codefind.dispatch.Dispatch;
import io.github.codefind.dispatch.Dispatcher;
import io.github.codefind.jmh.dispatch.Shapes.Shape;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What a conform costs, in µs: a change that makes the dispatcher rebuild (an annotation changed:
 * re-read the handlers, invalidate the switch point) followed by one call for each of the eight
 * classes (relinking the inline cache), against a body change of a method that is not a handler,
 * which costs nothing.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class RebuildBenchmark {
    private final Shape[] shapes = Shapes.all();
    private Dispatcher<Integer> dispatcher;
    private Patch annotationChanged;
    private Patch bodyChanged;

    /** Builds the dispatcher and the patches. */
    @Setup
    public void setUp() {
        dispatcher = Dispatch.on(Shapes.Handlers.class).byName("area").returning(Integer.class).build();
        ClassUnit type = ClassUnit.of(Shapes.Handlers.class);
        MethodUnit handler = MethodUnit.of(type, "area", "(Lio/github/codefind/jmh/dispatch/Shapes$S0;)I");
        MethodUnit chain = MethodUnit.of(type, "chain", "(Lio/github/codefind/jmh/dispatch/Shapes$Shape;)I");
        annotationChanged = new Patch(1, List.of(Change.modified(handler, handler, EnumSet.of(ChangeKind.ATTRIBUTES)),
                Change.modified(type, type, EnumSet.of(ChangeKind.REDEFINED))));
        bodyChanged = new Patch(2, List.of(Change.modified(chain, chain, EnumSet.of(ChangeKind.BODY)),
                Change.modified(type, type, EnumSet.of(ChangeKind.REDEFINED))));
    }

    /**
     * @return the sum of the eight calls after the rebuild
     * @throws ConformException never
     */
    @Benchmark
    public int rebuildAndRelink() throws ConformException {
        dispatcher.conform(annotationChanged);
        int sum = 0;
        for (Shape s : shapes) {
            sum += dispatcher.call(s);
        }
        return sum;
    }

    /**
     * @return the sum of the eight calls after a body-only conform
     * @throws ConformException never
     */
    @Benchmark
    public int bodyOnlyConform() throws ConformException {
        dispatcher.conform(bodyChanged);
        int sum = 0;
        for (Shape s : shapes) {
            sum += dispatcher.call(s);
        }
        return sum;
    }
}
