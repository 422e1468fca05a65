package io.github.codefind.internal.registry;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The classes and interfaces the user names, beyond {@code Conformable} implementors, whose instances
 * the registry should track: system property {@value #PROPERTY}, comma-separated binary names
 * ({@code com.example.Cache}, {@code com.example.Outer$Inner}). A name ending in {@code .*} selects
 * every class whose name starts with what precedes the star: a package and its subpackages.
 *
 * <p>A named class is tracked with its subclasses; a named interface, with its implementors.
 */
public final class ClassSelection {
    /** The system property that names the classes. */
    public static final String PROPERTY = "codefind.registry.classes";

    private final Set<String> names;
    private final List<String> prefixes;
    private final String spec;

    private ClassSelection(Set<String> names, List<String> prefixes, String spec) {
        this.names = names;
        this.prefixes = prefixes;
        this.spec = spec;
    }

    /**
     * @param spec comma-separated binary names and {@code package.*} wildcards; blank for none
     * @return the selection
     */
    public static ClassSelection parse(String spec) {
        Set<String> names = new HashSet<>();
        List<String> prefixes = new ArrayList<>();
        for (String part : spec.split(",")) {
            String name = part.trim();
            if (name.endsWith(".*")) {
                prefixes.add(name.substring(0, name.length() - 1));
            } else if (!name.isEmpty()) {
                names.add(name);
            }
        }
        return new ClassSelection(Set.copyOf(names), List.copyOf(prefixes), spec.trim());
    }

    /** @return the selection named by {@value #PROPERTY}, empty if it is not set */
    public static ClassSelection fromSystemProperty() {
        return parse(System.getProperty(PROPERTY, ""));
    }

    /**
     * @param binaryName such as {@code com.example.Outer$Inner}
     * @return whether the user named it, directly or by a wildcard
     */
    public boolean matches(String binaryName) {
        if (names.contains(binaryName)) {
            return true;
        }
        for (String prefix : prefixes) {
            if (binaryName.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    /** @return true if no class is named */
    public boolean isEmpty() {
        return names.isEmpty() && prefixes.isEmpty();
    }

    /** @return the specification as given */
    @Override
    public String toString() {
        return spec;
    }
}
