package org.neurite.data;

import java.io.Closeable;
import java.io.IOException;

/**
 * Rows of one corpus format, read one at a time so that a corpus larger than memory can stream.
 * A {@link CorpusCursor} wraps a source and applies the {@link BadRowPolicy}.
 */
interface RowSource extends Closeable {
    /**
     * The next row, or null at the end.
     *
     * @throws BadRowException if the row just read cannot be used (the source stays usable)
     * @throws DatasetException if the file cannot be read on (bad bytes, broken quoting)
     */
    CorpusRow next() throws IOException;

    /** Where the row last read starts, such as {@code "tickets.csv: line 12"}. */
    String position();
}
