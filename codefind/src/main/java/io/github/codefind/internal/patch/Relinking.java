package io.github.codefind.internal.patch;

import io.github.codefind.internal.classfile.Uses;
import io.github.codefind.internal.companion.Links;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Adds to a patch that moves members to companions the loaded classes outside it whose code uses those
 * members: redefined in the same call, they reach the companions instead of throwing
 * {@link NoSuchMethodError}. Looks only at classes whose class file codefind holds (patched ones, and
 * those loaded from a watched class folder): their bytes are known to be what runs, whereas a file read
 * from a loader may be newer than the class, and redefining with it would swap in code nobody patched.
 * Classes loaded after the patch are rewritten as they load (see {@code Companions.rewriteLoading}).
 */
final class Relinking {
    private Relinking() {
    }

    /**
     * @param plan the patch, whose targets are added to
     * @param links the patch's moves
     * @param loadedClasses every loaded class
     * @param classFiles the held class files
     */
    static void relink(Plan plan, Links links, List<Class<?>> loadedClasses, ClassFiles classFiles) {
        Map<Class<?>, Set<String>> moved = links.newlyMoved();
        if (moved.isEmpty()) {
            return;
        }
        Set<Class<?>> patched = new HashSet<>(plan.targets);
        Set<String> keys = new HashSet<>();
        Map<Class<?>, byte[]> callers = new LinkedHashMap<>();
        for (Map.Entry<Class<?>, Set<String>> m : moved.entrySet()) {
            keys.addAll(m.getValue());
            // Companions are linked through their hosts' records below, which know their bytes.
            Uses.callers(m.getKey(), m.getValue(), loadedClasses, loadedClasses,
                    // Most loaded classes hold no bytes here: asking that first spares a look at each name.
                    c -> classFiles.held(c) == null || patched.contains(c) || c.getName().contains("$$codefind$"),
                    classFiles::held)
                    .keySet().forEach(c -> callers.putIfAbsent(c, classFiles.held(c)));
        }
        for (Map.Entry<Class<?>, byte[]> c : callers.entrySet()) {
            byte[] physical = links.relink(c.getKey(), c.getValue());
            if (physical != null) {
                plan.targets.add(c.getKey());
                plan.bytes.add(physical);
                plan.logical.add(c.getValue());
            }
        }
        links.relinkCompanions(keys).forEach((companion, bytes) -> {
            if (!patched.contains(companion)) {
                plan.targets.add(companion);
                plan.bytes.add(bytes);
                plan.logical.add(bytes);
            }
        });
    }
}
