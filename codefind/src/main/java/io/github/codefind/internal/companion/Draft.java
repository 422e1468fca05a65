package io.github.codefind.internal.companion;

import io.github.codefind.Rejection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.FieldNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * One patch's structural plan. First {@link #prepare} each redefined class (which methods the JVM
 * cannot add or remove, and whether moving them is sound); then {@link #physical} gives the bytes to
 * redefine it with, {@link #rewrite} fixes the call sites of any other class the patch defines,
 * {@link #toDefine} and {@link #toRedefine} list companion classes; {@link #commit} once the JVM took
 * it all. Nothing is recorded before the commit, so a refused patch leaves no trace.
 */
public final class Draft {
    final Companions registry;
    private final long patchId;
    /** True for a class being loaded, whose rewriting must not load classes. */
    private final boolean loading;
    final Map<Class<?>, HostPlan> plans = new LinkedHashMap<>();
    private final List<String> notes = new ArrayList<>();
    private List<Class<?>> loaded = List.of();
    private Set<String> defining = Set.of();
    private final List<Rejection> detachRefusals = new ArrayList<>();
    /** New nested classes taken out of their nest, by binary name: the bytes the JVM will run for them. */
    private final Map<String, byte[]> detached = new LinkedHashMap<>();
    private final Links links = new Links(this);

    private final Rewriter.Resolver resolver = new Rewriter.Resolver() {
        @Override
        public Host.Slot resolve(String owner, String key, ClassLoader loader) {
            return Draft.this.resolve(owner, key, loader);
        }

        @Override
        public Host.FieldSlot resolveField(String owner, String key, ClassLoader loader) {
            return Draft.this.resolveField(owner, key, loader);
        }

        @Override
        public Hierarchy hierarchy() {
            return loading ? Hierarchy.FOR_CLASS_FILES : Hierarchy.FOR_LOADED_CLASSES;
        }

        @Override
        public boolean anyMoved(String key) {
            if (registry.isMoved(key)) {
                return true;
            }
            for (HostPlan p : plans.values()) {
                if (p.slots.containsKey(key) || p.fields.containsKey(key)) {
                    return true;
                }
            }
            return false;
        }
    };

    Draft(Companions registry, long patchId, boolean loading) {
        this.registry = registry;
        this.patchId = patchId;
        this.loading = loading;
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
     * @param previous the class file the program last heard of: the source as of the last patch, or as
     *     loaded; what this patch's notes are about is what changed since
     * @param source the class file compiled from today's source
     * @param sourcePath its source file, for messages
     * @param loaded every loaded class, to find subclasses
     * @return why moving is unsound, if it is; empty otherwise
     */
    public List<Rejection> prepare(Class<?> type, byte[] physical, byte[] previous, byte[] source,
            String sourcePath, List<Class<?>> loaded) {
        this.loaded = loaded;
        ClassNode now = read(source);
        ClassNode running = read(physical);
        ClassNode before = new ClassNode();
        new ClassReader(previous).accept(before, ClassReader.SKIP_CODE | ClassReader.SKIP_DEBUG);
        Map<String, Integer> shape = new LinkedHashMap<>();
        Map<String, MethodNode> lambdas = new LinkedHashMap<>();
        for (MethodNode m : running.methods) {
            shape.put(m.name + m.desc, m.access);
            if ((m.access & Opcodes.ACC_SYNTHETIC) != 0 && m.name.startsWith("lambda$")) {
                lambdas.put(m.name + m.desc, m);
            }
        }
        Host host = registry.host(type);
        HostPlan plan = new HostPlan(type, host, source, now, shape, sourcePath);
        plan.runningFields = running.fields;
        plan.runningNestHost = running.nestHostClass;
        plan.runningNestMembers = running.nestMembers;
        plan.previousNestMembers = before.nestMembers;
        if (host != null) {
            plan.slots.putAll(host.slots);
            plan.fields.putAll(host.fields);
            plan.companions.addAll(host.companions);
            plan.removedBy.putAll(host.removedBy);
        }
        Checks checks = new Checks(type, sourcePath, loaded);
        List<String> freshFields = Fields.compare(plan, running, now, checks);
        List<String> added = new ArrayList<>();
        for (MethodNode m : now.methods) {
            String key = m.name + m.desc;
            if (key.equals("<clinit>()V") && !shape.containsKey(key)) {
                // The JVM never gets it (physical() drops it), so every later patch sees it missing: only the
                // patch whose source gained it says so.
                if (findMethod(before, key) == null) {
                    notes.add(type.getName() + " gained a static initializer; a loaded class's static initializer"
                            + " does not run again: only its new static fields get their declared values");
                }
            } else if (!shape.containsKey(key)) {
                checks.added(m);
                added.add(key);
            }
        }
        for (String key : shape.keySet()) {
            if (key.startsWith("$codefind$")) {
                continue; // a detached nested class's bootstraps: made again by physical()
            }
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
            if (!e.getValue().present()) {
                plan.removedBy.putIfAbsent(e.getKey(), patchId);
            }
        }
        // A removed method keeps throwing with the id of the patch that removed it; one the source has
        // again is forgotten, so that removing it once more names that later patch.
        for (String key : plan.removed) {
            plan.removedBy.putIfAbsent(key, patchId);
        }
        plan.removedBy.keySet().removeIf(key -> findMethod(now, key) != null);
        for (String key : added) {
            if (!plan.slots.containsKey(key)) {
                fresh.add(key);
            }
        }
        if (!fresh.isEmpty() || !freshFields.isEmpty() || !plan.unfinal.isEmpty() && plan.companions.isEmpty()) {
            boolean side = false;
            for (String key : freshFields) {
                side |= (Fields.find(now, key).access & Opcodes.ACC_STATIC) == 0;
            }
            plan.created = new Host.Companion(registry.nextName(now.name), fresh, freshFields, side);
            plan.companions.add(plan.created);
            for (String key : fresh) {
                MethodNode m = findMethod(now, key);
                plan.slots.put(key, new Host.Slot(key, plan.created, staticDescriptor(now.name, m), true));
            }
            for (String key : freshFields) {
                FieldNode f = Fields.find(now, key);
                plan.fields.put(key, new Host.FieldSlot(key, plan.created, Fields.companionAccess(f),
                        (f.access & Opcodes.ACC_STATIC) != 0 ? f.value : null, true));
            }
        }
        for (String key : plan.unfinal) {
            FieldNode f = Fields.find(now, key);
            Host.Companion bootstraps = plan.created != null ? plan.created : plan.companions.get(0);
            plan.fields.put(key, new Host.FieldSlot(key, bootstraps, f.access, null, true, now.name));
            notes.add(type.getName() + "." + f.name + " is no longer final in the source; the JVM keeps it final,"
                    + " and writes to it go through a setter made by deep reflection, which later JDKs warn about");
        }
        plans.put(type, plan);
        return List.of();
    }

    /**
     * @param type a class given to {@link #prepare}
     * @return the bytes to redefine it with: its loaded shape, with today's bodies and call sites
     */
    public byte[] physical(Class<?> type) {
        HostPlan plan = plans.get(type);
        if (plan.physical == null) {
            ClassNode node = read(plan.sourceBytes);
            node.fields = Fields.physical(plan.runningFields, node);
            boolean detached = plan.runningNestHost == null && node.nestHostClass != null;
            node.nestHostClass = detached ? node.nestHostClass : plan.runningNestHost;
            node.nestMembers = plan.runningNestMembers;
            node.methods.removeIf(m -> plan.slots.containsKey(m.name + m.desc)
                    || m.name.equals("<clinit>") && !plan.shape.containsKey("<clinit>()V"));
            List<String> storages = new ArrayList<>();
            for (Host.Companion c : plan.companions) {
                if (c.sideStorage) {
                    storages.add(c.internalName);
                }
            }
            if (!storages.isEmpty()) {
                for (MethodNode m : node.methods) {
                    if (m.name.equals("<init>")) {
                        Fields.addBirth(m, storages);
                    }
                }
            }
            for (String key : plan.removed) {
                MethodNode kept = plan.oldLambdas.get(key);
                node.methods.add(kept != null ? kept
                        : Bodies.throwing(key, plan.shape.get(key), removedMessage(plan, node.name, key)));
            }
            Rewriter.rewriteCalls(node, resolver, plan.type.getClassLoader());
            if (detached) {
                Class<?> host = nestHost(node, plan.type.getClassLoader());
                if (host != null) {
                    Nests.detach(node, null, host, plan.type.getClassLoader(), defining, detachRefusals);
                }
            }
            plan.reshaped = !shape(node).equals(shape(plan.source));
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

    /** @return how this patch links code outside it to the members it moves */
    public Links links() {
        return links;
    }

    /**
     * @return what the patch does that the program should know of: the initial values of added fields
     *     for objects made before the patch, and static initializers that will not run
     */
    public List<String> notes() {
        List<String> out = new ArrayList<>(notes);
        for (HostPlan p : plans.values()) {
            if (p.created != null && !p.created.fieldKeys.isEmpty()) {
                companionBytes(p, p.created);
                out.addAll(Fields.notes(p));
            }
        }
        return out;
    }

    /**
     * A field whose type the source changed is a new field to the JVM, which keeps the old one for the
     * code compiled against it. Code that is not part of the patch and still uses the old field would
     * silently read and write a value the new code no longer sees: refused.
     *
     * @param patched the loaded classes the patch redefines
     * @param bytesOf the class file the JVM runs for a loaded class; null if it cannot be read
     * @return what uses a retyped field's old version
     */
    public List<Rejection> retypedFieldsInUse(Set<Class<?>> patched, Function<Class<?>, byte[]> bytesOf) {
        List<Rejection> refused = new ArrayList<>();
        for (HostPlan p : plans.values()) {
            refused.addAll(Checks.retypedFieldsInUse(p, loaded, patched, bytesOf));
        }
        return refused;
    }

    /**
     * Readies a class the patch defines: its calls to moved members rewritten, and, if it is a new
     * nested class of a loaded one, taken out of the nest it cannot join.
     *
     * @param bytes the class file
     * @param loader the loader it will be defined in
     * @param added the internal names of every class the patch defines
     * @param runningOf the class file the JVM runs for a loaded class; null if it cannot be read
     * @param refused what cannot be done, added to
     * @return the class file to define
     */
    public byte[] forDefinition(byte[] bytes, ClassLoader loader, Set<String> added,
            Function<Class<?>, byte[]> runningOf, List<Rejection> refused) {
        ClassNode node = read(bytes);
        boolean changed = Rewriter.rewriteCalls(node, resolver, loader);
        if (node.nestHostClass != null && !added.contains(node.nestHostClass)) {
            Class<?> host = nestHost(node, loader);
            if (host != null) {
                HostPlan p = plans.get(host);
                byte[] running = p == null ? runningOf.apply(host) : null;
                List<String> members = p != null ? p.runningNestMembers
                        : running == null ? null : read(running).nestMembers;
                if (Nests.detach(node, members, host, loader, added, refused)) {
                    byte[] detachedBytes = write(node);
                    detached.put(node.name.replace('/', '.'), detachedBytes);
                    return detachedBytes;
                }
            }
        }
        return changed ? write(node) : bytes;
    }

    private static Class<?> nestHost(ClassNode node, ClassLoader loader) {
        return Rewriter.find(node.nestHostClass, loader);
    }

    /**
     * @param added the internal names of the classes the patch defines, which must not be loaded before
     * @return what cannot be done with the nested classes the patch redefines
     */
    public List<Rejection> defining(Set<String> added) {
        defining = added;
        io.github.codefind.internal.patch.LoadedIndex loadedNames = io.github.codefind.internal.patch.LoadedIndex.of(
                loaded);
        for (HostPlan p : plans.values()) {
            for (String member : p.source.nestMembers == null ? List.<String>of() : p.source.nestMembers) {
                boolean known = p.runningNestMembers != null && p.runningNestMembers.contains(member);
                // Said by the patch whose source gained the nested class, not again by every later one.
                boolean before = p.previousNestMembers != null && p.previousNestMembers.contains(member);
                if (!known && !before && !added.contains(member)
                        && loadedNames.named(member.replace('/', '.')).isEmpty()) {
                    notes.add(member.replace('/', '.') + " is a new nested class that is not in this patch: when"
                            + " it is loaded later it is not taken out of " + p.type.getName() + "'s nest, and its"
                            + " uses of private members fail with IllegalAccessError; patch it with its outer"
                            + " class (the runner and the class-folder watcher do)");
                }
            }
        }
        return detachRefusals;
    }

    /** @return companion classes to define before the redefinition: host class and bytes */
    public Map<Class<?>, List<Map.Entry<String, byte[]>>> toDefine() {
        Map<Class<?>, List<Map.Entry<String, byte[]>>> out = new LinkedHashMap<>();
        for (HostPlan p : plans.values()) {
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
        for (HostPlan p : plans.values()) {
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
     * Records the bytes the JVM runs for a class the patch just defined, if they differ from its class
     * file (a nested class taken out of its nest). At once, not at the commit: the class stays defined
     * even if the rest of the patch is refused, and a later patch must redefine it as it is.
     *
     * @param binaryName the class's name
     * @param type the class defined
     */
    public void defined(String binaryName, Class<?> type) {
        byte[] bytes = detached.get(binaryName);
        if (bytes != null) {
            registry.put(type, new Host(type, binaryName.replace('.', '/'), bytes));
        }
    }

    /**
     * Records the plan, once the JVM has taken the patch.
     *
     * @param defined the companion classes defined, by binary name
     */
    public void commit(Map<String, Class<?>> defined) {
        links.commit();
        for (HostPlan p : plans.values()) {
            if (p.slots.isEmpty() && p.fields.isEmpty() && !p.reshaped && p.committed == null) {
                continue;
            }
            Host host = p.committed != null ? p.committed : new Host(p.type, p.source.name, null);
            host.physical = physical(p.type);
            host.slots.clear();
            host.slots.putAll(p.slots);
            host.fields.clear();
            host.fields.putAll(p.fields);
            host.removedBy.clear();
            host.removedBy.putAll(p.removedBy);
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

    private byte[] companionBytes(HostPlan plan, Host.Companion c) {
        return plan.companionBytes.computeIfAbsent(c, k -> makeCompanion(plan, k));
    }

    private byte[] makeCompanion(HostPlan plan, Host.Companion c) {
        ClassNode host = plan.source;
        ClassNode node = c.sideStorage ? Fields.sideStorage(c.internalName) : new ClassNode();
        node.version = Math.max(host.version & 0xFFFF, c.sideStorage ? node.version : Opcodes.V1_8);
        node.access = Opcodes.ACC_PUBLIC | Opcodes.ACC_FINAL | Opcodes.ACC_SUPER | Opcodes.ACC_SYNTHETIC;
        node.name = c.internalName;
        if (!c.sideStorage) {
            node.superName = "java/lang/Object";
        }
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
                            removedMessage(plan, host.name, key)));
        }
        List<Host.FieldSlot> fieldSlots = new ArrayList<>();
        for (String key : c.fieldKeys) {
            fieldSlots.add(plan.fields.get(key));
        }
        Fields.addTo(node, fieldSlots, host, plan.unknownInitial);
        node.methods.add(Bodies.accessBootstrap());
        node.methods.add(Bodies.bridgeBootstrap());
        Rewriter.rewriteCalls(node, resolver, plan.type.getClassLoader());
        PrivateAccess.rewriteHostAccess(node, plan.type, Bodies.BOOTSTRAP_NAME);
        PrivateAccess.bridgePrivateHandles(node, plan.type);
        return write(node);
    }

    private String removedMessage(HostPlan plan, String hostName, String key) {
        return hostName.replace('/', '.') + "." + key + " was removed by codefind patch #"
                + plan.removedBy.getOrDefault(key, patchId)
                + "; the code calling it was compiled before that patch: recompile and patch it, or restart";
    }

    /** Where a field instruction on {@code owner.key} goes now, looking at this patch's plans first. */
    Host.FieldSlot resolveField(String owner, String key, ClassLoader loader) {
        HostPlan p = plan(owner, loader);
        if (p != null) {
            return p.fields.get(key);
        }
        Host h = committedHost(owner, loader);
        return h == null ? null : h.fields.get(key);
    }

    /** Where a call to {@code owner.key} goes now, looking at this patch's plans first. */
    Host.Slot resolve(String owner, String key, ClassLoader loader) {
        HostPlan p = plan(owner, loader);
        if (p != null) {
            return p.slots.get(key);
        }
        Host h = committedHost(owner, loader);
        return h == null ? null : h.slots.get(key);
    }

    private HostPlan plan(String owner, ClassLoader loader) {
        for (HostPlan p : plans.values()) {
            if (p.source.name.equals(owner) && isVisible(p.type.getClassLoader(), loader)) {
                return p;
            }
        }
        return null;
    }

    private Host committedHost(String owner, ClassLoader loader) {
        for (ClassLoader l = loader; ; l = l.getParent()) {
            Host h = registry.host(l, owner);
            if (h != null || l == null) {
                return h;
            }
        }
    }

    static boolean isVisible(ClassLoader of, ClassLoader from) {
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

    /** @return the members and nest, with modifiers: what a redefinition may not change */
    private static List<String> shape(ClassNode node) {
        List<String> out = new ArrayList<>();
        for (MethodNode m : node.methods) {
            out.add(m.access + " " + m.name + m.desc);
        }
        for (FieldNode f : node.fields) {
            out.add(f.access + " " + Fields.key(f));
        }
        out.add(node.nestHostClass + " " + node.nestMembers);
        return out;
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
