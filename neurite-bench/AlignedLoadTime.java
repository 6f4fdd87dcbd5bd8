import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.Locale;
import java.util.Random;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Why the sparse first layer reads its packed kernel from a copy aligned to cache lines: the inner
 * loop of {@code GemmSparseRows}' sums (per nonzero entry, two vectors of a 32-column strip of B,
 * selected by the entry's offset, times the entry's value, four entries at a time) over the lists of
 * 500 rows at MNIST's density, with B read from a {@code float[]} at shifts of 0 to 14 floats, and
 * from an off-heap segment aligned to 64 bytes. A {@code float[]} is aligned to 8 bytes only, so most
 * shifts make every vector load straddle two cache lines; which shift is the aligned one changes
 * from run to run. Prints nanoseconds per entry and strip, twelve rounds (the first ones run before
 * C2 has compiled the loops); one thread.
 *
 *   java --add-modules jdk.incubator.vector neurite-bench/AlignedLoadTime.java
 */
public final class AlignedLoadTime {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_512;
    private static final int L = S.length();
    private static final int NR = 32;
    private static final int ROWS = 500;
    private static final int DEPTH = 392;
    private static final int STRIPS = 8;

    public static void main(String[] args) {
        Random random = new Random(1);
        int[] starts = new int[ROWS + 1];
        int[] offsets = new int[ROWS * (DEPTH + 3)];
        float[] values = new float[offsets.length];
        int n = 0;
        for (int i = 0; i < ROWS; i++) {
            starts[i] = n;
            for (int p = 0; p < DEPTH; p++) {
                if (random.nextDouble() < 0.19) {
                    values[n] = random.nextFloat();
                    offsets[n++] = p * NR;
                }
            }
            for (; (n - starts[i]) % 4 != 0; n++) {
                offsets[n] = 0;   // padding: 0·b
            }
        }
        starts[ROWS] = n;
        float[] b = new float[DEPTH * NR * STRIPS + 64];
        for (int i = 0; i < b.length; i++) {
            b[i] = random.nextFloat();
        }
        MemorySegment aligned = Arena.ofAuto().allocate((long) b.length * Float.BYTES, 64);
        MemorySegment.copy(b, 0, aligned, ValueLayout.JAVA_FLOAT, 0, b.length);
        float[] c = new float[ROWS * NR];
        double sink = 0;
        for (int round = 0; round < 12; round++) {
            StringBuilder line = new StringBuilder("ns per entry and strip:");
            for (int shift = 0; shift < 16; shift += 2) {
                long t0 = System.nanoTime();
                for (int strip = 0; strip < STRIPS; strip++) {
                    sink += fromArray(starts, offsets, values, b, shift + strip * DEPTH * NR, c);
                }
                line.append(String.format(Locale.ROOT, " float[]+%d %.2f", shift, perEntry(t0, n)));
            }
            long t0 = System.nanoTime();
            for (int strip = 0; strip < STRIPS; strip++) {
                sink += fromSegment(starts, offsets, values, aligned, (long) strip * DEPTH * NR * Float.BYTES, c);
            }
            System.out.println(line.append(String.format(Locale.ROOT, " aligned %.2f", perEntry(t0, n))));
        }
        System.out.println(sink == 42 ? "" : " ");
    }

    private static double perEntry(long t0, int entries) {
        return (System.nanoTime() - t0) / ((double) entries * STRIPS);
    }

    private static float fromArray(int[] starts, int[] offsets, float[] values, float[] b, int base, float[] c) {
        for (int i = 0; i < ROWS; i++) {
            FloatVector s0 = FloatVector.zero(S), s1 = s0, t0 = s0, t1 = s0, u0 = s0, u1 = s0, w0 = s0, w1 = s0;
            for (int q = starts[i]; q < starts[i + 1]; q += 4) {   // four entries at a time, as GemmSparseRows
                int o = base + offsets[q];
                FloatVector v = FloatVector.broadcast(S, values[q]);
                s0 = FloatVector.fromArray(S, b, o).fma(v, s0);
                s1 = FloatVector.fromArray(S, b, o + L).fma(v, s1);
                o = base + offsets[q + 1];
                v = FloatVector.broadcast(S, values[q + 1]);
                t0 = FloatVector.fromArray(S, b, o).fma(v, t0);
                t1 = FloatVector.fromArray(S, b, o + L).fma(v, t1);
                o = base + offsets[q + 2];
                v = FloatVector.broadcast(S, values[q + 2]);
                u0 = FloatVector.fromArray(S, b, o).fma(v, u0);
                u1 = FloatVector.fromArray(S, b, o + L).fma(v, u1);
                o = base + offsets[q + 3];
                v = FloatVector.broadcast(S, values[q + 3]);
                w0 = FloatVector.fromArray(S, b, o).fma(v, w0);
                w1 = FloatVector.fromArray(S, b, o + L).fma(v, w1);
            }
            s0.add(t0).add(u0.add(w0)).intoArray(c, i * NR);
            s1.add(t1).add(u1.add(w1)).intoArray(c, i * NR + L);
        }
        return c[0];
    }

    private static float fromSegment(int[] starts, int[] offsets, float[] values, MemorySegment b, long base,
                                     float[] c) {
        long next = S.vectorByteSize();
        ByteOrder order = ByteOrder.nativeOrder();
        for (int i = 0; i < ROWS; i++) {
            FloatVector s0 = FloatVector.zero(S), s1 = s0, t0 = s0, t1 = s0, u0 = s0, u1 = s0, w0 = s0, w1 = s0;
            for (int q = starts[i]; q < starts[i + 1]; q += 4) {
                long o = base + (long) offsets[q] * Float.BYTES;
                FloatVector v = FloatVector.broadcast(S, values[q]);
                s0 = FloatVector.fromMemorySegment(S, b, o, order).fma(v, s0);
                s1 = FloatVector.fromMemorySegment(S, b, o + next, order).fma(v, s1);
                o = base + (long) offsets[q + 1] * Float.BYTES;
                v = FloatVector.broadcast(S, values[q + 1]);
                t0 = FloatVector.fromMemorySegment(S, b, o, order).fma(v, t0);
                t1 = FloatVector.fromMemorySegment(S, b, o + next, order).fma(v, t1);
                o = base + (long) offsets[q + 2] * Float.BYTES;
                v = FloatVector.broadcast(S, values[q + 2]);
                u0 = FloatVector.fromMemorySegment(S, b, o, order).fma(v, u0);
                u1 = FloatVector.fromMemorySegment(S, b, o + next, order).fma(v, u1);
                o = base + (long) offsets[q + 3] * Float.BYTES;
                v = FloatVector.broadcast(S, values[q + 3]);
                w0 = FloatVector.fromMemorySegment(S, b, o, order).fma(v, w0);
                w1 = FloatVector.fromMemorySegment(S, b, o + next, order).fma(v, w1);
            }
            s0.add(t0).add(u0.add(w0)).intoArray(c, i * NR);
            s1.add(t1).add(u1.add(w1)).intoArray(c, i * NR + L);
        }
        return c[0];
    }
}
