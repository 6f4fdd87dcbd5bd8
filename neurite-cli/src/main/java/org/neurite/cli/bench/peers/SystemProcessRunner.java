package org.neurite.cli.bench.peers;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a process and samples its peak resident set from {@code /proc/PID/status} (VmHWM, which the
 * kernel keeps as a high-water mark, so sampling every 50 ms misses nothing but the last instants).
 * A script that {@code exec}s its program hands it the same PID, so the figure is the program's.
 */
public final class SystemProcessRunner implements ProcessRunner {
    private static final long POLL_MILLIS = 50;
    private static final int STDERR_LINES = 20;

    @Override
    public RunResult run(List<String> command, Map<String, String> env, Duration timeout) {
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(env);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command.getFirst() + ": " + e.getMessage(), e);
        }
        List<String> stdout = Collections.synchronizedList(new ArrayList<>());
        Deque<String> stderr = new ArrayDeque<>();
        Thread out = Thread.ofVirtual().start(() -> readLines(process.getInputStream(), stdout::add));
        Thread err = Thread.ofVirtual().start(() -> readLines(process.getErrorStream(), line -> {
            synchronized (stderr) {
                stderr.addLast(line);
                if (stderr.size() > STDERR_LINES) {
                    stderr.removeFirst();
                }
            }
        }));
        Path status = Path.of("/proc", Long.toString(process.pid()), "status");
        long peak = 0;
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (!process.waitFor(POLL_MILLIS, TimeUnit.MILLISECONDS)) {
                peak = Math.max(peak, highWaterMark(status));
                if (System.nanoTime() > deadline) {
                    process.destroyForcibly().waitFor();
                    synchronized (stderr) {
                        stderr.addLast(String.format(java.util.Locale.ROOT, "timed out after %.1f s",
                                timeout.toMillis() / 1000.0));
                    }
                    break;
                }
            }
            out.join();
            err.join();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        synchronized (stderr) {
            return new RunResult(process.exitValue(), List.copyOf(stdout), String.join("\n", stderr), peak);
        }
    }

    private interface LineSink {
        void accept(String line);
    }

    private static void readLines(InputStream stream, LineSink sink) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                sink.accept(line);
            }
        } catch (IOException e) {
            sink.accept("(output unreadable: " + e.getMessage() + ")");
        }
    }

    /** VmHWM in bytes, or 0 when the process has gone or the system has no /proc. */
    static long highWaterMark(Path status) {
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return 0; // the process ended between two samples
        }
        return 0;
    }
}
