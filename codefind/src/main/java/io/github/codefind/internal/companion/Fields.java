package io.github.codefind.internal.companion;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.commons.ClassRemapper;
import org.objectweb.asm.commons.SimpleRemapper;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.FieldInsnNode;
import org.objectweb.asm.tree.FieldNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.VarInsnNode;

/**
 * The fields a loaded class cannot gain, kept in its companions: a static one as a static field of the
 * companion, an instance one in the companion's per-object side storage (a copy of {@link SideFields}),
 * both reached through the instructions {@link Rewriter} substitutes.
 */
final class Fields {
    private static final String TEMPLATE = Type.getInternalName(SideFields.class);
    private static final int KEPT = Opcodes.ACC_VOLATILE | Opcodes.ACC_TRANSIENT;

    private Fields() {
    }

    static String key(FieldNode f) {
        return f.name + ":" + f.desc;
    }

    /** @return the companion field's modifiers for a source field; fixed once made */
    static int companionAccess(FieldNode f) {
        boolean isStatic = (f.access & Opcodes.ACC_STATIC) != 0;
        return Opcodes.ACC_PUBLIC | f.access & KEPT
                | (isStatic ? Opcodes.ACC_STATIC | (f.value != null ? Opcodes.ACC_FINAL : 0) : 0);
    }

    /**
     * Compares the source's fields with the JVM's and the companions'.
     *
     * @return the keys of the fields to give a companion field
     */
    static List<String> compare(HostPlan plan, ClassNode running, ClassNode now, Checks checks) {
        List<String> fresh = new ArrayList<>();
        for (FieldNode f : now.fields) {
            String key = key(f);
            FieldNode r = find(running, key);
            Host.FieldSlot slot = plan.fields.get(key);
            if (r != null) {
                int changed = (r.access ^ f.access) & ~Opcodes.ACC_DEPRECATED;
                boolean unfinal = changed == Opcodes.ACC_FINAL && (f.access & Opcodes.ACC_FINAL) == 0;
                if (unfinal && (f.access & Opcodes.ACC_STATIC) == 0) {
                    if (slot == null) {
                        plan.unfinal.add(key);
                    }
                } else if (unfinal) {
                    checks.fieldModifiers(key, r.access, f.access, "a static final field cannot be written on this"
                            + " JVM once its class is initialised");
                } else if (changed != 0 && changed != Opcodes.ACC_FINAL) {
                    checks.fieldModifiers(key, r.access, f.access, "this JVM cannot change them, and only adding or"
                            + " removing final on an instance field can be followed");
                }
            } else if (slot != null) {
                if (slot.access() != companionAccess(f)) {
                    checks.fieldModifiers(key, slot.access(), f.access, "a field codefind added keeps the modifiers"
                            + " it was added with");
                }
            } else if (checks.addedField(f)) {
                fresh.add(key);
            }
        }
        for (Map.Entry<String, Host.FieldSlot> e : plan.fields.entrySet()) {
            e.setValue(e.getValue().present(find(now, e.getKey()) != null));
        }
        List<String> gone = new ArrayList<>();
        for (FieldNode r : running.fields) {
            gone.add(key(r));
        }
        gone.addAll(plan.fields.keySet());
        for (String key : gone) {
            String name = key.substring(0, key.indexOf(':'));
            if (find(now, key) == null) {
                for (FieldNode f : now.fields) {
                    if (f.name.equals(name)) {
                        plan.retyped.add(key);
                    }
                }
            }
        }
        return fresh;
    }

    /** @return what the program should know of the fields a plan's new companion holds */
    static List<String> notes(HostPlan p) {
        List<String> out = new ArrayList<>();
        for (String key : p.created.fieldKeys) {
            Host.FieldSlot slot = p.fields.get(key);
            String field = p.type.getName() + "." + slot.name();
            String unknown = p.unknownInitial.get(key);
            if (unknown == null) {
                out.add(field + " was added: " + (slot.isStatic() ? "it is initialised as declared"
                        : "objects made before this patch get its declared initial value on first use"));
            } else {
                out.add(field + " was added: " + (slot.isStatic() ? "it starts at " : "objects made before"
                        + " this patch get ") + defaultOf(slot.descriptor()) + ", not its declared value, because "
                        + unknown);
            }
        }
        return out;
    }

    private static String defaultOf(String descriptor) {
        switch (descriptor.charAt(0)) {
            case 'Z':
                return "false";
            case 'L':
            case '[':
                return "null";
            case 'F':
            case 'D':
                return "0.0";
            default:
                return "0";
        }
    }

    /**
     * @param running the fields the JVM has for the class, in its order
     * @param source the class file as compiled today
     * @return the fields to redefine the class with: the JVM's, in its order and with its modifiers, each
     *     with today's annotations and signature where the source still has it
     */
    static List<FieldNode> physical(List<FieldNode> running, ClassNode source) {
        List<FieldNode> out = new ArrayList<>();
        for (FieldNode r : running) {
            FieldNode s = find(source, key(r));
            if (s != null) {
                s.access = r.access;
                out.add(s);
            } else {
                out.add(r);
            }
        }
        return out;
    }

    static FieldNode find(ClassNode node, String key) {
        for (FieldNode f : node.fields) {
            if (key(f).equals(key)) {
                return f;
            }
        }
        return null;
    }

    /**
     * Makes a host's constructor register each new object with the side storages, once its superclass's
     * constructor returned, so that its added fields start at their defaults for the constructor to
     * assign, as in a fresh run, rather than at the values old objects get.
     */
    static void addBirth(MethodNode constructor, List<String> storages) {
        AbstractInsnNode call = InitialValues.superCall(constructor);
        if (call == null) {
            return;
        }
        InsnList born = new InsnList();
        for (String storage : storages) {
            born.add(new VarInsnNode(Opcodes.ALOAD, 0));
            born.add(new MethodInsnNode(Opcodes.INVOKESTATIC, storage, "born", "(Ljava/lang/Object;)V", false));
        }
        constructor.instructions.insert(call, born);
    }

    /**
     * Adds a companion's fields and what reaches them: its accessors, the initial values old objects
     * get, and its static initializer.
     *
     * @param companion the companion, empty or a copy of {@link SideFields}
     * @param slots its fields, in the order made
     * @param source the host's class file today, for the initial values of the fields it still has
     * @param notes why initial values could not be computed, by field key; filled in
     */
    static void addTo(ClassNode companion, List<Host.FieldSlot> slots, ClassNode source, Map<String, String> notes) {
        InsnList initialise = new InsnList();
        InsnList statics = new InsnList();
        for (Host.FieldSlot slot : slots) {
            FieldNode declared = slot.present() ? find(source, slot.key()) : null;
            companion.fields.add(new FieldNode(slot.access(), slot.name(), slot.descriptor(),
                    declared == null ? null : declared.signature, slot.constant()));
            InitialValues.Initial initial = declared == null ? InitialValues.Initial.DEFAULT
                    : InitialValues.of(source, declared);
            if (initial.unknown() != null) {
                notes.put(slot.key(), initial.unknown());
            }
            if (slot.isStatic()) {
                if (initial.code() != null) {
                    statics.add(initial.code());
                    statics.add(new FieldInsnNode(Opcodes.PUTSTATIC, companion.name, slot.name(), slot.descriptor()));
                }
                continue;
            }
            companion.methods.add(getter(companion.name, slot));
            companion.methods.add(setter(companion.name, slot));
            if (initial.code() != null) {
                initialise.add(new VarInsnNode(Opcodes.ALOAD, 0));
                initialise.add(initial.code());
                initialise.add(new FieldInsnNode(Opcodes.PUTFIELD, companion.name, slot.name(), slot.descriptor()));
            }
        }
        MethodNode clinit = method(companion, "<clinit>");
        // Made whenever there is a static field, even with nothing to compute: a later patch that takes an
        // initializer away must not remove the method.
        if (clinit == null && slots.stream().anyMatch(Host.FieldSlot::isStatic)) {
            clinit = new MethodNode(Opcodes.ACC_STATIC, "<clinit>", "()V", null, null);
            clinit.instructions.add(new InsnNode(Opcodes.RETURN));
            companion.methods.add(clinit);
        }
        if (statics.size() > 0) {
            clinit.instructions.insertBefore(lastReturn(clinit), statics);
        }
        boolean nothingToInitialise = initialise.size() == 0;
        replaceBody(method(companion, "initialise"), initialise);
        if (nothingToInitialise) {
            // Old and new objects then start alike, at the defaults: registering each new object (a weak
            // entry, which the collector must process) would buy nothing, so entries are made on first use.
            replaceBody(method(companion, "born"), new InsnList());
        }
    }

    private static void replaceBody(MethodNode m, InsnList body) {
        if (m == null) {
            return;
        }
        m.instructions.clear();
        m.tryCatchBlocks.clear();
        m.localVariables = null;
        m.instructions.add(body);
        m.instructions.add(new InsnNode(Opcodes.RETURN));
    }

    /** @return a renamed copy of {@link SideFields}, to hold one companion's instance fields */
    static ClassNode sideStorage(String name) {
        ClassNode node = new ClassNode();
        try (InputStream in = SideFields.class.getResourceAsStream(SideFields.class.getSimpleName() + ".class")) {
            if (in == null) {
                throw new IllegalStateException("SideFields.class is missing from the codefind jar");
            }
            new ClassReader(in.readAllBytes()).accept(new ClassRemapper(node, new SimpleRemapper(Opcodes.ASM9, TEMPLATE, name)),
                    ClassReader.SKIP_DEBUG);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read SideFields.class from the codefind jar", e);
        }
        node.innerClasses.clear();
        return node;
    }

    private static MethodNode getter(String companion, Host.FieldSlot slot) {
        Type type = Type.getType(slot.descriptor());
        MethodNode m = new MethodNode(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC | Opcodes.ACC_SYNTHETIC,
                slot.accessor("get"), "(Ljava/lang/Object;)" + slot.descriptor(), null, null);
        m.instructions.add(new VarInsnNode(Opcodes.ALOAD, 0));
        m.instructions.add(new InsnNode(Opcodes.ICONST_0));
        m.instructions.add(of(companion));
        m.instructions.add(new FieldInsnNode(Opcodes.GETFIELD, companion, slot.name(), slot.descriptor()));
        m.instructions.add(new InsnNode(type.getOpcode(Opcodes.IRETURN)));
        return m;
    }

    private static MethodNode setter(String companion, Host.FieldSlot slot) {
        Type type = Type.getType(slot.descriptor());
        MethodNode m = new MethodNode(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC | Opcodes.ACC_SYNTHETIC,
                slot.accessor("set"), "(Ljava/lang/Object;" + slot.descriptor() + ")V", null, null);
        m.instructions.add(new VarInsnNode(Opcodes.ALOAD, 0));
        m.instructions.add(new InsnNode(Opcodes.ICONST_0));
        m.instructions.add(of(companion));
        m.instructions.add(new VarInsnNode(type.getOpcode(Opcodes.ILOAD), 1));
        m.instructions.add(new FieldInsnNode(Opcodes.PUTFIELD, companion, slot.name(), slot.descriptor()));
        m.instructions.add(new InsnNode(Opcodes.RETURN));
        return m;
    }

    private static MethodInsnNode of(String companion) {
        return new MethodInsnNode(Opcodes.INVOKESTATIC, companion, "of", "(Ljava/lang/Object;Z)L" + companion + ";",
                false);
    }

    private static MethodNode method(ClassNode node, String name) {
        for (MethodNode m : node.methods) {
            if (m.name.equals(name)) {
                return m;
            }
        }
        return null;
    }

    private static AbstractInsnNode lastReturn(MethodNode m) {
        for (AbstractInsnNode insn = m.instructions.getLast(); insn != null; insn = insn.getPrevious()) {
            if (insn.getOpcode() == Opcodes.RETURN) {
                return insn;
            }
        }
        throw new IllegalStateException("<clinit> of " + m.name + " has no return");
    }
}
