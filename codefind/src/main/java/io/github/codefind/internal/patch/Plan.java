package io.github.codefind.internal.patch;

import io.github.codefind.Rejection;
import io.github.codefind.conform.Change;
import io.github.codefind.internal.classfile.ClassComparison;
import io.github.codefind.internal.classfile.ClassDiff;
import io.github.codefind.internal.classfile.ClassModel;
import io.github.codefind.internal.classfile.Matching;
import io.github.codefind.internal.companion.Draft;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a patch will do, worked out before anything is touched: the new class files read and matched
 * to the loaded classes, compared, and checked against what this JVM accepts. Any rejection means the
 * patch is refused whole.
 */
final class Plan {
    final List<Rejection> rejections = new ArrayList<>();
    /** The loaded classes to redefine, and their new bytes, in the same order. */
    final List<Class<?>> targets = new ArrayList<>();
    final List<byte[]> bytes = new ArrayList<>();
    /** The class files as compiled, for the targets: what diffs and the code registry read later. */
    final List<byte[]> logical = new ArrayList<>();
    /** The structural part of the patch, or null when companions are off or the JVM needs none. */
    Draft draft;
    /** With a draft: the bytes the JVM runs for each target now, read once. */
    private final Map<Class<?>, byte[]> running = new HashMap<>();
    /** Classes the patch adds, to define into the program's loader. */
    final Map<ClassModel, byte[]> added = new LinkedHashMap<>();
    /** The class files of the classes the patch adds, as compiled, when what is defined differs. */
    final Map<ClassModel, byte[]> addedLogical = new HashMap<>();
    final List<Change> changes = new ArrayList<>();
    final List<String> notes = new ArrayList<>();

    /** The targets whose changes remove methods, to check no loaded code outside the patch still calls them. */
    private final Map<Class<?>, RemovedCallers.Removal> removals = new LinkedHashMap<>();
    /** The targets redefined from new class files, for the members their new code uses. */
    private final List<MissingMembers.Edited> edited = new ArrayList<>();
    /** The patch's class files, renamed, by internal name. */
    private Map<String, byte[]> matchedClasses = Map.of();
    /** The anonymous and local classes of the nests the patch touches. */
    private NumberedClasses numbered;
    /** What matching renamed: javac's name to the loaded class's. */
    private Map<String, String> renamed = Map.of();
    /** The lambda bodies the patch removes, by loaded class: their names are never to be taken again. */
    private final Map<Class<?>, Set<String>> removedLambdas = new HashMap<>();

    private Plan() {
    }

    /**
     * @param loader where the classes live, or null to find them by name among all loaded classes
     * @param files the new class files by name
     * @param loadedClasses every loaded class
     * @param classFiles the current class files
     * @param policy what this JVM accepts
     * @param draft the structural part of the patch, or null when companions are off or the JVM needs none
     * @param names what earlier patches recorded of javac's names for anonymous and local classes
     * @return the plan; check {@link #rejections} first
     */
    static Plan make(ClassLoader loader, Map<String, byte[]> files, List<Class<?>> loadedClasses,
            ClassFiles classFiles, RedefinitionPolicy policy, Draft draft, JavacNames names) {
        Plan plan = new Plan();
        plan.draft = draft;
        Map<String, ClassModel> after = plan.read(files);
        Map<String, Class<?>> loaded = plan.find(loader, after.keySet(), loadedClasses);
        Map<String, ClassModel> before = plan.readLoaded(loaded, classFiles);
        if (plan.rejections.isEmpty()) {
            plan.numbered = NumberedClasses.gather(loader, after, loaded, before, loadedClasses, classFiles, names);
            plan.rejections.addAll(plan.numbered.rejections);
            plan.numbered.before.forEach(before::putIfAbsent);
            plan.numbered.loaded.forEach(loaded::putIfAbsent);
        }
        if (plan.rejections.isEmpty()) {
            plan.compare(before, after, loaded, policy, loadedClasses, classFiles, names);
        }
        if (plan.rejections.isEmpty() && !plan.removals.isEmpty()) {
            Set<String> patched = new java.util.HashSet<>();
            after.keySet().forEach(n -> patched.add(n.replace('/', '.')));
            plan.rejections.addAll(RemovedCallers.check(plan.removals, loadedClasses, patched, classFiles));
        }
        if (plan.rejections.isEmpty() && draft != null) {
            plan.makePhysical(policy, loader, classFiles);
        }
        if (plan.rejections.isEmpty() && draft != null) {
            Relinking.relink(plan, draft.links(), loadedClasses, classFiles);
        }
        if (plan.rejections.isEmpty()) {
            plan.notes.addAll(MissingMembers.notes(plan.edited, plan.matchedClasses, loadedClasses, classFiles, draft));
        }
        plan.supertypesFirst();
        return plan;
    }

    /**
     * Records what the patch settled of the names of anonymous and local classes, once it applied.
     *
     * @param names where javac's names are recorded
     * @param classFiles where class files are kept
     */
    void applied(JavacNames names, ClassFiles classFiles) {
        if (numbered != null) {
            numbered.commit(renamed, names, classFiles);
        }
        removedLambdas.forEach((type, removed) -> names.lambdasRemoved(type.getClassLoader(),
                type.getName().replace('.', '/'), removed));
    }

    /**
     * Orders the new classes so that each comes after the new classes it extends or implements: a class
     * is defined only once its supertypes can be loaded, and the program's loader does not have the new
     * ones yet.
     */
    private void supertypesFirst() {
        Map<String, Map.Entry<ClassModel, byte[]>> byName = new LinkedHashMap<>();
        for (Map.Entry<ClassModel, byte[]> e : added.entrySet()) {
            byName.put(e.getKey().internalName(), e);
        }
        Map<ClassModel, byte[]> ordered = new LinkedHashMap<>();
        for (String name : byName.keySet()) {
            place(name, byName, ordered, new java.util.HashSet<>());
        }
        added.clear();
        added.putAll(ordered);
    }

    private static void place(String name, Map<String, Map.Entry<ClassModel, byte[]>> byName,
            Map<ClassModel, byte[]> ordered, Set<String> visiting) {
        Map.Entry<ClassModel, byte[]> e = byName.get(name);
        if (e == null || ordered.containsKey(e.getKey()) || !visiting.add(name)) {
            return;
        }
        org.objectweb.asm.ClassReader r = new org.objectweb.asm.ClassReader(e.getValue());
        if (r.getSuperName() != null) {
            place(r.getSuperName(), byName, ordered, visiting);
        }
        for (String i : r.getInterfaces()) {
            place(i, byName, ordered, visiting);
        }
        ordered.put(e.getKey(), e.getValue());
    }

    private Map<String, ClassModel> read(Map<String, byte[]> files) {
        Map<String, ClassModel> after = new LinkedHashMap<>();
        for (Map.Entry<String, byte[]> f : files.entrySet()) {
            try {
                ClassModel m = ClassModel.read(f.getValue());
                after.put(m.internalName(), m);
            } catch (IllegalArgumentException e) {
                rejections.add(new Rejection(f.getKey().replace('/', '.'), "", "", e.getMessage(),
                        "Recompile it: the file is not a class file this JVM can read"));
            }
        }
        return after;
    }

    private Map<String, Class<?>> find(ClassLoader loader, Set<String> internalNames, List<Class<?>> loadedClasses) {
        Map<String, List<Class<?>>> byName = new HashMap<>();
        LoadedIndex index = LoadedIndex.of(loadedClasses);
        for (String n : internalNames) {
            List<Class<?>> same = new ArrayList<>();
            for (Class<?> c : index.named(n.replace('/', '.'))) {
                if (loader == null || c.getClassLoader() == loader) {
                    same.add(c);
                }
            }
            byName.put(n.replace('/', '.'), same);
        }
        Map<String, Class<?>> loaded = new LinkedHashMap<>();
        for (Map.Entry<String, List<Class<?>>> e : byName.entrySet()) {
            if (e.getValue().size() == 1) {
                loaded.put(e.getKey().replace('.', '/'), e.getValue().get(0));
            } else if (e.getValue().size() > 1) {
                rejections.add(new Rejection(e.getKey(), "", "", "it is loaded by " + e.getValue().size()
                        + " class loaders", "Patch through Codefind.patch(loader, files) to say which"));
            }
        }
        return loaded;
    }

    private Map<String, ClassModel> readLoaded(Map<String, Class<?>> loaded, ClassFiles classFiles) {
        Map<String, ClassModel> before = new LinkedHashMap<>();
        for (Map.Entry<String, Class<?>> e : loaded.entrySet()) {
            try {
                before.put(e.getKey(), ClassModel.read(classFiles.current(e.getValue())));
            } catch (IOException | IllegalArgumentException ex) {
                rejections.add(new Rejection(e.getValue().getName(), "", "", "its loaded class file cannot be read: "
                        + ex.getMessage(), "Rebuild and restart the program to pick up this class"));
            }
        }
        return before;
    }

    private void compare(Map<String, ClassModel> before, Map<String, ClassModel> after, Map<String, Class<?>> loaded,
            RedefinitionPolicy policy, List<Class<?>> loadedClasses, ClassFiles classFiles, JavacNames names) {
        Map<String, Set<String>> removedEarlier = new HashMap<>();
        loaded.forEach((name, type) -> {
            Set<String> removed = names.removedLambdas(type.getClassLoader(), name);
            if (!removed.isEmpty()) {
                removedEarlier.put(name, removed);
            }
        });
        Matching.Result matched = Matching.match(before, after,
                numbered.numbering().withRemovedLambdas(removedEarlier));
        matched.removedLambdas().forEach((name, removed) -> removedLambdas.put(loaded.get(name), removed));
        for (Matching.Ambiguity a : matched.ambiguities()) {
            ClassModel of = after.get(a.className().replace('.', '/'));
            rejections.add(new Rejection(a.className(), of == null ? "" : sourceOf(of), a.member(),
                    a.reason(), "Make these edits one at a time, letting each be patched (save after each), or"
                            + " restart the program"));
        }
        matchedClasses = matched.classes();
        renamed = matched.renamed();
        for (Map.Entry<String, byte[]> f : matched.classes().entrySet()) {
            ClassModel now = ClassModel.read(f.getValue());
            ClassModel old = before.get(f.getKey());
            if (old == null) {
                added.put(now, f.getValue());
                continue;
            }
            ClassComparison c = ClassDiff.compare(old, now);
            if (c.unchanged()) {
                continue;
            }
            Class<?> target = loaded.get(f.getKey());
            if (draft == null) {
                rejections.addAll(policy.check(c));
            } else {
                running.put(target, physical(target, classFiles));
                rejections.addAll(draft.prepare(target, running.get(target), old.bytes(), f.getValue(),
                        sourceOf(now), loadedClasses));
            }
            targets.add(target);
            bytes.add(f.getValue());
            logical.add(f.getValue());
            edited.add(new MissingMembers.Edited(target, old.bytes(), f.getValue()));
            changes.addAll(c.changes());
            if (c.changes().stream().anyMatch(x -> x.is(io.github.codefind.conform.ChangeKind.REMOVED))) {
                removals.put(target, new RemovedCallers.Removal(sourceOf(now), c.changes()));
            }
            if (c.staticInitializerChanged()) {
                notes.add("the static initializer of " + c.type() + " changed; it was not re-run: statics keep"
                        + " their values");
            }
        }
    }

    /**
     * Turns the compiled class files into what the JVM can take: each target's loaded shape with
     * today's bodies, the calls of every class rewritten to moved methods, companion classes to define
     * or redefine. Then checks what is left of the shape changes against the JVM.
     */
    private void makePhysical(RedefinitionPolicy policy, ClassLoader loader, ClassFiles classFiles) {
        java.util.function.Function<Class<?>, byte[]> runningOf = c -> {
            try {
                return draft.physicalNow(c) != null ? draft.physicalNow(c) : classFiles.current(c);
            } catch (IOException e) {
                return null;
            }
        };
        rejections.addAll(draft.retypedFieldsInUse(new java.util.HashSet<>(targets), runningOf));
        Set<String> addedNames = new java.util.HashSet<>();
        for (ClassModel m : added.keySet()) {
            addedNames.add(m.internalName());
        }
        List<Rejection> detaching = draft.defining(addedNames);
        for (int i = 0; i < targets.size(); i++) {
            Class<?> target = targets.get(i);
            byte[] physical = draft.physical(target);
            ClassComparison c = ClassDiff.compare(ClassModel.read(running.get(target)),
                    ClassModel.read(physical));
            rejections.addAll(policy.check(c));
            bytes.set(i, physical);
        }
        rejections.addAll(detaching);
        ClassLoader into = loader != null ? loader
                : targets.isEmpty() ? ClassLoader.getSystemClassLoader() : targets.get(0).getClassLoader();
        for (Map.Entry<ClassModel, byte[]> n : added.entrySet()) {
            addedLogical.put(n.getKey(), n.getValue());
            n.setValue(draft.forDefinition(n.getValue(), into, addedNames, runningOf, rejections));
        }
        notes.addAll(draft.notes());
        for (Map.Entry<Class<?>, byte[]> r : draft.toRedefine().entrySet()) {
            targets.add(r.getKey());
            bytes.add(r.getValue());
            logical.add(r.getValue());
        }
    }

    /** @return the bytes the JVM runs for a loaded class now */
    private byte[] physical(Class<?> target, ClassFiles classFiles) {
        byte[] moved = draft.physicalNow(target);
        if (moved != null) {
            return moved;
        }
        try {
            return classFiles.current(target);
        } catch (IOException e) {
            throw new IllegalStateException("the class file of " + target.getName() + " was readable a moment ago", e);
        }
    }

    /** @return the class's source path relative to its root, or empty */
    static String sourceOf(ClassModel model) {
        return model.sourceFile() == null ? "" : ClassDiff.sourcePath(model);
    }
}
