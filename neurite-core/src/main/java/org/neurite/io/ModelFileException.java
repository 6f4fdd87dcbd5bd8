package org.neurite.io;

import java.io.IOException;
import java.io.Serial;

/**
 * A model file was refused: it is not a Neurite model file, it is of a format version this library
 * cannot read, it is truncated or altered, or what it declares does not add up (sizes, shapes, layer
 * types, the graph).
 *
 * <p>Messages start with the file and say what is wrong, for example
 * {@code model.neurite: checksum mismatch (file altered or truncated)}. No model is ever returned
 * from a file that raised one. Plain I/O failures (a missing file, a disk error) stay ordinary
 * {@link IOException}s.
 */
public final class ModelFileException extends IOException {
    @Serial
    private static final long serialVersionUID = 1L;

    /** Creates an exception whose message names the file and what is wrong with it. */
    public ModelFileException(String message) {
        super(message);
    }

    /** Creates an exception with a message and the failure that revealed the problem. */
    public ModelFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
