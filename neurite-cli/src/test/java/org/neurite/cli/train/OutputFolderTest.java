package org.neurite.cli.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The --out folder is made and checked for writing and room before training starts. */
class OutputFolderTest {
    @TempDir
    Path dir;

    @Test
    void makesTheFolderAndLeavesNothingElseInIt() throws IOException {
        Path out = dir.resolve("a/b");

        OutputFolder.prepare(out, 1000);

        try (Stream<Path> files = Files.list(out)) {
            assertEquals(List.of(), files.toList());
        }
    }

    @Test
    void tooLittleRoomIsReportedWithTheFolderBeforeTraining() {
        Path out = dir.resolve("out");

        String message = assertThrows(IOException.class, () -> OutputFolder.prepare(out, Long.MAX_VALUE / 2)).getMessage();

        assertTrue(message.startsWith("--out " + out + ": "), message);
        assertTrue(message.contains("MB free on its disk, the model and reports need about"), message);
    }

    @Test
    void aFolderThatCannotBeMadeIsReportedWithTheReason() throws IOException {
        Path file = Files.writeString(dir.resolve("file"), "x");
        Path out = file.resolve("out");

        String message = assertThrows(IOException.class, () -> OutputFolder.prepare(out, 1)).getMessage();

        assertTrue(message.startsWith("--out " + out + ": cannot create the folder ("), message);
    }

    @Test
    void aReadOnlyFolderIsReportedWithTheReasonBeforeTraining() throws IOException {
        Path out = Files.createDirectories(dir.resolve("read-only"));
        Files.setPosixFilePermissions(out, java.nio.file.attribute.PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            org.junit.jupiter.api.Assumptions.assumeFalse(Files.isWritable(out), "running as root: nothing is read-only");

            String message = assertThrows(IOException.class, () -> OutputFolder.prepare(out, 1)).getMessage();

            assertEquals("--out " + out + ": cannot write into the folder (permission denied)", message);
        } finally {
            Files.setPosixFilePermissions(out, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }
}
