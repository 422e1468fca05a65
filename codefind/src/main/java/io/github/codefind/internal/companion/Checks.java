package io.github.codefind.internal.companion;

import io.github.codefind.Rejection;
import io.github.codefind.internal.classfile.Uses;
import java.lang.reflect.Modifier;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.MethodNode;

/**
 * Whether moving a class's added methods to a companion, or giving its removed ones a throwing body,
 * keeps the program meaning what its source says. A companion method is reached only by the calls
 * codefind rewrote, never by virtual dispatch or reflection; whatever depends on either is refused.
 */
final class Checks {
    private static final String REMEDY = "Rebuild and restart the program, or run it on JetBrains Runtime with "
            + "-XX:+AllowEnhancedClassRedefinition";

    final List<Rejection> refused = new ArrayList<>();
    private final Class<?> type;
    private final String file;
    private final List<Class<?>> loaded;

    Checks(Class<?> type, String file, List<Class<?>> loaded) {
        this.type = type;
        this.file = file;
        this.loaded = loaded;
    }

    void added(MethodNode m) {
        String key = m.name + m.desc;
        if (type.isInterface()) {
            refuse(key, "a method was added to an interface; this JVM cannot add methods to a loaded interface,"
                    + " and a companion cannot take part in its implementations' dispatch");
        } else if (m.name.equals("<init>")) {
            refuse(key, "a constructor was added; this JVM cannot add one, and a companion cannot construct"
                    + " the class");
        } else if ((m.access & (Opcodes.ACC_ABSTRACT | Opcodes.ACC_NATIVE)) != 0) {
            refuse(key, "an abstract or native method was added; this JVM cannot add one");
        } else if (isVirtual(m.access)) {
            Class<?> overridden = inherited(m.name, m.desc);
            if (overridden != null) {
                refuse(key, "the new method overrides one inherited from " + overridden.getName()
                        + "; calls through the supertype would not reach it on this JVM");
                return;
            }
            Class<?> overriding = subclassDeclaring(m.name, m.desc);
            if (overriding != null) {
                refuse(key, "the new method is overridden by " + overriding.getName() + ", which is loaded;"
                        + " calls would not reach the override on this JVM");
            }
        }
    }

    /** @return true if the field may go to a companion */
    boolean addedField(org.objectweb.asm.tree.FieldNode f) {
        if ((f.access & Opcodes.ACC_ENUM) != 0) {
            refuse(f.name, "an enum constant was added; values(), valueOf() and switches over the loaded enum"
                    + " could not include it");
            return false;
        }
        for (org.objectweb.asm.tree.AnnotationNode a : f.visibleAnnotations == null
                ? List.<org.objectweb.asm.tree.AnnotationNode>of() : f.visibleAnnotations) {
            if (!a.desc.startsWith("Ljava/lang/")) {
                // @Autowired, @Inject, @Value, @JsonProperty, @Column: whoever reads it finds fields by
                // reflection, which cannot see a field kept in a companion; it would stay null, silently.
                refuse(f.name, "a field with the annotation " + Type.getType(a.desc).getClassName() + " was added;"
                        + " frameworks find annotated fields by reflection, which cannot see a field this JVM keeps"
                        + " outside the class, so it would never be injected or bound");
                return false;
            }
        }
        return true;
    }

    void fieldModifiers(String key, int before, int after, String why) {
        refuse(key.substring(0, key.indexOf(':')), "the field's modifiers changed (0x" + Integer.toHexString(before)
                + " -> 0x" + Integer.toHexString(after) + "): " + why);
    }

    void removed(String key, int access) {
        String name = key.substring(0, key.indexOf('('));
        String desc = key.substring(name.length());
        if (isVirtual(access) && !name.equals("<init>")) {
            Class<?> overridden = inherited(name, desc);
            if (overridden != null) {
                refuse(key, "the removed method overrode one inherited from " + overridden.getName()
                        + "; this JVM keeps it, so calls would not fall back to the inherited one");
            }
        }
    }

    /**
     * A field whose type the source changed is a new field to the JVM, which keeps the old one for the
     * code compiled against it. Code that is not part of the patch and still uses the old field would
     * silently read and write a value the new code no longer sees: refused.
     *
     * @param p one host's plan
     * @param loaded every loaded class
     * @param patched the loaded classes the patch redefines
     * @param bytesOf the class file the JVM runs for a loaded class; null if it cannot be read
     * @return what uses a retyped field's old version
     */
    static List<Rejection> retypedFieldsInUse(HostPlan p, List<Class<?>> loaded, Set<Class<?>> patched,
            Function<Class<?>, byte[]> bytesOf) {
        List<Rejection> refused = new ArrayList<>();
        if (p.retyped.isEmpty()) {
            return refused;
        }
        Uses.callers(p.type, p.retyped, loaded, loaded, patched::contains, bytesOf).forEach((c, used) ->
                refused.add(new Rejection(p.type.getName(), p.sourcePath, used.iterator().next(), "the field's type"
                        + " changed, and " + c.getName() + ", which this patch does not change, still uses the old"
                        + " one; it would go on using a field the new code no longer sees",
                        "Recompile and patch " + c.getName() + " with it, or restart")));
        Set<String> owners = Uses.owners(p.type, loaded);
        for (MethodNode old : p.oldLambdas.values()) {
            String used = Rewriter.usesField(old, owners, p.retyped);
            if (used != null) {
                refused.add(new Rejection(p.type.getName(), p.sourcePath, used, "the field's type changed, and"
                        + " lambdas made before the patch still use the old one (" + old.name + ")",
                        "Rebuild and restart the program"));
            }
        }
        return refused;
    }

    private static boolean isVirtual(int access) {
        return (access & (Opcodes.ACC_STATIC | Opcodes.ACC_PRIVATE)) == 0;
    }

    /** @return the supertype declaring a method this one would override, or null */
    private Class<?> inherited(String name, String desc) {
        Deque<Class<?>> todo = new ArrayDeque<>();
        if (type.getSuperclass() != null) {
            todo.add(type.getSuperclass());
        }
        todo.addAll(List.of(type.getInterfaces()));
        while (!todo.isEmpty()) {
            Class<?> c = todo.poll();
            if (declares(c, name, desc, true)) {
                return c;
            }
            if (c.getSuperclass() != null) {
                todo.add(c.getSuperclass());
            }
            todo.addAll(List.of(c.getInterfaces()));
        }
        return null;
    }

    private Class<?> subclassDeclaring(String name, String desc) {
        for (Class<?> c : loaded) {
            if (c != type && !c.isHidden() && type.isAssignableFrom(c) && declares(c, name, desc, false)) {
                return c;
            }
        }
        return null;
    }

    private static boolean declares(Class<?> c, String name, String desc, boolean overridable) {
        int modifiers = PrivateAccess.modifiers(c, name, desc);
        return modifiers >= 0 && (!overridable || !Modifier.isPrivate(modifiers) && !Modifier.isStatic(modifiers));
    }

    private void refuse(String member, String reason) {
        refused.add(new Rejection(type.getName(), file, member, reason, REMEDY));
    }
}
