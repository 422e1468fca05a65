package io.github.codefind.internal.patch;

import io.github.codefind.internal.heap.NativeRedefinition;
import java.lang.instrument.ClassDefinition;
import java.lang.instrument.Instrumentation;
import java.lang.instrument.UnmodifiableClassException;
import java.util.List;

/**
 * Replaces the bytes of loaded classes, all classes of a patch in one JVM call, so that the JVM applies
 * all or none.
 */
interface Redefiner {
    /**
     * @param classes the classes
     * @param bytes their new class files, in the same order
     * @throws RedefinitionException if the JVM refused; then no class changed
     */
    void redefine(List<Class<?>> classes, List<byte[]> bytes) throws RedefinitionException;

    /** @return how it redefines, for the log */
    String description();

    /** Thrown when the JVM refuses a redefinition. Nothing was changed. */
    final class RedefinitionException extends Exception {
        private static final long serialVersionUID = 1L;

        RedefinitionException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** Through the agent's {@link Instrumentation#redefineClasses}. */
    final class ForInstrumentation implements Redefiner {
        private final Instrumentation instrumentation;

        ForInstrumentation(Instrumentation instrumentation) {
            this.instrumentation = instrumentation;
        }

        @Override
        public void redefine(List<Class<?>> classes, List<byte[]> bytes) throws RedefinitionException {
            ClassDefinition[] definitions = new ClassDefinition[classes.size()];
            for (int i = 0; i < definitions.length; i++) {
                definitions[i] = new ClassDefinition(classes.get(i), bytes.get(i));
            }
            try {
                instrumentation.redefineClasses(definitions);
            } catch (ClassNotFoundException | UnmodifiableClassException | RuntimeException | LinkageError e) {
                throw new RedefinitionException(String.valueOf(e.getMessage()), e);
            }
        }

        @Override
        public String description() {
            return "Instrumentation.redefineClasses (agent)";
        }
    }

    /** Through JVMTI {@code RedefineClasses} in the native library: no agent needed. */
    final class ForJvmti implements Redefiner {
        @Override
        public void redefine(List<Class<?>> classes, List<byte[]> bytes) throws RedefinitionException {
            String error = NativeRedefinition.redefine(classes.toArray(new Class<?>[0]), bytes.toArray(new byte[0][]));
            if (error != null) {
                throw new RedefinitionException(explain(error), null);
            }
        }

        private static String explain(String error) {
            switch (error) {
                case "JVMTI_ERROR_UNSUPPORTED_REDEFINITION_METHOD_ADDED":
                    return "class redefinition failed: attempted to add a method";
                case "JVMTI_ERROR_UNSUPPORTED_REDEFINITION_METHOD_DELETED":
                    return "class redefinition failed: attempted to delete a method";
                case "JVMTI_ERROR_UNSUPPORTED_REDEFINITION_SCHEMA_CHANGED":
                    return "class redefinition failed: attempted to change the schema (add/remove fields)";
                case "JVMTI_ERROR_UNSUPPORTED_REDEFINITION_HIERARCHY_CHANGED":
                    return "class redefinition failed: attempted to change superclass or interfaces";
                default:
                    return "class redefinition failed: " + error;
            }
        }

        @Override
        public String description() {
            return "JVMTI RedefineClasses (native library)";
        }
    }
}
