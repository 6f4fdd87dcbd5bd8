package org.neurite.cli;

import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/**
 * The one line the {@code neurite} command prints for an error: the message of the exception, in the
 * user's terms where the JDK's is terse (a bare path for a missing file), on one line of
 * reasonable length.
 *
 * <pre>{@code
 * ErrorMessage.of(new NoSuchFileException("/data/x.neurite"))   // "/data/x.neurite: no such file or folder"
 * }</pre>
 */
public final class ErrorMessage {
    /** Longer messages are cut: a file's content echoed into a message must not flood the terminal. */
    static final int MAX_LENGTH = 400;

    private ErrorMessage() {
    }

    /** One line saying what went wrong. */
    static String of(Throwable error) {
        return oneLine(describe(unwrap(error)));
    }

    private static Throwable unwrap(Throwable error) {
        Throwable e = error;
        // Only a bare wrapper, whose message is its cause's toString(): a wrapper's own words are kept.
        while (e instanceof UncheckedIOException && e.getCause() != null
                && (e.getMessage() == null || e.getMessage().equals(e.getCause().toString()))) {
            e = e.getCause();
        }
        return e;
    }

    private static String describe(Throwable e) {
        if (e instanceof FileSystemException fs && fs.getFile() != null) {
            return fileSystem(fs);
        }
        if (e instanceof OutOfMemoryError) {
            return "out of memory (" + e.getMessage() + "); give the JVM more heap with NEURITE_JAVA_OPTS=-Xmx...,"
                    + " or use a smaller --batch-size";
        }
        if (e instanceof StackOverflowError) {
            return "stack overflow: the input is nested or chained too deeply";
        }
        String message = e.getMessage();
        if (message == null || message.isBlank()) {
            return e.getClass().getSimpleName();
        }
        return message + because(message, e.getCause());
    }

    /**
     * The reason an I/O failure gives, when the message wrapping it leaves it out
     * ({@code cannot open X} of a read-only file system), as {@code " (reason)"}; else empty.
     */
    private static String because(String message, Throwable cause) {
        if (!(cause instanceof java.io.IOException)) {
            return "";
        }
        String reason = cause instanceof FileSystemException fs && fs.getFile() != null && message.contains(fs.getFile())
                ? reason(fs)
                : describe(cause);
        return message.contains(reason) ? "" : " (" + reason + ")";
    }

    /** {@code FILE: what is wrong}. */
    private static String fileSystem(FileSystemException e) {
        String other = e.getOtherFile() == null ? "" : " -> " + e.getOtherFile();
        return e.getFile() + other + ": " + reason(e);
    }

    /**
     * Why an I/O operation failed, without the path: the JDK's reason ("Read-only file system",
     * "No space left on device"), put in words where it gives none.
     */
    public static String reason(java.io.IOException e) {
        if (!(e instanceof FileSystemException fs)) {
            return e.getMessage() == null || e.getMessage().isBlank() ? e.getClass().getSimpleName() : e.getMessage();
        }
        return reason(fs);
    }

    private static String reason(FileSystemException e) {
        String reason = e.getReason();
        if (reason != null && !reason.isBlank()) {
            return reason;
        }
        return switch (e) {
            case NoSuchFileException ignored -> "no such file or folder";
            case AccessDeniedException ignored -> "permission denied";
            case FileAlreadyExistsException ignored -> "already exists";
            case NotDirectoryException ignored -> "not a folder";
            case DirectoryNotEmptyException ignored -> "folder not empty";
            default -> e.getClass().getSimpleName();
        };
    }

    /** Line breaks and tabs become spaces; a message over {@link #MAX_LENGTH} characters is cut. */
    static String oneLine(String message) {
        String flat = message.strip().replaceAll("\\s*[\\r\\n]+\\s*", " ").replace('\t', ' ');
        return flat.length() <= MAX_LENGTH ? flat : flat.substring(0, MAX_LENGTH) + "... (message cut)";
    }
}
