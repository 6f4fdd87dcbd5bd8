package org.neurite.spark;

import java.io.Serial;
import java.io.Serializable;

/**
 * The steps one exchange covers: batches {@code [firstStep, firstStep + steps)} of epoch
 * {@code epoch}, each of {@code batchSize} positions of the epoch's order over {@code rows} rows.
 */
record WindowPlan(int epoch, int firstStep, int steps, int batchSize, int rows, boolean shuffle, long seed)
        implements Serializable {
    @Serial
    private static final long serialVersionUID = 1L;

    /** The number of rows of batch {@code step} (the last batch of an epoch may be short). */
    int batchRows(int step) {
        return Math.min(rows, (step + 1) * batchSize) - step * batchSize;
    }
}
