package io.github.codefind.internal.patch;

import io.github.codefind.Rejection;
import io.github.codefind.conform.Change;
import io.github.codefind.conform.ChangeKind;
import io.github.codefind.conform.MethodUnit;
import io.github.codefind.internal.classfile.Uses;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Refuses a patch that removes (or renames, or retypes) a method that loaded code outside the patch
 * still calls: that code was compiled against the method and is not compiled again, so it would throw
 * {@code NoSuchMethodError} at its next call. Fields whose type changed are refused the same way; see
 * {@code Checks.retypedFieldsInUse}. Scans only when a patch removes a method.
 */
final class RemovedCallers {
    private RemovedCallers() {
    }

    /**
     * What a patch removes from one class.
     *
     * @param file the class's source file, for messages
     * @param changes the class's changes
     */
    record Removal(String file, List<Change> changes) {
    }

    /**
     * @param removed each target's changes, for those that remove methods
     * @param loaded every loaded class
     * @param patched the classes the patch redefines or defines, by binary name
     * @param classFiles where the loaded classes' class files are
     * @return one rejection per removed method still called, naming its callers
     */
    static List<Rejection> check(Map<Class<?>, Removal> removed, List<Class<?>> loaded, Set<String> patched,
            ClassFiles classFiles) {
        List<Rejection> refused = new ArrayList<>();
        for (Map.Entry<Class<?>, Removal> e : removed.entrySet()) {
            Class<?> type = e.getKey();
            Map<String, MethodUnit> keys = new LinkedHashMap<>();
            for (Change c : e.getValue().changes()) {
                if (c.is(ChangeKind.REMOVED) && c.unit() instanceof MethodUnit m && !m.isStaticInitializer()) {
                    keys.put(m.name() + m.descriptor().descriptor(), m);
                }
            }
            if (keys.isEmpty()) {
                continue;
            }
            Map<Class<?>, Set<String>> uses = Uses.callers(type, keys.keySet(), loaded, loaded,
                    c -> patched.contains(c.getName()), c -> {
                        try {
                            return classFiles.current(c);
                        } catch (IOException | RuntimeException ex) {
                            return null; // nothing to read: nothing known to call it
                        }
                    });
            Map<String, Set<String>> callers = new LinkedHashMap<>();
            uses.forEach((c, used) -> used.forEach(key -> callers.computeIfAbsent(key, k -> new LinkedHashSet<>())
                    .add(c.getName())));
            callers.forEach((key, by) -> refused.add(new Rejection(type.getName(), e.getValue().file(), key,
                    "the method was removed, renamed or retyped, and " + String.join(", ", by) + ", which this"
                            + " patch does not change, still " + (by.size() == 1 ? "calls" : "call")
                            + " it: " + (by.size() == 1 ? "its" : "their") + " next call would throw NoSuchMethodError",
                    "Save " + String.join(", ", by) + " without the call in the same patch, or keep the method")));
        }
        return refused;
    }
}
