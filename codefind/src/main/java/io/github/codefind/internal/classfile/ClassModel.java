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
        return isNumbered() && localName(name).isEmpty();
    }

    /** @return true for anonymous and local classes, which javac numbers: {@code Outer$1}, {@code Outer$1Local} */
    public boolean isNumbered() {
        return enclosingOf(name) != null;
    }

    /**
     * @param internalName a class's internal name
     * @return the class whose code declares it, if javac numbered it (an anonymous or local class,
     *     {@code p/Outer$1} or {@code p/Outer$2Local} in {@code p/Outer}); else null. Companion classes are
     *     not numbered classes, though their names end with a number.
     */
    public static String enclosingOf(String internalName) {
        int dollar = internalName.lastIndexOf('$');
        if (dollar <= 0 || dollar == internalName.length() - 1 || !Character.isDigit(internalName.charAt(dollar + 1))
                || internalName.charAt(dollar - 1) == '$' || internalName.contains("$$codefind$")) {
            return null;
        }
        return internalName.substring(0, dollar);
    }

    /**
     * @param internalName a numbered class's internal name
     * @return a local class's simple name ({@code Local} for {@code Outer$2Local}); empty for an anonymous class
     */
    public static String localName(String internalName) {
        int i = internalName.lastIndexOf('$') + 1;
        while (i < internalName.length() && Character.isDigit(internalName.charAt(i))) {
            i++;
        }
        return internalName.substring(i);
    }

    /**
     * @return the anonymous and local classes this class's code declares, by internal name: javac lists every
     *     one in the class's {@code InnerClasses} attribute, whether or not it wrote them to the same place
     */
    public List<String> numberedMembers() {
        List<String> out = new ArrayList<>();
        for (String entry : innerClasses) {
            String inner = entry.substring(0, entry.indexOf(' '));
            if (name.equals(enclosingOf(inner))) {
                out.add(inner);
            }
        }
        return out;
    }

    /** @return the class whose method or initializer declares this one, from {@code EnclosingMethod}; or null */
    public String enclosingClass() {
        return enclosingClass;
    }

    @Override
    public String toString() {
        return binaryName();
    }
}
