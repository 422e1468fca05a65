package io.github.codefind.internal.patch;

import io.github.codefind.Rejection;
import io.github.codefind.internal.classfile.ClassModel;
import io.github.codefind.internal.classfile.Matching;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The anonymous and local classes of the classes a patch names, loaded or not, for matching: javac
 * numbers them in source order, so a patch that names only some of them (an IDE passes the changed
 * files only) says nothing of the others unless they are looked up here. Works out, for each class that
 * declares numbered classes (its <em>enclosing</em> class, {@code p/L} for {@code p/L$1}):
 * <ul>
 * <li>the loaded ones, whatever the patch names, as the old side: a new one may replace any of them;
 * <li>a new one the patch leaves out: unchanged, if javac had it in the last build codefind saw (it is the
 *     loaded class that build's one became); unknown otherwise, and then no new one may replace an old one
 *     merely because both are left over, since the unknown one may be the old one's true successor;
 * <li>a patch that changes numbered classes but not the class declaring them: that class's code is as it
 *     was, so no class was inserted or removed, and each keeps its place.
 * </ul>
 * Refused when it cannot be told: a new class javac numbered that the patch leaves out while the running
 * program has another class of that name.
 */
final class NumberedClasses {
    final Map<String, ClassModel> before = new LinkedHashMap<>();
    final Map<String, Class<?>> loaded = new LinkedHashMap<>();
    final List<Rejection> rejections = new ArrayList<>();
    private final Map<String, String> pinned = new LinkedHashMap<>();
    private final Set<String> pairable = new HashSet<>();
    private final Set<String> equalOnly = new HashSet<>();
    private final Set<String> avoid = new HashSet<>();
    /** Per enclosing class the patch has: the numbered classes javac made for it this time. */
    private final Map<String, Set<String>> declared = new LinkedHashMap<>();
    private final Map<String, ClassLoader> loaders = new HashMap<>();
    private final Map<String, Map<String, String>> previous = new HashMap<>();

    private NumberedClasses() {
    }

    /**
     * @param loader the patch's loader, or null for any
     * @param after the patch's class files, as compiled
     * @param named the loaded classes the patch names, by internal name
     * @param namedBefore their current class files
     * @param loadedClasses every loaded class
     * @param classFiles the current class files
     * @param names what earlier patches recorded of javac's names
     * @return what matching needs to know
     */
    static NumberedClasses gather(ClassLoader loader, Map<String, ClassModel> after, Map<String, Class<?>> named,
            Map<String, ClassModel> namedBefore, List<Class<?>> loadedClasses, ClassFiles classFiles,
            JavacNames names) {
        NumberedClasses n = new NumberedClasses();
        Set<String> enclosing = new LinkedHashSet<>();
        for (String name : after.keySet()) {
            String e = ClassModel.enclosingOf(name);
            if (e != null) {
                enclosing.add(e);
            }
            enclosing.add(name); // it may declare numbered classes of its own
        }
        Map<String, Class<?>> enclosingClasses = new HashMap<>();
        Map<String, Map<String, Class<?>>> pools = new HashMap<>();
        LoadedIndex index = LoadedIndex.of(loadedClasses);
        for (String e : enclosing) {
            for (Class<?> c : index.numberedIn(e)) {
                if (loader == null || c.getClassLoader() == loader) {
                    pools.computeIfAbsent(e, k -> new LinkedHashMap<>()).put(c.getName().replace('.', '/'), c);
                }
            }
            String outer = ClassModel.enclosingOf(e);
            if (outer == null || !enclosing.contains(outer)) {
                // A numbered class whose own outer class is patched too is in that one's pool instead.
                for (Class<?> c : index.named(e.replace('/', '.'))) {
                    if (loader == null || c.getClassLoader() == loader) {
                        enclosingClasses.put(e, c);
                    }
                }
            }
        }
        for (String e : enclosing) {
            Class<?> host = named.containsKey(e) ? named.get(e) : enclosingClasses.get(e);
            Map<String, Class<?>> pool = pools.getOrDefault(e, Map.of());
            ClassLoader of = host != null ? host.getClassLoader()
                    : !pool.isEmpty() ? pool.values().iterator().next().getClassLoader() : loader;
            if (host == null && pool.isEmpty()) {
                continue; // nothing of it runs: its numbered classes are all new
            }
            for (Map.Entry<String, Class<?>> p : pool.entrySet()) {
                if (p.getValue().getClassLoader() != of) {
                    continue; // the same name in another loader: patch through Codefind.patch(loader, files)
                }
                n.avoid.add(p.getKey());
                n.loaded.put(p.getKey(), p.getValue());
                ClassModel model = namedBefore.get(p.getKey());
                try {
                    n.before.put(p.getKey(), model != null ? model : ClassModel.read(classFiles.current(p.getValue())));
                } catch (IOException | IllegalArgumentException ex) {
                    // Unreadable, it cannot be paired: it keeps its body, and its name stays taken.
                }
            }
            if (host == null) {
                // No class of that name runs (another compiler's naming, as Kotlin's Outer$f$1): nothing tells
                // the numbering, so the files pair by body with every loaded one, as javac's would.
                n.pairable.addAll(pool.keySet());
                continue;
            }
            Map<String, String> prev = names.get(of, e);
            if (prev == null) {
                ClassModel declaring = namedBefore.containsKey(e) ? namedBefore.get(e) : read(host, classFiles);
                prev = identity(declaring, pool.keySet());
            }
            n.loaders.put(e, of);
            n.previous.put(e, prev);
            if (after.containsKey(e)) {
                n.declaring(e, after, prev);
            } else {
                n.declaredElsewhere(e, after, prev);
            }
        }
        return n;
    }

    /** The patch has the enclosing class: its new class file lists every numbered class it declares. */
    private void declaring(String e, Map<String, ClassModel> after, Map<String, String> prev) {
        Set<String> now = new LinkedHashSet<>(after.get(e).numberedMembers());
        for (String name : after.keySet()) {
            if (e.equals(ClassModel.enclosingOf(name))) {
                now.add(name); // listed or not: a file the patch has is the caller's word
            }
        }
        declared.put(e, now);
        for (String u : now) {
            if (after.containsKey(u)) {
                continue;
            }
            String was = prev.get(u);
            if (was != null && loaded.containsKey(was)) {
                pinned.put(u, was); // unchanged since the last build: it is the class that build's one became
            } else if (was == null && loaded.containsKey(u)) {
                rejections.add(new Rejection(u.replace('/', '.'), Plan.sourceOf(after.get(e)), "",
                        "javac made this anonymous or local class anew, and the patch leaves it out, while the running"
                                + " program has another class of that name (one an earlier patch removed or renamed):"
                                + " the new code would make objects of the wrong class",
                        "Patch every class file compiled from " + Plan.sourceOf(after.get(e))
                                + ", its $N files included"));
            } else {
                // Not loaded: the program's loader will serve it under this name, so none may take the name.
                avoid.add(u);
                if (was == null) {
                    equalOnly.add(e); // new and not in the patch: its body is unknown
                }
            }
        }
        for (String was : prev.values()) {
            if (before.containsKey(was)) {
                pairable.add(was);
            }
        }
    }

    /**
     * The patch changes numbered classes of a class whose own code it leaves as it was: no class was
     * inserted or removed there, so each new one stands where the same name stood in the last build.
     */
    private void declaredElsewhere(String e, Map<String, ClassModel> after, Map<String, String> prev) {
        for (Map.Entry<String, ClassModel> f : after.entrySet()) {
            if (!e.equals(ClassModel.enclosingOf(f.getKey()))) {
                continue;
            }
            String was = prev.getOrDefault(f.getKey(), f.getKey());
            ClassModel old = before.get(was);
            String file = Plan.sourceOf(f.getValue());
            if (!prev.containsKey(f.getKey()) && loaded.containsKey(was)) {
                rejections.add(new Rejection(f.getKey().replace('/', '.'), file, "", "javac made this anonymous or"
                        + " local class anew, so " + e.replace('/', '.') + ", which declares it, changed too, yet the"
                        + " patch leaves it out; and the running program has another class of that name",
                        "Patch " + e.replace('/', '.') + " with it (every class file compiled from " + file
                                + " that changed)"));
            } else if (loaded.containsKey(was) && old == null) {
                rejections.add(new Rejection(f.getKey().replace('/', '.'), file, "", "the loaded class it replaces, "
                        + was.replace('/', '.') + ", has no class file codefind can read to compare it with",
                        "Rebuild and restart the program"));
            } else if (old != null && !Matching.sameGroup(old, f.getValue())) {
                rejections.add(new Rejection(f.getKey().replace('/', '.'), file, "",
                        "the patch changes this anonymous or local class but not " + e.replace('/', '.') + ", which"
                                + " declares it, so its numbering is taken as unchanged; yet it is no longer declared"
                                + " where " + was.replace('/', '.') + " was, or not with the same supertypes, and"
                                + " codefind cannot tell which loaded class it replaces",
                        "Patch " + e.replace('/', '.') + " with it (every class file compiled from " + file
                                + " that changed)"));
            } else if (old != null || !was.equals(f.getKey())) {
                pinned.put(f.getKey(), was);
            }
        }
    }

    /** @return what matching must know */
    Matching.Numbering numbering() {
        return new Matching.Numbering(pinned, pairable, equalOnly, avoid, Map.of());
    }

    /**
     * Records, once the patch applied, which loaded class each of javac's numbered classes is, for the
     * enclosing classes the patch had; and keeps the class files of the loaded ones that may no longer be
     * what their loader serves under their names.
     *
     * @param renamed what matching renamed
     * @param names where to record
     * @param classFiles where to keep class files
     */
    void commit(Map<String, String> renamed, JavacNames names, ClassFiles classFiles) {
        for (Map.Entry<String, ClassLoader> e : loaders.entrySet()) {
            Set<String> now = declared.get(e.getKey());
            Map<String, String> map = new LinkedHashMap<>();
            if (now == null) {
                map.putAll(previous.get(e.getKey()));
                for (String n : pinned.keySet()) {
                    if (e.getKey().equals(ClassModel.enclosingOf(n))) {
                        map.put(n, pinned.get(n));
                    }
                }
            } else {
                for (String u : now) {
                    map.put(u, renamed.getOrDefault(u, pinned.getOrDefault(u, u)));
                }
            }
            boolean identity = map.entrySet().stream().allMatch(x -> x.getKey().equals(x.getValue()));
            names.put(e.getValue(), e.getKey(), identity ? null : map);
            if (!identity) {
                for (Map.Entry<String, ClassModel> b : before.entrySet()) {
                    if (e.getKey().equals(ClassModel.enclosingOf(b.getKey()))) {
                        classFiles.hold(loaded.get(b.getKey()), b.getValue().bytes());
                    }
                }
            }
        }
    }

    private static ClassModel read(Class<?> type, ClassFiles classFiles) {
        try {
            return ClassModel.read(classFiles.current(type));
        } catch (IOException | IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * @return javac's names as the enclosing class's running class file lists them, each standing for the
     *     loaded class of that name: what holds until a patch renames one
     */
    private static Map<String, String> identity(ClassModel enclosing, Set<String> loadedNames) {
        Map<String, String> map = new LinkedHashMap<>();
        // Without the declaring class's file, the loaded classes are the best account of the last build.
        for (String name : enclosing == null ? loadedNames : enclosing.numberedMembers()) {
            map.put(name, name);
        }
        return map;
    }
}
