package io.github.codefind.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.codefind.testing.ChildJvm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

/** The packaged jar is the agent: its manifest, relocated ASM, no module descriptors, the native library. */
class AgentJarIT {
    private static final String AGENT = "io.github.codefind.internal.agent.CodefindAgent";

    @Test
    void theManifestMakesItAnAgent() throws IOException {
        try (JarFile jar = new JarFile(ChildJvm.codefindJar().toFile())) {
            Attributes main = jar.getManifest().getMainAttributes();
            assertEquals(AGENT, main.getValue("Premain-Class"));
            assertEquals(AGENT, main.getValue("Agent-Class"));
            assertEquals(AGENT, main.getValue("Launcher-Agent-Class"));
            assertEquals("true", main.getValue("Can-Redefine-Classes"));
            assertEquals("true", main.getValue("Can-Retransform-Classes"));
            assertEquals("ALL-UNNAMED", main.getValue("Enable-Native-Access"));
            assertEquals("io.github.codefind", main.getValue("Automatic-Module-Name"));
        }
    }

    @Test
    void asmIsRelocatedInsideAndTheProtocolIsBundled() throws IOException {
        try (JarFile jar = new JarFile(ChildJvm.codefindJar().toFile())) {
            assertNotNull(jar.getEntry("io/github/codefind/internal/asm/ClassReader.class"));
            assertNotNull(jar.getEntry(AGENT.replace('.', '/') + ".class"));
            assertNotNull(jar.getEntry("io/github/codefind/conform/Conformable.class"), "the protocol is bundled");
            for (JarEntry e : jar.stream().toList()) {
                String name = e.getName();
                assertFalse(name.startsWith("org/objectweb/"), name);
                assertFalse(name.endsWith("module-info.class"), "a module descriptor: " + name);
            }
        }
    }

    @Test
    void theNativeLibraryBuiltIsPackaged() throws IOException {
        Path built = ChildJvm.codefindJar().getParent().resolve("classes/native/linux-x86_64/libcodefind.so");
        try (JarFile jar = new JarFile(ChildJvm.codefindJar().toFile())) {
            JarEntry packaged = jar.getJarEntry("native/linux-x86_64/libcodefind.so");
            assertEquals(Files.exists(built), packaged != null, "built: " + Files.exists(built));
            if (packaged != null) {
                assertEquals(Files.size(built), packaged.getSize());
            }
        }
        assertTrue(Files.exists(ChildJvm.codefindJar()));
    }
}
