package org.neurite.spark;

import java.io.Serial;
import org.apache.spark.Partitioner;

/** Sends the row with global index {@code i} to worker {@code i % workers}: shards of equal size. */
final class ModuloPartitioner extends Partitioner {
    @Serial
    private static final long serialVersionUID = 1L;

    private final int workers;

    ModuloPartitioner(int workers) {
        this.workers = workers;
    }

    @Override
    public int numPartitions() {
        return workers;
    }

    @Override
    public int getPartition(Object key) {
        return (int) Math.floorMod((Long) key, (long) workers);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ModuloPartitioner m && m.workers == workers;
    }

    @Override
    public int hashCode() {
        return workers;
    }
}
