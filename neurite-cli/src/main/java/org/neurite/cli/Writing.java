package org.neurite.cli;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Path;

/**
 * Writes an output file so that a failure names it: the JDK reports a write that fails on a full disk
 * as a bare {@code No space left on device}, which says neither what nor where.
 *
 * <pre>{@code
 * Writing.to(html, () -> Files.writeString(html, page));   // "cannot write out/x.html: No space left on device"
 * }</pre>
 */
public final class Writing {
    private Writing() {
    }

    /** What writes the file. */
    @FunctionalInterface
    public interface Output {
        void write() throws IOException;
    }

    /** Runs {@code output}; an I/O failure whose message does not name {@code file} is reported with it. */
    public static void to(Path file, Output output) throws IOException {
        try {
            output.write();
        } catch (IOException e) {
            boolean named = e instanceof FileSystemException fs && fs.getFile() != null
                    || String.valueOf(e.getMessage()).contains(file.getFileName().toString());
            if (named) {
                throw e;
            }
            throw new IOException("cannot write " + file + ": " + ErrorMessage.reason(e), e);
        }
    }
}
