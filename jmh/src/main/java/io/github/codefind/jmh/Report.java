package io.github.codefind.jmh;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads a JMH JSON result of the suite and prints, per heap size, each comparison: its baseline's and
 * its subject's mean time (measured interleaved in one fork, {@link Paired}), their ratio against
 * the goal it is held to, and the fork's stop-the-world pauses; then the discovery-after-a-patch
 * table ({@link DiscoveryBenchmark}).
 *
 * <p>Usage: {@code java -cp jmh/target/benchmarks.jar io.github.codefind.jmh.Report jmh-result.json}.
 */
public final class Report {
    private static final String HEAP = "HeapWalkBenchmark.";
    private static final String DISCOVERY = "DiscoveryBenchmark.discoveryVsCollectFirst";
    private static final String REGISTRY = "RegistryBenchmark.conformablesDefaultVsWithoutCollection";
    private static final String RAW = "raw class-filtered walk (RawWalks.rawCount)";
    private static final String INSTANCES = "instances, withoutCollection()";
    private static final String DISCOVER = "JVMTI discovery, withoutCollection()";

    /**
     * One comparison: its benchmark, what each side is, and the goal the ratio subject / baseline is
     * held to (empty when none).
     */
    private record Pair(String benchmark, String baseline, String subject, String goal, double bound) {
        Pair(String benchmark, String baseline, String subject) {
            this(benchmark, baseline, subject, "", Double.NaN);
        }
    }

    /** Display order. A bound below 1 is a ratio that must be at least its inverse. */
    private static final List<Pair> PAIRS = List.of(
            new Pair(HEAP + "instancesVsRawCount", RAW, INSTANCES, "<= 1.25", 1.25),
            new Pair("JdiBenchmark.jdiVsInstances", INSTANCES + " (this fork)",
                    "JDI ReferenceType.instances(0) (child JVM)", ">= 10", -10),
            new Pair(HEAP + "conformablesVsRawCountPerClass", "raw walk per implementing class (4)", DISCOVER,
                    "<= 1.5", 1.5),
            new Pair(REGISTRY, "registry discovery, withoutCollection()",
                    "registry discovery, default (some refer: collects)"),
            new Pair(HEAP + "instancesCollectFirstVsInstances", INSTANCES, "instances, default (full GC first)"),
            new Pair(HEAP + "conformablesDefaultVsWithoutCollection", DISCOVER,
                    "JVMTI discovery, default (some refer: collects)"),
            new Pair("ScanBenchmark.rawCountVsScan", "sequential read of a heap-sized long[]", RAW),
            new Pair(HEAP + "referrersVsRawCount", RAW, "referrers of 3 objects"),
            new Pair(HEAP + "histogramAllVsRawCount", RAW, "class histogram -all"),
            new Pair(HEAP + "histogramLiveVsFullGc", "full GC alone (ForceGarbageCollection)",
                    "class histogram, live (full GC)"));

    private Report() {
    }

    /**
     * Prints the report of a result file.
     *
     * @param args the JSON result file
     * @throws IOException if it cannot be read
     */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: Report jmh-result.json");
            System.exit(64);
            return;
        }
        print(Path.of(args[0]), null, System.out);
    }

    /** One comparison's result at one heap size: the two means, from the {@link Paired} counters. */
    private static final class Row {
        final double baselineMs;
        final double subjectMs;
        final double pairs;
        final Map<String, Double> secondary;

        Row(Map<String, Double> secondary) {
            this.secondary = secondary;
            this.pairs = secondary.getOrDefault("pairs", Double.NaN);
            this.baselineMs = secondary.getOrDefault("baselineNanos", Double.NaN) / pairs / 1e6;
            this.subjectMs = secondary.getOrDefault("subjectNanos", Double.NaN) / pairs / 1e6;
        }

        /** A pause metric: the debuggee's for JDI, this fork's otherwise; NaN if not measured. */
        double pause(String metric) {
            Double debuggee = secondary.get("debuggee." + metric);
            Double own = secondary.get("pause." + metric);
            return debuggee != null ? debuggee : own != null ? own : Double.NaN;
        }
    }

    /**
     * Whether every expected benchmark has a result at every heap size in the file.
     *
     * @param file the JSON result
     * @param withRegistry whether the registry benchmarks are expected
     * @return true if none is missing
     * @throws IOException if the file cannot be read
     */
    static boolean complete(Path file, boolean withRegistry) throws IOException {
        Map<String, Map<String, Row>> rows = read(file);
        if (!rows.containsKey(DISCOVERY)) {
            return false;
        }
        rows.remove(DISCOVERY);
        if (rows.isEmpty()) {
            return false;
        }
        for (Map<String, Row> byName : rows.values()) {
            for (Pair p : PAIRS) {
                Row r = byName.get(p.benchmark());
                boolean wanted = withRegistry || !p.benchmark().equals(REGISTRY);
                if (wanted && (r == null || !(r.pairs > 0))) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * Prints the report.
     *
     * @param file the JSON result
     * @param note a line to add, such as why the registry was not measured; may be null
     * @param out where to print
     * @throws IOException if the file cannot be read
     */
    static void print(Path file, String note, PrintStream out) throws IOException {
        List<Object> results = Json.array(Json.parse(Files.readString(file, StandardCharsets.UTF_8)));
        if (results.isEmpty()) {
            out.println("no results in " + file);
            return;
        }
        Map<String, Object> first = Json.object(results.get(0));
        out.printf(Locale.ROOT, "JDK %s, %s %s; fork options %s%n", first.get("jdkVersion"),
                first.get("vmName"), first.get("vmVersion"), first.get("jvmArgs"));
        out.printf(Locale.ROOT, "%s warmup x %s, %s measurement x %s, %s fork(s)%n",
                first.get("warmupIterations"), first.get("warmupTime"), first.get("measurementIterations"),
                first.get("measurementTime"), first.get("forks"));
        if (note != null) {
            out.println(note);
        }
        Map<String, Map<String, Row>> rows = read(file);
        Map<String, Row> discovery = rows.remove(DISCOVERY);
        for (Map.Entry<String, Map<String, Row>> e : rows.entrySet()) {
            printSize(Integer.parseInt(e.getKey()), e.getValue(), out);
        }
        if (discovery != null) {
            printDiscovery(discovery, out);
        }
    }

    /**
     * @return per heap size (the {@code objects} parameter), or per {@value #DISCOVERY} for the
     *     discovery benchmark, keyed by its parameters: benchmark name to row
     */
    private static Map<String, Map<String, Row>> read(Path file) throws IOException {
        Map<String, Map<String, Row>> rows = new TreeMap<>(Comparator.comparing(
                (String k) -> k.equals(DISCOVERY) ? Long.MAX_VALUE : Long.parseLong(k)));
        for (Object o : Json.array(Json.parse(Files.readString(file, StandardCharsets.UTF_8)))) {
            Map<String, Object> r = Json.object(o);
            String name = (String) r.get("benchmark");
            name = name.substring(name.lastIndexOf('.', name.lastIndexOf('.') - 1) + 1);
            Map<String, Object> params = Json.object(r.get("params"));
            Map<String, Object> secondary = r.get("secondaryMetrics") == null ? Map.of()
                    : Json.object(r.get("secondaryMetrics"));
            Map<String, Double> values = new LinkedHashMap<>();
            for (Map.Entry<String, Object> s : secondary.entrySet()) {
                String key = s.getKey().startsWith("\u00b7") ? s.getKey().substring(1) : s.getKey();
                values.put(key, Json.number(Json.object(s.getValue()).get("score")));
            }
            if (name.equals(DISCOVERY)) {
                rows.computeIfAbsent(DISCOVERY, k -> new LinkedHashMap<>())
                        .put(params.get("size") + " heap, " + params.get("referring") + " referring", new Row(values));
            } else {
                rows.computeIfAbsent((String) params.get("objects"), k -> new LinkedHashMap<>())
                        .put(name, new Row(values));
            }
        }
        return rows;
    }

    private static void printSize(int objects, Map<String, Row> rows, PrintStream out) {
        out.printf(Locale.ROOT, "%n### %,d objects%n%n", objects);
        out.println("| baseline | ms | subject | ms | subject / baseline | goal | | pairs"
                + " | walk pause, median / max ms | other pauses (GC), median ms |");
        out.println("|---|---:|---|---:|---:|---|---|---:|---:|---:|");
        for (Pair p : PAIRS) {
            Row r = rows.get(p.benchmark());
            if (r == null) {
                out.printf(Locale.ROOT, "| %s | | %s | not measured | | %s | | | | |%n", p.baseline(), p.subject(),
                        p.goal());
                continue;
            }
            double ratio = r.subjectMs / r.baselineMs;
            String verdict = Double.isNaN(p.bound()) ? ""
                    : (p.bound() < 0 ? ratio >= -p.bound() : ratio <= p.bound()) ? "met" : "NOT met";
            out.printf(Locale.ROOT, "| %s | %s | %s | %s | %.2fx | %s | %s | %.0f | %s / %s | %s |%n", p.baseline(),
                    ms(r.baselineMs), p.subject(), ms(r.subjectMs), ratio, p.goal(), verdict, r.pairs,
                    ms(r.pause("walk.median")), ms(r.pause("walk.max")), ms(r.pause("other.median")));
        }
        Row registry = rows.get(REGISTRY);
        if (registry != null) {
            out.printf(Locale.ROOT, "%nRegistry discovery of 1000 conformables, withoutCollection(): %s ms"
                    + " (goal < 1 ms: %s).%n", ms(registry.baselineMs), registry.baselineMs < 1 ? "met" : "NOT met");
        }
        Row scan = rows.get("ScanBenchmark.rawCountVsScan");
        double bytes = scan == null ? Double.NaN : scan.secondary.getOrDefault("bytes", Double.NaN) / scan.pairs;
        if (!Double.isNaN(bytes)) {
            out.printf(Locale.ROOT, "%nHeap: %.0f MB (%.1f bytes per object); read at %.1f GB/s; raw walk at"
                    + " %.0f M objects/s.%n", bytes / 1e6, bytes / objects, bytes / (scan.baselineMs / 1000) / 1e9,
                    objects / (scan.subjectMs / 1000) / 1e6);
        }
        out.println();
        out.println("Each row: both sides in one fork, interleaved, in alternating order; ms = mean per call."
                + " Pauses: stop-the-world safepoints in the measurement iterations (-Xlog:safepoint), both"
                + " sides together: walk = JVMTI heap iteration or reference walk, or the histogram's heap"
                + " inspection; other = mostly full GCs, including the untimed one before each call; for JDI,"
                + " the debuggee's pauses.");
    }

    private static void printDiscovery(Map<String, Row> rows, PrintStream out) {
        out.printf(Locale.ROOT, "%n### Discovery after a patch: new against collect-first, interleaved%n%n");
        out.println("| case | collect-first (before) ms | new ms | new / before | pairs | other pauses (GC), median ms |");
        out.println("|---|---:|---:|---:|---:|---:|");
        for (Map.Entry<String, Row> e : rows.entrySet()) {
            Row r = e.getValue();
            out.printf(Locale.ROOT, "| %s | %s | %s | %.2fx | %.0f | %s |%n", e.getKey(), ms(r.baselineMs),
                    ms(r.subjectMs), r.subjectMs / r.baselineMs, r.pairs, ms(r.pause("other.median")));
        }
    }

    private static String ms(double v) {
        if (Double.isNaN(v)) {
            return "";
        }
        return String.format(Locale.ROOT, v >= 100 ? "%.0f" : v >= 10 ? "%.1f" : v >= 1 ? "%.2f" : "%.3f", v);
    }

    /** Just enough JSON for JMH's result files: objects, arrays, strings, numbers, literals. */
    static final class Json {
        private final String text;
        private int pos;

        private Json(String text) {
            this.text = text;
        }

        static Object parse(String text) {
            Json p = new Json(text);
            Object value = p.value();
            p.skipSpace();
            if (p.pos != text.length()) {
                throw p.error("trailing text");
            }
            return value;
        }

        @SuppressWarnings("unchecked")
        static Map<String, Object> object(Object o) {
            if (!(o instanceof Map)) {
                throw new IllegalArgumentException("not a JSON object: " + o);
            }
            return (Map<String, Object>) o;
        }

        @SuppressWarnings("unchecked")
        static List<Object> array(Object o) {
            if (!(o instanceof List)) {
                throw new IllegalArgumentException("not a JSON array: " + o);
            }
            return (List<Object>) o;
        }

        /** JMH writes NaN and infinities as strings. */
        static double number(Object o) {
            if (o instanceof Double) {
                return (Double) o;
            }
            if (o instanceof String) {
                return Double.parseDouble((String) o);
            }
            return Double.NaN;
        }

        private Object value() {
            skipSpace();
            if (pos >= text.length()) {
                throw error("unexpected end");
            }
            char c = text.charAt(pos);
            switch (c) {
                case '{':
                    return objectValue();
                case '[':
                    return arrayValue();
                case '"':
                    return string();
                case 't':
                    return literal("true", Boolean.TRUE);
                case 'f':
                    return literal("false", Boolean.FALSE);
                case 'n':
                    return literal("null", null);
                default:
                    return numberValue();
            }
        }

        private Map<String, Object> objectValue() {
            Map<String, Object> map = new LinkedHashMap<>();
            pos++;
            skipSpace();
            if (peek('}')) {
                pos++;
                return map;
            }
            while (true) {
                skipSpace();
                String key = string();
                skipSpace();
                expect(':');
                map.put(key, value());
                skipSpace();
                if (peek(',')) {
                    pos++;
                } else {
                    expect('}');
                    return map;
                }
            }
        }

        private List<Object> arrayValue() {
            List<Object> list = new ArrayList<>();
            pos++;
            skipSpace();
            if (peek(']')) {
                pos++;
                return list;
            }
            while (true) {
                list.add(value());
                skipSpace();
                if (peek(',')) {
                    pos++;
                } else {
                    expect(']');
                    return list;
                }
            }
        }

        private String string() {
            expect('"');
            StringBuilder sb = new StringBuilder();
            while (true) {
                if (pos >= text.length()) {
                    throw error("unterminated string");
                }
                char c = text.charAt(pos++);
                if (c == '"') {
                    return sb.toString();
                }
                if (c != '\\') {
                    sb.append(c);
                    continue;
                }
                char e = text.charAt(pos++);
                switch (e) {
                    case 'n':
                        sb.append('\n');
                        break;
                    case 't':
                        sb.append('\t');
                        break;
                    case 'r':
                        sb.append('\r');
                        break;
                    case 'b':
                        sb.append('\b');
                        break;
                    case 'f':
                        sb.append('\f');
                        break;
                    case 'u':
                        sb.append((char) Integer.parseInt(text.substring(pos, pos + 4), 16));
                        pos += 4;
                        break;
                    default:
                        sb.append(e);
                        break;
                }
            }
        }

        private Double numberValue() {
            int start = pos;
            while (pos < text.length() && "+-0123456789.eE".indexOf(text.charAt(pos)) >= 0) {
                pos++;
            }
            if (start == pos) {
                throw error("unexpected character");
            }
            return Double.valueOf(text.substring(start, pos));
        }

        private Object literal(String word, Object value) {
            if (!text.startsWith(word, pos)) {
                throw error("expected " + word);
            }
            pos += word.length();
            return value;
        }

        private boolean peek(char c) {
            return pos < text.length() && text.charAt(pos) == c;
        }

        private void expect(char c) {
            if (!peek(c)) {
                throw error("expected '" + c + "'");
            }
            pos++;
        }

        private void skipSpace() {
            while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
                pos++;
            }
        }

        private IllegalArgumentException error(String what) {
            return new IllegalArgumentException("JSON: " + what + " at offset " + pos);
        }
    }
}
