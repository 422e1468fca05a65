package io.github.codefind.internal.classfile;

import java.util.List;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.ParameterNode;

/**
 * What a comparison needs of one method: identity, modifiers, signature, attributes, body tokens and
 * line table, and the source lines it spans.
 */
final class MethodModel {
    final String name;
    final String descriptor;
    final int access;
    final String signature;
    final List<Object> attributes;
    final List<Object> body;
    final List<Integer> lines;
    final int firstLine;
    final int lastLine;

    MethodModel(MethodNode m) {
        this.name = m.name;
        this.descriptor = m.desc;
        this.access = m.access & ~Opcodes.ACC_DEPRECATED;
        this.signature = m.signature;
        this.attributes = List.of(Annotations.of(m.visibleAnnotations, m.invisibleAnnotations,
                m.visibleTypeAnnotations, m.invisibleTypeAnnotations),
                Annotations.ofParameters(m.visibleParameterAnnotations),
                Annotations.ofParameters(m.invisibleParameterAnnotations),
                String.valueOf(m.exceptions), parameters(m.parameters),
                String.valueOf(m.annotationDefault), (m.access & Opcodes.ACC_DEPRECATED) != 0);
        this.body = Instructions.tokens(m);
        this.lines = Instructions.lines(m);
        int first = Integer.MAX_VALUE;
        int last = 0;
        for (int i = 1; i < lines.size(); i += 2) {
            first = Math.min(first, lines.get(i));
            last = Math.max(last, lines.get(i));
        }
        this.firstLine = last == 0 ? 0 : first;
        this.lastLine = last;
    }

    /** @return the key of this method in its class: name and descriptor */
    String key() {
        return name + descriptor;
    }

    /** @return true for a lambda body javac generated */
    boolean isLambda() {
        return (access & Opcodes.ACC_SYNTHETIC) != 0 && name.startsWith("lambda$");
    }

    /**
     * The method a lambda body belongs to, from javac's naming: {@code lambda$main$0} is in
     * {@code main}; {@code lambda$static$0} and {@code lambda$new$0} in initializers.
     *
     * @return the enclosing method's name
     */
    String lambdaEnclosingName() {
        int end = name.lastIndexOf('$');
        return end > 7 ? name.substring(7, end) : "";
    }

    private static String parameters(List<ParameterNode> parameters) {
        if (parameters == null) {
            return "";
        }
        StringBuilder b = new StringBuilder();
        for (ParameterNode p : parameters) {
            b.append(p.name).append('/').append(p.access).append(',');
        }
        return b.toString();
    }

    @Override
    public String toString() {
        return name + descriptor;
    }
}
