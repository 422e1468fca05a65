package io.github.codefind.internal.run;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * An outer class and its nested classes: always patched together, so that anonymous classes are
 * matched by body against all of their siblings, never one file at a time.
 *
 * @param host the internal name of the nest host (the top-level class)
 * @param classes the nest's classes the folder knows, or the program loaded, by internal name
 * @param pending the nest's class files whose bytes do not run
 */
record Unit(String host, Set<String> classes, List<Path> pending) {

    /**
     * @param folder the folder as the build sees it
     * @return the units of the pending class files, by host
     */
    static Map<String, Unit> group(FolderView folder) {
        Map<String, Unit> units = new LinkedHashMap<>();
        for (String name : new TreeSet<>(folder.pendingClasses())) {
            String host = folder.next(name).nestHost();
            Unit u = units.computeIfAbsent(host, h -> new Unit(h, new TreeSet<>(), new ArrayList<>()));
            u.pending.add(folder.pendingFile(name));
        }
        for (Unit u : units.values()) {
            for (String name : folder.classes()) {
                if (name.equals(u.host) || name.startsWith(u.host + "$")) {
                    u.classes.add(name);
                }
            }
        }
        return units;
    }

    /** @return whether the program loaded any class of the unit: else it loads from the folder when used */
    boolean loaded(FolderView folder) {
        for (String c : classes) {
            if (folder.isLoaded(c)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Adds the unit's class files to a patch: each changed class the program loaded, each anonymous class
     * (the engine matches them by body against the loaded ones), each nested class new to the loaded
     * outer class's nest (the JVM cannot add it to the nest; the engine defines it beside it), and the
     * outer class. A nested class of the loaded nest that the program never loaded is left out: it loads
     * from the folder when used.
     *
     * @param folder the folder as the build sees it
     * @param patch the patch's class files, by internal name
     */
    void patchFiles(FolderView folder, Map<String, byte[]> patch) {
        ClassLinks runningHost = folder.isLoaded(host) ? folder.before(host) : null;
        for (String c : classes) {
            if (!folder.onDisk(c)) {
                continue;
            }
            boolean changed = folder.pendingClasses().contains(c);
            ClassLinks links = changed ? folder.next(c) : folder.before(c);
            boolean newToNest = runningHost != null && !c.equals(host) && !runningHost.nestMembers().contains(c);
            boolean take = c.equals(host) && folder.isLoaded(c)
                    || changed && (folder.isLoaded(c) || newToNest)
                    || links != null && links.anonymous() && (changed || folder.isLoaded(c));
            if (take) {
                try {
                    patch.put(c, folder.diskBytes(c));
                } catch (IOException e) {
                    // Gone since it was read: the next batch has it.
                }
            }
        }
    }

    /** @return the pending anonymous classes, by internal name */
    List<String> pendingAnonymous(FolderView folder) {
        List<String> anonymous = new ArrayList<>();
        for (String c : classes) {
            if (folder.pendingClasses().contains(c) && folder.next(c).anonymous()) {
                anonymous.add(c);
            }
        }
        return anonymous;
    }
}
