package io.github.codefind.jmh;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads a JMH JSON result of the suite and prints, per heap size, each benchmark's time, objects per
 * second and longest stop-the-world pause, then the ratios that codefind's goals are stated in.
 *
 * <p>Usage: {@code java -cp jmh/target/benchmarks.jar io.github.codefind.jmh.Report jmh-result.json}.
 */
public final class Report {
    private static final String HEAP = "HeapWalkBenchmark.";

    /** Display order and labels. */
    private static final Map<String, String> LABELS = new LinkedHashMap<>();

    static {
        LABELS.put(HEAP + "rawCount", "raw class-filtered walk (RawWalks.rawCount)");
        LABELS.put(HEAP + "instances", "instances, withoutCollection()");
        LABELS.put(HEAP + "instancesCollectFirst", "instances, default (full GC first)");
        LABELS.put(HEAP + "fullGc", "full GC alone (ForceGarbageCollection)");
        LABELS.put(HEAP + "referrers", "referrers of 3 objects");
        LABELS.put(HEAP + "conformables", "JVMTI discovery, withoutCollection()");
        LABELS.put(HEAP + "conformablesCollectFirst", "JVMTI discovery, default (full GC first)");
        LABELS.put(HEAP + "rawCountPerConformableClass", "raw walk per implementing class (4)");
        LABELS.put("RegistryBenchmark.conformables", "registry discovery, withoutCollection()");
        LABELS.put("RegistryBenchmark.conformablesCollectFirst", "registry discovery, default");
        LABELS.put("JdiBenchmark.instances", "JDI ReferenceType.instances(0), child JVM");
        LABELS.put(HEAP + "histogramAll", "class histogram -all");
        LABELS.put(HEAP + "histogramLive", "class histogram, live (full GC)");
        LABELS.put("ScanBenchmark.scan", "sequential read of a heap-sized long[]");
    }

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

    /** One benchmark's result at one heap size. */
    private static final class Row {
        final double ms;
        final double error;
        final Map<String, Double> secondary;
        final double heapBytes;

        Row(double ms, double error, Map<String, Double> secondary, double heapBytes) {
            this.ms = ms;
            this.error = error;
            this.secondary = secondary;
            this.heapBytes = heapBytes;
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
        Map<Integer, Map<String, Row>> rows = read(file);
        if (rows.isEmpty()) {
            return false;
        }
        for (Map<String, Row> byName : rows.values()) {
            for (String name : LABELS.keySet()) {
                if (!byName.containsKey(name) && (withRegistry || !name.startsWith("Registry"))) {
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
        for (Map.Entry<Integer, Map<String, Row>> e : read(file).entrySet()) {
            printSize(e.getKey(), e.getValue(), out);
        }
    }

    private static Map<Integer, Map<String, Row>> read(Path file) throws IOException {
        Map<Integer, Map<String, Row>> rows = new TreeMap<>();
        for (Object o : Json.array(Json.parse(Files.readString(file, StandardCharsets.UTF_8)))) {
            Map<String, Object> r = Json.object(o);
            String name = (String) r.get("benchmark");
            name = name.substring(name.lastIndexOf('.', name.lastIndexOf('.') - 1) + 1);
            int objects = Integer.parseInt((String) Json.object(r.get("params")).get("objects"));
            Map<String, Object> primary = Json.object(r.get("primaryMetric"));
            double scale = toMs((String) primary.get("scoreUnit"));
            Map<String, Object> secondary = r.get("secondaryMetrics") == null ? Map.of()
                    : Json.object(r.get("secondaryMetrics"));
            Map<String, Double> values = new LinkedHashMap<>();
            for (Map.Entry<String, Object> s : secondary.entrySet()) {
                String key = s.getKey().startsWith("\u00b7") ? s.getKey().substring(1) : s.getKey();
                values.put(key, Json.number(Json.object(s.getValue()).get("score")));
            }
            // The scan's "bytes" counter is reported as time per byte read, in the primary unit.
            double bytes = values.getOrDefault("bytes", Double.NaN);
            double score = Json.number(primary.get("score"));
            rows.computeIfAbsent(objects, k -> new LinkedHashMap<>()).put(name,
                    new Row(score * scale, Json.number(primary.get("scoreError")) * scale, values,
                            score / bytes));
        }
        return rows;
    }

    private static double toMs(String unit) {
        switch (unit) {
            case "s/op":
                return 1000;
            case "ms/op":
                return 1;
            case "us/op":
                return 1e-3;
            case "ns/op":
                return 1e-6;
            default:
                throw new IllegalArgumentException("unexpected unit " + unit + ": run in AverageTime mode");
        }
    }

    private static void printSize(int objects, Map<String, Row> rows, PrintStream out) {
        out.printf(Locale.ROOT, "%n### %,d objects%n%n", objects);
        out.println("| benchmark | ms/op | ± (99.9%) | objects/s | walk pause, median ms"
                + " | walk pause, max ms | other pauses (GC), median ms |");
        out.println("|---|---:|---:|---:|---:|---:|---:|");
        for (Map.Entry<String, String> label : LABELS.entrySet()) {
            Row r = rows.get(label.getKey());
            if (r == null) {
                continue;
            }
            out.printf(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s |%n", label.getValue(), ms(r.ms),
                    ms(r.error), label.getKey().startsWith("Registry") ? "not a walk"
                            : rate(objects / (r.ms / 1000)), ms(r.pause("walk.median")),
                    ms(r.pause("walk.max")), ms(r.pause("other.median")));
        }
        out.println();
        out.println("Pauses: stop-the-world safepoints in the measurement iterations (-Xlog:safepoint);"
                + " walk = JVMTI heap iteration or reference walk, or the histogram's heap inspection;"
                + " other = mostly full GCs, including the untimed one before each call of the"
                + " HeapWalkBenchmark; for JDI, the debuggee's pauses.");
        Row scan = rows.get("ScanBenchmark.scan");
        if (scan != null && !Double.isNaN(scan.heapBytes)) {
            out.printf(Locale.ROOT, "%nHeap: %.0f MB (%.1f bytes per object); read at %.1f GB/s.%n",
                    scan.heapBytes / 1e6, scan.heapBytes / objects, scan.heapBytes / (scan.ms / 1000) / 1e9);
        }
        out.println();
        out.println("| ratio | value | goal | |");
        out.println("|---|---:|---|---|");
        ratio(out, rows, "instances / raw walk", HEAP + "instances", HEAP + "rawCount", "<= 1.25", false, 1.25);
        ratio(out, rows, "JDI instances(0) / instances", "JdiBenchmark.instances", HEAP + "instances",
                ">= 10", true, 10);
        ratio(out, rows, "JVMTI discovery / raw walk per implementing class", HEAP + "conformables",
                HEAP + "rawCountPerConformableClass", "<= 1.5", false, 1.5);
        Row registry = rows.get("RegistryBenchmark.conformables");
        if (registry != null) {
            out.printf(Locale.ROOT, "| registry discovery of 1000 conformables, ms | %s | < 1 ms | %s |%n",
                    ms(registry.ms), registry.ms < 1 ? "met" : "NOT met");
        } else {
            out.println("| registry discovery of 1000 conformables, ms | not measured | < 1 ms | |");
        }
        ratio(out, rows, "instances, default / withoutCollection()", HEAP + "instancesCollectFirst",
                HEAP + "instances", "", false, Double.NaN);
        Row withGc = rows.get(HEAP + "instancesCollectFirst");
        Row noGc = rows.get(HEAP + "instances");
        if (withGc != null && noGc != null) {
            out.printf(Locale.ROOT, "| GC cost in instances(), ms (default - withoutCollection) | %s | | |%n",
                    ms(withGc.ms - noGc.ms));
        }
        ratio(out, rows, "JVMTI discovery, default / withoutCollection()", HEAP + "conformablesCollectFirst",
                HEAP + "conformables", "", false, Double.NaN);
        ratio(out, rows, "raw walk / sequential read of the heap", HEAP + "rawCount", "ScanBenchmark.scan",
                "", false, Double.NaN);
        ratio(out, rows, "referrers / raw walk", HEAP + "referrers", HEAP + "rawCount", "", false, Double.NaN);
        ratio(out, rows, "histogram -all / raw walk", HEAP + "histogramAll", HEAP + "rawCount", "", false,
                Double.NaN);
        ratio(out, rows, "histogram live / full GC", HEAP + "histogramLive", HEAP + "fullGc", "", false,
                Double.NaN);
    }

    private static void ratio(PrintStream out, Map<String, Row> rows, String what, String a, String b,
            String goal, boolean atLeast, double bound) {
        Row ra = rows.get(a);
        Row rb = rows.get(b);
        if (ra == null || rb == null) {
            out.printf(Locale.ROOT, "| %s | not measured | %s | |%n", what, goal);
            return;
        }
        double r = ra.ms / rb.ms;
        String verdict = Double.isNaN(bound) ? "" : (atLeast ? r >= bound : r <= bound) ? "met" : "NOT met";
        out.printf(Locale.ROOT, "| %s | %.2fx | %s | %s |%n", what, r, goal, verdict);
    }

    private static String ms(double v) {
        if (Double.isNaN(v)) {
            return "";
        }
        return String.format(Locale.ROOT, v >= 100 ? "%.0f" : v >= 10 ? "%.1f" : v >= 1 ? "%.2f" : "%.3f", v);
    }

    private static String rate(double perSecond) {
        if (perSecond >= 1e9) {
            return String.format(Locale.ROOT, "%.2f G", perSecond / 1e9);
        }
        if (perSecond >= 1e6) {
            return String.format(Locale.ROOT, "%.1f M", perSecond / 1e6);
        }
        return String.format(Locale.ROOT, "%.2f M", perSecond / 1e6);
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
