package io.github.codefind.internal.agent;

import io.github.codefind.internal.log.Log;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The agent's argument string, as in {@code -javaagent:codefind.jar=heap=registry,registry.classes=a.B,c.*}:
 * comma-separated {@code key=value} pairs, and the flags {@code verbose} and {@code poll}. Any other part
 * without {@code =} continues the previous value, so that lists such as
 * {@code watch=src/main/java,src/test/java} need no other separator. The runner's keys: {@code watch},
 * {@code classes}, {@code verbose}, {@code poll}, {@code exclude}, {@code encoding}, {@code loop}, {@code settle}. Each key sets the system
 * property {@code codefind.<key>} unless the command line already set it.
 *
 * <p>This runs in {@code premain}, before every program run under the agent: no lambda and no string
 * concatenation outside of what it says, which would bootstrap {@code java.lang.invoke} first.
 */
final class AgentOptions {
    /** The keys codefind reads; others are logged and ignored. */
    static final Set<String> KNOWN = Set.of("heap", "native.path", "registry.classes", "registry.partialReferrers",
            "watch", "classes", "verbose", "poll", "exclude", "encoding", "loop", "discovery", "settle");

    /** Options that stand alone, without {@code =}: {@code verbose} (or {@code v}) and {@code poll}. */
    private static final Map<String, String> FLAGS = Map.of("verbose", "verbose", "v", "verbose", "poll", "poll");

    private AgentOptions() {
    }

    /**
     * @param args the agent's argument string; null or blank for none
     * @return the options in order, keys without the {@code codefind.} prefix
     */
    static Map<String, String> parse(String args) {
        Map<String, String> options = new LinkedHashMap<>();
        if (args == null || args.isBlank()) {
            return options;
        }
        String key = null;
        for (String part : args.split(",")) {
            int eq = part.indexOf('=');
            if (eq > 0) {
                key = part.substring(0, eq).trim();
                options.put(key, part.substring(eq + 1).trim());
            } else if (FLAGS.containsKey(part.trim())) {
                key = null;
                options.put(FLAGS.get(part.trim()), part.trim().equals("poll") ? "" : "true");
            } else if (key != null) {
                options.put(key, options.get(key).concat(",").concat(part.trim()));
            } else if (!part.isBlank()) {
                log().log(System.Logger.Level.WARNING, "codefind agent: ignoring argument '" + part
                        + "': expected key=value");
            }
        }
        return options;
    }

    /**
     * Sets the system properties the options name; the command line's {@code -D} wins.
     *
     * @param args the agent's argument string
     */
    static void apply(String args) {
        for (Map.Entry<String, String> option : parse(args).entrySet()) {
            String key = option.getKey();
            String property = "codefind.".concat(key);
            if (!KNOWN.contains(key)) {
                log().log(System.Logger.Level.WARNING, "codefind agent: ignoring unknown option " + key
                        + "; known: " + KNOWN);
            } else if (System.getProperty(property) != null) {
                log().log(Log.info(), "codefind agent: -D" + property + " is set, option " + key
                        + "=" + option.getValue() + " ignored");
            } else {
                System.setProperty(property, option.getValue());
            }
        }
    }

    private static System.Logger log() {
        return System.getLogger("io.github.codefind.agent");
    }
}
