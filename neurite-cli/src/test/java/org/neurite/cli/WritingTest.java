package org.neurite.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** A failed write names its file, a full disk included. */
class WritingTest {
    @Test
    void aFullDiskIsReportedWithTheFile() {
        Path full = Path.of("/dev/full");   // Linux: every write fails with "No space left on device"
        assumeTrue(Files.isWritable(full), "no /dev/full here");

        IOException e = assertThrows(IOException.class, () -> Writing.to(full, () -> Files.writeString(full, "x")));

        assertEquals("cannot write /dev/full: No space left on device", ErrorMessage.of(e));
    }
}
