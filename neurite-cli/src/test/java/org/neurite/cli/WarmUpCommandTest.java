package org.neurite.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The start-up cache's training run: it runs every start path it names and leaves no trace. */
class WarmUpCommandTest {
    @Test
    void warmUpRunsThePredictAndTrainingPathsPrintsNothingAndLeavesNoFile() throws IOException {
        long before = warmUpFiles();

        CommandRun run = CommandRun.of("warm-up");

        assertEquals(0, run.status(), run.err());
        assertEquals("", run.out());
        assertEquals("", run.err());
        assertEquals(before, warmUpFiles(), "the temporary model files are removed");
    }

    private static long warmUpFiles() throws IOException {
        try (Stream<Path> files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return files.filter(f -> f.getFileName().toString().startsWith("neurite-warm-up")).count();
        }
    }
}
