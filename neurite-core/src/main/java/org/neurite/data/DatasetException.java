package org.neurite.data;

import java.io.Serial;

/**
 * A dataset could not be fetched, verified or read: a file is damaged, truncated or of the wrong
 * kind, or the client that fetches it is missing or failed.
 *
 * <p>Messages name the file or command involved, say what was expected and what was found, and
 * end with what the user can do about it. Plain I/O failures (a disk error while reading) are not
 * wrapped in this type; they stay {@link java.io.IOException}s.
 */
public final class DatasetException extends RuntimeException {
    @Serial
    private static final long serialVersionUID = 1L;

    /** Creates an exception with a message that says what went wrong and what to do. */
    public DatasetException(String message) {
        super(message);
    }

    /** Creates an exception with a message and the failure that caused it. */
    public DatasetException(String message, Throwable cause) {
        super(message, cause);
    }
}
