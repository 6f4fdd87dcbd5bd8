package org.neurite.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import org.junit.jupiter.api.Test;

/** The one line printed for an error: the file named, the reason in words, never a flood. */
class ErrorMessageTest {
    @Test
    void aBarePathBecomesThePathAndWhatIsWrong() {
        assertEquals("/data/x.neurite: no such file or folder", ErrorMessage.of(new NoSuchFileException("/data/x.neurite")));
        assertEquals("/data/x.neurite: permission denied",
                ErrorMessage.of(new UncheckedIOException(new AccessDeniedException("/data/x.neurite"))));
        assertEquals("/out/m.neurite: No space left on device",
                ErrorMessage.of(new FileSystemException("/out/m.neurite", null, "No space left on device")));
    }

    @Test
    void aWrapperThatLeavesOutTheReasonGetsIt() {
        UncheckedIOException wrapped = new UncheckedIOException("CSVLogger: cannot open /out/history.csv",
                new FileSystemException("/out/history.csv", null, "Read-only file system"));

        assertEquals("CSVLogger: cannot open /out/history.csv (Read-only file system)", ErrorMessage.of(wrapped));
        assertEquals("cannot write /out/m.neurite: No space left on device", ErrorMessage.of(new IOException(
                "cannot write /out/m.neurite: No space left on device", new IOException("No space left on device"))));
    }

    @Test
    void longOrMultiLineMessagesBecomeOneShortLine() {
        String message = ErrorMessage.of(new IllegalArgumentException("bad header: " + "x".repeat(15_000_000) + "\nmore"));

        assertTrue(message.length() < ErrorMessage.MAX_LENGTH + 40, "length " + message.length());
        assertEquals(1, message.lines().count());
        assertEquals("npm failed: line one line two", ErrorMessage.of(new RuntimeException("npm failed:\nline one\r\nline two\n")));
    }

    @Test
    void runningOutOfMemoryOrStackSaysWhatToDo() {
        assertTrue(ErrorMessage.of(new OutOfMemoryError("Java heap space"))
                .startsWith("out of memory (Java heap space); give the JVM more heap"));
        assertEquals("stack overflow: the input is nested or chained too deeply", ErrorMessage.of(new StackOverflowError()));
    }
}
