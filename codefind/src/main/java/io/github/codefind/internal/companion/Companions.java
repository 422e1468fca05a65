package io.github.codefind.internal.companion;

import io.github.codefind.internal.classfile.Uses;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Structural edits on a JVM that cannot change a loaded class's shape: the methods a patch adds live in
 * companion classes next to their class, call sites in patched code are rewritten to reach them, and
 * the methods a patch removes stay in the JVM with a body that throws {@link NoSuchMethodError}. This is
 * the registry of what was moved where; {@link #draft} plans one patch. Callers hold the engine's patch
 * lock.
 */
public final class Companions {
    /** {@code -Dcodefind.structural=false} turns companions off: added and removed methods are refused. */
    public static final String PROPERTY = "codefind.structural";

    private final Map<ClassLoader, Map<String, Host>> hosts = new WeakHashMap<>();
    private final AtomicLong names = new AtomicLong();
    /** Every method and field key ever moved: a quick filter for call-site rewriting. */
    private final Set<String> moved = new HashSet<>();
    /** A copy of {@link #moved} for class loads, which must not wait for a patch. */
    private volatile Set<String> movedNow = Set.of();
    /** The names of the moved members, without descriptors. */
    private volatile Set<String> movedNames = Set.of();

    /** @return true unless {@value #PROPERTY} is {@code false} */
    public static boolean enabled() {
        return !"false".equals(System.getProperty(PROPERTY));
    }

    /**
     * @param patchId the id the patch will have, named in the messages of removed methods
     * @return a plan for one patch, committed only if the patch applies
     */
    public Draft draft(long patchId) {
        return new Draft(this, patchId, false);
    }

    /**
     * @param type a loaded class
     * @return the bytes the JVM runs for it, if a patch changed its shape; else null
     */
    public byte[] physical(Class<?> type) {
        Host h = host(type);
        return h == null ? null : h.physical;
    }

    /**
     * Rewrites, as it loads, a class that calls methods earlier patches moved: a class compiled with
     * those methods but loaded only now, from disk, would otherwise fail with {@link NoSuchMethodError}.
     * Safe to call from any thread.
     *
     * @param classfile the class being loaded
     * @param loader its loader
     * @return the rewritten class file, or null if it calls no moved method
     */
    public byte[] rewriteLoading(byte[] classfile, ClassLoader loader) {
        Set<String> keys = movedNow;
        if (keys.isEmpty()) {
            return null;
        }
        // Class loading is hot: a look at the constant pool's strings first, then a scan of the code, and
        // a full read and write only for a class that uses a moved member.
        if (!Uses.namesAny(classfile, movedNames) || !Rewriter.mentions(classfile, keys)) {
            return null;
        }
        byte[] rewritten = new Draft(this, 0, true).rewrite(classfile, loader);
        return rewritten == classfile ? null : rewritten;
    }

    /** @return true once a patch moved a method or field: classes loaded since may need rewriting */
    public synchronized boolean anyMoved() {
        return !moved.isEmpty();
    }

    /** @return how many companion classes were named so far */
    public long companionCount() {
        return names.get();
    }

    synchronized Host host(Class<?> type) {
        Map<String, Host> byName = hosts.get(type.getClassLoader());
        Host h = byName == null ? null : byName.get(type.getName().replace('.', '/'));
        return h != null && h.type.get() == type ? h : null;
    }

    synchronized Host host(ClassLoader loader, String internalName) {
        Map<String, Host> byName = hosts.get(loader);
        return byName == null ? null : byName.get(internalName);
    }

    /** @return every class whose shape a patch changed, or whose methods moved, that is still loaded */
    synchronized java.util.List<Host> hosts() {
        java.util.List<Host> out = new java.util.ArrayList<>();
        for (Map<String, Host> byName : hosts.values()) {
            for (Host h : byName.values()) {
                if (h.type.get() != null) {
                    out.add(h);
                }
            }
        }
        return out;
    }

    synchronized void put(Class<?> type, Host host) {
        hosts.computeIfAbsent(type.getClassLoader(), l -> new HashMap<>()).put(host.internalName, host);
        moved.addAll(host.slots.keySet());
        moved.addAll(host.fields.keySet());
        Set<String> names = new HashSet<>();
        for (String key : moved) {
            int end = key.indexOf('(') >= 0 ? key.indexOf('(') : key.indexOf(':');
            names.add(key.substring(0, end));
        }
        movedNames = Set.copyOf(names);
        movedNow = Set.copyOf(moved);
    }

    /** @return true if some class ever had a method of that name and descriptor moved */
    synchronized boolean isMoved(String key) {
        return moved.contains(key);
    }

    String nextName(String hostInternalName) {
        return hostInternalName + "$$codefind$" + names.incrementAndGet();
    }
}
