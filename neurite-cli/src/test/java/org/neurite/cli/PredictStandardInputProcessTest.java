package org.neurite.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neurite.io.ModelFile;
import org.neurite.nn.Activation;
import org.neurite.nn.Input;
import org.neurite.nn.SequentialNetwork;
import org.neurite.nn.layers.Dense;
import org.neurite.text.OutputMode;
import org.neurite.text.TextVectorization;

/**
 * {@code neurite predict --input -} run as a real process, with standard input closed, empty, binary
 * or text: what a shell or a pipeline hands it, which a test inside one JVM cannot imitate (a closed
 * descriptor 0 is reused by the JVM for its own files).
 */
class PredictStandardInputProcessTest {
    /** Generous: the child starts a JVM on a loaded machine; a hang (the old behaviour) runs far past it. */
    private static final long TIMEOUT_SECONDS = 120;
    /** Printed by the JVM itself before main; the launcher drops it, this test runs java directly. */
    private static final String INCUBATOR_WARNING = "WARNING: Using incubator modules";

    @TempDir
    static Path dir;
    private static Path model;

    @BeforeAll
    static void saveATextModel() throws IOException {
        List<String> texts = List.of("a great movie", "a terrible film", "great story", "boring plot");
        TextVectorization tfIdf = TextVectorization.builder().optMaxTokens(20).optOutputMode(OutputMode.TF_IDF)
                .optPadToMaxTokens(true).build();
        tfIdf.adapt(texts);
        model = dir.resolve("bow.neurite");
        ModelFile.save(SequentialNetwork.of(Input.of(20), new Dense(1, Activation.SIGMOID)).seed(3), null, Map.of(),
                tfIdf.state(), model);
    }

    @Test
    void closedStandardInputIsRefusedWithOneLineAndNoRows() throws Exception {
        assumeTrue(Files.isDirectory(Path.of("/proc/self/fd")), "the platform does not show what descriptor 0 names");

        Result run = run(ProcessBuilder.Redirect.INHERIT, true);

        assertEquals(1, run.status, run.err);
        assertEquals("", run.out);
        assertEquals("neurite: standard input is closed; pipe the texts in or give --input FILE", run.err.strip());
    }

    @Test
    void emptyStandardInputWritesNothingAndSucceeds() throws Exception {
        Result run = run(ProcessBuilder.Redirect.from(new File("/dev/null")), false);

        assertEquals(0, run.status, run.err);
        assertEquals("", run.out);
        assertEquals("", run.err);
    }

    @Test
    void binaryStandardInputIsRefusedWithOneLineNamingTheLine() throws Exception {
        Path nul = Files.write(dir.resolve("nul.bin"), new byte[] {'a', 'b', 0, 'c', '\n'});
        Path notUtf8 = Files.write(dir.resolve("latin1.bin"), "good line\ncaf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));

        Result withNul = run(ProcessBuilder.Redirect.from(nul.toFile()), false);
        Result latin1 = run(ProcessBuilder.Redirect.from(notUtf8.toFile()), false);

        assertEquals(1, withNul.status, withNul.err);
        assertEquals("", withNul.out);
        assertEquals("neurite: standard input, line 1: expected UTF-8 text, found a NUL byte (binary data)",
                withNul.err.strip());
        assertEquals(1, latin1.status, latin1.err);
        assertEquals("", latin1.out, "the bad line is in the first batch, so no row is written");
        assertEquals("neurite: standard input, line 2: expected UTF-8 text, found byte 0xE9 at byte 4 of the line,"
                + " which is not UTF-8", latin1.err.strip());
    }

    @Test
    void textOnStandardInputGivesOneRowPerLine() throws Exception {
        Path text = Files.write(dir.resolve("texts.txt"),
                "\uFEFFgreat movie\nboring film\r\nstory\n".getBytes(StandardCharsets.UTF_8));

        Result run = run(ProcessBuilder.Redirect.from(text.toFile()), false);

        assertEquals(0, run.status, run.err);
        List<String> rows = run.out.lines().toList();
        assertEquals(4, rows.size(), run.out);
        assertEquals("id,probability,label", rows.get(0));
        assertTrue(rows.get(3).startsWith("3,"), run.out);
    }

    /** Runs {@code neurite predict --model M --input -} in a fresh JVM with the given standard input. */
    private static Result run(ProcessBuilder.Redirect stdin, boolean closeStdin) throws Exception {
        List<String> java = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-modules", "jdk.incubator.vector", "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "predict", "--model", model.toString(), "--input", "-"));
        List<String> command = closeStdin
                ? List.of("bash", "-c", "exec 0<&- && exec \"$@\"", "bash")
                : List.of();
        List<String> all = new ArrayList<>(command);
        all.addAll(java);
        Path out = Files.createTempFile(dir, "out", ".txt");
        Path err = Files.createTempFile(dir, "err", ".txt");
        Process process = new ProcessBuilder(all).redirectInput(stdin)
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("neurite predict still running after " + TIMEOUT_SECONDS + " s");
        }
        String errors = Files.readString(err).lines().filter(l -> !l.startsWith(INCUBATOR_WARNING))
                .map(l -> l + "\n").reduce("", String::concat);
        return new Result(process.exitValue(), Files.readString(out), errors);
    }

    private record Result(int status, String out, String err) {
    }
}
