package org.neurite.cli.train;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.neurite.cli.ErrorMessage;

/**
 * The folder a training run writes into ({@code --out}), made and checked just before training
 * starts: it can be created, a file can be written in it, and its disk has room for the outputs, so
 * that a run never trains for an hour and then fails to save. Until then nothing is created, so a run
 * that fails earlier (on its arguments, on its data) leaves no empty folder behind.
 *
 * <pre>{@code
 * OutputFolder.prepare(Path.of("out/mnist-mlp"), 4_000_000);   // made, writable, 4 MB free at least
 * }</pre>
 */
final class OutputFolder {
    /** Room kept for the history, its plot and a recipe's own outputs, beyond the model file. */
    static final long REPORT_BYTES = 8L << 20;

    private OutputFolder() {
    }

    /**
     * Creates {@code dir} if needed and checks that {@code neededBytes} plus {@link #REPORT_BYTES} can
     * be written there.
     *
     * @throws IOException naming the folder, what was needed and what was found
     */
    static void prepare(Path dir, long neededBytes) throws IOException {
        try {
            Files.createDirectories(dir);
        } catch (FileSystemException e) {
            throw new IOException("--out " + dir + ": cannot create the folder (" + reason(e) + ")", e);
        }
        probeWrite(dir);
        long usable = Files.getFileStore(dir).getUsableSpace();
        long needed = neededBytes + REPORT_BYTES;
        if (usable < needed) {
            throw new IOException(String.format(Locale.ROOT,
                    "--out %s: %.1f MB free on its disk, the model and reports need about %.1f MB",
                    dir, usable / 1e6, needed / 1e6));
        }
    }

    /** Writes and deletes a small file, the only sure test that the folder takes files. */
    private static void probeWrite(Path dir) throws IOException {
        Path probe = dir.resolve(".neurite-write-test-" + ProcessHandle.current().pid());
        try {
            Files.write(probe, new byte[] {1});
        } catch (IOException e) {
            throw new IOException("--out " + dir + ": cannot write into the folder (" + reason(e) + ")", e);
        }
        Files.delete(probe);
    }

    private static String reason(IOException e) {
        return ErrorMessage.reason(e);
    }
}
