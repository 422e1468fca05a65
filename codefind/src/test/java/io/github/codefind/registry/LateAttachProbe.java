package io.github.codefind.registry;

import io.github.codefind.Codefind;
import io.github.codefind.Heap;
import io.github.codefind.conform.ClassUnit;
import io.github.codefind.conform.Conformable;
import io.github.codefind.conform.Patch;
import java.lang.ref.Reference;
import java.util.ArrayList;
import java.util.List;

/**
 * A child JVM's main that attaches the codefind agent to itself after creating tracked objects, as a
 * late attach would: those earlier objects must be reported as invisible, later ones found. Run by
 * {@link RegistryAgentIT} without {@code -javaagent}, with the jar's path as its argument.
 */
public final class LateAttachProbe {
    /** Loaded and instantiated before the agent. */
    public static final class Early implements Conformable {
        @Override
        public void conform(Patch patch) {
        }
    }

    /** Loaded after the agent. */
    public static final class Late implements Conformable {
        @Override
        public void conform(Patch patch) {
        }
    }

    private LateAttachProbe() {
    }

    /**
     * @param args the codefind jar
     * @throws Exception if attaching fails
     */
    public static void main(String[] args) throws Exception {
        List<Object> kept = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            kept.add(new Early());
        }
        attachAgent(args[0]);
        AfterAttach.run(kept);
    }

    /** Through reflection: jdk.attach is not among the modules codefind's tests compile against. */
    private static void attachAgent(String jar) throws ReflectiveOperationException {
        Class<?> vmClass = Class.forName("com.sun.tools.attach.VirtualMachine");
        String pid = Long.toString(ProcessHandle.current().pid());
        Object vm = vmClass.getMethod("attach", String.class).invoke(null, pid);
        try {
            vmClass.getMethod("loadAgent", String.class).invoke(vm, jar);
        } finally {
            vmClass.getMethod("detach").invoke(vm);
        }
    }

    /** Touches codefind's classes only once the agent has put its jar on the class path. */
    private static final class AfterAttach {
        static void run(List<Object> kept) {
            Heap heap = Codefind.heap();
            for (int i = 0; i < 2; i++) {
                kept.add(new Early());
            }
            for (int i = 0; i < 4; i++) {
                kept.add(new Late());
            }
            RegistryProbe.print("backend", heap.backend());
            RegistryProbe.print("early", RegistryProbe.answer(() -> heap.count(Early.class, false)));
            RegistryProbe.print("late", RegistryProbe.answer(() -> heap.count(Late.class, false)));
            RegistryProbe.print("earlyDependents", RegistryProbe.answer(
                    () -> heap.conformablesReferringTo(List.of(ClassUnit.of(Early.class))).size()));
            Reference.reachabilityFence(kept);
        }
    }
}
