package org.neurite.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * One run of the {@code neurite} command inside the test's JVM: its exit status and what it wrote
 * on standard output and standard error.
 *
 * <pre>{@code
 * CommandRun run = CommandRun.of("summary", "mnist-mlp");
 * assertEquals(0, run.status());
 * }</pre>
 */
record CommandRun(int status, String out, String err) {
    static synchronized CommandRun of(String... args) {
        PrintStream savedOut = System.out;
        PrintStream savedErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int status = Main.run(args);
            System.out.flush();
            System.err.flush();
            return new CommandRun(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(savedOut);
            System.setErr(savedErr);
        }
    }

    /** True when standard error holds exactly one line, starting "neurite: ", and no stack trace. */
    boolean failedWithOneLine() {
        return status != 0 && err.lines().count() == 1 && err.startsWith("neurite: ") && !err.contains("\tat ");
    }
}
