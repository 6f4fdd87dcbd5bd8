package org.neurite.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The fused LSTM cell backward kernel (the gate gradients of one row): the vector version against
 * the scalar loop it replaced (bit for bit: the products in the same order) and against its scalar
 * twin, for widths around the vector lanes. The forward states come from the step's own passes.
 */
class LstmCellKernelsTest {
    /** Widths below, at and around 8 and 16 lanes, and W2's 128 units. */
    private static final int[] UNITS = {1, 5, 8, 15, 16, 17, 33, 128};
    /**
     * Scalar against vector: the scalar twin's {@code Math.tanh}/{@code Math.exp} and the vector
     * polynomials differ by a few ulp, carried through up to five products of values within [-1, 1]
     * (and cell states of a few units): relative 1e-5 plus an absolute 1e-6 where terms cancel.
     */
    private static final float CELL_REL = 1e-5f;
    private static final float CELL_ABS = 1e-6f;
    /** Offsets of the gate row, the previous and the next state row, and the state gradients. */
    private static final int GO = 3;
    private static final int SO = 5;

    private static final MathKernels SCALAR = Kernels.scalar();
    private static final MathKernels SIMD = Kernels.simd();

    /** The arrays of one row: pre-activations, the states (h and c laid out alike) and their gradients. */
    private record Row(int units, float[] g, float[] c, float[] h, float[] dz, float[] dh, float[] dc) {
        static Row random(int units, long seed) {
            Random r = new Random(seed);
            int states = GO + 2 * units + units;
            Row row = new Row(units, fill(r, GO + 4 * units, 4f), fill(r, states, 2f), fill(r, states, 1f),
                    new float[GO + 4 * units], fill(r, SO + units, 1f), fill(r, SO + units, 1f));
            return row;
        }

        Row copy() {
            return new Row(units, g.clone(), c.clone(), h.clone(), dz.clone(), dh.clone(), dc.clone());
        }

        int cPrev() {
            return GO;
        }

        int cNext() {
            return GO + 2 * units;
        }
    }

    private static float[] fill(Random r, int n, float scale) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = scale * (2f * r.nextFloat() - 1f);
        }
        return a;
    }

    /** The forward step as LstmOps computes it: activations, the new cell state, h = o·tanh(c). */
    private static void forward(MathKernels k, Row x) {
        int u = x.units;
        k.sigmoid(x.g, GO, x.g, GO, 2 * u);
        k.tanh(x.g, GO + 2 * u, x.g, GO + 2 * u, u);
        k.sigmoid(x.g, GO + 3 * u, x.g, GO + 3 * u, u);
        for (int j = 0; j < u; j++) {
            x.c[x.cNext() + j] = x.g[GO + u + j] * x.c[x.cPrev() + j] + x.g[GO + j] * x.g[GO + 2 * u + j];
        }
        k.tanh(x.c, x.cNext(), x.h, x.cNext(), u);
        k.mul(x.h, x.cNext(), x.g, GO + 3 * u, x.h, x.cNext(), u);
    }

    /** The backward step as it was written before: tanh(c) in one pass, then the scalar gate loop. */
    private static void unfusedBackward(Row x) {
        int u = x.units;
        float[] tc = new float[u];
        SIMD.tanh(x.c, x.cNext(), tc, 0, u);
        for (int j = 0; j < u; j++) {
            float i = x.g[GO + j];
            float f = x.g[GO + u + j];
            float gg = x.g[GO + 2 * u + j];
            float o = x.g[GO + 3 * u + j];
            float d = x.dh[SO + j];
            float dcTotal = x.dc[SO + j] + d * o * (1f - tc[j] * tc[j]);
            x.dz[GO + j] = dcTotal * gg * i * (1f - i);
            x.dz[GO + u + j] = dcTotal * x.c[x.cPrev() + j] * f * (1f - f);
            x.dz[GO + 2 * u + j] = dcTotal * i * (1f - gg * gg);
            x.dz[GO + 3 * u + j] = d * tc[j] * o * (1f - o);
            x.dc[SO + j] = dcTotal * f;
        }
    }

    private static void backward(MathKernels k, Row x) {
        float[] tc = new float[SO + x.units];
        k.tanh(x.c, x.cNext(), tc, SO, x.units);
        k.lstmCellBackward(x.g, x.dz, GO, x.c, x.cPrev(), tc, x.dh, x.dc, SO, x.units);
    }

    @Test
    void vectorBackwardIsTheScalarLoopItReplacedBitForBit() {
        for (int units : UNITS) {
            Row fused = Row.random(units, units);
            forward(SIMD, fused);
            Row unfused = fused.copy();
            backward(SIMD, fused);
            unfusedBackward(unfused);
            assertRowsEqual("backward, units " + units, unfused, fused);
        }
    }

    @Test
    void vectorBackwardMatchesTheScalarTwin() {
        for (int units : UNITS) {
            Row vector = Row.random(units, 100 + units);
            Row scalar = vector.copy();
            forward(SIMD, vector);
            forward(SCALAR, scalar);
            backward(SIMD, vector);
            backward(SCALAR, scalar);
            for (float[][] pair : new float[][][] {{scalar.g, vector.g}, {scalar.c, vector.c}, {scalar.h, vector.h},
                {scalar.dz, vector.dz}, {scalar.dc, vector.dc}}) {
                for (int i = 0; i < pair[0].length; i++) {
                    float e = pair[0][i];
                    float a = pair[1][i];
                    assertTrue(Math.abs(e - a) <= CELL_ABS + CELL_REL * Math.abs(e),
                            "units " + units + ", element " + i + ": scalar " + e + ", vector " + a);
                }
            }
        }
    }

    @Test
    void backwardWritesOnlyItsRow() {
        Row x = Row.random(17, 7);
        Row before = x.copy();
        forward(SIMD, x);
        backward(SIMD, x);
        // the previous state, the padding before each row and the gradient dh stay as they were
        for (int j = 0; j < GO + 17 * 2; j++) {
            assertTrue(x.c[j] == before.c[j] && x.h[j] == before.h[j], "state row before the new one changed at " + j);
        }
        assertArrayEquals(before.dh, x.dh);
        for (int j = 0; j < GO; j++) {
            assertTrue(x.g[j] == before.g[j] && x.dz[j] == before.dz[j], "element before the gate row changed at " + j);
        }
    }

    private static void assertRowsEqual(String what, Row expected, Row actual) {
        assertArrayEquals(expected.g, actual.g, what + ": gates");
        assertArrayEquals(expected.c, actual.c, what + ": c");
        assertArrayEquals(expected.h, actual.h, what + ": h");
        assertArrayEquals(expected.dz, actual.dz, what + ": dz");
        assertArrayEquals(expected.dc, actual.dc, what + ": dc");
    }
}
