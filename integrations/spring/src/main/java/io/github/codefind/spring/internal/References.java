package io.github.codefind.spring.internal;

import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.ListIterator;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Points an object's references to one instance at another: its fields (in its class and superclasses),
 * and the elements of arrays, lists, sets, maps and optionals held in them, as Spring injects them.
 * Only {@code java.util} containers are touched, so no application code runs; a container that refuses
 * the change (unmodifiable) is left as it is and counted as a miss.
 */
final class References {
    private References() {
    }

    /**
     * What a replacement did.
     *
     * @param replaced how many references now point at the new instance
     * @param missed references found in containers that could not be changed, and fields that could not be set
     */
    record Outcome(int replaced, List<String> missed) {
    }

    /**
     * @param holder the object to update
     * @param old the instance it may refer to
     * @param replacement the instance to refer to instead
     * @return what was replaced, and what could not be
     */
    static Outcome replace(Object holder, Object old, Object replacement) {
        int replaced = 0;
        List<String> missed = new ArrayList<>();
        for (Class<?> c = holder.getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
            if (c.getName().startsWith("java.")) {
                break;
            }
            for (Field f : c.getDeclaredFields()) {
                if (Modifier.isStatic(f.getModifiers()) || f.getType().isPrimitive()) {
                    continue;
                }
                try {
                    f.setAccessible(true);
                    Object value = f.get(holder);
                    if (value == old) {
                        f.set(holder, replacement);
                        replaced++;
                    } else if (value instanceof Optional<?> && ((Optional<?>) value).orElse(null) == old) {
                        f.set(holder, Optional.of(replacement));
                        replaced++;
                    } else if (value != null) {
                        replaced += inContainer(value, old, replacement, c.getSimpleName() + "." + f.getName(), missed);
                    }
                } catch (IllegalAccessException | RuntimeException e) {
                    missed.add(c.getSimpleName() + "." + f.getName() + " (" + e.getClass().getSimpleName() + ")");
                }
            }
        }
        return new Outcome(replaced, missed);
    }

    @SuppressWarnings("unchecked")
    private static int inContainer(Object container, Object old, Object replacement, String where, List<String> missed) {
        if (container.getClass().isArray() && !container.getClass().getComponentType().isPrimitive()) {
            int n = 0;
            for (int i = 0; i < Array.getLength(container); i++) {
                if (Array.get(container, i) == old) {
                    Array.set(container, i, replacement);
                    n++;
                }
            }
            return n;
        }
        if (!container.getClass().getName().startsWith("java.util.")) {
            return 0;
        }
        try {
            if (container instanceof List<?>) {
                int n = 0;
                for (ListIterator<Object> it = ((List<Object>) container).listIterator(); it.hasNext();) {
                    if (it.next() == old) {
                        it.set(replacement);
                        n++;
                    }
                }
                return n;
            }
            if (container instanceof Set<?>) {
                Set<Object> set = (Set<Object>) container;
                for (Object e : set) {
                    if (e == old) {
                        set.remove(old);
                        set.add(replacement);
                        return 1;
                    }
                }
                return 0;
            }
            if (container instanceof Map<?, ?>) {
                int n = 0;
                for (Map.Entry<Object, Object> e : ((Map<Object, Object>) container).entrySet()) {
                    if (e.getValue() == old) {
                        e.setValue(replacement);
                        n++;
                    }
                }
                return n;
            }
        } catch (UnsupportedOperationException e) {
            missed.add(where + " (unmodifiable " + container.getClass().getSimpleName() + ")");
        }
        return 0;
    }
}
