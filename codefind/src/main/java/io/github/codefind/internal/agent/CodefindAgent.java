package io.github.codefind.internal.agent;

import io.github.codefind.internal.heap.Backends;
import io.github.codefind.internal.log.Log;
import io.github.codefind.internal.patch.RedefinitionHook;
import io.github.codefind.internal.run.Runner;
import java.lang.instrument.Instrumentation;

/**
 * codefind's Java agent, named in the jar's manifest as {@code Premain-Class}, {@code Agent-Class}
 * and {@code Launcher-Agent-Class}. It applies its options ({@link AgentOptions}) and checks them,
 * installs the hook through which redefinitions by others reach the conform pipeline
 * ({@link RedefinitionHook}), and starts the runner if the options ask it to watch.
 *
 * <p>It runs before every program started under it, so it does no more than that: the engine, ASM,
 * the native library and the compiler load on first use (the first patch, the first {@code Codefind}
 * call, the first redefinition by a debugger), or in the background once the program runs
 * ({@link io.github.codefind.internal.run.WarmUp}). The heap backend is chosen at once only when the
 * registry must see classes from the first one loaded ({@link Backends}). The JDK packages codefind
 * reads are opened ({@link JdkOpener}) just before the backend is chosen.
 *
 * <p>A failure is logged, never thrown: the application starts without codefind rather than not at
 * all, and {@code Codefind.heap()} reports the same failure when called.
 */
public final class CodefindAgent {
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

    /**
     * Whether this JVM runs the launcher ({@code java -jar codefind.jar run -v ...}), from the command the
     * java launcher recorded: codefind is then verbose from the start, before the launcher reads its
     * options. Split at single spaces, as the java launcher joins them: no regular expression.
     */
    static boolean launcherVerbose() {
        String[] command = System.getProperty("sun.java.command", "").trim().split(" ");
        if (command.length < 2 || !command[0].endsWith(".jar") || !command[1].equals("run")) {
            return false;
        }
        for (String a : command) {
            if (a.equals("-v") || a.equals("--verbose")) {
                return true;
            }
            if (a.equals("-cp") || a.equals("-classpath") || a.equals("--class-path")) {
                break;
            }
        }
        return false;
    }

    private static void start(String args, Instrumentation instrumentation) {
        try {
            if (launcherVerbose()) {
                Log.makeVerbose();
            }
            AgentOptions.apply(args);
            Backends.agentStarted(instrumentation, new JdkOpener(instrumentation));
            // After the backend: the registry's retransformations, if it was installed now, are nobody's patch.
            RedefinitionHook.install(instrumentation);
            // The runner's classes load only for a program that watches: every other start skips them.
            if (System.getProperty("codefind.watch") != null || System.getProperty("codefind.classes") != null) {
                Runner.startFromSystemProperties();
            }
        } catch (RuntimeException | LinkageError e) {
            System.getLogger("io.github.codefind.agent").log(System.Logger.Level.ERROR,
                    "codefind agent could not start: " + e, e);
        }
    }
}
