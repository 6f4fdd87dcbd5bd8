package org.neurite.data;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a client program (npm, apt-get, dpkg-deb) to completion in a work folder, with a time limit
 * and its output captured, and turns every way it can fail into a {@link DatasetException} that
 * says what to do.
 *
 * <p>Output goes to a file in the work folder, not a pipe, so a chatty program can never block on
 * a full pipe while we wait for it.
 */
final class ExternalCommand {
    private static final int OUTPUT_TAIL_CHARS = 2000;

    private ExternalCommand() {
    }

    /**
     * Runs {@code command} in {@code workDir} and returns its output (stdout and stderr together).
     *
     * @param advice what the user can do instead, appended to every error message
     * @throws DatasetException if the program is missing, fails or runs past {@code timeout}
     */
    static String run(List<String> command, Path workDir, Duration timeout, String advice) throws IOException {
        Path log = Files.createTempFile(workDir, "command-", ".log");
        Process process = start(command, workDir, log, advice);
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new DatasetException("'" + String.join(" ", command) + "' did not finish within "
                        + timeout.toSeconds() + " s. " + advice);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for '" + String.join(" ", command) + "'");
        }
        // Decoded leniently: a client may print bytes that are not valid UTF-8.
        String output = new String(Files.readAllBytes(log), StandardCharsets.UTF_8);
        if (process.exitValue() != 0) {
            throw new DatasetException("'" + String.join(" ", command) + "' failed with exit code "
                    + process.exitValue() + ":\n" + tail(output) + "\n" + advice);
        }
        return output;
    }

    private static Process start(List<String> command, Path workDir, Path log, String advice) {
        try {
            return new ProcessBuilder(command).directory(workDir.toFile())
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            // The JDK reports a program missing from PATH as an IOException from start().
            throw new DatasetException("cannot run '" + command.getFirst() + "': is it installed and on the PATH? ("
                    + e.getMessage() + ") "
                    + advice, e);
        }
    }

    private static String tail(String output) {
        String trimmed = output.strip();
        return trimmed.length() <= OUTPUT_TAIL_CHARS
                ? trimmed
                : "..." + trimmed.substring(trimmed.length() - OUTPUT_TAIL_CHARS);
    }
}
