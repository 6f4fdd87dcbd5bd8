package org.neurite.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The launcher's choice of JVM options for one-shot commands ({@code scripts/short-command-options.sh}):
 * C1 and the scalar kernels for a summary, one text's prediction, help and the version; the defaults
 * for everything that runs longer.
 */
class LauncherShortCommandOptionsTest {
    private static final Path SCRIPT = Path.of("..", "scripts", "short-command-options.sh").toAbsolutePath().normalize();
    private static final String SHORT = "-XX:TieredStopAtLevel=1\n-Dneurite.simd=false\n";

    @Test
    void oneShotCommandsRunOnC1WithTheScalarKernels() throws Exception {
        assertEquals(SHORT, options("summary", "mnist-mlp"));
        assertEquals(SHORT, options("predict", "--model", "m.neurite", "--text", "I loved it"));
        assertEquals(SHORT, options("--debug", "predict", "--model=m.neurite", "--text=I loved it"));
        assertEquals(SHORT, options("--version"));
        assertEquals(SHORT, options("--help"));
    }

    @Test
    void commandsThatRunLongerKeepTheDefaults() throws Exception {
        assertEquals("", options("train", "imdb-bow"));
        assertEquals("", options("predict", "--model", "m.neurite", "--input", "reviews.txt"));
        assertEquals("", options("predict", "--model", "m.neurite", "--input=table.csv", "--text", "body"));
        assertEquals("", options("predict", "--model", "m.neurite", "--files", "a.eml", "b.eml"));
        assertEquals("", options("bench", "mlp"));
        assertEquals("", options());
    }

    private static String options(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("bash", "-c", ". \"$1\" && shift && neurite_short_command_options \"$@\"",
                "bash", SCRIPT.toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("the script did not end");
        }
        assertEquals(0, p.exitValue());
        return out;
    }
}
