package io.github.codefind.internal.heap;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Locale;
import java.util.zip.ZipFile;

/**
 * Loads {@code libcodefind.so} in the live phase, without {@code -agentpath}. The order: an explicit
 * path ({@value #PATH_PROPERTY}), the copy packaged in the codefind jar (extracted into a fresh
 * private directory and deleted once loaded), then {@code System.loadLibrary("codefind")}.
 */
final class NativeLibrary {
    /** A path to {@code libcodefind.so} to load instead of the packaged copy. */
    static final String PATH_PROPERTY = "codefind.native.path";

    private static String origin;
    private static IOException failure;

    private NativeLibrary() {
    }

    /**
     * Loads the library, once: later calls return the first outcome.
     *
     * @return where it came from, for the log
     * @throws LinkageError or RuntimeException (such as {@code IllegalCallerException} under
     *     {@code --illegal-native-access=deny}) if it cannot be loaded
     * @throws IOException if the packaged copy cannot be extracted
     */
    static synchronized String load() throws IOException {
        if (origin != null) {
            return origin;
        }
        if (failure != null) {
            throw failure;
        }
        try {
            origin = loadOnce();
            return origin;
        } catch (IOException | RuntimeException | LinkageError e) {
            failure = e instanceof IOException ? (IOException) e : new IOException(e.toString(), e);
            throw e;
        }
    }

    private static String loadOnce() throws IOException {
        String explicit = System.getProperty(PATH_PROPERTY);
        if (explicit != null && !explicit.isBlank()) {
            System.load(Path.of(explicit).toAbsolutePath().toString());
            return "loaded from " + PATH_PROPERTY + "=" + explicit;
        }
        String resource = resource();
        try (InputStream in = NativeLibrary.class.getResourceAsStream(resource)) {
            if (in != null) {
                Path dir = Files.createTempDirectory("codefind-",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
                Path file = dir.resolve("libcodefind.so");
                try {
                    Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
                    System.load(file.toString());
                } finally {
                    // The mapping outlives the file: nothing is left on disk, even after a crash.
                    Files.deleteIfExists(file);
                    Files.deleteIfExists(dir);
                }
                return "loaded from the codefind jar (" + resource + ")";
            }
        }
        System.loadLibrary("codefind");
        return "loaded from java.library.path";
    }

    /**
     * Whether {@link #load()} has a library to try, without loading it: the agent chooses the heap
     * backend at start-up only if not, so that the registry then instruments classes from the first one.
     * A library that is there but fails to load (native access denied) is found out on first use.
     *
     * <p>Not {@code getResource}: for a name outside any package, the class loader searches every module
     * of the JDK first, which opens the runtime image, at each start. The codefind jar is read instead;
     * its class loader has it open, and {@link ZipFile} shares the directory it already read.
     *
     * @return true if {@value #PATH_PROPERTY} is set or the jar has this platform's library
     */
    static boolean mayLoad() {
        String explicit = System.getProperty(PATH_PROPERTY);
        if (explicit != null && !explicit.isBlank()) {
            return true;
        }
        String entry = resource().substring(1);
        try {
            Path where = Path.of(NativeLibrary.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (Files.isDirectory(where)) {
                return Files.exists(where.resolve(entry));
            }
            try (ZipFile jar = new ZipFile(where.toFile())) {
                return jar.getEntry(entry) != null;
            }
        } catch (IOException | URISyntaxException | RuntimeException e) {
            return NativeLibrary.class.getResource(resource()) != null;
        }
    }

    /** Concatenated without {@code +}, which would bootstrap {@code java.lang.invoke} in premain. */
    private static String resource() {
        return "/native/".concat(platform()).concat("/libcodefind.so");
    }

    /** @return such as {@code linux-x86_64}, the folder the jar keeps this platform's library in */
    static String platform() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        String osName = os.startsWith("linux") ? "linux" : os.startsWith("mac") ? "macos"
                : os.startsWith("windows") ? "windows" : os.replaceAll("[^a-z0-9]", "");
        String archName = arch.equals("amd64") || arch.equals("x86_64") ? "x86_64"
                : arch.equals("aarch64") || arch.equals("arm64") ? "aarch64" : arch;
        return osName.concat("-").concat(archName);
    }
}
