package io.github.codefind.internal.patch;

import com.sun.management.HotSpotDiagnosticMXBean;
import io.github.codefind.Rejection;
import io.github.codefind.conform.SourceRange;
import io.github.codefind.internal.classfile.ClassComparison;
import io.github.codefind.internal.classfile.StructuralChange;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;

/**
 * What this JVM lets a redefinition change, checked before the JVM is asked, so that a patch it would
 * refuse is rejected with reasons and remedies and nothing is touched.
 */
interface RedefinitionPolicy {
    /** The remedy for changes a stock JVM refuses. */
    String RESTART = "Rebuild and restart the program, or run it on JetBrains Runtime with "
            + "-XX:+AllowEnhancedClassRedefinition, which allows structural changes";

    /**
     * @param comparison one class's changes
     * @return what this JVM would refuse, each with its reason and remedy; empty if it accepts
     */
    List<Rejection> check(ClassComparison comparison);

    /** @return the policy's name, for the log and {@code docs/jvms.md} */
    String description();

    /** @return the policy for this JVM */
    static RedefinitionPolicy detect() {
        return ForEnhancedRedefinition.enabled() ? new ForEnhancedRedefinition() : new ForStockHotSpot();
    }

    /**
     * HotSpot as shipped: method bodies, annotations and other attributes, and line numbers may change;
     * nothing in the class's shape may.
     */
    final class ForStockHotSpot implements RedefinitionPolicy {
        @Override
        public List<Rejection> check(ClassComparison comparison) {
            List<Rejection> refused = new ArrayList<>();
            for (StructuralChange s : comparison.structural()) {
                refused.add(new Rejection(comparison.type().name(), file(comparison), member(s), reason(s), RESTART));
            }
            return refused;
        }

        private static String file(ClassComparison c) {
            return c.type().source().map(SourceRange::file).orElse("");
        }

        private static String member(StructuralChange s) {
            return s.kind() == StructuralChange.Kind.METHOD_ADDED || s.kind() == StructuralChange.Kind.METHOD_REMOVED
                    || s.kind() == StructuralChange.Kind.METHOD_MODIFIERS ? s.member() : "";
        }

        private static String reason(StructuralChange s) {
            boolean lambda = s.member().startsWith("lambda$");
            switch (s.kind()) {
                case METHOD_ADDED:
                    return lambda ? "a lambda was added or now captures other variables, which adds a method;"
                            + " this JVM cannot add methods to a loaded class"
                            : "a method was added; this JVM cannot add methods to a loaded class";
                case METHOD_REMOVED:
                    return lambda ? "a lambda was removed or now captures other variables, which removes a"
                            + " method; this JVM cannot remove methods from a loaded class"
                            : "a method was removed or its signature changed; this JVM cannot remove methods"
                                    + " from a loaded class";
                case METHOD_MODIFIERS:
                    return "the method's modifiers changed (" + s.detail() + "); this JVM cannot change them";
                case FIELDS:
                    return "fields changed (" + s.detail() + "); this JVM cannot change a loaded class's fields";
                case SUPERTYPES:
                    return "the superclass or interfaces changed; this JVM cannot change them";
                case CLASS_MODIFIERS:
                    return "the class's modifiers changed (" + s.detail() + "); this JVM cannot change them";
                case NEST:
                    return "the nest changed (a nested, local or anonymous class was added or removed: "
                            + s.detail() + "); this JVM cannot change a loaded class's nest";
                default:
                    return "record components or permitted subclasses changed; this JVM cannot change them";
            }
        }

        @Override
        public String description() {
            return "stock HotSpot: bodies, attributes and line numbers";
        }
    }

    /** JetBrains Runtime with {@code -XX:+AllowEnhancedClassRedefinition}: the JVM itself decides. */
    final class ForEnhancedRedefinition implements RedefinitionPolicy {
        static boolean enabled() {
            if (!String.valueOf(System.getProperty("java.vm.vendor")).contains("JetBrains")) {
                return false;
            }
            try {
                HotSpotDiagnosticMXBean hotspot = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
                return Boolean.parseBoolean(hotspot.getVMOption("AllowEnhancedClassRedefinition").getValue());
            } catch (IllegalArgumentException e) {
                return false;
            }
        }

        @Override
        public List<Rejection> check(ClassComparison comparison) {
            return List.of();
        }

        @Override
        public String description() {
            return "JetBrains Runtime enhanced redefinition: structural changes allowed";
        }
    }
}
