package io.github.codefind.internal.run;

import io.github.codefind.conform.ClassUnit;
import io.github.codefind.conform.CodeUnit;
import io.github.codefind.conform.LambdaUnit;
import io.github.codefind.conform.MethodUnit;
import io.github.codefind.conform.TypeDescriptor;
import java.util.ArrayList;
import java.util.List;

/**
 * Code units as a Java developer writes them, for the console: {@code OwnerController.processFindForm(Owner,
 * BindingResult, Model)} rather than the JVM's {@code com.example.OwnerController.processFindForm(Lcom/...;)V}.
 * Classes go by their simple names (a nested class as {@code Outer.Inner}, an anonymous one as
 * {@code Outer$1}); the file the line names says where they are.
 */
final class MemberNames {
    private MemberNames() {
    }

    /**
     * @param unit a class, method or lambda
     * @return {@code Owner}, {@code Owner.summary(long)}, {@code Owner(String, int)} for a constructor,
     *     {@code Owner.<static initializer>}, {@code lambda in Owner.summary}
     */
    static String of(CodeUnit unit) {
        if (unit instanceof MethodUnit m) {
            return of(m);
        }
        if (unit instanceof LambdaUnit l) {
            String implementation = l.implementation().name();
            // javac names a lambda's body lambda$<enclosing method>$<n>; other compilers differ.
            String[] parts = implementation.split("\\$");
            String in = parts.length == 3 && parts[0].equals("lambda") ? "." + parts[1] : "";
            return "lambda in " + simple(l.declaringClass().name()) + in;
        }
        return simple(((ClassUnit) unit).name());
    }

    private static String of(MethodUnit m) {
        String owner = simple(m.owner().name());
        if (m.isStaticInitializer()) {
            return owner + ".<static initializer>";
        }
        List<String> parameters = new ArrayList<>();
        for (TypeDescriptor p : m.descriptor().parameterTypes()) {
            parameters.add(simple(p.typeName()));
        }
        String call = "(" + String.join(", ", parameters) + ")";
        return m.isConstructor() ? owner + call : owner + "." + m.name() + call;
    }

    /** @return {@code Inner} of {@code com.example.Outer$Inner} as {@code Outer.Inner}; arrays keep their brackets */
    static String simple(String binaryName) {
        String name = binaryName.substring(binaryName.lastIndexOf('.') + 1);
        StringBuilder out = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean nested = c == '$' && i + 1 < name.length() && !Character.isDigit(name.charAt(i + 1)) && i > 0;
            out.append(nested ? '.' : c);
        }
        return out.toString();
    }
}
