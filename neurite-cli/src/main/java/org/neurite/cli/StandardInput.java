package org.neurite.cli;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Standard input as the command may use it, guarded against a closed descriptor 0.
 *
 * <p>When a program is started with descriptor 0 closed, the first file the JVM opens itself takes
 * that number (on Linux, the runtime's own {@code lib/modules}), and {@link System#in} would read
 * it as if it were the user's input. Where the platform shows what a descriptor names
 * ({@code /proc/self/fd}), {@link #isClosed} recognises that case: descriptor 0 names a file of the
 * running JDK or of the program's class path. Elsewhere it answers false, and such input would be
 * refused as binary by {@link TextLines}.
 */
final class StandardInput {
    private static final Path DESCRIPTOR_0 = Path.of("/proc/self/fd/0");

    private StandardInput() {
    }

    /** True when descriptor 0 was closed by the caller and now names a file the JVM opened itself. */
    static boolean isClosed() {
        Path target;
        try {
            target = Files.readSymbolicLink(DESCRIPTOR_0);
        } catch (IOException | UnsupportedOperationException | SecurityException noProcFileSystem) {
            return false;
        }
        if (!target.isAbsolute()) {
            return false;   // "pipe:[123]", "socket:[456]": a real input
        }
        Path javaHome = Path.of(System.getProperty("java.home"));
        return target.startsWith(javaHome) || target.startsWith(realPath(javaHome))
                || Arrays.stream(System.getProperty("java.class.path", "").split(java.io.File.pathSeparator))
                        .filter(entry -> !entry.isEmpty())
                        .anyMatch(entry -> target.equals(realPath(Path.of(entry).toAbsolutePath())));
    }

    /** {@link System#in}, which closing leaves open for the rest of the program. */
    static InputStream unclosable() {
        return new FilterInputStream(System.in) {
            @Override
            public void close() {
                // System.in belongs to the process, not to one reader.
            }
        };
    }

    private static Path realPath(Path path) {
        try {
            return path.toRealPath();
        } catch (IOException e) {
            return path;
        }
    }
}
