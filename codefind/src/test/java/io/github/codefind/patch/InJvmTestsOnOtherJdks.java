package io.github.codefind.patch;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Runs the in-JVM patch tests in a child JVM: the main of {@link PatchTestsAcrossJdksTest}, so that
 * every JDK found runs them, not only the one running Maven. Prints one line per test and exits
 * non-zero if any failed, or if no test ran.
 */
public final class InJvmTestsOnOtherJdks {
    static final List<Class<?>> SUITES = List.of(BodyChangeTest.class, SafetyTest.class,
            ConformPipelineTest.class, CodeRegistryTest.class, StructuralEditTest.class,
            StructuralFieldTest.class, StructuralEditSequencePropertiesTest.class,
            io.github.codefind.run.RunnerEditSequencePropertiesTest.class,
            io.github.codefind.run.ClassFolderBuildsTest.class,
            io.github.codefind.run.RunnerBuildPropertiesTest.class);

    private InJvmTestsOnOtherJdks() {
    }

    /**
     * @param args the simple names of the suites to run; none for all
     * @throws Exception if a suite cannot be instantiated
     */
    public static void main(String[] args) throws Exception {
        int failed = 0;
        int passed = 0;
        List<String> chosen = List.of(args);
        for (Class<?> suite : SUITES) {
            if (!chosen.isEmpty() && !chosen.contains(suite.getSimpleName())) {
                continue;
            }
            for (Method m : suite.getDeclaredMethods()) {
                if (!m.isAnnotationPresent(Test.class)) {
                    continue;
                }
                Constructor<?> constructor = suite.getDeclaredConstructor();
                constructor.setAccessible(true);
                Object instance = constructor.newInstance();
                giveTempDirs(instance);
                m.setAccessible(true);
                try {
                    m.invoke(instance);
                    passed++;
                    System.out.println("PASS " + suite.getSimpleName() + "." + m.getName());
                } catch (InvocationTargetException e) {
                    failed++;
                    System.out.println("FAIL " + suite.getSimpleName() + "." + m.getName() + ": " + e.getCause());
                    e.getCause().printStackTrace(System.out);
                }
            }
        }
        System.out.println(passed + " passed, " + failed + " failed");
        System.exit(failed == 0 && passed > 0 ? 0 : 1);
    }

    /** Does what JUnit does for {@code @TempDir} fields: each test gets a new empty folder. */
    private static void giveTempDirs(Object instance) throws Exception {
        for (java.lang.reflect.Field f : instance.getClass().getDeclaredFields()) {
            if (f.isAnnotationPresent(org.junit.jupiter.api.io.TempDir.class)) {
                f.setAccessible(true);
                f.set(instance, java.nio.file.Files.createTempDirectory("codefind-test"));
            }
        }
    }
}
