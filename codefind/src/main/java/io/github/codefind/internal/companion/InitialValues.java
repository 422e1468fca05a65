package io.github.codefind.internal.companion;

import io.github.codefind.internal.classfile.Instructions;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.FieldInsnNode;
import org.objectweb.asm.tree.FieldNode;
import org.objectweb.asm.tree.FrameNode;
import org.objectweb.asm.tree.IincInsnNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.JumpInsnNode;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.LineNumberNode;
import org.objectweb.asm.tree.LookupSwitchInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TableSwitchInsnNode;
import org.objectweb.asm.tree.TypeInsnNode;
import org.objectweb.asm.tree.VarInsnNode;
import org.objectweb.asm.tree.analysis.Analyzer;
import org.objectweb.asm.tree.analysis.AnalyzerException;
import org.objectweb.asm.tree.analysis.BasicInterpreter;
import org.objectweb.asm.tree.analysis.BasicValue;
import org.objectweb.asm.tree.analysis.Frame;

/**
 * The initial value a field's declaration gives it, as code that needs neither the object nor a
 * constructor's arguments: what an object made before its class gained the field gets. Javac copies an
 * instance field's initializer into every constructor that calls {@code super(...)}, right after that
 * call, and a static field's into {@code <clinit>}; this finds that assignment and lifts its expression.
 */
final class InitialValues {
    /**
     * @param code the expression, null if it cannot be computed or the field is never assigned
     * @param unknown why it cannot be computed; null if it can be, or if the default is the declared value
     */
    record Initial(InsnList code, String unknown) {
        static final Initial DEFAULT = new Initial(null, null);
    }

    private InitialValues() {
    }

    /**
     * @param host the class file declaring the field
     * @param field the field
     * @return its initial value
     */
    static Initial of(ClassNode host, FieldNode field) {
        boolean isStatic = (field.access & Opcodes.ACC_STATIC) != 0;
        if (isStatic && field.value != null) {
            return Initial.DEFAULT;
        }
        Initial found = null;
        List<Object> foundTokens = null;
        for (MethodNode m : host.methods) {
            if (!m.name.equals(isStatic ? "<clinit>" : "<init>") || !isStatic && delegates(host, m)) {
                continue;
            }
            Initial here = find(host, m, field, isStatic);
            List<Object> tokens = here.code() == null ? List.of() : Instructions.tokens(wrap(here.code()));
            if (here.unknown() != null) {
                return here;
            }
            if (found != null && !tokens.equals(foundTokens)) {
                return new Initial(null, "its constructors give it different values");
            }
            found = here;
            foundTokens = tokens;
        }
        return found == null ? Initial.DEFAULT : found;
    }

    /** @return true for a constructor that starts with {@code this(...)}, which holds no initializers */
    private static boolean delegates(ClassNode host, MethodNode constructor) {
        AbstractInsnNode call = superCall(constructor);
        return call != null && ((MethodInsnNode) call).owner.equals(host.name);
    }

    /**
     * @param constructor a constructor
     * @return its call of {@code super(...)} or {@code this(...)}: the first constructor call not paired
     *     with a {@code new}
     */
    static AbstractInsnNode superCall(MethodNode constructor) {
        int pending = 0;
        for (AbstractInsnNode insn = constructor.instructions.getFirst(); insn != null; insn = insn.getNext()) {
            if (insn.getOpcode() == Opcodes.NEW) {
                pending++;
            } else if (insn.getOpcode() == Opcodes.INVOKESPECIAL && ((MethodInsnNode) insn).name.equals("<init>")) {
                if (pending == 0) {
                    return insn;
                }
                pending--;
            }
        }
        return null;
    }

    private static Initial find(ClassNode host, MethodNode m, FieldNode field, boolean isStatic) {
        int put = isStatic ? Opcodes.PUTSTATIC : Opcodes.PUTFIELD;
        int at = -1;
        for (int i = 0; i < m.instructions.size(); i++) {
            AbstractInsnNode insn = m.instructions.get(i);
            if (insn.getOpcode() == put && ((FieldInsnNode) insn).owner.equals(host.name)
                    && ((FieldInsnNode) insn).name.equals(field.name) && ((FieldInsnNode) insn).desc.equals(field.desc)) {
                if (at >= 0) {
                    return new Initial(null, "it is assigned more than once as the object is made");
                }
                at = i;
            }
        }
        if (at < 0) {
            return Initial.DEFAULT;
        }
        Frame<BasicValue>[] frames;
        try {
            frames = new Analyzer<>(new BasicInterpreter()).analyze(host.name, m);
        } catch (AnalyzerException e) {
            return new Initial(null, "its initializer could not be analysed: " + e.getMessage());
        }
        Set<LabelNode> referenced = Instructions.jumpTargets(m);
        int base = frames[at].getStackSize() - (isStatic ? 1 : 2);
        int start = at - 1;
        while (start >= 0 && (frames[start] == null || frames[start].getStackSize() > base)) {
            start--;
        }
        if (start < 0 || frames[start].getStackSize() != base) {
            return new Initial(null, "its initializer could not be found");
        }
        if (!isStatic) {
            AbstractInsnNode self = m.instructions.get(start);
            if (!(self instanceof VarInsnNode) || ((VarInsnNode) self).var != 0 || self.getOpcode() != Opcodes.ALOAD) {
                return new Initial(null, "it is assigned through another reference than this");
            }
            start++;
        }
        for (int i = 0; i < at; i++) {
            AbstractInsnNode insn = m.instructions.get(i);
            if (insn instanceof JumpInsnNode || insn instanceof TableSwitchInsnNode
                    || insn instanceof LookupSwitchInsnNode || insn instanceof LabelNode && referenced.contains(insn)) {
                return new Initial(null, "it is assigned after a branch");
            }
            if (i >= start && (insn instanceof VarInsnNode || insn instanceof IincInsnNode)) {
                return new Initial(null, isStatic ? "its initializer uses local variables"
                        : "its value depends on the object or on the constructor's arguments");
            }
            if (i >= start && isStatic && insn.getOpcode() == Opcodes.NEW
                    && ((TypeInsnNode) insn).desc.equals(host.name)) {
                return new Initial(null, "its initializer makes an instance of the class");
            }
        }
        return new Initial(copy(m.instructions, start, at), null);
    }

    private static InsnList copy(InsnList from, int start, int end) {
        Map<LabelNode, LabelNode> labels = new HashMap<>();
        for (AbstractInsnNode insn = from.getFirst(); insn != null; insn = insn.getNext()) {
            if (insn instanceof LabelNode) {
                labels.put((LabelNode) insn, new LabelNode());
            }
        }
        Set<LabelNode> inside = new HashSet<>();
        for (int i = start; i < end; i++) {
            if (from.get(i) instanceof LabelNode) {
                inside.add((LabelNode) from.get(i));
            }
        }
        InsnList out = new InsnList();
        for (int i = start; i < end; i++) {
            AbstractInsnNode insn = from.get(i);
            if (insn instanceof FrameNode
                    || insn instanceof LineNumberNode && !inside.contains(((LineNumberNode) insn).start)) {
                continue;
            }
            out.add(insn.clone(labels));
        }
        return out;
    }

    private static MethodNode wrap(InsnList code) {
        MethodNode m = new MethodNode(Opcodes.ASM9, Opcodes.ACC_STATIC, "value", "()V", null, null);
        m.instructions.add(copy(code));
        return m;
    }

    /** @return a fresh copy of an expression, to splice into a method */
    static InsnList copy(InsnList code) {
        return copy(code, 0, code.size());
    }
}
