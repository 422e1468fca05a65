package io.github.codefind.conform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Executable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Resolving a unit whose descriptor names a class the loader cannot find fails with the documented
 * {@link ClassNotFoundException}, not with an error from reflection.
 */
class MissingTypeResolutionTest {
    static final class Missing {
    }

    static final class Holder {
        Holder() {
        }

        void use(Missing m) {
        }
    }

    /** Defines its own copy of {@link Holder} and cannot find {@link Missing}. */
    static final class IsolatingLoader extends ClassLoader {
        IsolatingLoader() {
            super(MissingTypeResolutionTest.class.getClassLoader());
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            synchronized (getClassLoadingLock(name)) {
                if (name.equals(Missing.class.getName())) {
                    throw new ClassNotFoundException(name);
                }
                if (!name.equals(Holder.class.getName())) {
                    return super.loadClass(name, resolve);
                }
                Class<?> loaded = findLoadedClass(name);
                if (loaded != null) {
                    return loaded;
                }
                String file = "/" + name.replace('.', '/') + ".class";
                try (InputStream in = MissingTypeResolutionTest.class.getResourceAsStream(file)) {
                    if (in == null) {
                        throw new ClassNotFoundException(name);
                    }
                    byte[] bytes = in.readAllBytes();
                    return defineClass(name, bytes, 0, bytes.length);
                } catch (IOException e) {
                    throw new ClassNotFoundException(name, e);
                }
            }
        }
    }

    private static final ClassUnit HOLDER = ClassUnit.of(Holder.class);
    private static final MethodUnit USE = MethodUnit.of(HOLDER, "use",
            "(L" + Missing.class.getName().replace('.', '/') + ";)V");

    private IsolatingLoader loader;

    @BeforeEach
    void newLoader() {
        loader = new IsolatingLoader();
    }

    @Test
    void theLoaderSeesItsOwnHolderAndNoMissing() throws ClassNotFoundException {
        assertNotSame(Holder.class, HOLDER.resolve(loader));
        assertThrows(ClassNotFoundException.class, () -> ClassUnit.of(Missing.class).resolve(loader));
    }

    @Test
    void descriptorsNamingAMissingClassDoNotResolve() {
        assertThrows(ClassNotFoundException.class, () -> USE.descriptor().resolve(loader));
        assertThrows(ClassNotFoundException.class,
                () -> USE.descriptor().parameterTypes().get(0).resolve(loader));
    }

    @Test
    void aMethodNamingAMissingClassThrowsClassNotFound() {
        assertThrows(ClassNotFoundException.class, () -> USE.resolve(loader));
        assertThrows(ClassNotFoundException.class, () -> USE.resolveIn(HOLDER.resolve(loader)));
        assertThrows(ClassNotFoundException.class, () -> LambdaUnit.of(HOLDER, USE).resolve(loader));
    }

    @Test
    void membersThatDoNotNameTheMissingClassStillResolve() throws ReflectiveOperationException {
        MethodUnit constructor = MethodUnit.of(HOLDER, MethodUnit.CONSTRUCTOR, "()V");
        Executable resolved = constructor.resolve(loader);
        assertEquals(HOLDER.resolve(loader), resolved.getDeclaringClass());
        assertEquals(constructor, MethodUnit.of(resolved));
    }
}
