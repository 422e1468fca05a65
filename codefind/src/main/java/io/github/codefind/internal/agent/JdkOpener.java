package io.github.codefind.internal.agent;

import java.lang.instrument.Instrumentation;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Opens the {@code java.base} packages whose internals codefind reads reflectively (collection
 * fields searched for code references and referrers) to codefind's own module, through
 * {@link Instrumentation#redefineModule}: users never need {@code --add-opens}. Only codefind gains
 * access; the application's modules are unchanged.
 *
 * <p>Run when the heap backend is first chosen, not in {@code premain}: only the engine and the heap
 * read those packages.
 */
final class JdkOpener implements Runnable {
    /**
     * The packages of the containers that codefind searches, of method handles, and java.lang, whose
     * {@code Class.classRedefinedCount} tells whether someone else's redefinition took effect.
     */
    static final List<String> PACKAGES = List.of("java.util", "java.util.concurrent",
            "java.util.concurrent.atomic", "java.lang.invoke", "java.lang");

    private final Instrumentation instrumentation;

    /**
     * @param instrumentation the agent's
     */
    JdkOpener(Instrumentation instrumentation) {
        this.instrumentation = instrumentation;
    }

    @Override
    public void run() {
        openToCodefind(instrumentation);
    }

    /**
     * @param instrumentation the agent's
     */
    static void openToCodefind(Instrumentation instrumentation) {
        Module javaBase = Object.class.getModule();
        Module codefind = JdkOpener.class.getModule();
        Map<String, Set<Module>> opens = new LinkedHashMap<>();
        for (String p : PACKAGES) {
            if (!javaBase.isOpen(p, codefind)) {
                opens.put(p, Set.of(codefind));
            }
        }
        if (opens.isEmpty()) {
            return;
        }
        try {
            instrumentation.redefineModule(javaBase, Set.of(), Map.of(), opens, Set.of(), Map.of());
            log().log(System.Logger.Level.DEBUG, () -> "Opened " + opens.keySet() + " of java.base to " + codefind);
        } catch (RuntimeException e) {
            log().log(System.Logger.Level.WARNING, "codefind could not open " + opens.keySet() + " of java.base;"
                    + " fields of JDK collections will not be searched", e);
        }
    }

    private static System.Logger log() {
        return System.getLogger("io.github.codefind.agent");
    }
}
