package org.neurite.cli;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The launcher's options that compile the hot kernels sooner ({@code scripts/kernel-compile-options.sh}):
 * every class they name exists, and the JVM accepts them without printing anything on standard output,
 * where a command's results go.
 */
class LauncherKernelCompileOptionsTest {
    private static final Path SCRIPT = Path.of("..", "scripts", "kernel-compile-options.sh").toAbsolutePath().normalize();
    private static final Pattern SCALING =
            Pattern.compile("-XX:CompileCommand=CompileThresholdScaling,(org/neurite/kernels/\\w+)\\.\\*,0\\.1");

    @Test
    void everyClassNamedIsAKernelClassOfTheEngine() throws Exception {
        List<String> options = options();
        assertEquals("-XX:CompileCommand=quiet", options.getFirst());
        assertTrue(options.size() > 1, "no kernel class named: " + options);
        for (String option : options.subList(1, options.size())) {
            Matcher m = SCALING.matcher(option);
            assertTrue(m.matches(), "unexpected option " + option);
            String name = m.group(1).replace('/', '.');
            assertDoesNotThrow(() -> Class.forName(name, false, getClass().getClassLoader()), name);
        }
    }

    @Test
    void theJvmAcceptsThemQuietly() throws Exception {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElseThrow()));
        command.addAll(options());
        command.add("-version");
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "java -version did not end");
        assertEquals(0, p.exitValue());
        assertEquals("", out);
    }

    private static List<String> options() throws IOException, InterruptedException {
        Process p = new ProcessBuilder("bash", "-c", ". \"$1\" && neurite_kernel_compile_options", "bash", SCRIPT.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "the script did not end");
        assertEquals(0, p.exitValue());
        return out.lines().toList();
    }
}
