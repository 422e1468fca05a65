package io.github.codefind.internal.heap;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;

/**
 * The instance fields of reference type of a class and its superclasses, made accessible, cached per
 * class. Fields that cannot be opened (private fields of JDK classes in packages not opened to
 * codefind) are left out.
 */
public final class ReferenceFields {
    private static final System.Logger LOG = System.getLogger("io.github.codefind.heap");

    private static final ClassValue<Field[]> FIELDS = new ClassValue<>() {
        @Override
        protected Field[] computeValue(Class<?> type) {
            List<Field> fields = new ArrayList<>();
            for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
                for (Field f : c.getDeclaredFields()) {
                    if (!Modifier.isStatic(f.getModifiers()) && !f.getType().isPrimitive() && open(f)) {
                        fields.add(f);
                    }
                }
            }
            return fields.toArray(new Field[0]);
        }
    };

    private ReferenceFields() {
    }

    /**
     * @param type a class
     * @return its readable reference fields, own and inherited; do not modify the array
     */
    public static Field[] of(Class<?> type) {
        return FIELDS.get(type);
    }

    private static boolean open(Field f) {
        try {
            f.setAccessible(true);
            return true;
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, () -> "Cannot read " + f + ": " + e.getMessage());
            return false;
        }
    }
}
