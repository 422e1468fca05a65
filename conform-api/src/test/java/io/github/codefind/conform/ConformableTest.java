package io.github.codefind.conform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Tests for {@link Conformable} and {@link ConformException}. */
class ConformableTest {
    private static final Patch PATCH = new Patch(1, List.of(Change.added(ClassUnit.of("a.A"))));

    // Conformers are named classes, as Conformable recommends.

    /** Records the patches it is given and declares no dependencies. */
    static final class Recording implements Conformable {
        final List<Patch> received = new ArrayList<>();

        @Override
        public void conform(Patch patch) {
            received.add(patch);
        }
    }

    /** Keeps only a generated class's name, so it must declare it. */
    static final class Declaring implements Conformable {
        static final ClassUnit GENERATED = ClassUnit.of("a.Generated");

        @Override
        public void conform(Patch patch) {
        }

        @Override
        public Set<CodeUnit> codeDependencies() {
            return Set.of(GENERATED);
        }
    }

    /** Cannot conform, and says so. */
    static final class Refusing implements Conformable {
        @Override
        public void conform(Patch patch) throws ConformException {
            throw new ConformException("Cannot rebuild the table; restart the service");
        }
    }

    @Test
    void codeDependenciesAreEmptyByDefault() {
        assertTrue(new Recording().codeDependencies().isEmpty());
    }

    @Test
    void codeDependenciesCanBeDeclared() {
        assertEquals(Set.of(Declaring.GENERATED), new Declaring().codeDependencies());
    }

    @Test
    void conformReceivesThePatch() throws ConformException {
        Recording recording = new Recording();
        recording.conform(PATCH);
        assertEquals(List.of(PATCH), recording.received);
    }

    @Test
    void aConformerRefusesWithAConformException() {
        Conformable refusing = new Refusing();
        ConformException e = assertThrows(ConformException.class, () -> refusing.conform(PATCH));
        assertEquals("Cannot rebuild the table; restart the service", e.getMessage());
        assertNull(e.getCause());
    }

    @Test
    void conformExceptionKeepsMessageAndCause() {
        IllegalStateException cause = new IllegalStateException("stale");
        ConformException e = new ConformException("cannot conform", cause);
        assertEquals("cannot conform", e.getMessage());
        assertSame(cause, e.getCause());
        assertFalse(RuntimeException.class.isAssignableFrom(ConformException.class), "a checked exception");
        assertTrue(Exception.class.isAssignableFrom(ConformException.class));
    }

    @Test
    void conformExceptionIsSerializable() throws IOException, ClassNotFoundException {
        ConformException original = new ConformException("cannot conform", new IllegalStateException("stale"));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(original);
        }
        Object copy;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            copy = in.readObject();
        }
        ConformException e = assertInstanceOf(ConformException.class, copy);
        assertEquals("cannot conform", e.getMessage());
        assertEquals("stale", e.getCause().getMessage());
    }

}
