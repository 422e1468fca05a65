package io.github.codefind.internal.agent;

import io.github.codefind.internal.heap.Backends;
import io.github.codefind.internal.patch.Engine;
import io.github.codefind.internal.run.Launcher;
import io.github.codefind.internal.run.Runner;
import java.lang.instrument.Instrumentation;

/**
 * codefind's Java agent, named in the jar's manifest as {@code Premain-Class}, {@code Agent-Class}
 * and {@code Launcher-Agent-Class}. It applies its options ({@link AgentOptions}), opens the JDK
 * packages codefind reads ({@link JdkOpener}) and chooses the heap backend at once, so that the
 * registry, if chosen, instruments classes from the first one loaded.
 *
 * <p>A failure is logged, never thrown: the application starts without codefind rather than not at
 * all, and {@code Codefind.heap()} reports the same failure when called.
 */
public final class CodefindAgent {
    private static final System.Logger LOG = System.getLogger("io.github.codefind.agent");

    private CodefindAgent() {
    }

    /**
     * Runs before {@code main}, for {@code -javaagent:codefind.jar[=options]}.
     *
     * @param args the options, such as {@code heap=registry,registry.classes=com.example.*}
     * @param instrumentation given by the JVM
     */
    public static void premain(String args, Instrumentation instrumentation) {
        start(args, instrumentation);
    }

    /**
     * Runs when the agent is attached to a running JVM, or started by {@code Launcher-Agent-Class}.
     * Tracked classes already loaded are then only partly visible to the registry.
     *
     * @param args the options, as for {@link #premain}
     * @param instrumentation given by the JVM
     */
    public static void agentmain(String args, Instrumentation instrumentation) {
        start(args, instrumentation);
    }

    private static void start(String args, Instrumentation instrumentation) {
        try {
            int launcher = Launcher.launcherMode();
            if (launcher > 0) {
                Launcher.quietUnlessVerbose(launcher == 2);
            }
            AgentOptions.apply(args);
            JdkOpener.openToCodefind(instrumentation);
            Backends.agentStarted(instrumentation);
            // From now on, redefinitions by others (a debugger's HotSwap) reach the conform pipeline.
            Engine.get();
            Runner.startFromSystemProperties();
        } catch (RuntimeException | LinkageError e) {
            LOG.log(System.Logger.Level.ERROR, "codefind agent could not start: " + e, e);
        }
    }
}
