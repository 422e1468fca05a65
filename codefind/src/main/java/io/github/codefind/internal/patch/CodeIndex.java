package io.github.codefind.internal.patch;

import io.github.codefind.CodeRegistry;
import io.github.codefind.conform.ClassUnit;
import io.github.codefind.conform.CodeUnit;
import io.github.codefind.conform.LambdaUnit;
import io.github.codefind.conform.MethodUnit;
import io.github.codefind.conform.SourceRange;
import io.github.codefind.internal.classfile.ClassDiff;
import io.github.codefind.internal.classfile.ClassModel;
import io.github.codefind.internal.heap.HeapBackend;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.WeakHashMap;

/**
 * The code registry: units per loaded class, read from class files on first query and cached until
 * the class is patched. Nothing is built at start-up.
 */
final class CodeIndex implements CodeRegistry {
    private static final Comparator<CodeUnit> BY_LINE = Comparator.comparingInt(
            (CodeUnit u) -> u.source().map(SourceRange::firstLine).orElse(Integer.MAX_VALUE))
            .thenComparingInt(u -> u.source().map(r -> r.firstLine() - r.lastLine()).orElse(0));

    private final HeapBackend classes;
    private final ClassFiles classFiles;
    private final Map<Class<?>, Entry> cache = Collections.synchronizedMap(new WeakHashMap<>());

    /** @param sourceFile its SourceFile attribute; @param units its units */
    private record Entry(String sourceFile, List<CodeUnit> units) {
    }

    CodeIndex(HeapBackend classes, ClassFiles classFiles) {
        this.classes = classes;
        this.classFiles = classFiles;
    }

    /** Drops what was read of classes that were just redefined. */
    void invalidate(List<Class<?>> redefined) {
        for (Class<?> c : redefined) {
            cache.remove(c);
        }
    }

    @Override
    public List<CodeUnit> unitsIn(String sourceFile) {
        String path = sourceFile.replace('\\', '/');
        String fileName = path.substring(path.lastIndexOf('/') + 1);
        List<CodeUnit> units = new ArrayList<>();
        for (Class<?> c : classes.loadedClasses()) {
            if (!c.isArray() && !c.isPrimitive() && !c.isHidden() && packageMatches(c, path, fileName)) {
                Entry e = entry(c);
                if (e != null && fileName.equals(e.sourceFile())) {
                    units.addAll(e.units());
                }
            }
        }
        units.sort(BY_LINE);
        return units;
    }

    @Override
    public Optional<CodeUnit> unitAt(String sourceFile, int line) {
        CodeUnit best = null;
        int bestSize = Integer.MAX_VALUE;
        for (CodeUnit u : unitsIn(sourceFile)) {
            SourceRange r = u.source().orElse(null);
            if (r == null || !r.contains(line)) {
                continue;
            }
            int size = r.lastLine() - r.firstLine();
            if (size < bestSize || size == bestSize && rank(u) > rank(best)) {
                best = u;
                bestSize = size;
            }
        }
        return Optional.ofNullable(best);
    }

    @Override
    public List<CodeUnit> find(String qualifiedName) {
        int paren = qualifiedName.indexOf('(');
        String head = paren < 0 ? qualifiedName : qualifiedName.substring(0, paren);
        Class<?> exact = loaded(head);
        if (exact != null && paren < 0) {
            return List.of(unitsOf(exact).get(0));
        }
        int dot = head.lastIndexOf('.');
        Class<?> owner = dot < 0 ? null : loaded(head.substring(0, dot));
        if (owner == null) {
            return List.of();
        }
        String name = head.substring(dot + 1);
        String descriptor = paren < 0 ? null : qualifiedName.substring(paren);
        List<CodeUnit> found = new ArrayList<>();
        for (CodeUnit u : unitsOf(owner)) {
            MethodUnit m = u instanceof LambdaUnit ? ((LambdaUnit) u).implementation()
                    : u instanceof MethodUnit ? (MethodUnit) u : null;
            if (m != null && m.name().equals(name) && (descriptor == null || m.descriptor().descriptor().equals(descriptor))) {
                found.add(u);
            }
        }
        return found;
    }

    @Override
    public byte[] classFile(Class<?> type) throws IOException {
        return classFiles.current(type).clone();
    }

    private List<CodeUnit> unitsOf(Class<?> type) {
        Entry e = entry(type);
        return e == null ? List.of(ClassUnit.of(type)) : e.units();
    }

    private Entry entry(Class<?> type) {
        Entry e = cache.get(type);
        if (e == null) {
            try {
                ClassModel model = ClassModel.read(classFiles.current(type));
                e = new Entry(model.sourceFile(), List.copyOf(ClassDiff.units(model)));
                cache.put(type, e);
            } catch (IOException | IllegalArgumentException ex) {
                return null; // no class file to read: nothing to say about its lines
            }
        }
        return e;
    }

    /** Accepts {@code p.A$B} and {@code p.A.B}. */
    private Class<?> loaded(String name) {
        List<String> candidates = new ArrayList<>();
        candidates.add(name);
        for (int i = name.lastIndexOf('.'); i > 0; i = name.lastIndexOf('.', i - 1)) {
            candidates.add(name.substring(0, i) + name.substring(i).replace('.', '$'));
        }
        for (Class<?> c : classes.loadedClasses()) {
            if (!c.isHidden() && candidates.contains(c.getName())) {
                return c;
            }
        }
        return null;
    }

    private static boolean packageMatches(Class<?> c, String path, String fileName) {
        String pkg = c.getPackageName().replace('.', '/');
        String tail = pkg.isEmpty() ? fileName : pkg + "/" + fileName;
        return path.equals(tail) || path.endsWith("/" + tail);
    }

    private static int rank(CodeUnit u) {
        return u instanceof LambdaUnit ? 2 : u instanceof MethodUnit ? 1 : 0;
    }
}
