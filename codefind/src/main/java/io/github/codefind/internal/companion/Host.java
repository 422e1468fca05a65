package io.github.codefind.internal.companion;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What codefind keeps of one class whose shape a patch changed: the bytes the JVM really runs for it,
 * and where each method the JVM could not add lives instead. Guarded by the engine's patch lock.
 */
final class Host {
    final WeakReference<Class<?>> type;
    final String internalName;
    /** The class file the JVM runs for the host: its loaded shape, today's bodies. */
    byte[] physical;
    /** Method key (name and descriptor) to the companion method standing for it. */
    final Map<String, Slot> slots = new LinkedHashMap<>();
    final List<Companion> companions = new ArrayList<>();

    Host(Class<?> type, String internalName, byte[] physical) {
        this.type = new WeakReference<>(type);
        this.internalName = internalName;
        this.physical = physical;
    }

    /**
     * A method of the host's source that lives in a companion, as a static method whose first parameter
     * is the receiver when the source method is an instance method.
     *
     * @param key the source method's name and descriptor
     * @param companion the class holding it
     * @param descriptor its descriptor there
     * @param present false once a patch removed it from the source (its body then throws)
     */
    record Slot(String key, Companion companion, String descriptor, boolean present) {
        String name() {
            return key.substring(0, key.indexOf('('));
        }

        Slot present(boolean now) {
            return new Slot(key, companion, descriptor, now);
        }
    }

    /** One companion class: a fixed set of methods, so that later patches may redefine it. */
    static final class Companion {
        final String internalName;
        final List<String> keys;
        WeakReference<Class<?>> type = new WeakReference<>(null);
        byte[] bytes;

        Companion(String internalName, List<String> keys) {
            this.internalName = internalName;
            this.keys = List.copyOf(keys);
        }
    }
}
