package org.neurite.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * A streaming read of a corpus: rows one at a time or in batches, never the whole file in memory.
 * Bad rows are skipped (and counted) or stop the read, as the reader's {@link BadRowPolicy} says.
 * Close it when done (try-with-resources), or read it to the end.
 *
 * <pre>{@code
 * try (CorpusCursor rows = TextDatasets.csv(path).text("body").stream()) {
 *     for (List<CorpusRow> batch = rows.nextBatch(1024); !batch.isEmpty(); batch = rows.nextBatch(1024)) {
 *         score(batch);
 *     }
 * }
 * }</pre>
 */
public final class CorpusCursor implements Iterator<CorpusRow>, AutoCloseable {
    /** How many skip messages are kept for a report; the rest are only counted. */
    public static final int KEPT_MESSAGES = 20;

    private final RowSource rows;
    private final BadRowPolicy policy;
    private final List<String> skipMessages = new ArrayList<>();
    private CorpusRow pending;
    private long skipped;
    private boolean ended;

    CorpusCursor(RowSource rows, BadRowPolicy policy) {
        this.rows = rows;
        this.policy = policy;
    }

    @Override
    public boolean hasNext() {
        if (pending == null && !ended) {
            pending = advance();
            if (pending == null) {
                ended = true;
                close();
            }
        }
        return pending != null;
    }

    @Override
    public CorpusRow next() {
        if (!hasNext()) {
            throw new NoSuchElementException("the corpus has no more rows");
        }
        CorpusRow row = pending;
        pending = null;
        return row;
    }

    /** Up to {@code size} next rows; an empty list at the end. */
    public List<CorpusRow> nextBatch(int size) {
        if (size < 1) {
            throw new IllegalArgumentException("batch size must be at least 1, got " + size);
        }
        List<CorpusRow> batch = new ArrayList<>(Math.min(size, 4096));
        while (batch.size() < size && hasNext()) {
            batch.add(next());
        }
        return batch;
    }

    /** How many bad rows were skipped so far. */
    public long skippedRows() {
        return skipped;
    }

    /** The first {@value #KEPT_MESSAGES} skip messages, each naming the file and line. */
    public List<String> skipMessages() {
        return List.copyOf(skipMessages);
    }

    private CorpusRow advance() {
        while (true) {
            try {
                return rows.next();
            } catch (BadRowException e) {
                String message = rows.position() + ": " + e.getMessage();
                if (policy == BadRowPolicy.FAIL) {
                    close();
                    throw new DatasetException(message + " (to leave such rows out: BadRowPolicy.SKIP, or --skip-bad-rows on the command line)");
                }
                skipped++;
                if (skipMessages.size() < KEPT_MESSAGES) {
                    skipMessages.add(message);
                }
            } catch (IOException e) {
                close();
                throw new DatasetException(rows.position() + ": cannot read on: " + e.getMessage(), e);
            } catch (DatasetException e) {
                close();
                throw e;
            }
        }
    }

    @Override
    public void close() {
        try {
            rows.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
