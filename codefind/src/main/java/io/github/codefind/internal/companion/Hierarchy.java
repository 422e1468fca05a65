package io.github.codefind.internal.companion;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.FieldVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * How call-site rewriting walks a class's superclasses: a call or field instruction may name a subclass
 * of the class that got the member.
 */
interface Hierarchy {
    /**
     * @param internalName a class
     * @param loader the loader of the code naming it
     * @return its superclass's internal name; null if unknown or none
     */
    String superName(String internalName, ClassLoader loader);

    /**
     * @param internalName a class
     * @param loader the loader of the code naming it
     * @return its direct superinterfaces' internal names; empty if unknown
     */
    String[] interfaces(String internalName, ClassLoader loader);

    /**
     * @return true if the JVM has that field in that class (and the walk must stop there)
     */
    boolean declaresField(String internalName, String name, String desc, ClassLoader loader);

    /** During a patch: asks the loaded classes, loading them if needed. */
    Hierarchy FOR_LOADED_CLASSES = new Hierarchy() {
        @Override
        public String superName(String internalName, ClassLoader loader) {
            Class<?> c = Rewriter.find(internalName, loader);
            return c == null || c.getSuperclass() == null ? null : Type.getInternalName(c.getSuperclass());
        }

        @Override
        public String[] interfaces(String internalName, ClassLoader loader) {
            Class<?> c = Rewriter.find(internalName, loader);
            if (c == null) {
                return new String[0];
            }
            Class<?>[] interfaces = c.getInterfaces();
            String[] names = new String[interfaces.length];
            for (int i = 0; i < names.length; i++) {
                names[i] = Type.getInternalName(interfaces[i]);
            }
            return names;
        }

        @Override
        public boolean declaresField(String internalName, String name, String desc, ClassLoader loader) {
            Class<?> c = Rewriter.find(internalName, loader);
            try {
                for (Field f : c == null ? new Field[0] : c.getDeclaredFields()) {
                    if (f.getName().equals(name) && Type.getDescriptor(f.getType()).equals(desc)) {
                        return true;
                    }
                }
            } catch (LinkageError e) {
                return false;
            }
            return false;
        }
    };

    /**
     * While a class loads: reads class files as resources and never loads a class, since the class being
     * loaded, or one whose loading led to it, would then be defined twice.
     */
    Hierarchy FOR_CLASS_FILES = new Hierarchy() {
        @Override
        public String superName(String internalName, ClassLoader loader) {
            ClassReader r = read(internalName, loader);
            return r == null ? null : r.getSuperName();
        }

        @Override
        public String[] interfaces(String internalName, ClassLoader loader) {
            ClassReader r = read(internalName, loader);
            return r == null ? new String[0] : r.getInterfaces();
        }

        @Override
        public boolean declaresField(String internalName, String name, String desc, ClassLoader loader) {
            ClassReader r = read(internalName, loader);
            boolean[] found = {false};
            if (r != null) {
                r.accept(new ClassVisitor(Opcodes.ASM9) {
                    @Override
                    public FieldVisitor visitField(int access, String n, String d, String signature, Object value) {
                        found[0] |= n.equals(name) && d.equals(desc);
                        return null;
                    }
                }, ClassReader.SKIP_CODE | ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
            }
            return found[0];
        }

        private ClassReader read(String internalName, ClassLoader loader) {
            String resource = internalName + ".class";
            try (InputStream in = loader == null ? ClassLoader.getSystemResourceAsStream(resource)
                    : loader.getResourceAsStream(resource)) {
                return in == null ? null : new ClassReader(in);
            } catch (IOException | RuntimeException e) {
                return null;
            }
        }
    };
}
