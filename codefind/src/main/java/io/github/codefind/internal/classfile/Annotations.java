package io.github.codefind.internal.classfile;

import java.util.ArrayList;
import java.util.List;
import org.objectweb.asm.tree.AnnotationNode;
import org.objectweb.asm.tree.TypeAnnotationNode;

/** Annotations as comparable values: type, then name-value pairs, nested annotations included. */
final class Annotations {
    private Annotations() {
    }

    /** @return a comparable form of the annotations in all the given lists, in order */
    @SafeVarargs
    static List<Object> of(List<? extends AnnotationNode>... lists) {
        List<Object> out = new ArrayList<>();
        for (List<? extends AnnotationNode> list : lists) {
            out.add("|");
            if (list != null) {
                for (AnnotationNode a : list) {
                    out.add(value(a));
                }
            }
        }
        return out;
    }

    /** @return a comparable form of per-parameter annotations */
    static List<Object> ofParameters(List<AnnotationNode>[] parameters) {
        List<Object> out = new ArrayList<>();
        if (parameters != null) {
            for (List<AnnotationNode> p : parameters) {
                out.add(of(p));
            }
        }
        return out;
    }

    private static Object value(Object v) {
        if (v instanceof AnnotationNode) {
            AnnotationNode a = (AnnotationNode) v;
            List<Object> out = new ArrayList<>();
            out.add(a.desc);
            if (a instanceof TypeAnnotationNode) {
                TypeAnnotationNode t = (TypeAnnotationNode) a;
                out.add(t.typeRef);
                out.add(String.valueOf(t.typePath));
            }
            if (a.values != null) {
                for (Object e : a.values) {
                    out.add(value(e));
                }
            }
            return out;
        }
        if (v instanceof List) {
            List<Object> out = new ArrayList<>();
            for (Object e : (List<?>) v) {
                out.add(value(e));
            }
            return out;
        }
        if (v instanceof String[]) {
            return List.of((Object[]) v); // an enum constant: {descriptor, name}
        }
        if (v != null && v.getClass().isArray()) {
            return arrayToList(v);
        }
        return v == null ? "null" : v.getClass().getSimpleName() + ":" + v;
    }

    private static List<Object> arrayToList(Object array) {
        List<Object> out = new ArrayList<>();
        int n = java.lang.reflect.Array.getLength(array);
        for (int i = 0; i < n; i++) {
            out.add(java.lang.reflect.Array.get(array, i));
        }
        return out;
    }
}
