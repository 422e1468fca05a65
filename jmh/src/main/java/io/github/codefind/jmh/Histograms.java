package io.github.codefind.jmh;

import java.lang.management.ManagementFactory;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/** The class histogram through the {@code DiagnosticCommand} MBean, and a plain collection. */
final class Histograms {
    private static final String[] SIGNATURE = {String[].class.getName()};

    private Histograms() {
    }

    /**
     * {@code GC.class_histogram}.
     *
     * @param all {@code -all}: every object, no GC first; otherwise live objects after a full GC
     * @return the histogram text
     */
    static String histogram(boolean all) {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        try {
            ObjectName name = new ObjectName("com.sun.management:type=DiagnosticCommand");
            Object[] args = {all ? new String[] {"-all"} : new String[0]};
            return (String) server.invoke(name, "gcClassHistogram", args, SIGNATURE);
        } catch (JMException e) {
            throw new IllegalStateException("gcClassHistogram failed", e);
        }
    }

    /** Two full collections, so that a benchmark starts from a heap without garbage. */
    static void collect() {
        System.gc();
        System.gc();
    }
}
