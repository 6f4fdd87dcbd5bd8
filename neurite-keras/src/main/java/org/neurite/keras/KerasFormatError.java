package org.neurite.keras;

/**
 * A Keras file that cannot be imported exactly: unchecked inside the importer, turned into an
 * {@link org.neurite.io.ModelFileException} naming the file by {@link KerasFiles}. The message names
 * the layer and the option, or the part of the file, and what was expected.
 */
final class KerasFormatError extends RuntimeException {
    @java.io.Serial
    private static final long serialVersionUID = 1L;

    KerasFormatError(String message) {
        super(message);
    }

    KerasFormatError(String message, Throwable cause) {
        super(message, cause);
    }
}
