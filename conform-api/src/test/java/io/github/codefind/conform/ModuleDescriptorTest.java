package io.github.codefind.conform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The compiled module descriptor of conform-api: one exported package, nothing required but java.base. */
class ModuleDescriptorTest {
    private static final String PACKAGE = "io.github.codefind.conform";
    private static ModuleDescriptor descriptor;

    @BeforeAll
    static void readDescriptor() throws IOException, URISyntaxException {
        // Tests run on the class path, so read the module-info.class next to the main classes.
        CodeSource source = Conformable.class.getProtectionDomain().getCodeSource();
        assertNotNull(source, "no code source for the main classes");
        URL location = source.getLocation();
        Path path = Path.of(location.toURI());
        if (Files.isDirectory(path)) {
            Path moduleInfo = path.resolve("module-info.class");
            assertTrue(Files.isRegularFile(moduleInfo), () -> "no module-info.class in " + path);
            try (InputStream in = Files.newInputStream(moduleInfo)) {
                descriptor = ModuleDescriptor.read(in);
            }
        } else {
            try (JarFile jar = new JarFile(path.toFile())) {
                var entry = jar.getEntry("module-info.class");
                assertNotNull(entry, () -> "no module-info.class in " + path);
                try (InputStream in = jar.getInputStream(entry)) {
                    descriptor = ModuleDescriptor.read(in);
                }
            }
        }
    }

    @Test
    void isTheConformModule() {
        assertEquals(PACKAGE, descriptor.name());
        assertFalse(descriptor.isOpen());
        assertFalse(descriptor.isAutomatic());
    }

    @Test
    void exportsExactlyTheApiPackageToEveryone() {
        assertEquals(1, descriptor.exports().size(), () -> "exports: " + descriptor.exports());
        ModuleDescriptor.Exports export = descriptor.exports().iterator().next();
        assertEquals(PACKAGE, export.source());
        assertFalse(export.isQualified(), "exported to everyone");
        assertTrue(export.modifiers().isEmpty());
        assertEquals(Set.of(PACKAGE), descriptor.packages());
        assertTrue(descriptor.opens().isEmpty());
    }

    @Test
    void requiresNothingButJavaBase() {
        Set<String> required = descriptor.requires().stream().map(ModuleDescriptor.Requires::name)
                .collect(Collectors.toSet());
        assertEquals(Set.of("java.base"), required);
        ModuleDescriptor.Requires base = descriptor.requires().iterator().next();
        assertTrue(base.modifiers().contains(ModuleDescriptor.Requires.Modifier.MANDATED));
        assertFalse(base.modifiers().contains(ModuleDescriptor.Requires.Modifier.TRANSITIVE));
    }

    @Test
    void usesAndProvidesNoServices() {
        assertTrue(descriptor.uses().isEmpty());
        assertTrue(descriptor.provides().isEmpty());
    }
}
