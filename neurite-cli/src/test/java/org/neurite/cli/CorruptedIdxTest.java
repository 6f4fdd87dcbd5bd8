package org.neurite.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neurite.data.ImageDatasets;

/**
 * A corrupted MNIST folder, named with {@code -Dneurite.mnist.dir} as a user would name their own
 * copy, fed to {@code neurite train}: one line that names the bad file and what to do.
 */
class CorruptedIdxTest {
    private static final String PROPERTY = "neurite.mnist.dir";

    @TempDir
    Path dir;

    @AfterEach
    void forgetTheFolder() {
        System.clearProperty(PROPERTY);
    }

    @Test
    void corruptedIdxFileGivesOneClearLine() throws IOException {
        for (String name : new String[] {ImageDatasets.TRAIN_IMAGES, ImageDatasets.TRAIN_LABELS,
            ImageDatasets.TEST_IMAGES, ImageDatasets.TEST_LABELS}) {
            Files.write(dir.resolve(name), new byte[] {0, 0, 8, 3, 0, 0, 0, 1, 0, 0, 0, 28});   // cut short
        }
        System.setProperty(PROPERTY, dir.toString());

        CommandRun run = CommandRun.of("train", "mnist-mlp", "--epochs", "1", "--out", dir.resolve("out").toString());

        assertTrue(run.failedWithOneLine(), () -> "status " + run.status() + ", stderr:\n" + run.err());
        assertTrue(run.err().matches("neurite: " + java.util.regex.Pattern.quote(dir.toString())
                + "/[a-z0-9-]+-ubyte: SHA-256 is [0-9a-f]{64}, expected [0-9a-f]{64}; the file is damaged.*\\R"),
                "names the file and what is wrong with it: " + run.err());
        assertTrue(run.err().contains(PROPERTY), "says which setting named the folder: " + run.err());
    }
}
