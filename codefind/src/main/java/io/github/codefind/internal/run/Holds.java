package io.github.codefind.internal.run;

import io.github.codefind.internal.classfile.Uses;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Decides which units of a build must wait for more of it. A unit waits while:
 * <ul>
 * <li>its new code uses a member that neither the build's other units nor the running program has, as
 *     when an IDE writes {@code A.class}, which calls the new {@code B.g()}, before {@code B.class};</li>
 * <li>it removes or changes a member that running code outside the build still uses;</li>
 * <li>it depends so on a unit that waits;</li>
 * <li>an anonymous class of it was written after its outer class, whose file is unchanged: the outer
 *     class's new file may still come, and it decides which anonymous class is which. This wait ends on
 *     its own after the outer-class wait.</li>
 * </ul>
 * A unit that waits is reported as not live with why, and is tried again with every batch.
 */
final class Holds {
    private final BuildLinks links;
    private final long outerWaitMillis;
    /** When the earliest outer-class wait of the last decision ends, in milliseconds; MAX_VALUE if none. */
    private long nextExpiry = Long.MAX_VALUE;

    /**
     * @param links resolves uses of members
     * @param outerWait how long an anonymous class written after its unchanged outer class waits for it
     */
    Holds(BuildLinks links, Duration outerWait) {
        this.links = links;
        this.outerWaitMillis = outerWait.toMillis();
    }

    /**
     * @param units the build's units, by host
     * @param folder the folder as the build sees it
     * @param now the time, in milliseconds
     * @return the hosts of the units that must wait, with why
     */
    Map<String, String> hold(Map<String, Unit> units, FolderView folder, long now) {
        Map<String, String> held = new LinkedHashMap<>();
        for (Unit u : units.values()) {
            String why = waitsForOuter(u, folder, now);
            if (why != null) {
                held.put(u.host(), why);
            }
        }
        boolean more = true;
        while (more) {
            more = false;
            Set<String> patched = new HashSet<>();
            Map<String, String> unitOf = new LinkedHashMap<>();
            for (Unit u : units.values()) {
                if (!held.containsKey(u.host())) {
                    for (String c : u.classes()) {
                        if (folder.pendingClasses().contains(c)) {
                            patched.add(c);
                            unitOf.put(c, u.host());
                        }
                    }
                }
            }
            Function<String, ClassLinks> after = name -> folder.after(name, patched);
            for (String c : patched) {
                for (Uses.Use use : folder.next(c).uses()) {
                    if (!links.resolves(use, after)) {
                        held.put(unitOf.get(c), "needs " + ClassLinks.describe(use) + ", which the program does"
                                + " not have yet: waiting for the rest of the build");
                        more = true;
                        break;
                    }
                }
            }
            if (more) {
                continue;
            }
            Function<String, ClassLinks> before = folder::before;
            for (String user : folder.loadedClasses()) {
                if (patched.contains(user)) {
                    continue;
                }
                ClassLinks running = folder.before(user);
                if (running == null) {
                    continue;
                }
                for (Uses.Use use : running.uses()) {
                    String owner = use.owner();
                    if (patched.contains(owner) && !held.containsKey(unitOf.get(owner))
                            && links.resolves(use, before) && !links.resolves(use, after)) {
                        held.put(unitOf.get(owner), "removes " + ClassLinks.describe(use) + ", which "
                                + user.replace('/', '.')
                                + " still uses: waiting for the rest of the build");
                        more = true;
                    }
                }
            }
        }
        return held;
    }

    /** Forgets the waits of the last build: called as a build starts, before its first decision. */
    void newBuild() {
        nextExpiry = Long.MAX_VALUE;
    }

    /** @return when the earliest wait for an outer class ends, in milliseconds; MAX_VALUE if none does */
    long nextExpiry() {
        return nextExpiry;
    }

    private String waitsForOuter(Unit u, FolderView folder, long now) {
        if (folder.pendingClasses().contains(u.host()) || !folder.onDisk(u.host())) {
            return null;
        }
        long outer = folder.modifiedNow(u.host());
        for (String c : u.pendingAnonymous(folder)) {
            long written = folder.modified(c);
            if (written > outer && now < written + outerWaitMillis) {
                nextExpiry = Math.min(nextExpiry, written + outerWaitMillis);
                return "written after its outer class " + u.host().replace('/', '.') + ", whose file did not"
                        + " change: waiting up to " + outerWaitMillis + " ms for the rest of the build";
            }
        }
        return null;
    }
}
