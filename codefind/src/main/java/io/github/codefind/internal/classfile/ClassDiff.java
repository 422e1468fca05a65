package io.github.codefind.internal.classfile;

import io.github.codefind.conform.Change;
import io.github.codefind.conform.ChangeKind;
import io.github.codefind.conform.ClassUnit;
import io.github.codefind.conform.CodeUnit;
import io.github.codefind.conform.LambdaUnit;
import io.github.codefind.conform.MethodUnit;
import io.github.codefind.conform.SourceRange;
import io.github.codefind.internal.classfile.StructuralChange.Kind;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Compares two versions of one class, method by method, once lambdas and anonymous classes have been
 * matched and renamed (see {@link Matching}): a method's identity is then its name and descriptor.
 */
public final class ClassDiff {
    private ClassDiff() {
    }

    /**
     * @param before the class as loaded
     * @param after the class as compiled now
     * @return the comparison
     * @throws IllegalArgumentException if the two are not the same class
     */
    public static ClassComparison compare(ClassModel before, ClassModel after) {
        if (!before.name.equals(after.name)) {
            throw new IllegalArgumentException(before.name + " is not " + after.name);
        }
        ClassUnit type = classUnit(after);
        List<Change> changes = new ArrayList<>();
        List<StructuralChange> structural = new ArrayList<>();
        boolean clinitChanged = false;
        Set<String> keys = new LinkedHashSet<>(before.methods.keySet());
        keys.addAll(after.methods.keySet());
        for (String key : keys) {
            MethodModel b = before.methods.get(key);
            MethodModel a = after.methods.get(key);
            if (b == null) {
                changes.add(Change.added(unit(after, a)));
                structural.add(new StructuralChange(Kind.METHOD_ADDED, a.key(), ""));
            } else if (a == null) {
                changes.add(Change.removed(unit(before, b)));
                structural.add(new StructuralChange(Kind.METHOD_REMOVED, b.key(), ""));
            } else {
                Set<ChangeKind> kinds = EnumSet.noneOf(ChangeKind.class);
                if (b.access != a.access) {
                    kinds.add(ChangeKind.SIGNATURE);
                    structural.add(new StructuralChange(Kind.METHOD_MODIFIERS, a.key(),
                            "access 0x" + Integer.toHexString(b.access) + " -> 0x" + Integer.toHexString(a.access)));
                }
                if (!Objects.equals(b.signature, a.signature)) {
                    kinds.add(ChangeKind.SIGNATURE);
                }
                if (!b.attributes.equals(a.attributes)) {
                    kinds.add(ChangeKind.ATTRIBUTES);
                }
                if (!b.body.equals(a.body)) {
                    kinds.add(ChangeKind.BODY);
                    clinitChanged |= a.name.equals(MethodUnit.STATIC_INITIALIZER);
                } else if (!b.lines.equals(a.lines)) {
                    kinds.add(ChangeKind.LINES);
                }
                if (!kinds.isEmpty()) {
                    changes.add(Change.modified(unit(before, b), unit(after, a), kinds));
                }
            }
        }
        Set<ChangeKind> classKinds = EnumSet.noneOf(ChangeKind.class);
        shape(before, after, structural, classKinds);
        // Fields are not units: a change to a field's annotations, generic signature or constant value
        // is an attribute change of its class (a field's modifiers, name or type is a shape change).
        if (!before.annotations.equals(after.annotations)
                || before.fields.equals(after.fields) && !before.fieldAttributes.equals(after.fieldAttributes)) {
            classKinds.add(ChangeKind.ATTRIBUTES);
        }
        if (!changes.isEmpty() || !classKinds.isEmpty() || !before.innerClasses.equals(after.innerClasses)
                || !Objects.equals(before.sourceFile, after.sourceFile)) {
            classKinds.add(ChangeKind.REDEFINED);
            changes.add(Change.modified(classUnit(before), type, classKinds));
        }
        return new ClassComparison(type, changes, structural, clinitChanged);
    }

    private static void shape(ClassModel b, ClassModel a, List<StructuralChange> out, Set<ChangeKind> kinds) {
        int size = out.size();
        if (!Objects.equals(b.superName, a.superName) || !b.interfaces.equals(a.interfaces)) {
            out.add(new StructuralChange(Kind.SUPERTYPES, a.binaryName(),
                    "extends " + b.superName + " implements " + b.interfaces + " -> extends " + a.superName
                            + " implements " + a.interfaces));
        }
        if (!b.fields.equals(a.fields)) {
            out.add(new StructuralChange(Kind.FIELDS, a.binaryName(), fieldDifference(b.fields, a.fields)));
        }
        if (b.access != a.access) {
            out.add(new StructuralChange(Kind.CLASS_MODIFIERS, a.binaryName(),
                    "0x" + Integer.toHexString(b.access) + " -> 0x" + Integer.toHexString(a.access)));
        }
        if (!Objects.equals(b.nestHost, a.nestHost) || !b.nestMembers.equals(a.nestMembers)) {
            out.add(new StructuralChange(Kind.NEST, a.binaryName(),
                    "nest " + b.nestHost + b.nestMembers + " -> " + a.nestHost + a.nestMembers));
        }
        if (!b.recordComponents.equals(a.recordComponents)
                || !b.permittedSubclasses.equals(a.permittedSubclasses)) {
            out.add(new StructuralChange(Kind.RECORD_OR_SEALED, a.binaryName(), ""));
        }
        if (out.size() > size || !Objects.equals(b.signature, a.signature)) {
            kinds.add(ChangeKind.SIGNATURE);
        }
    }

    private static String fieldDifference(List<String> before, List<String> after) {
        List<String> removed = new ArrayList<>(before);
        removed.removeAll(after);
        List<String> added = new ArrayList<>(after);
        added.removeAll(before);
        if (removed.isEmpty() && added.isEmpty()) {
            return "fields reordered";
        }
        return "removed " + names(removed) + ", added " + names(added);
    }

    private static List<String> names(List<String> fields) {
        List<String> names = new ArrayList<>();
        for (String f : fields) {
            String[] parts = f.split(" ");
            names.add(parts[1] + ":" + parts[2]);
        }
        return names;
    }

    /** @return the unit of a class, with the lines its methods span */
    public static ClassUnit classUnit(ClassModel model) {
        ClassUnit unit = ClassUnit.ofInternalName(model.name);
        int[] span = model.lineSpan();
        return span == null || model.sourceFile == null ? unit
                : unit.withSource(new SourceRange(sourcePath(model), span[0], span[1]));
    }

    /**
     * @param model a class
     * @return the class, then each method and lambda body, with their lines where known
     */
    public static List<CodeUnit> units(ClassModel model) {
        List<CodeUnit> units = new ArrayList<>();
        units.add(classUnit(model));
        for (MethodModel m : model.methods.values()) {
            units.add(unit(model, m));
        }
        return units;
    }

    /** @return the unit of a method or lambda body, with its lines */
    static CodeUnit unit(ClassModel owner, MethodModel m) {
        ClassUnit type = ClassUnit.ofInternalName(owner.name);
        MethodUnit method = MethodUnit.of(type, m.name, m.descriptor);
        CodeUnit unit = m.isLambda() ? LambdaUnit.of(type, method) : method;
        return m.lastLine == 0 || owner.sourceFile == null ? unit
                : unit.withSource(new SourceRange(sourcePath(owner), m.firstLine, m.lastLine));
    }

    /** @return the source path relative to its root, such as {@code com/example/A.java} */
    public static String sourcePath(ClassModel model) {
        int slash = model.name.lastIndexOf('/');
        return slash < 0 ? model.sourceFile : model.name.substring(0, slash + 1) + model.sourceFile;
    }
}
