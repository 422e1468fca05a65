package io.github.codefind.registry;

import io.github.codefind.Codefind;
import io.github.codefind.Heap;
import io.github.codefind.conform.ClassUnit;
import io.github.codefind.conform.Conformable;
import io.github.codefind.conform.Patch;
import io.github.codefind.internal.registry.Registry;
import java.lang.ref.Reference;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

/**
 * A child JVM's main, run by {@link RegistryAgentIT} with the codefind agent: creates tracked
 * objects, drops some, and prints {@code key=value} lines with what the heap answers (or the
 * exception it throws) for the test to check.
 */
public final class RegistryProbe {
    /** A Conformable. */
    public static class Widget implements Conformable {
        @Override
        public void conform(Patch patch) {
        }
    }

    /** Tracked through its superclass. */
    public static final class SubWidget extends Widget {
    }

    /** An interface that extends Conformable. */
    public interface Plugin extends Conformable {
    }

    /** Tracked through {@link Plugin}. */
    public static final class PluginImpl implements Plugin {
        @Override
        public void conform(Patch patch) {
        }
    }

    /** Not a Conformable: tracked because the test names it. */
    public static final class Named {
    }

    /** Holds one object in a field, a list and a map. */
    public static final class Holder implements Conformable {
        final Object direct;
        final List<Object> list = new ArrayList<>();
        final Map<String, Object> map = new HashMap<>();

        Holder(Object target) {
            direct = target;
            list.add(target);
            map.put("key", target);
        }

        @Override
        public void conform(Patch patch) {
        }
    }

    private RegistryProbe() {
    }

    /**
     * @param args none
     */
    public static void main(String[] args) {
        Heap heap;
        try {
            heap = Codefind.heap();
        } catch (RuntimeException e) {
            print("error", e.toString());
            return;
        }
        print("backend", heap.backend());
        print("registryFrom", String.valueOf(Registry.class.getProtectionDomain().getCodeSource().getLocation()));
        print("asmVisible", answer(() -> Class.forName("org.objectweb.asm.ClassReader") != null));
        List<Object> kept = new ArrayList<>();
        List<WeakReference<Object>> dropped = new ArrayList<>();
        make(30, 50, Widget::new, kept, dropped);
        make(10, 20, SubWidget::new, kept, dropped);
        make(5, 5, PluginImpl::new, kept, dropped);
        make(7, 3, Named::new, kept, dropped);
        print("widgets", answer(() -> heap.count(Widget.class, false)));
        print("widgetsAndSubclasses", answer(() -> heap.count(Widget.class, true)));
        print("plugins", answer(() -> heap.count(Plugin.class, true)));
        print("named", answer(() -> heap.count(Named.class, false)));
        print("onlyKeptFound", answer(() -> onlyKept(heap.instances(Widget.class, true), kept)));
        print("droppedAlive", String.valueOf(dropped.stream().filter(w -> !w.refersTo(null)).count()));
        print("dependents", answer(() -> heap.conformablesReferringTo(List.of(ClassUnit.of(Widget.class))).size()));
        print("untracked", answer(() -> heap.count(StringBuilder.class, false)));
        Object target = new Object();
        Holder holder = new Holder(target);
        print("referrers", answer(() -> classNames(heap.referrers(List.of(target)).get(0))));
        Reference.reachabilityFence(kept);
        Reference.reachabilityFence(holder);
    }

    private static void make(int keep, int drop, Supplier<Object> factory, List<Object> kept,
            List<WeakReference<Object>> dropped) {
        for (int i = 0; i < keep; i++) {
            kept.add(factory.get());
        }
        for (int i = 0; i < drop; i++) {
            dropped.add(new WeakReference<>(factory.get()));
        }
    }

    private static boolean onlyKept(List<?> found, List<Object> kept) {
        Set<Object> keptSet = Collections.newSetFromMap(new IdentityHashMap<>());
        keptSet.addAll(kept);
        return !found.isEmpty() && keptSet.containsAll(found);
    }

    private static Set<String> classNames(List<Object> objects) {
        Set<String> names = new TreeSet<>();
        for (Object o : objects) {
            names.add(o.getClass().getName());
        }
        return names;
    }

    /** @return the value, or the exception's class and message */
    static String answer(Callable<Object> question) {
        try {
            return String.valueOf(question.call());
        } catch (Exception e) {
            return e.getClass().getSimpleName() + ": " + e.getMessage();
        }
    }

    static void print(String key, String value) {
        System.out.println(key + "=" + value.replace('\n', ' '));
    }
}
