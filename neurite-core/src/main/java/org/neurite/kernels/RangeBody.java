package org.neurite.kernels;

/** A piece of work over the half-open index range {@code [from, to)}; see {@link Parallel}. */
@FunctionalInterface
public interface RangeBody {
    void run(int from, int to);
}
