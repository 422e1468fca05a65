package io.github.codefind.internal.companion;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.FieldNode;
import org.objectweb.asm.tree.MethodNode;

/** One host's part of a {@link Draft}: what the JVM has for the class, what today's source wants, and where it goes. */
final class HostPlan {

    final Class<?> type;
    final Host committed;
    /** Today's class file as compiled; read again for the host's own bytes, never modified. */
    final byte[] sourceBytes;
    final ClassNode source;
    final Map<String, Integer> shape;
    /**
     * Lambda bodies the source no longer has, as the JVM runs them: lambda objects made before the
     * patch keep calling their own old body (never another's), as running frames do.
     */
    final Map<String, MethodNode> oldLambdas = new LinkedHashMap<>();
    final Map<String, Host.Slot> slots = new LinkedHashMap<>();
    final Map<String, Host.FieldSlot> fields = new LinkedHashMap<>();
    /** The fields the JVM has for the class, in its order. */
    List<FieldNode> runningFields = List.of();
    /** The nest the JVM has for the class: it cannot change. */
    String runningNestHost;
    List<String> runningNestMembers;
    /** The nest members of the class file the program last heard of. */
    List<String> previousNestMembers;
    /** Instance fields the JVM has as final and the source no longer does, by key. */
    final List<String> unfinal = new ArrayList<>();
    /** Fields of the JVM's (or of a companion) whose type the source changed: name and old descriptor. */
    final List<String> retyped = new ArrayList<>();
    /** Why the initial value of an added field cannot be computed for old objects, by field key. */
    final Map<String, String> unknownInitial = new LinkedHashMap<>();
    final String sourcePath;
    /** True once {@link Draft#physical} made bytes whose shape differs from the source's. */
    boolean reshaped;
    final List<String> removed = new ArrayList<>();
    /** Method key to the id of the patch that removed it from the source: the committed ones, and this patch's. */
    final Map<String, Long> removedBy = new LinkedHashMap<>();
    final List<Host.Companion> companions = new ArrayList<>();
    /** Each companion's bytes for this patch, made once. */
    final Map<Host.Companion, byte[]> companionBytes = new java.util.HashMap<>();
    Host.Companion created;
    byte[] physical;

    HostPlan(Class<?> type, Host committed, byte[] sourceBytes, ClassNode source, Map<String, Integer> shape,
            String sourcePath) {
        this.sourcePath = sourcePath;
        this.type = type;
        this.committed = committed;
        this.sourceBytes = sourceBytes;
        this.source = source;
        this.shape = shape;
    }
}
