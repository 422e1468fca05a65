package io.github.codefind.internal.registry;

import java.lang.ref.Reference;
import io.github.codefind.internal.heap.ReferenceFields;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Referrers found by walking from the registered objects only: their instance fields, and the
 * arrays and {@code java.base} containers ({@code java.util}, {@code java.util.concurrent},
 * {@code java.util.concurrent.atomic}: collections, maps, {@code Optional}, atomic references, with
 * their internal arrays and nodes) reached from them, at most {@value #MAX_DEPTH} references away.
 * No application code runs: fields are read reflectively.
 *
 * <p>A referrer is the object whose field or array element holds the target, as for the JVMTI
 * backend: for a target in an {@code ArrayList} that is the list's internal array, for a
 * {@code HashMap} value the map's node. Static fields, stacks and objects not reachable this way are
 * not seen, and neither are the referents of {@link Reference}s. The internals of {@code java.base}
 * containers can be read only when their packages are open to codefind, as the agent makes them;
 * otherwise only fields and arrays are followed.
 */
public final class TrackedReferrers {
    /** How many references from a registered object are followed. */
    public static final int MAX_DEPTH = 8;

    private static final System.Logger LOG = System.getLogger("io.github.codefind.registry");
    private static final Set<String> CONTAINER_PACKAGES =
            Set.of("java.util", "java.util.concurrent", "java.util.concurrent.atomic");


    private TrackedReferrers() {
    }

    /**
     * @param targets the targets, distinct
     * @param ignored an object whose contents are not walked (the caller's collection of targets)
     * @return for each target, its distinct referrers among the objects walked
     */
    public static List<List<Object>> find(Object[] targets, Object ignored) {
        Map<Object, Integer> index = new IdentityHashMap<>();
        List<Set<Object>> found = new ArrayList<>();
        for (Object t : targets) {
            index.put(t, found.size());
            found.add(Collections.newSetFromMap(new IdentityHashMap<>()));
        }
        Set<Object> visited = Collections.newSetFromMap(new IdentityHashMap<>());
        visited.add(targets);
        visited.add(ignored);
        List<Object> level = new ArrayList<>();
        Registry.forEachLive(type -> true, o -> {
            if (visited.add(o)) {
                level.add(o);
            }
        });
        // Breadth first: every object is first reached on its shortest path, so the depth bound cuts
        // as little as it can.
        for (int depth = 0; depth < MAX_DEPTH && !level.isEmpty(); depth++) {
            List<Object> next = new ArrayList<>();
            boolean enterMore = depth + 1 < MAX_DEPTH;
            for (Object holder : level) {
                for (Object value : referencesOf(holder)) {
                    if (value == null) {
                        continue;
                    }
                    Integer target = index.get(value);
                    if (target != null) {
                        found.get(target).add(holder);
                    }
                    if (enterMore && isContainer(value) && visited.add(value)) {
                        next.add(value);
                    }
                }
            }
            level.clear();
            level.addAll(next);
        }
        List<List<Object>> result = new ArrayList<>();
        for (Set<Object> s : found) {
            result.add(List.copyOf(new LinkedHashSet<>(s)));
        }
        return result;
    }

    private static List<Object> referencesOf(Object holder) {
        List<Object> values = new ArrayList<>();
        if (holder instanceof Object[]) {
            Collections.addAll(values, (Object[]) holder);
            return values;
        }
        for (Field f : ReferenceFields.of(holder.getClass())) {
            try {
                values.add(f.get(holder));
            } catch (IllegalAccessException e) {
                throw new IllegalStateException("field was made accessible: " + f, e);
            }
        }
        return values;
    }

    /** Arrays of references, and the classes of {@code java.base} collections and their internals. */
    private static boolean isContainer(Object value) {
        Class<?> type = value.getClass();
        if (type.isArray()) {
            return !type.getComponentType().isPrimitive();
        }
        return type.getClassLoader() == null && !type.isHidden()
                && CONTAINER_PACKAGES.contains(type.getPackageName());
    }
}
