package io.github.codefind.jmh.dispatch;


/** Eight shape classes, a visitor over them, and handlers: the subjects of the benchmarks. */
public final class Shapes {
    private Shapes() {
    }

    /** A shape that accepts a visitor (double dispatch). */
    public interface Shape {
        /**
         * @param visitor the visitor
         * @return what it returned
         */
        int accept(Visitor visitor);
    }

    /** The classic visitor. */
    public interface Visitor {
        /**
         * @param s a shape
         * @return a value
         */
        int visit(S0 s);

        /**
         * @param s a shape
         * @return a value
         */
        int visit(S1 s);

        /**
         * @param s a shape
         * @return a value
         */
        int visit(S2 s);

        /**
         * @param s a shape
         * @return a value
         */
        int visit(S3 s);

        /**
         * @param s a shape
         * @return a value
         */
        int visit(S4 s);

        /**
         * @param s a shape
         * @return a value
         */
        int visit(S5 s);

        /**
         * @param s a shape
         * @return a value
         */
        int visit(S6 s);

        /**
         * @param s a shape
         * @return a value
         */
        int visit(S7 s);
    }

    /** Shape 0. */
    public static final class S0 implements Shape {
        final int v = 0;

        @Override
        public int accept(Visitor visitor) {
            return visitor.visit(this);
        }
    }

    /** Shape 1. */
    public static final class S1 implements Shape {
        final int v = 1;

        @Override
        public int accept(Visitor visitor) {
            return visitor.visit(this);
        }
    }

    /** Shape 2. */
    public static final class S2 implements Shape {
        final int v = 2;

        @Override
        public int accept(Visitor visitor) {
            return visitor.visit(this);
        }
    }

    /** Shape 3. */
    public static final class S3 implements Shape {
        final int v = 3;

        @Override
        public int accept(Visitor visitor) {
            return visitor.visit(this);
        }
    }

    /** Shape 4. */
    public static final class S4 implements Shape {
        final int v = 4;

        @Override
        public int accept(Visitor visitor) {
            return visitor.visit(this);
        }
    }

    /** Shape 5. */
    public static final class S5 implements Shape {
        final int v = 5;

        @Override
        public int accept(Visitor visitor) {
            return visitor.visit(this);
        }
    }

    /** Shape 6. */
    public static final class S6 implements Shape {
        final int v = 6;

        @Override
        public int accept(Visitor visitor) {
            return visitor.visit(this);
        }
    }

    /** Shape 7. */
    public static final class S7 implements Shape {
        final int v = 7;

        @Override
        public int accept(Visitor visitor) {
            return visitor.visit(this);
        }
    }

    /** @return one instance of each class */
    public static Shape[] all() {
        return new Shape[] {new S0(), new S1(), new S2(), new S3(), new S4(), new S5(), new S6(), new S7()};
    }

    /** The handlers, one per class, each a little arithmetic. */
    public static final class Handlers {
        private Handlers() {
        }

        /**
         * @param s a shape
         * @return a value
         */
        public static int area(S0 s) {
            return s.v * 3 + 1;
        }

        /**
         * @param s a shape
         * @return a value
         */
        public static int area(S1 s) {
            return s.v * 3 + 2;
        }

        /**
         * @param s a shape
         * @return a value
         */
        public static int area(S2 s) {
            return s.v * 3 + 3;
        }

        /**
         * @param s a shape
         * @return a value
         */
        public static int area(S3 s) {
            return s.v * 3 + 4;
        }

        /**
         * @param s a shape
         * @return a value
         */
        public static int area(S4 s) {
            return s.v * 3 + 5;
        }

        /**
         * @param s a shape
         * @return a value
         */
        public static int area(S5 s) {
            return s.v * 3 + 6;
        }

        /**
         * @param s a shape
         * @return a value
         */
        public static int area(S6 s) {
            return s.v * 3 + 7;
        }

        /**
         * @param s a shape
         * @return a value
         */
        public static int area(S7 s) {
            return s.v * 3 + 8;
        }

        /**
         * @param s any shape
         * @return a value; never reached by the benchmarks
         */
        public static int area(Shape s) {
            return -1;
        }

        /**
         * The hand-written equivalent: an instanceof chain (Java 17 has no pattern-matching switch).
         *
         * @param s a shape
         * @return the handler's value
         */
        public static int chain(Shape s) {
            if (s instanceof S0) {
                return area((S0) s);
            } else if (s instanceof S1) {
                return area((S1) s);
            } else if (s instanceof S2) {
                return area((S2) s);
            } else if (s instanceof S3) {
                return area((S3) s);
            } else if (s instanceof S4) {
                return area((S4) s);
            } else if (s instanceof S5) {
                return area((S5) s);
            } else if (s instanceof S6) {
                return area((S6) s);
            } else if (s instanceof S7) {
                return area((S7) s);
            }
            return area(s);
        }
    }

    /** The visitor calling the same handlers. */
    public static final class AreaVisitor implements Visitor {
        @Override
        public int visit(S0 s) {
            return Handlers.area(s);
        }

        @Override
        public int visit(S1 s) {
            return Handlers.area(s);
        }

        @Override
        public int visit(S2 s) {
            return Handlers.area(s);
        }

        @Override
        public int visit(S3 s) {
            return Handlers.area(s);
        }

        @Override
        public int visit(S4 s) {
            return Handlers.area(s);
        }

        @Override
        public int visit(S5 s) {
            return Handlers.area(s);
        }

        @Override
        public int visit(S6 s) {
            return Handlers.area(s);
        }

        @Override
        public int visit(S7 s) {
            return Handlers.area(s);
        }
    }
}
