/**
 * codefind: live code patching for the JVM, and the engine behind the conform protocol.
 * The entry point is {@link io.github.codefind.Codefind}.
 */
module io.github.codefind {
    requires transitive io.github.codefind.conform;
    requires java.compiler;
    requires java.instrument;
    requires java.logging;
    requires java.management;
    requires jdk.management;
    requires org.objectweb.asm;
    requires org.objectweb.asm.tree;
    requires org.objectweb.asm.commons;
    requires org.objectweb.asm.tree.analysis;

    exports io.github.codefind;
}
