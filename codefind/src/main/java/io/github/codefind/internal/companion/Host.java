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
    /** Field key (name, colon, descriptor) to the companion field standing for a field the JVM could not add. */
    final Map<String, FieldSlot> fields = new LinkedHashMap<>();
    final List<Companion> companions = new ArrayList<>();
    /**
     * Method key to the id of the patch that removed the method from the source, for each removed method
     * whose body now throws: its message names that patch, however many patches came after.
     */
    final Map<String, Long> removedBy = new LinkedHashMap<>();

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

    /**
     * A field of the host's source that lives in a companion: a static field of the companion for a
     * static one; for an instance one, a field of the companion's per-object side storage, reached through
     * the companion's static accessors.
     *
     * @param key the source field's name, a colon and its descriptor
     * @param companion the class holding it
     * @param access its modifiers there, fixed once made, since a redefinition cannot change them
     * @param constant its {@code ConstantValue}, fixed likewise; or null
     * @param present false once a patch removed it from the source (its storage stays, for old code)
     * @param finalIn for a field the host has as {@code final} and the source no longer does: the host's
     *     internal name; the field stays in the host and only writes are routed, through a bootstrap of
     *     the companion. Null for a field the companion holds.
     */
    record FieldSlot(String key, Companion companion, int access, Object constant, boolean present,
            String finalIn) {
        FieldSlot(String key, Companion companion, int access, Object constant, boolean present) {
            this(key, companion, access, constant, present, null);
        }

        String name() {
            return key.substring(0, key.indexOf(':'));
        }

        String descriptor() {
            return key.substring(key.indexOf(':') + 1);
        }

        boolean isStatic() {
            return (access & org.objectweb.asm.Opcodes.ACC_STATIC) != 0;
        }

        FieldSlot present(boolean now) {
            return new FieldSlot(key, companion, access, constant, now, finalIn);
        }

        /** @return the name of the companion's static method reading ({@code get}) or writing it */
        String accessor(String kind) {
            return "$codefind$" + kind + "$" + name();
        }
    }

    /**
     * One companion class: a fixed set of methods and fields, so that later patches may redefine it. One
     * that holds instance fields is a copy of {@link SideFields}.
     */
    static final class Companion {
        final String internalName;
        final List<String> keys;
        final List<String> fieldKeys;
        final boolean sideStorage;
        WeakReference<Class<?>> type = new WeakReference<>(null);
        byte[] bytes;

        Companion(String internalName, List<String> keys, List<String> fieldKeys, boolean sideStorage) {
            this.internalName = internalName;
            this.keys = List.copyOf(keys);
            this.fieldKeys = List.copyOf(fieldKeys);
            this.sideStorage = sideStorage;
        }
    }
}
