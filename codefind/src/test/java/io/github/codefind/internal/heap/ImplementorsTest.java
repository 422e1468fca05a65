package io.github.codefind.internal.heap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.codefind.conform.Conformable;
import io.github.codefind.testing.Javac;
import java.lang.ref.WeakReference;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Discovery's choice of the classes to walk for: every instantiable implementor of {@link Conformable},
 * also one loaded after an earlier choice remembered which classes are none, and nothing held that would
 * otherwise be unloaded.
 */
class ImplementorsTest {
    @TempDir
    Path tmp;

    interface Marked extends Conformable {
    }

    abstract static class Abstract implements Conformable {
    }

    static final class Concrete extends Abstract {
        @Override
        public void conform(io.github.codefind.conform.Patch patch) {
        }
    }

    static final class Plain {
    }

    @Test
    void onlyInstantiableImplementorsAreChosenHiddenOnesIncluded() {
        Conformable lambda = patch -> { };
        List<Class<?>> loaded = List.of(Conformable.class, Marked.class, Abstract.class, Concrete.class, Plain.class,
                String.class, int[].class, lambda.getClass());
        Implementors implementors = new Implementors();
        assertEquals(List.of(Concrete.class, lambda.getClass()), implementors.in(loaded));
        assertEquals(List.of(Concrete.class, lambda.getClass()), implementors.in(loaded), "asked again, the same");
    }

    @Test
    void aClassLoadedAfterAnEarlierChoiceIsChosen() throws Exception {
        Implementors implementors = new Implementors();
        assertEquals(List.of(), implementors.in(List.of(Plain.class, String.class)));
        Class<?> later = Class.forName(ImplementorsTest.class.getName() + "$Later");
        assertEquals(List.of(later), implementors.in(List.of(Plain.class, String.class, later)));
    }

    static final class Later implements Conformable {
        @Override
        public void conform(io.github.codefind.conform.Patch patch) {
        }
    }

    @Test
    void theClassesOfALoaderThatMayBeDroppedAreNotHeld() throws Exception {
        Implementors implementors = new Implementors();
        WeakReference<Class<?>> dropped = askAboutAClassOfItsOwnLoader(implementors);
        // Bounded only so that a class held for ever fails the test instead of hanging it.
        for (int i = 0; i < 20 && dropped.get() != null; i++) {
            System.gc();
            Thread.sleep(50);
        }
        assertNull(dropped.get(), "a class of a dropped loader was held, so it was never unloaded");
    }

    private WeakReference<Class<?>> askAboutAClassOfItsOwnLoader(Implementors implementors) throws Exception {
        Path classes = tmp.resolve("classes");
        Javac.write(Javac.compile(Map.of("im/Own.java", "package im;\npublic class Own {}\n")), classes);
        try (java.net.URLClassLoader loader = new java.net.URLClassLoader(new java.net.URL[] {classes.toUri().toURL()},
                null)) {
            Class<?> own = loader.loadClass("im.Own");
            List<Class<?>> loaded = new ArrayList<>(List.of(Plain.class, own));
            assertTrue(implementors.in(loaded).isEmpty());
            return new WeakReference<>(own);
        }
    }
}
