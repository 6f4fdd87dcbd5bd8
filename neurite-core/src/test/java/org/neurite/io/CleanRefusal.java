package org.neurite.io;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What a refusal of a hostile model file must look like: a {@link ModelFileException} whose
 * message starts with the file and is one line of reasonable length, caused by nothing but a
 * check ({@link IllegalArgumentException}), and reached without allocating much more than the
 * file itself.
 */
final class CleanRefusal {
    /** The longest refusal message, beyond the file's path. */
    static final int MAX_MESSAGE = Echo.MAX_MESSAGE + 40;
    /** Bytes a load may allocate beyond a few copies of the file: parsing and building small models. */
    static final long ALLOCATION_ALLOWANCE = 64L << 20;
    /** Copies of the file a load may allocate (the file read once, a header copy, a parsed tree). */
    static final long FILE_COPIES = 12;

    private CleanRefusal() {
    }

    /** Loads {@code file}, which must be refused cleanly; returns the refusal. */
    static ModelFileException assertRefused(Path file) throws IOException {
        long budget = ALLOCATION_ALLOWANCE + FILE_COPIES * Files.size(file);
        long before = allocatedBytes();
        ModelFileException e = assertThrows(ModelFileException.class, () -> ModelFile.load(file));
        long allocated = allocatedBytes() - before;
        assertClean(file, e);
        assertTrue(allocated <= budget, () -> "allocated " + allocated + " bytes (budget " + budget + ") to refuse: "
                + e.getMessage());
        return e;
    }

    /** Loads {@code file}, which may be accepted or refused, but only ever cleanly. */
    static void assertAcceptedOrRefusedCleanly(Path file) throws IOException {
        try {
            ModelFile.load(file);
        } catch (ModelFileException e) {
            assertClean(file, e);
        } catch (RuntimeException | Error e) {
            fail(file + ": not a clean refusal: " + e, e);
        }
    }

    static void assertClean(Path file, ModelFileException e) {
        String message = e.getMessage();
        assertTrue(message.startsWith(file + ": "), message);
        assertTrue(message.indexOf('\n') < 0 && message.indexOf('\r') < 0, () -> "more than one line: " + message);
        assertTrue(message.length() <= file.toString().length() + MAX_MESSAGE,
                () -> message.length() + " characters: " + message.substring(0, 300));
        assertTrue(!message.contains("`") && !message.contains("com.fasterxml") && !message.contains("Exception"),
                () -> "library internals in: " + message);
        Throwable cause = e.getCause();
        assertTrue(cause == null || cause instanceof IllegalArgumentException,
                () -> "refused only by a safety net, after " + cause);
    }

    /** Bytes allocated so far by the calling thread. */
    static long allocatedBytes() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
    }
}
