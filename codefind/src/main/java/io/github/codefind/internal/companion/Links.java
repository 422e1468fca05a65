package io.github.codefind.internal.companion;

import io.github.codefind.internal.classfile.Uses;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The part of a {@link Draft} that links code outside the patch to the members the patch moves to
 * companions. A class the JVM accepted with a call to a member its owner did not have yet (an earlier
 * patch changed it so, or it was loaded since, compiled against a newer owner) throws
 * {@link NoSuchMethodError} at that call; once a patch gives the owner the member in a companion, the
 * class must be rewritten to reach it there, in the same redefinition. Nothing is recorded before
 * {@link #commit}.
 */
public final class Links {
    private final Draft draft;
    /** Loaded classes outside the patch pointed at members it moves: their new physical bytes. */
    private final Map<Class<?>, byte[]> relinked = new LinkedHashMap<>();
    /** Companions of classes outside the patch pointed at members it moves: their new bytes. */
    private final Map<Host.Companion, byte[]> relinkedCompanions = new LinkedHashMap<>();

    Links(Draft draft) {
        this.draft = draft;
    }

    /**
     * @return the members this patch moves to a companion for the first time, by class: code compiled
     *     against them elsewhere calls them where the JVM does not have them until it is pointed there
     */
    public Map<Class<?>, Set<String>> newlyMoved() {
        Map<Class<?>, Set<String>> out = new LinkedHashMap<>();
        for (HostPlan p : draft.plans.values()) {
            if (p.created != null && (!p.created.keys.isEmpty() || !p.created.fieldKeys.isEmpty())) {
                Set<String> keys = new LinkedHashSet<>(p.created.keys);
                keys.addAll(p.created.fieldKeys);
                out.put(p.type, keys);
            }
        }
        return out;
    }

    /**
     * Points a loaded class the patch does not change at the members it moves.
     *
     * @param type the class
     * @param logical its class file as compiled
     * @return the bytes to redefine it with, its running shape kept; null if none of its uses moved
     */
    public byte[] relink(Class<?> type, byte[] logical) {
        Host host = draft.registry.host(type);
        // A class whose shape a patch changed runs other bytes than its class file: rewrite those.
        byte[] running = host != null && host.physical != null ? host.physical : logical;
        byte[] rewritten = draft.rewrite(running, type.getClassLoader());
        if (rewritten == running) {
            return null;
        }
        if (host != null) {
            relinked.put(type, rewritten);
        }
        return rewritten;
    }

    /**
     * Points the companions of classes the patch does not change at the members it moves: a method an
     * earlier patch added may call one the program gains only now.
     *
     * @param keys the members moved, by key
     * @return each loaded companion to redefine, with its new bytes
     */
    public Map<Class<?>, byte[]> relinkCompanions(Set<String> keys) {
        Map<Class<?>, byte[]> out = new LinkedHashMap<>();
        for (Host h : draft.registry.hosts()) {
            Class<?> type = h.type.get();
            if (type == null || draft.plans.containsKey(type)) {
                continue; // a class in the patch has its companions made again, linked to this patch's moves
            }
            for (Host.Companion c : h.companions) {
                Class<?> loaded = c.type.get();
                if (loaded == null || c.bytes == null || Uses.of(c.bytes, null, keys).isEmpty()) {
                    continue;
                }
                byte[] rewritten = draft.rewrite(c.bytes, type.getClassLoader());
                if (rewritten != c.bytes) {
                    relinkedCompanions.put(c, rewritten);
                    out.put(loaded, rewritten);
                }
            }
        }
        return out;
    }

    /**
     * @param owner the internal name an instruction names
     * @param key a method key, or a field key
     * @param loader the loader of the code naming it
     * @return true if a companion has that member for the owner, counting this patch's moves
     */
    public boolean inCompanion(String owner, String key, ClassLoader loader) {
        return key.indexOf('(') >= 0 ? draft.resolve(owner, key, loader) != null
                : draft.resolveField(owner, key, loader) != null;
    }

    /** Records the relinked bytes, once the JVM has taken the patch. */
    void commit() {
        relinked.forEach((type, bytes) -> draft.registry.host(type).physical = bytes);
        relinkedCompanions.forEach((c, bytes) -> c.bytes = bytes);
    }
}
