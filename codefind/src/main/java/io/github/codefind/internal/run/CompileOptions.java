package io.github.codefind.internal.run;

import io.github.codefind.Codefind;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * How the runner compiles saved sources to match the program: its class path with the conform
 * protocol, and the javac options its classes were compiled with. Apart from {@link Runner}, which
 * the agent loads before {@code main}, since reading a class file takes ASM.
 */
final class CompileOptions {
    private CompileOptions() {
    }

    /**
     * The program's class path, plus where codefind itself was loaded from, which carries the conform
     * protocol: a program run by {@code java -jar codefind.jar run} sees it without listing it.
     */
    static String withProtocol(String classPath) {
        try {
            java.net.URL location = io.github.codefind.conform.Conformable.class.getProtectionDomain()
                    .getCodeSource().getLocation();
            return classPath + java.io.File.pathSeparator + Path.of(location.toURI());
        } catch (java.net.URISyntaxException | RuntimeException e) {
            return classPath;
        }
    }

    /** javac options that match how the program was compiled: its class-file version, and -parameters. */
    static List<String> matching(Class<?> sample) {
        List<String> options = new ArrayList<>();
        if (sample == null) {
            return options;
        }
        try {
            byte[] bytes = Codefind.registry().classFile(sample);
            int major = ((bytes[6] & 0xff) << 8) | (bytes[7] & 0xff);
            int release = major - 44;
            if (release >= 8 && release < Runtime.version().feature()) {
                options.add("--release");
                options.add(String.valueOf(release));
            }
            boolean[] parameters = {false};
            new ClassReader(bytes).accept(new ClassVisitor(Opcodes.ASM9) {
                @Override
                public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                        String[] exceptions) {
                    return new MethodVisitor(Opcodes.ASM9) {
                        @Override
                        public void visitParameter(String parameter, int parameterAccess) {
                            parameters[0] = true;
                        }
                    };
                }
            }, ClassReader.SKIP_CODE);
            if (parameters[0]) {
                options.add("-parameters");
            }
        } catch (IOException | RuntimeException e) {
            // Unknown: compile with javac's defaults for this JDK.
        }
        return options;
    }
}
