package io.github.codefind.internal.log;

/**
 * What codefind's {@link System.Logger}s say without being asked: warnings and errors the user must act
 * on. What codefind chose or noticed (its heap backend, how it redefines, a folder it waits for) is
 * logged at {@link #info()}: {@code INFO} with {@code -v} (the launcher's flag, the agent's
 * {@code verbose}), {@code DEBUG} otherwise, so a program run under codefind prints nothing extra.
 *
 * <p>Loggers are obtained when a line is logged, never in a static initializer of a class that loads
 * at start-up: {@link System#getLogger} looks up the logging back end, which costs start-up time.
 */
public final class Log {
    /** The system property that {@code -v} and the agent's {@code verbose} set. */
    public static final String VERBOSE = "codefind.verbose";

    private Log() {
    }

    /**
     * @return {@code INFO} when codefind runs verbose, otherwise {@code DEBUG}
     */
    public static System.Logger.Level info() {
        return verbose() ? System.Logger.Level.INFO : System.Logger.Level.DEBUG;
    }

    /**
     * @return whether {@code -v} or the agent's {@code verbose} was given: {@value #VERBOSE} is
     *     {@code true}, or set without a value
     */
    public static boolean verbose() {
        String v = System.getProperty(VERBOSE);
        return v != null && (v.isEmpty() || Boolean.parseBoolean(v));
    }

    /**
     * Says that codefind runs verbose, for what logs from now on; a {@code -D} given on the command line
     * wins.
     */
    public static void makeVerbose() {
        if (System.getProperty(VERBOSE) == null) {
            System.setProperty(VERBOSE, "true");
        }
    }
}
