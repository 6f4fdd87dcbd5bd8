package org.neurite.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher's filter of the JVM's standard error ({@code scripts/drop-incubator-warning.sh}): it drops
 * the JVM's incubator-module warning and passes everything else on unchanged.
 */
class LauncherWarningFilterTest {
    private static final String WARNING = "WARNING: Using incubator modules: jdk.incubator.vector\n";
    private static final Path SCRIPT = Path.of("..", "scripts", "drop-incubator-warning.sh").toAbsolutePath().normalize();

    @TempDir
    Path dir;

    @Test
    void dropsTheIncubatorWarningAndKeepsTheProgramsLines() throws Exception {
        assertEquals("neurite: --model x: no such file\nsecond\n",
                filter(WARNING + "neurite: --model x: no such file\nsecond\n"));
    }

    @Test
    void keepsVmWarningsBeforeItAndALastLineWithoutNewline() throws Exception {
        String vmWarning = "OpenJDK 64-Bit Server VM warning: Options -Xverify:none are deprecated\n";

        assertEquals(vmWarning + "progress 50%", filter(vmWarning + WARNING + "progress 50%"));
    }

    @Test
    void keepsEverythingWhenThereIsNoWarningAndALaterWarningLine() throws Exception {
        String err = "neurite: one\n" + WARNING + "\n\n  indented \\ back\\slash\n";

        assertEquals(err, filter(err));
        assertEquals("", filter(""));
        assertEquals("", filter(WARNING));
    }

    private String filter(String input) throws IOException, InterruptedException {
        Path in = Files.writeString(dir.resolve("in.txt"), input);
        Path out = dir.resolve("out.txt");
        Process p = new ProcessBuilder("bash", "-c", ". \"$1\" && neurite_drop_incubator_warning", "bash", SCRIPT.toString())
                .redirectInput(in.toFile()).redirectOutput(out.toFile()).redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("the filter did not end at the end of its input");
        }
        assertEquals(0, p.exitValue());
        return Files.readString(out, StandardCharsets.UTF_8);
    }
}
