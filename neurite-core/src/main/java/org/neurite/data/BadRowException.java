package org.neurite.data;

import java.io.Serial;

/**
 * One row of a corpus cannot be used; the {@link CorpusCursor} adds the file and line and, by its
 * {@link BadRowPolicy}, skips the row or stops. Never leaves this package.
 */
final class BadRowException extends RuntimeException {
    @Serial
    private static final long serialVersionUID = 1L;

    BadRowException(String message) {
        super(message, null, false, false);
    }
}
