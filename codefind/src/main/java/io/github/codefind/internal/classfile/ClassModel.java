package io.github.codefind.internal.classfile;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.FieldNode;
import org.objectweb.asm.tree.InnerClassNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.RecordComponentNode;

/**
 * A class file read for comparison: its shape (supertypes, fields, nest, inner classes), its
 * methods, and the bytes it was read from.
 */
public final class ClassModel {
    final byte[] bytes;
    final String name;
    final int access;
    final String superName;
    final List<String> interfaces;
    final String signature;
    final String sourceFile;
    final List<Object> annotations;
    final List<String> fields;
    final List<Object> fieldAttributes;
    final Map<String, MethodModel> methods = new LinkedHashMap<>();
    final String nestHost;
    final TreeSet<String> nestMembers;
    final List<String> innerClasses;
    final String enclosingClass;
    final String enclosingMethod;
    final List<String> recordComponents;
    final TreeSet<String> permittedSubclasses;

    private ClassModel(byte[] bytes, ClassNode node) {
        this.bytes = bytes;
        this.name = node.name;
        this.access = node.access & ~(Opcodes.ACC_DEPRECATED | Opcodes.ACC_SUPER);
        this.superName = node.superName;
        this.interfaces = List.copyOf(node.interfaces);
        this.signature = node.signature;
        this.sourceFile = node.sourceFile;
        this.annotations = Annotations.of(node.visibleAnnotations, node.invisibleAnnotations,
                node.visibleTypeAnnotations, node.invisibleTypeAnnotations);
        this.fields = new ArrayList<>();
        this.fieldAttributes = new ArrayList<>();
        for (FieldNode f : node.fields) {
            // What a JVM compares when it redefines: modifiers, name and type, in order.
            fields.add((f.access & ~Opcodes.ACC_DEPRECATED) + " " + f.name + " " + f.desc);
            // What it lets change: the generic signature, the constant value, annotations.
            fieldAttributes.add(f.signature + " " + f.value + " " + (f.access & Opcodes.ACC_DEPRECATED) + " " + Annotations.of(f.visibleAnnotations,
                    f.invisibleAnnotations, f.visibleTypeAnnotations, f.invisibleTypeAnnotations));
        }
        for (MethodNode m : node.methods) {
            MethodModel model = new MethodModel(m);
            methods.put(model.key(), model);
        }
        this.nestHost = node.nestHostClass;
        this.nestMembers = new TreeSet<>(node.nestMembers == null ? List.of() : node.nestMembers);
        this.innerClasses = new ArrayList<>();
        for (InnerClassNode i : node.innerClasses) {
            innerClasses.add(i.name + " " + i.outerName + " " + i.innerName + " " + i.access);
        }
        this.enclosingClass = node.outerClass;
        this.enclosingMethod = node.outerMethod == null ? null : node.outerMethod + node.outerMethodDesc;
        this.recordComponents = new ArrayList<>();
        if (node.recordComponents != null) {
            for (RecordComponentNode r : node.recordComponents) {
                recordComponents.add(r.name + " " + r.descriptor + " " + r.signature);
            }
        }
        this.permittedSubclasses = new TreeSet<>(
                node.permittedSubclasses == null ? List.of() : node.permittedSubclasses);
    }

    /**
     * Reads a class file.
     *
     * @param bytes the class file
     * @return the model
     * @throws IllegalArgumentException if the bytes are not a class file ASM can read
     */
    public static ClassModel read(byte[] bytes) {
        ClassNode node = new ClassNode();
        try {
            new ClassReader(bytes).accept(node, ClassReader.SKIP_FRAMES);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("Not a readable class file: " + e, e);
        }
        return new ClassModel(bytes, node);
    }

    /** @return the internal name, such as {@code com/example/A$1} */
    public String internalName() {
        return name;
    }

    /** @return the binary name, such as {@code com.example.A$1} */
    public String binaryName() {
        return name.replace('/', '.');
    }

    /** @return the {@code SourceFile} attribute, or null */
    public String sourceFile() {
        return sourceFile;
    }

    /** @return the bytes this model was read from; do not modify */
    public byte[] bytes() {
        return bytes;
    }

    /** @return the first and last lines of every method with lines, as {@code {min, max}}, or null */
    int[] lineSpan() {
        int first = Integer.MAX_VALUE;
        int last = 0;
        for (MethodModel m : methods.values()) {
            if (m.lastLine > 0) {
                first = Math.min(first, m.firstLine);
                last = Math.max(last, m.lastLine);
            }
        }
        return last == 0 ? null : new int[] {first, last};
    }

    /** @return true for classes javac names with a number: anonymous classes, {@code Outer$1} */
    boolean isAnonymous() {
        int dollar = name.lastIndexOf('$');
        if (dollar < 0 || dollar == name.length() - 1) {
            return false;
        }
        for (int i = dollar + 1; i < name.length(); i++) {
            if (!Character.isDigit(name.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return binaryName();
    }
}
