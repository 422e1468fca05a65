package io.github.codefind.internal.classfile;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.objectweb.asm.ConstantDynamic;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.FieldInsnNode;
import org.objectweb.asm.tree.FrameNode;
import org.objectweb.asm.tree.IincInsnNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.IntInsnNode;
import org.objectweb.asm.tree.InvokeDynamicInsnNode;
import org.objectweb.asm.tree.JumpInsnNode;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.LineNumberNode;
import org.objectweb.asm.tree.LookupSwitchInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.MultiANewArrayInsnNode;
import org.objectweb.asm.tree.TableSwitchInsnNode;
import org.objectweb.asm.tree.TryCatchBlockNode;
import org.objectweb.asm.tree.TypeInsnNode;
import org.objectweb.asm.tree.VarInsnNode;

/**
 * A method body as a list of tokens that two compilations of the same code share: constant-pool
 * indexes, line numbers, frames, debug names and unreferenced labels are left out; labels become
 * ordinals; method references stay {@link MethodRef}s so that renamed lambdas can be mapped.
 */
public final class Instructions {
    private Instructions() {
    }

    /**
     * @param method a method read with its code
     * @return the body's tokens; empty for abstract and native methods
     */
    public static List<Object> tokens(MethodNode method) {
        List<Object> tokens = new ArrayList<>();
        Map<LabelNode, Integer> labels = new HashMap<>();
        Set<LabelNode> targets = jumpTargets(method);
        InsnList insns = method.instructions;
        for (AbstractInsnNode insn = insns.getFirst(); insn != null; insn = insn.getNext()) {
            if (insn instanceof LabelNode) {
                if (targets.contains(insn)) {
                    tokens.add("@" + label((LabelNode) insn, labels));
                }
                continue;
            }
            if (insn instanceof LineNumberNode || insn instanceof FrameNode) {
                continue;
            }
            tokens.add(insn.getOpcode());
            operands(insn, labels, tokens);
        }
        for (TryCatchBlockNode t : method.tryCatchBlocks) {
            tokens.add("try");
            tokens.add(label(t.start, labels));
            tokens.add(label(t.end, labels));
            tokens.add(label(t.handler, labels));
            tokens.add(String.valueOf(t.type));
        }
        return tokens;
    }

    /**
     * @param method a method read with its code
     * @return the labels that code refers to (jumps, switches, exception ranges); others mark only lines
     *     and debug ranges
     */
    public static Set<LabelNode> jumpTargets(MethodNode method) {
        Set<LabelNode> targets = new HashSet<>();
        for (AbstractInsnNode insn = method.instructions.getFirst(); insn != null; insn = insn.getNext()) {
            if (insn instanceof JumpInsnNode) {
                targets.add(((JumpInsnNode) insn).label);
            } else if (insn instanceof TableSwitchInsnNode) {
                targets.add(((TableSwitchInsnNode) insn).dflt);
                targets.addAll(((TableSwitchInsnNode) insn).labels);
            } else if (insn instanceof LookupSwitchInsnNode) {
                targets.add(((LookupSwitchInsnNode) insn).dflt);
                targets.addAll(((LookupSwitchInsnNode) insn).labels);
            }
        }
        for (TryCatchBlockNode t : method.tryCatchBlocks) {
            targets.add(t.start);
            targets.add(t.end);
            targets.add(t.handler);
        }
        return targets;
    }

    /**
     * The line of each instruction that starts one, in order: equal bodies with different line
     * tables differ only in line numbers.
     *
     * @param method a method read with its code
     * @return alternating instruction ordinals and lines
     */
    static List<Integer> lines(MethodNode method) {
        List<Integer> lines = new ArrayList<>();
        int ordinal = 0;
        for (AbstractInsnNode insn = method.instructions.getFirst(); insn != null; insn = insn.getNext()) {
            if (insn instanceof LineNumberNode) {
                lines.add(ordinal);
                lines.add(((LineNumberNode) insn).line);
            } else if (insn.getOpcode() >= 0) {
                ordinal++;
            }
        }
        return lines;
    }

    /**
     * Maps the method references in a token list, for comparing bodies across lambda renames.
     *
     * @param tokens tokens from {@link #tokens}
     * @param mapping what to turn each reference into (a {@code MethodRef} or a placeholder)
     * @return the mapped tokens
     */
    static List<Object> map(List<Object> tokens, UnaryOperator<Object> mapping) {
        List<Object> out = new ArrayList<>(tokens.size());
        for (Object t : tokens) {
            out.add(t instanceof MethodRef ? mapping.apply(t) : t);
        }
        return out;
    }

    private static void operands(AbstractInsnNode insn, Map<LabelNode, Integer> labels, List<Object> out) {
        if (insn instanceof IntInsnNode) {
            out.add(((IntInsnNode) insn).operand);
        } else if (insn instanceof VarInsnNode) {
            out.add(((VarInsnNode) insn).var);
        } else if (insn instanceof TypeInsnNode) {
            out.add(((TypeInsnNode) insn).desc);
        } else if (insn instanceof FieldInsnNode) {
            FieldInsnNode f = (FieldInsnNode) insn;
            out.add(f.owner + "." + f.name + ":" + f.desc);
        } else if (insn instanceof MethodInsnNode) {
            MethodInsnNode m = (MethodInsnNode) insn;
            out.add(new MethodRef(m.owner, m.name, m.desc));
            out.add(m.itf);
        } else if (insn instanceof InvokeDynamicInsnNode) {
            InvokeDynamicInsnNode d = (InvokeDynamicInsnNode) insn;
            out.add(d.name + d.desc);
            constant(d.bsm, out);
            for (Object arg : d.bsmArgs) {
                constant(arg, out);
            }
        } else if (insn instanceof JumpInsnNode) {
            out.add(label(((JumpInsnNode) insn).label, labels));
        } else if (insn instanceof LdcInsnNode) {
            constant(((LdcInsnNode) insn).cst, out);
        } else if (insn instanceof IincInsnNode) {
            out.add(((IincInsnNode) insn).var);
            out.add(((IincInsnNode) insn).incr);
        } else if (insn instanceof TableSwitchInsnNode) {
            TableSwitchInsnNode s = (TableSwitchInsnNode) insn;
            out.add(s.min);
            out.add(s.max);
            out.add(label(s.dflt, labels));
            s.labels.forEach(l -> out.add(label(l, labels)));
        } else if (insn instanceof LookupSwitchInsnNode) {
            LookupSwitchInsnNode s = (LookupSwitchInsnNode) insn;
            out.add(List.copyOf(s.keys));
            out.add(label(s.dflt, labels));
            s.labels.forEach(l -> out.add(label(l, labels)));
        } else if (insn instanceof MultiANewArrayInsnNode) {
            out.add(((MultiANewArrayInsnNode) insn).desc);
            out.add(((MultiANewArrayInsnNode) insn).dims);
        }
    }

    private static void constant(Object value, List<Object> out) {
        if (value instanceof Handle) {
            Handle h = (Handle) value;
            out.add("handle" + h.getTag() + (h.isInterface() ? "i" : ""));
            out.add(new MethodRef(h.getOwner(), h.getName(), h.getDesc()));
        } else if (value instanceof Type) {
            out.add("type:" + value);
        } else if (value instanceof ConstantDynamic) {
            ConstantDynamic c = (ConstantDynamic) value;
            out.add("condy:" + c.getName() + c.getDescriptor());
            constant(c.getBootstrapMethod(), out);
            for (int i = 0; i < c.getBootstrapMethodArgumentCount(); i++) {
                constant(c.getBootstrapMethodArgument(i), out);
            }
        } else {
            // Tag the type: 1 (int) and 1L (long) are different constants.
            out.add(value == null ? "null" : value.getClass().getSimpleName() + ":" + value);
        }
    }

    private static int label(LabelNode label, Map<LabelNode, Integer> labels) {
        return labels.computeIfAbsent(label, l -> labels.size());
    }
}
