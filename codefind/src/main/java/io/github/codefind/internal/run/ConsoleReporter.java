package io.github.codefind.internal.run;

import io.github.codefind.ConformOutcome;
import io.github.codefind.NotLive;
import io.github.codefind.PatchResult;
import io.github.codefind.Rejection;
import io.github.codefind.conform.Change;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The runner's console: what the user of {@code codefind run} reads, on standard error so that the
 * program's own output stays as it is. Every line starts with {@code [codefind]}.
 */
public final class ConsoleReporter implements Reporter {
    /** How many files one line names before it counts the rest. */
    private static final int SHOWN = 5;

    private final PrintStream out;
    private final boolean verbose;

    /**
     * @param out where to print; the launcher passes {@code System.err}
     * @param verbose whether to print a line for every applied patch
     */
    public ConsoleReporter(PrintStream out, boolean verbose) {
        this.out = out;
        this.verbose = verbose;
    }

    @Override
    public void patched(Collection<Path> files, PatchResult result, PatchTimes times) {
        if (!result.applied()) {
            line("rejected " + names(files) + ": not applied; the program keeps running the last good code");
            for (Rejection r : result.rejections()) {
                line("  " + r.className() + (r.member().isEmpty() ? "" : "." + r.member())
                        + (r.file().isEmpty() ? "" : " (" + r.file() + ")") + ": " + r.reason());
                line("    what to do: " + r.remedy());
            }
            return;
        }
        for (ConformOutcome o : result.failures()) {
            line(failure(o));
        }
        for (String note : result.notes()) {
            line("note: " + note);
        }
        if (verbose) {
            List<String> members = new ArrayList<>();
            result.patch().ifPresent(p -> {
                for (Change c : p.changes()) {
                    if (c.altersBehaviour()) {
                        members.add(MemberNames.of(c.unit()) + " " + c.kinds());
                    }
                }
            });
            if (members.size() > 2 * SHOWN) {
                int more = members.size() - 2 * SHOWN;
                members.subList(2 * SHOWN, members.size()).clear();
                members.add("and " + more + " more");
            }
            line(names(files) + ": " + (members.isEmpty() ? "no behaviour change" : String.join(", ", members))
                    + " | " + times + " | " + conformers(result));
        }
    }

    /** @return {@code 3 conformer(s) conformed}, or which of them refused or failed */
    private static String conformers(PatchResult result) {
        int[] counts = new int[ConformOutcome.Status.values().length];
        for (ConformOutcome o : result.conformers()) {
            counts[o.status().ordinal()]++;
        }
        int all = result.conformers().size();
        int conformed = counts[ConformOutcome.Status.CONFORMED.ordinal()];
        if (all == 0) {
            return "no conformer concerned";
        }
        if (conformed == all) {
            return all + " conformer(s) conformed";
        }
        return conformed + " of " + all + " conformer(s) conformed, "
                + counts[ConformOutcome.Status.CANNOT_CONFORM.ordinal()] + " refused, "
                + counts[ConformOutcome.Status.FAILED.ordinal()] + " failed"
                + (counts[ConformOutcome.Status.SKIPPED.ordinal()] == 0 ? ""
                        : ", " + counts[ConformOutcome.Status.SKIPPED.ordinal()] + " skipped");
    }

    /**
     * Says how a conformer failed: a refusal ({@code ConformException}) by its message, anything else with
     * its stack trace, which only this console shows.
     *
     * @param o a conformer's outcome that is not {@code CONFORMED}
     * @return the text to print
     */
    static String failure(ConformOutcome o) {
        if (o.status() == ConformOutcome.Status.CANNOT_CONFORM) {
            return "conformer " + o.describeObject() + " cannot conform: " + o.error();
        }
        if (o.error() == null) {
            return "conformer " + o.describeObject() + " was not called: an earlier one threw a VirtualMachineError";
        }
        StringWriter trace = new StringWriter();
        o.error().printStackTrace(new PrintWriter(trace));
        return "conformer " + o.describeObject() + " failed; the new code stays live: " + trace.toString().trim();
    }

    @Override
    public void warmedUp(String what, Duration took) {
        if (verbose) {
            line("warmed up in " + took.toMillis() + " ms: " + what);
        }
    }

    @Override
    public void compileFailed(Collection<Path> files, List<String> errors) {
        line("compile error in " + names(files) + "; nothing was changed, the program keeps running its last"
                + " good code. Fix and save again:");
        for (String e : errors) {
            line("  " + e);
        }
    }

    @Override
    public void notLive(List<NotLive> files) {
        if (files.isEmpty()) {
            line("all saved files are live");
            return;
        }
        // Files with the same reason share it, as after a build that is waiting, so that the line stays short.
        Map<Path, String> shown = shortNames(files);
        Map<String, List<String>> byReason = new LinkedHashMap<>();
        for (NotLive f : files) {
            byReason.computeIfAbsent(f.reason(), r -> new ArrayList<>()).add(shown.get(f.file()));
        }
        List<String> each = new ArrayList<>();
        byReason.forEach((reason, names) -> each.add((names.size() <= SHOWN ? String.join(", ", names)
                : String.join(", ", names.subList(0, SHOWN)) + " and " + (names.size() - SHOWN) + " more")
                + " (" + reason + ")"));
        line(files.size() + (files.size() == 1 ? " file" : " files") + " not live: " + String.join(", ", each));
    }

    /**
     * Names each file by its file name, or by as many of its last path elements as tell it from the others
     * ({@code app/Sub.class} and {@code app/x/Sub.class}).
     */
    static Map<Path, String> shortNames(List<NotLive> files) {
        Map<Path, Integer> depth = new LinkedHashMap<>();
        for (NotLive f : files) {
            depth.put(f.file(), 1);
        }
        for (boolean clash = true; clash; ) {
            clash = false;
            Map<String, List<Path>> byName = new LinkedHashMap<>();
            depth.forEach((file, d) -> byName.computeIfAbsent(tail(file, d), n -> new ArrayList<>()).add(file));
            for (List<Path> same : byName.values()) {
                for (Path file : same) {
                    if (same.size() > 1 && depth.get(file) < file.getNameCount()) {
                        depth.put(file, depth.get(file) + 1);
                        clash = true;
                    }
                }
            }
        }
        Map<Path, String> names = new LinkedHashMap<>();
        depth.forEach((file, d) -> names.put(file, tail(file, d)));
        return names;
    }

    private static String tail(Path file, int elements) {
        int n = file.getNameCount();
        return file.subpath(Math.max(0, n - elements), n).toString().replace('\\', '/');
    }

    @Override
    public void problem(String what) {
        line(what);
    }

    @Override
    public void looped(String method, Object result) {
        if (result instanceof Throwable) {
            StringWriter trace = new StringWriter();
            ((Throwable) result).printStackTrace(new PrintWriter(trace));
            line(method + " threw " + trace.toString().trim());
        } else {
            line(method + " returned " + result);
        }
    }

    private void line(String text) {
        synchronized (out) {
            for (String l : text.split("\n")) {
                out.println("[codefind] " + l);
            }
            out.flush();
        }
    }

    private static String names(Collection<Path> files) {
        List<String> names = new ArrayList<>();
        for (Path f : files) {
            if (names.size() == SHOWN && files.size() > SHOWN + 1) {
                names.add("and " + (files.size() - SHOWN) + " more");
                break;
            }
            names.add(f.toString());
        }
        return String.join(", ", names);
    }
}
