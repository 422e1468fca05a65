package io.github.codefind.internal.registry;

import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * Rewrites a class so that each of its constructors calls {@link Registry#register} with
 * {@code this} just before each {@code RETURN}. Only there: {@code this} is initialized by then,
 * and a constructor that throws never reaches it, so its object is not registered.
 *
 * <p>Inserting {@code aload_0; invokestatic} right before a {@code return} adds no branch target, so
 * the existing stack map frames stay valid; only the maximum stack size is recomputed
 * ({@code COMPUTE_MAXS}). {@code COMPUTE_FRAMES} is avoided: it loads classes to merge types.
 */
final class ConstructorInstrumenter {
    private static final String REGISTRY = Type.getInternalName(Registry.class);
    private static final String REGISTER_DESCRIPTOR = "(Ljava/lang/Object;)V";

    private ConstructorInstrumenter() {
    }

    /**
     * Checks that the constructors keep {@code this} in local 0, which the inserted call reads. Java
     * source cannot assign {@code this}; other bytecode producers could.
     *
     * @param reader the class
     * @return null if the constructors can be instrumented, otherwise why not
     */
    static String obstacle(ClassReader reader) {
        String[] problem = {null};
        reader.accept(new ClassVisitor(Opcodes.ASM9) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                    String[] exceptions) {
                if (!name.equals("<init>")) {
                    return null;
                }
                return new MethodVisitor(Opcodes.ASM9) {
                    @Override
                    public void visitVarInsn(int opcode, int varIndex) {
                        if (varIndex == 0 && opcode >= Opcodes.ISTORE && opcode <= Opcodes.ASTORE) {
                            problem[0] = "a constructor overwrites local variable 0 (this)";
                        }
                    }
                };
            }
        }, ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
        return problem[0];
    }

    /**
     * @param reader the class
     * @return its bytes with every constructor registering its object
     */
    static byte[] instrument(ClassReader reader) {
        ClassWriter writer = new ClassWriter(reader, ClassWriter.COMPUTE_MAXS);
        reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                    String[] exceptions) {
                MethodVisitor next = super.visitMethod(access, name, descriptor, signature, exceptions);
                return name.equals("<init>") ? new RegisterBeforeReturn(next) : next;
            }
        }, 0);
        return writer.toByteArray();
    }

    /** Inserts the registration before every {@code RETURN} of one constructor. */
    private static final class RegisterBeforeReturn extends MethodVisitor {
        RegisterBeforeReturn(MethodVisitor next) {
            super(Opcodes.ASM9, next);
        }

        @Override
        public void visitInsn(int opcode) {
            if (opcode == Opcodes.RETURN) {
                super.visitVarInsn(Opcodes.ALOAD, 0);
                super.visitMethodInsn(Opcodes.INVOKESTATIC, REGISTRY, "register", REGISTER_DESCRIPTOR, false);
            }
            super.visitInsn(opcode);
        }
    }
}
