package io.github.codefind.jmh;

import com.sun.jdi.Bootstrap;
import com.sun.jdi.ReferenceType;
import com.sun.jdi.VirtualMachine;
import com.sun.jdi.connect.AttachingConnector;
import com.sun.jdi.connect.Connector;
import com.sun.jdi.connect.IllegalConnectorArgumentsException;
import io.github.codefind.Heap;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Baseline: JDI's {@code ReferenceType.instances(0)} (JDWP {@code ReferenceType.Instances}, a
 * class-filtered {@code FollowReferences} walk in the debuggee) against a child JVM holding the same
 * {@link TestHeap}, attached over a socket on 127.0.0.1, interleaved with codefind's {@code instances}
 * of the same heap in this fork. The child gets the heap settings of the other benchmarks, and so
 * does this fork. The debuggee logs its safepoints, which {@link DebuggePauseProfiler} reports.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgs = {"-Xms4g", "-Xmx4g"}, jvmArgsAppend = "-Dcodefind.heap=jvmti")
public class JdiBenchmark {
    /** The system property with the child's heap options, separated by spaces. */
    public static final String CHILD_HEAP = "codefind.jmh.childHeap";

    private static final Pattern LISTENING = Pattern.compile("Listening for transport dt_socket at address: (\\d+)");

    /** The debuggee and the JDI connection to it. */
    @State(Scope.Benchmark)
    public static class Debuggee {
        /** The number of small objects in the debuggee's heap. */
        @Param({"1000000", "10000000", "40000000"})
        public int objects;

        TestHeap local;
        Heap withoutCollection;
        Process process;
        VirtualMachine vm;
        ReferenceType target;
        volatile boolean ready;

        /**
         * Starts the debuggee, waits for its heap, attaches.
         *
         * @throws Exception if it cannot be started or attached to
         */
        @Setup
        public void start() throws Exception {
            Heap heap = TestHeap.codefindHeap("jvmti");
            withoutCollection = heap.withoutCollection();
            local = TestHeap.build(objects);
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            for (String option : System.getProperty(CHILD_HEAP, "-Xms4g -Xmx4g").trim().split("\\s+")) {
                command.add(option);
            }
            command.add("-Xlog:safepoint=info");
            command.add("-agentlib:jdwp=transport=dt_socket,server=y,suspend=n,address=127.0.0.1:0");
            command.add("-cp");
            command.add(System.getProperty("java.class.path"));
            command.add(HeapHolder.class.getName());
            command.add(Integer.toString(objects));
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
            BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8));
            CompletableFuture<String> port = new CompletableFuture<>();
            CompletableFuture<Void> heapReady = new CompletableFuture<>();
            Thread drain = new Thread(() -> {
                try {
                    for (String line; (line = out.readLine()) != null; ) {
                        Matcher m = LISTENING.matcher(line);
                        if (m.find()) {
                            port.complete(m.group(1));
                        } else if (line.startsWith(HeapHolder.READY)) {
                            heapReady.complete(null);
                        } else if (Pauses.parse(line) != null) {
                            if (ready) {
                                DebuggePauseProfiler.offer(line);
                            }
                        } else {
                            System.out.println("[debuggee] " + line);
                        }
                    }
                } catch (IOException e) {
                    // The debuggee is gone.
                }
                port.completeExceptionally(new IllegalStateException("debuggee exited before listening"));
                heapReady.completeExceptionally(new IllegalStateException("debuggee exited before its heap was ready"));
            }, "debuggee-output");
            drain.setDaemon(true);
            drain.start();
            try {
                vm = attach(port.get(60, TimeUnit.SECONDS));
                heapReady.get(300, TimeUnit.SECONDS);
            } catch (ExecutionException | TimeoutException e) {
                stop();
                throw new IllegalStateException("JDI debuggee: " + e.getMessage(), e);
            }
            if (!vm.canGetInstanceInfo()) {
                stop();
                throw new IllegalStateException("the debuggee cannot list instances");
            }
            List<ReferenceType> types = vm.classesByName(TestHeap.Target.class.getName());
            if (types.size() != 1) {
                stop();
                throw new IllegalStateException("expected one Target class in the debuggee: " + types);
            }
            target = types.get(0);
            int found = target.instances(0).size();
            if (found != objects / TestHeap.CHUNK) {
                stop();
                throw new IllegalStateException("JDI found " + found + " targets, expected "
                        + objects / TestHeap.CHUNK);
            }
            ready = true;
        }

        private static VirtualMachine attach(String port) throws IOException, IllegalConnectorArgumentsException {
            for (AttachingConnector c : Bootstrap.virtualMachineManager().attachingConnectors()) {
                if (c.name().equals("com.sun.jdi.SocketAttach")) {
                    Map<String, Connector.Argument> args = c.defaultArguments();
                    args.get("hostname").setValue("127.0.0.1");
                    args.get("port").setValue(port);
                    Connector.Argument timeout = args.get("timeout");
                    if (timeout != null) {
                        timeout.setValue("30000");
                    }
                    return c.attach(args);
                }
            }
            throw new IllegalStateException("no com.sun.jdi.SocketAttach connector");
        }

        /**
         * Detaches and ends the debuggee.
         *
         * @throws InterruptedException if interrupted while waiting for it
         */
        @TearDown
        public void stop() throws InterruptedException {
            ready = false;
            if (vm != null) {
                try {
                    vm.dispose();
                } catch (RuntimeException e) {
                    // Already disconnected.
                }
                vm = null;
            }
            if (process != null) {
                try {
                    process.getOutputStream().close();
                } catch (IOException e) {
                    // Already gone.
                }
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    process.waitFor(30, TimeUnit.SECONDS);
                }
                process = null;
            }
        }
    }

    /**
     * {@code ReferenceType.instances(0)} for {@code TestHeap.Target} in the debuggee, against
     * codefind's {@code heap.withoutCollection().instances(Target.class, false)} of the same heap built
     * in this fork, interleaved ({@link Paired}). A full GC in this fork before each, untimed, as in
     * {@link HeapWalkBenchmark}; the debuggee's heap does not change.
     *
     * @param d the debuggee, and this fork's heap
     * @param p the two times
     * @param b consumes results
     */
    @Benchmark
    public void jdiVsInstances(Debuggee d, Paired p, Blackhole b) {
        p.run(b, System::gc, () -> d.withoutCollection.instances(TestHeap.Target.class, false),
                () -> d.target.instances(0).size());
    }
}
