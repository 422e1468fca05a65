package io.github.codefind.internal.run;

import io.github.codefind.internal.classfile.Uses;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.objectweb.asm.Type;

/**
 * Whether a use of a member resolves in some view of a class folder: the class the use names, or one
 * of its supertypes, declares the member. The view gives each class of the folder as it would run; a
 * class outside the folder (the JDK's, a jar's) is asked through the program's loader without
 * initialising it. What cannot be told (a class that does not load) counts as resolved: the link check
 * holds classes back only for a member it knows is missing.
 */
final class BuildLinks {
    private final ClassLoader loader;
    /** Whether a class outside the folder, or one of its supertypes, declares a member: by class and key. */
    private final Map<String, Boolean> outside = new ConcurrentHashMap<>();

    /** @param loader the program's loader, for classes outside the folder */
    BuildLinks(ClassLoader loader) {
        this.loader = loader;
    }

    /**
     * @param use a use of a member
     * @param view each class of the folder as it would run, by internal name; null for a class that is
     *     not the folder's
     * @return whether the member exists in that view
     */
    boolean resolves(Uses.Use use, Function<String, ClassLinks> view) {
        ClassLinks owner = view.apply(use.owner());
        if (owner == null) {
            // Not the folder's: the build cannot change it, but it may name a class the build has not written.
            return exists(use.owner());
        }
        if (use.key().startsWith("<init>(") || use.key().startsWith("<clinit>(")) {
            return owner.declares(use);
        }
        Deque<String> toVisit = new ArrayDeque<>();
        Set<String> seen = new HashSet<>();
        toVisit.add(use.owner());
        while (!toVisit.isEmpty()) {
            String name = toVisit.poll();
            if (!seen.add(name)) {
                continue;
            }
            ClassLinks c = view.apply(name);
            if (c == null) {
                if (declaredOutside(name, use)) {
                    return true;
                }
                continue;
            }
            if (c.declares(use)) {
                return true;
            }
            if (c.superName() != null) {
                toVisit.add(c.superName());
            }
            toVisit.addAll(c.interfaces());
        }
        return false;
    }

    private boolean exists(String internalName) {
        return outside.computeIfAbsent(internalName, k -> {
            try {
                Class.forName(internalName.replace('/', '.'), false, loader);
                return true;
            } catch (ClassNotFoundException e) {
                return false;
            } catch (LinkageError | SecurityException e) {
                return true;
            }
        });
    }

    private boolean declaredOutside(String internalName, Uses.Use use) {
        return outside.computeIfAbsent(internalName + " " + use.key(), k -> {
            try {
                Class<?> type = Class.forName(internalName.replace('/', '.'), false, loader);
                return declaredIn(type, use, new HashSet<>());
            } catch (ClassNotFoundException | LinkageError | SecurityException e) {
                return true;
            }
        });
    }

    private static boolean declaredIn(Class<?> type, Uses.Use use, Set<Class<?>> seen) {
        if (type == null || !seen.add(type)) {
            return false;
        }
        if (use.field()) {
            for (Field f : type.getDeclaredFields()) {
                if (use.key().equals(f.getName() + ":" + Type.getDescriptor(f.getType()))) {
                    return true;
                }
            }
        } else {
            for (Method m : type.getDeclaredMethods()) {
                if (use.key().equals(m.getName() + Type.getMethodDescriptor(m))) {
                    return true;
                }
            }
            // Signature-polymorphic methods (MethodHandle.invoke) take any descriptor; an interface has
            // Object's methods.
            if (type == java.lang.invoke.MethodHandle.class || type == java.lang.invoke.VarHandle.class
                    || type.isInterface() && declaredIn(Object.class, use, seen)) {
                return true;
            }
        }
        if (declaredIn(type.getSuperclass(), use, seen)) {
            return true;
        }
        for (Class<?> i : type.getInterfaces()) {
            if (declaredIn(i, use, seen)) {
                return true;
            }
        }
        return false;
    }
}
