package io.github.codefind.internal.run;

import java.util.ArrayList;
import io.github.codefind.internal.classfile.Uses;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.FieldVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * What one class file declares, and which members of other classes its code uses ({@link Uses}): what
 * a build's link check reads.
 *
 * @param name the internal name
 * @param superName the superclass's internal name, or null for {@code java/lang/Object}
 * @param interfaces the direct superinterfaces
 * @param nestHost the internal name of its nest host, its outer class for class files older than Java
 *     11, or its own name
 * @param anonymous whether it is an anonymous or local class: javac numbers these, and a build can
 *     renumber them
 * @param nestMembers the members its nest host attribute lists, if it is a nest host
 * @param declared its methods as {@code name(descriptor)} and fields as {@code name:descriptor}
 * @param uses the members of other classes its code uses, in order, without repeats
 */
record ClassLinks(String name, String superName, List<String> interfaces, String nestHost, boolean anonymous,
        Set<String> nestMembers, Set<String> declared, List<Uses.Use> uses) {

    /**
     * @param use a use of a member
     * @return {@code p.B.g()} or {@code p.B.count}, as a user reads it
     */
    static String describe(Uses.Use use) {
        String type = use.owner().replace('/', '.');
        String name = Uses.nameOf(use.key());
        if (use.field()) {
            return type + "." + name;
        }
        List<String> parameters = new ArrayList<>();
        for (org.objectweb.asm.Type t : org.objectweb.asm.Type.getArgumentTypes(use.key().substring(name.length()))) {
            parameters.add(t.getClassName().replaceAll("^java\\.lang\\.", ""));
        }
        return type + "." + name + "(" + String.join(", ", parameters) + ")";
    }

    /**
     * @param bytes a class file
     * @return what it declares and uses
     * @throws IllegalArgumentException if the bytes are not a complete class file, as while a compiler
     *     still writes it
     */
    static ClassLinks read(byte[] bytes) {
        Reader reader = new Reader();
        List<Uses.Use> uses = new ArrayList<>();
        try {
            new ClassReader(bytes).accept(reader,
                    ClassReader.SKIP_CODE | ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
            for (Uses.Use u : Uses.of(bytes)) {
                // Arrays' clone() and the class's own members need no other class file.
                if (!u.owner().startsWith("[") && !u.owner().equals(reader.name)) {
                    uses.add(u);
                }
            }
        } catch (RuntimeException e) {
            // ASM reports a truncated or corrupt file as whatever index went out of bounds.
            throw new IllegalArgumentException("not a complete class file (" + e + ")", e);
        }
        String host = reader.nestHost != null ? reader.nestHost
                : reader.outer != null ? reader.outer : reader.name;
        return new ClassLinks(reader.name, reader.superName, List.of(reader.interfaces), host, reader.anonymous,
                Set.copyOf(reader.nestMembers), Set.copyOf(reader.declared), List.copyOf(uses));
    }

    /** @return whether the class declares the member a use names */
    boolean declares(Uses.Use use) {
        return declared.contains(use.key());
    }

    /** Collects the parts; one instance per class file. */
    private static final class Reader extends ClassVisitor {
        String name;
        String superName;
        String[] interfaces = new String[0];
        String nestHost;
        /** For class files without a nest host attribute: the class that encloses this one. */
        String outer;
        boolean anonymous;
        final Set<String> nestMembers = new HashSet<>();
        final Set<String> declared = new HashSet<>();

        Reader() {
            super(Opcodes.ASM9);
        }

        @Override
        public void visit(int version, int access, String name, String signature, String superName,
                String[] interfaces) {
            this.name = name;
            this.superName = superName;
            this.interfaces = interfaces == null ? new String[0] : interfaces;
        }

        @Override
        public void visitNestHost(String nestHost) {
            this.nestHost = nestHost;
        }

        @Override
        public void visitNestMember(String nestMember) {
            nestMembers.add(nestMember);
        }

        @Override
        public void visitOuterClass(String owner, String method, String descriptor) {
            outer = outer == null ? owner : outer;
        }

        @Override
        public void visitInnerClass(String inner, String outerName, String innerName, int access) {
            if (inner.equals(name)) {
                anonymous = outerName == null;
                if (outerName != null) {
                    outer = outerName;
                }
            }
        }

        @Override
        public FieldVisitor visitField(int access, String field, String descriptor, String signature, Object value) {
            declared.add(field + ":" + descriptor);
            return null;
        }

        @Override
        public MethodVisitor visitMethod(int access, String method, String descriptor, String signature,
                String[] exceptions) {
            declared.add(method + descriptor);
            return null;
        }
    }
}
