package io.github.codefind.jmh;

import io.github.codefind.conform.Conformable;
import io.github.codefind.conform.Patch;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code Conformable}s of the test heap: {@value #CLASSES} implementing classes (more than the
 * JVMTI shim walks one by one, so discovery takes its tag-filtered path), each instance holding one
 * code object.
 *
 * <p>Kept apart from {@link TestHeap} so that these classes are loaded only when the first
 * conformable is created, after the heap backend is installed.
 */
final class Conformables {
    /** The number of implementing classes. */
    static final int CLASSES = 4;

    /** What the instances hold, in turn: instance {@code i} holds {@code CODE[i % CODE.length]}. */
    private static final Class<?>[] CODE = {
        TestHeap.Target.class, TestHeap.Filler.class, String.class, Integer.class
    };

    private Conformables() {
    }

    static List<Conformable> create(int count) {
        List<Conformable> result = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            Class<?> code = CODE[i % CODE.length];
            switch ((i / CODE.length) % CLASSES) {
                case 0:
                    result.add(new A(code));
                    break;
                case 1:
                    result.add(new B(code));
                    break;
                case 2:
                    result.add(new C(code));
                    break;
                default:
                    result.add(new D(code));
                    break;
            }
        }
        return result;
    }

    /** @return the implementing classes */
    static List<Class<? extends Conformable>> classes() {
        return List.of(A.class, B.class, C.class, D.class);
    }

    static Class<?> lastClass() {
        return D.class;
    }

    /** Instances holding {@code Target.class}, plus the instances of {@code D} that do not. */
    static int expectedMatches(int count) {
        int matches = 0;
        for (int i = 0; i < count; i++) {
            boolean holdsTarget = i % CODE.length == 0;
            boolean isD = (i / CODE.length) % CLASSES == CLASSES - 1;
            if (holdsTarget || isD) {
                matches++;
            }
        }
        return matches;
    }

    /** Holds one code object; conforming does nothing. */
    abstract static class Base implements Conformable {
        private final Class<?> code;

        Base(Class<?> code) {
            this.code = code;
        }

        @Override
        public void conform(Patch patch) {
            // Nothing derived to drop: the benchmarks only find conformables.
        }

        @Override
        public String toString() {
            return getClass().getSimpleName() + "[" + code.getName() + "]";
        }
    }

    static final class A extends Base {
        A(Class<?> code) {
            super(code);
        }
    }

    static final class B extends Base {
        B(Class<?> code) {
            super(code);
        }
    }

    static final class C extends Base {
        C(Class<?> code) {
            super(code);
        }
    }

    static final class D extends Base {
        D(Class<?> code) {
            super(code);
        }
    }
}
