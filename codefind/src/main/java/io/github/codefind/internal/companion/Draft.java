package io.github.codefind.internal.companion;

import io.github.codefind.Rejection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * One patch's structural plan. First {@link #prepare} each redefined class (which methods the JVM
 * cannot add or remove, and whether moving them is sound); then {@link #physical} gives the bytes to
 * redefine it with, {@link #rewrite} fixes the call sites of any other class the patch defines,
 * {@link #toDefine} and {@link #toRedefine} list companion classes; {@link #commit} once the JVM took
 * it all. Nothing is recorded before the commit, so a refused patch leaves no trace.
 */
public final class Draft {
    private final Companions registry;
    private final long patchId;
    private final Map<Class<?>, Plan> plans = new LinkedHashMap<>();

    /** One host's part of the patch. */
    private static final class Plan {
        final Class<?> type;
        final Host committed;
        /** Today's class file as compiled; read again for the host's own bytes, never modified. */
        final byte[] sourceBytes;
        final ClassNode source;
        final Map<String, Integer> shape;
        /**
         * Lambda bodies the source no longer has, as the JVM runs them: lambda objects made before the
         * patch keep calling their own old body (never another's), as running frames do.
         */
        final Map<String, MethodNode> oldLambdas = new LinkedHashMap<>();
        final Map<String, Host.Slot> slots = new LinkedHashMap<>();
        final List<String> removed = new ArrayList<>();
        final List<Host.Companion> companions = new ArrayList<>();
        /** Each companion's bytes for this patch, made once. */
        final Map<Host.Companion, byte[]> companionBytes = new java.util.HashMap<>();
        Host.Companion created;
        byte[] physical;

        Plan(Class<?> type, Host committed, byte[] sourceBytes, ClassNode source, Map<String, Integer> shape) {
            this.type = type;
            this.committed = committed;
            this.sourceBytes = sourceBytes;
            this.source = source;
            this.shape = shape;
        }
    }

    private final Rewriter.Resolver resolver = new Rewriter.Resolver() {
        @Override
        public Host.Slot resolve(String owner, String key, ClassLoader loader) {
            return Draft.this.resolve(owner, key, loader);
        }

        @Override
        public boolean anyMoved(String key) {
            if (registry.isMoved(key)) {
                return true;
            }
            for (Plan p : plans.values()) {
                if (p.slots.containsKey(key)) {
                    return true;
                }
            }
            return false;
        }
    };

    Draft(Companions registry, long patchId) {
        this.registry = registry;
        this.patchId = patchId;
    }

    /**
     * @param type a loaded class
     * @return the bytes the JVM runs for it, if a committed patch changed its shape; else null
     */
    public byte[] physicalNow(Class<?> type) {
        return registry.physical(type);
    }

    /**
     * Works out what the JVM cannot take in one class and how to move it.
     *
     * @param type the loaded class
     * @param physical the bytes the JVM runs for it now
     * @param source the class file compiled from today's source
     * @param sourcePath its source file, for messages
     * @param loaded every loaded class, to find subclasses
     * @return why moving is unsound, if it is; empty otherwise
     */
    public List<Rejection> prepare(Class<?> type, byte[] physical, byte[] source, String sourcePath,
            List<Class<?>> loaded) {
        ClassNode now = read(source);
        Map<String, Integer> shape = new LinkedHashMap<>();
        Map<String, MethodNode> lambdas = new LinkedHashMap<>();
        for (MethodNode m : read(physical).methods) {
            shape.put(m.name + m.desc, m.access);
            if ((m.access & Opcodes.ACC_SYNTHETIC) != 0 && m.name.startsWith("lambda$")) {
                lambdas.put(m.name + m.desc, m);
            }
        }
        Host host = registry.host(type);
        Plan plan = new Plan(type, host, source, now, shape);
        if (host != null) {
            plan.slots.putAll(host.slots);
            plan.companions.addAll(host.companions);
        }
        Checks checks = new Checks(type, sourcePath, loaded);
        List<String> added = new ArrayList<>();
        for (MethodNode m : now.methods) {
            String key = m.name + m.desc;
            if (!shape.containsKey(key)) {
                checks.added(m);
                added.add(key);
            }
        }
        for (String key : shape.keySet()) {
            if (findMethod(now, key) == null && (shape.get(key) & Opcodes.ACC_ABSTRACT) == 0) {
                checks.removed(key, shape.get(key));
                plan.removed.add(key);
                if (lambdas.containsKey(key)) {
                    plan.oldLambdas.put(key, lambdas.get(key));
                }
            }
        }
        if (!checks.refused.isEmpty()) {
            return checks.refused;
        }
        List<String> fresh = new ArrayList<>();
        for (Map.Entry<String, Host.Slot> e : plan.slots.entrySet()) {
            e.setValue(e.getValue().present(added.contains(e.getKey())));
        }
        for (String key : added) {
            if (!plan.slots.containsKey(key)) {
                fresh.add(key);
            }
        }
        if (!fresh.isEmpty()) {
            plan.created = new Host.Companion(registry.nextName(now.name), fresh);
            plan.companions.add(plan.created);
            for (String key : fresh) {
                MethodNode m = findMethod(now, key);
                plan.slots.put(key, new Host.Slot(key, plan.created, staticDescriptor(now.name, m), true));
            }
        }
        plans.put(type, plan);
        return List.of();
    }

    /**
     * @param type a class given to {@link #prepare}
     * @return the bytes to redefine it with: its loaded shape, with today's bodies and call sites
     */
    public byte[] physical(Class<?> type) {
        Plan plan = plans.get(type);
        if (plan.physical == null) {
            ClassNode node = read(plan.sourceBytes);
            node.methods.removeIf(m -> plan.slots.containsKey(m.name + m.desc));
            for (String key : plan.removed) {
                MethodNode kept = plan.oldLambdas.get(key);
                node.methods.add(kept != null ? kept
                        : Bodies.throwing(key, plan.shape.get(key), removedMessage(node.name, key)));
            }
            Rewriter.rewriteCalls(node, resolver, plan.type.getClassLoader());
            plan.physical = write(node);
        }
        return plan.physical;
    }

    /**
     * @param bytes a class the patch defines, or redefines without a structural change of its own
     * @param loader its class loader
     * @return the bytes with calls to moved methods rewritten; the same array if none
     */
    public byte[] rewrite(byte[] bytes, ClassLoader loader) {
        ClassNode node = read(bytes);
        return Rewriter.rewriteCalls(node, resolver, loader) ? write(node) : bytes;
    }

    /** @return companion classes to define before the redefinition: host class and bytes */
    public Map<Class<?>, List<Map.Entry<String, byte[]>>> toDefine() {
        Map<Class<?>, List<Map.Entry<String, byte[]>>> out = new LinkedHashMap<>();
        for (Plan p : plans.values()) {
            if (p.created != null) {
                out.computeIfAbsent(p.type, t -> new ArrayList<>())
                        .add(Map.entry(p.created.internalName.replace('/', '.'), companionBytes(p, p.created)));
            }
        }
        return out;
    }

    /** @return loaded companion classes whose methods changed, and their new bytes */
    public Map<Class<?>, byte[]> toRedefine() {
        Map<Class<?>, byte[]> out = new LinkedHashMap<>();
        for (Plan p : plans.values()) {
            for (Host.Companion c : p.companions) {
                Class<?> loaded = c.type.get();
                if (c != p.created && loaded != null) {
                    byte[] next = companionBytes(p, c);
                    if (!java.util.Arrays.equals(next, c.bytes)) {
                        out.put(loaded, next);
                    }
                }
            }
        }
        return out;
    }

    /**
     * Records the plan, once the JVM has taken the patch.
     *
     * @param defined the companion classes defined, by binary name
     */
    public void commit(Map<String, Class<?>> defined) {
        for (Plan p : plans.values()) {
            if (p.slots.isEmpty() && p.removed.isEmpty() && p.committed == null) {
                continue;
            }
            Host host = p.committed != null ? p.committed : new Host(p.type, p.source.name, null);
            host.physical = physical(p.type);
            host.slots.clear();
            host.slots.putAll(p.slots);
            if (p.created != null) {
                p.created.type = new java.lang.ref.WeakReference<>(
                        defined.get(p.created.internalName.replace('/', '.')));
                host.companions.add(p.created);
            }
            for (Host.Companion c : host.companions) {
                c.bytes = companionBytes(p, c);
            }
            registry.put(p.type, host);
        }
    }

    private byte[] companionBytes(Plan plan, Host.Companion c) {
        return plan.companionBytes.computeIfAbsent(c, k -> makeCompanion(plan, k));
    }

    private byte[] makeCompanion(Plan plan, Host.Companion c) {
        ClassNode host = plan.source;
        ClassNode node = new ClassNode();
        node.version = Math.max(host.version & 0xFFFF, Opcodes.V1_8);
        node.access = Opcodes.ACC_PUBLIC | Opcodes.ACC_FINAL | Opcodes.ACC_SUPER | Opcodes.ACC_SYNTHETIC;
        node.name = c.internalName;
        node.superName = "java/lang/Object";
        node.sourceFile = host.sourceFile;
        node.sourceDebug = host.sourceDebug;
        for (String key : c.keys) {
            Host.Slot slot = plan.slots.get(key);
            MethodNode m = slot.present() ? findMethod(host, key) : null;
            MethodNode oldLambda = m == null && slot.name().startsWith("lambda$") && c.bytes != null
                    ? findMethod(read(c.bytes), slot.name() + slot.descriptor()) : null;
            node.methods.add(m != null ? Bodies.moved(host.name, m, slot.descriptor())
                    : oldLambda != null ? oldLambda
                    : Bodies.throwing(slot.name() + slot.descriptor(), Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC,
                            removedMessage(host.name, key)));
        }
        node.methods.add(Bodies.accessBootstrap());
        Rewriter.rewriteCalls(node, resolver, plan.type.getClassLoader());
        Rewriter.rewriteHostAccess(node, plan.type, Bodies.BOOTSTRAP_NAME);
        return write(node);
    }

    private String removedMessage(String hostName, String key) {
        return hostName.replace('/', '.') + "." + key + " was removed by codefind patch #" + patchId
                + "; the code calling it was compiled before that patch: recompile and patch it, or restart";
    }

    /** Where a call to {@code owner.key} goes now, looking at this patch's plans first. */
    Host.Slot resolve(String owner, String key, ClassLoader loader) {
        for (Plan p : plans.values()) {
            if (p.source.name.equals(owner) && isVisible(p.type.getClassLoader(), loader)) {
                return p.slots.get(key);
            }
        }
        for (ClassLoader l = loader; ; l = l.getParent()) {
            Host h = registry.host(l, owner);
            if (h != null) {
                return h.slots.get(key);
            }
            if (l == null) {
                return null;
            }
        }
    }

    private static boolean isVisible(ClassLoader of, ClassLoader from) {
        for (ClassLoader l = from; ; l = l.getParent()) {
            if (l == of) {
                return true;
            }
            if (l == null) {
                return false;
            }
        }
    }

    static String staticDescriptor(String host, MethodNode m) {
        if ((m.access & Opcodes.ACC_STATIC) != 0) {
            return m.desc;
        }
        Type t = Type.getMethodType(m.desc);
        Type[] args = new Type[t.getArgumentTypes().length + 1];
        args[0] = Type.getObjectType(host);
        System.arraycopy(t.getArgumentTypes(), 0, args, 1, args.length - 1);
        return Type.getMethodDescriptor(t.getReturnType(), args);
    }

    static MethodNode findMethod(ClassNode node, String key) {
        for (MethodNode m : node.methods) {
            if ((m.name + m.desc).equals(key)) {
                return m;
            }
        }
        return null;
    }

    static ClassNode read(byte[] bytes) {
        ClassNode node = new ClassNode();
        new ClassReader(bytes).accept(node, 0);
        return node;
    }

    private static byte[] write(ClassNode node) {
        ClassWriter w = new ClassWriter(ClassWriter.COMPUTE_MAXS);
        node.accept(w);
        return w.toByteArray();
    }
}
