package io.github.codefind.internal.classfile;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.commons.ClassRemapper;
import org.objectweb.asm.commons.SimpleRemapper;

/**
 * Matches a patch's anonymous classes and lambda bodies to the loaded ones by body and position, and
 * renames the new class files so that each keeps the name of the code it replaces. javac numbers
 * both in source order, so an insertion or a reorder renumbers them; redefining by name alone would
 * make existing objects run another body, silently. After renaming, a method's or class's name is its
 * identity again and {@link ClassDiff} can compare by name.
 */
public final class Matching {
    /**
     * @param classes the new class files, renamed where needed, by internal name
     * @param ambiguities what could not be matched safely; if not empty, the patch must be refused
     * @param renamed the new anonymous and local classes whose names changed: new name to the name they take
     * @param removedLambdas per class (internal name), the names of the lambda bodies the patch removes: once
     *     it applies, their objects keep those bodies, and no later lambda may take the names
     */
    public record Result(Map<String, byte[]> classes, List<Ambiguity> ambiguities, Map<String, String> renamed,
            Map<String, Set<String>> removedLambdas) {
    }

    /**
     * Code whose old version cannot be told.
     *
     * @param className the binary name of the new class concerned
     * @param member the lambda concerned, or empty for a class
     * @param reason why the patch is refused, as a sentence naming the code and its candidates
     */
    public record Ambiguity(String className, String member, String reason) {
    }

    /**
     * What the caller knows of the anonymous and local classes, and of lambda bodies, beyond the class files
     * at hand.
     *
     * @param pinned new (javac) name to the loaded class it is known to be, paired before any pairing by
     *     body: classes whose numbering cannot have changed, and unchanged ones that are not in the patch
     * @param pairable the loaded numbered classes a new one may replace, by internal name; null for every
     *     one in {@code before}. The others (classes no current code makes any more) keep their bodies.
     * @param equalOnly enclosing classes some of whose new numbered classes are unknown: theirs pair only
     *     with equal bodies, since a lone survivor may be the unknown one's partner
     * @param avoid names no new class may take: loaded classes, and classes the program's loader will
     *     serve as they are
     * @param removedLambdas per class (internal name), the names of lambda bodies earlier patches removed: the
     *     JVM keeps them for the lambda objects made before, so no new lambda may take those names
     */
    public record Numbering(Map<String, String> pinned, Set<String> pairable, Set<String> equalOnly,
            Set<String> avoid, Map<String, Set<String>> removedLambdas) {
        /** Nothing known beyond the class files: every loaded one may be paired. */
        public static final Numbering NONE = new Numbering(Map.of(), null, Set.of(), Set.of(), Map.of());

        /**
         * @param removed per class, the names of lambda bodies earlier patches removed
         * @return this knowledge, with those names
         */
        public Numbering withRemovedLambdas(Map<String, Set<String>> removed) {
            return new Numbering(pinned, pairable, equalOnly, avoid, removed);
        }
    }

    private Matching() {
    }

    /**
     * @param before the loaded versions of classes in the patch, by internal name (absent for new
     *     classes)
     * @param after the new class files, by internal name
     * @return the renamed class files, and any ambiguity
     */
    public static Result match(Map<String, ClassModel> before, Map<String, ClassModel> after) {
        return match(before, after, Numbering.NONE);
    }

    /**
     * @param before the loaded versions of classes in the patch, and of the anonymous and local classes of
     *     their nests, by internal name (absent for new classes)
     * @param after the new class files, by internal name
     * @param numbering what is known of the numbered classes beyond the files
     * @return the renamed class files, and any ambiguity
     */
    public static Result match(Map<String, ClassModel> before, Map<String, ClassModel> after, Numbering numbering) {
        Map<String, String> mapping = new HashMap<>();
        List<Ambiguity> ambiguities = new ArrayList<>();
        matchNumberedClasses(before, after, numbering, mapping, ambiguities);
        Map<String, String> renamed = new HashMap<>();
        mapping.forEach((from, to) -> {
            if (from.indexOf('.') < 0) {
                renamed.put(from, to);
            }
        });
        Map<String, Set<String>> removedLambdas = new HashMap<>();
        for (ClassModel n : after.values()) {
            ClassModel o = before.get(mapping.getOrDefault(n.name, n.name));
            if (o != null) {
                Set<String> removed = matchLambdas(o, n, mapping, ambiguities,
                        numbering.removedLambdas().getOrDefault(o.name, Set.of()));
                if (!removed.isEmpty()) {
                    removedLambdas.put(o.name, removed);
                }
            }
        }
        if (mapping.isEmpty()) {
            Map<String, byte[]> unchanged = new LinkedHashMap<>();
            after.forEach((name, model) -> unchanged.put(name, model.bytes));
            return new Result(unchanged, ambiguities, Map.copyOf(renamed), removedLambdas);
        }
        SimpleRemapper remapper = new SimpleRemapper(Opcodes.ASM9, mapping);
        Map<String, byte[]> classes = new LinkedHashMap<>();
        for (ClassModel n : after.values()) {
            ClassReader reader = new ClassReader(n.bytes);
            ClassWriter writer = new ClassWriter(0);
            reader.accept(new ClassRemapper(writer, remapper), 0);
            classes.put(mapping.getOrDefault(n.name, n.name), writer.toByteArray());
        }
        return new Result(classes, ambiguities, Map.copyOf(renamed), removedLambdas);
    }

    private static void matchNumberedClasses(Map<String, ClassModel> before, Map<String, ClassModel> after,
            Numbering numbering, Map<String, String> mapping, List<Ambiguity> ambiguities) {
        Set<String> taken = new HashSet<>();
        Set<String> paired = new HashSet<>();
        numbering.pinned().forEach((n, o) -> {
            if (!n.equals(o)) {
                mapping.put(n, o);
            }
            taken.add(o);
            paired.add(n);
        });
        Map<String, List<Pairing.Candidate>> oldGroups = new TreeMap<>();
        Map<String, List<Pairing.Candidate>> newGroups = new TreeMap<>();
        for (ClassModel o : before.values()) {
            if (o.isNumbered() && !taken.contains(o.name)
                    && (numbering.pairable() == null || numbering.pairable().contains(o.name))) {
                oldGroups.computeIfAbsent(group(o), k -> new ArrayList<>()).add(candidate(o));
            }
        }
        Map<String, Boolean> equalOnly = new HashMap<>();
        for (ClassModel n : after.values()) {
            if (n.isNumbered() && !paired.contains(n.name)) {
                newGroups.computeIfAbsent(group(n), k -> new ArrayList<>()).add(candidate(n));
                equalOnly.put(group(n), numbering.equalOnly().contains(ClassModel.enclosingOf(n.name)));
            }
        }
        for (Map.Entry<String, List<Pairing.Candidate>> g : newGroups.entrySet()) {
            Pairing.Result r = Pairing.pair(oldGroups.getOrDefault(g.getKey(), List.of()), g.getValue(),
                    equalOnly.get(g.getKey()));
            if (r.ambiguous()) {
                String name = r.ambiguousName().replace('/', '.');
                ambiguities.add(new Ambiguity(name, "", "codefind cannot tell which loaded anonymous or local class the"
                        + " new " + name + " replaces: " + String.join(", ", r.candidates()).replace('/', '.')
                        + " all changed in this patch, and its code is about as like more than one of them; a wrong"
                        + " guess would make objects made before the patch run another class's body"));
            }
            r.pairs().forEach((n, o) -> {
                if (!n.equals(o)) {
                    mapping.put(n, o);
                }
                taken.add(o);
                paired.add(n);
            });
        }
        // An unpaired new numbered class is new code: it must not take the name of a loaded class, nor of
        // one the program's loader serves as it is.
        for (ClassModel n : after.values()) {
            if (n.isNumbered() && !paired.contains(n.name)
                    && (taken.contains(n.name) || before.containsKey(n.name) || numbering.avoid().contains(n.name))) {
                mapping.put(n.name, freshClassName(n.name, before.keySet(), after.keySet(), numbering.avoid(),
                        mapping));
            }
        }
    }

    /**
     * Pairs a class's new lambda bodies with its old ones, and renames each new one to the old one it
     * replaces. An unpaired new one is new code: it must not keep a name that an old body has, nor one an
     * earlier patch removed, since the JVM keeps removed bodies for the lambda objects made before, and
     * taking the name would make those objects run the new body.
     *
     * @param removedEarlier the names of lambda bodies earlier patches removed from the class
     * @return the names of the old lambda bodies no new one replaces: the ones this patch removes
     */
    private static Set<String> matchLambdas(ClassModel o, ClassModel n, Map<String, String> mapping,
            List<Ambiguity> ambiguities, Set<String> removedEarlier) {
        Map<String, List<Pairing.Candidate>> oldGroups = lambdaGroups(o);
        Map<String, List<Pairing.Candidate>> newGroups = lambdaGroups(n);
        Set<String> oldNamesTaken = new HashSet<>();
        Map<String, String> renames = new HashMap<>();
        for (Map.Entry<String, List<Pairing.Candidate>> g : newGroups.entrySet()) {
            Pairing.Result r = Pairing.pair(oldGroups.getOrDefault(g.getKey(), List.of()), g.getValue(), false);
            if (r.ambiguous()) {
                ambiguities.add(new Ambiguity(n.binaryName(), r.ambiguousName(), "codefind cannot tell which"
                        + " lambda body of " + n.binaryName() + " the new " + r.ambiguousName() + " replaces: "
                        + String.join(", ", r.candidates()) + " all changed in this patch, and its code is about as"
                        + " like more than one of them; a wrong guess would make lambda objects made before the"
                        + " patch run another lambda's body"));
            }
            renames.putAll(r.pairs());
            oldNamesTaken.addAll(r.pairs().values());
        }
        Set<String> used = new HashSet<>(removedEarlier);
        Set<String> oldLambdas = new HashSet<>();
        for (MethodModel m : o.methods.values()) {
            used.add(m.name);
            if (m.isLambda()) {
                oldLambdas.add(m.name);
            }
        }
        for (MethodModel m : n.methods.values()) {
            used.add(m.name);
        }
        for (MethodModel m : n.methods.values()) {
            if (!m.isLambda()) {
                continue;
            }
            String target = renames.get(m.name);
            if (target == null && (oldLambdas.contains(m.name) || removedEarlier.contains(m.name))) {
                target = freshLambdaName(m, used); // unpaired: its name belongs to another body, live or removed
            }
            if (target != null && !target.equals(m.name)) {
                mapping.put(n.name + "." + m.name + m.descriptor, target);
            }
        }
        Set<String> removed = new HashSet<>(oldLambdas);
        removed.removeAll(oldNamesTaken);
        return removed;
    }

    /** Lambda bodies grouped by enclosing method and descriptor, in javac's numbering order. */
    private static Map<String, List<Pairing.Candidate>> lambdaGroups(ClassModel c) {
        Map<String, List<Pairing.Candidate>> groups = new TreeMap<>();
        List<MethodModel> lambdas = new ArrayList<>();
        for (MethodModel m : c.methods.values()) {
            if (m.isLambda()) {
                lambdas.add(m);
            }
        }
        lambdas.sort((x, y) -> Integer.compare(ordinal(x.name), ordinal(y.name)));
        for (MethodModel m : lambdas) {
            List<Object> tokens = Instructions.map(m.body, ref -> sameClassLambda(c, ref) ? "lambda" : ref);
            groups.computeIfAbsent(m.lambdaEnclosingName() + m.descriptor, k -> new ArrayList<>())
                    .add(new Pairing.Candidate(m.name, tokens, tokens));
        }
        return groups;
    }

    private static boolean sameClassLambda(ClassModel c, Object ref) {
        MethodRef r = (MethodRef) ref;
        return r.owner().equals(c.name) && r.name().startsWith("lambda$");
    }

    /**
     * @param a a numbered class
     * @param b another
     * @return whether one may replace the other: declared in the same method, with the same supertypes and
     *     the same simple name
     */
    public static boolean sameGroup(ClassModel a, ClassModel b) {
        return group(a).equals(group(b));
    }

    /** Classes of one group can replace each other: declared in the same method, same supertypes, same simple name. */
    private static String group(ClassModel c) {
        return c.enclosingClass + "#" + c.enclosingMethod + "#" + c.superName + "#" + c.interfaces + "#"
                + ClassModel.localName(c.name);
    }

    private static Pairing.Candidate candidate(ClassModel c) {
        List<Object> tokens = new ArrayList<>();
        for (MethodModel m : c.methods.values()) {
            tokens.add(m.key());
            tokens.addAll(Instructions.map(m.body, ref -> ((MethodRef) ref).owner().equals(c.name)
                    ? "self." + ((MethodRef) ref).name() : ref));
        }
        List<Object> normalized = new ArrayList<>();
        for (Object t : tokens) {
            normalized.add(t instanceof String ? ((String) t).replace(c.name, "SELF") : t);
        }
        return new Pairing.Candidate(c.name, normalized, normalized);
    }

    private static int ordinal(String lambdaName) {
        try {
            return Integer.parseInt(lambdaName.substring(lambdaName.lastIndexOf('$') + 1));
        } catch (NumberFormatException e) {
            return Integer.MAX_VALUE;
        }
    }

    private static String freshLambdaName(MethodModel m, Set<String> used) {
        String prefix = m.name.substring(0, m.name.lastIndexOf('$') + 1);
        for (int i = 0; ; i++) {
            String candidate = prefix + i;
            if (used.add(candidate)) {
                return candidate;
            }
        }
    }

    private static String freshClassName(String name, Set<String> before, Set<String> after, Set<String> avoid,
            Map<String, String> mapping) {
        String prefix = name.substring(0, name.lastIndexOf('$') + 1);
        String local = ClassModel.localName(name);
        for (int i = 1; ; i++) {
            String candidate = prefix + i + local;
            boolean keptByANewClass = after.contains(candidate) && !mapping.containsKey(candidate);
            if (!before.contains(candidate) && !avoid.contains(candidate) && !keptByANewClass
                    && !mapping.containsValue(candidate)) {
                return candidate;
            }
        }
    }
}
