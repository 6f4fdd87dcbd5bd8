package org.neurite.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The background warm-up shares nothing with its caller: kernels and GEMMs that run while it runs
 * give the same bits as without it, and its own results are the same in every run.
 */
class KernelWarmUpTest {
    private static final int ROUNDS = 50;

    @Test
    void callersResultsAreBitIdenticalWhileTheWarmUpRuns() throws InterruptedException {
        float[] alone = callersWork();
        float[] warmUpResult = new float[1];
        Thread warmUp = Thread.ofPlatform().start(() -> warmUpResult[0] = KernelWarmUp.run(ROUNDS));
        float[] beside = callersWork();
        for (int i = 0; i < 20 && warmUp.isAlive(); i++) {
            assertArrayEquals(alone, callersWork());
        }
        warmUp.join();

        assertArrayEquals(alone, beside);
        assertEquals(KernelWarmUp.run(ROUNDS), warmUpResult[0]);
        assertTrue(Float.isFinite(warmUpResult[0]), "warm-up result " + warmUpResult[0]);
    }

    /** GEMMs of the warm-up's own shapes and larger, and elementwise kernels, on the calling thread. */
    private static float[] callersWork() {
        Random random = new Random(5);
        int m = 20;
        int k = 40;
        int n = 300;
        float[] a = new float[m * k];
        float[] b = new float[k * n];
        for (int i = 0; i < a.length; i++) {
            a[i] = random.nextFloat() - 0.5f;
        }
        for (int i = 0; i < b.length; i++) {
            b[i] = random.nextFloat() - 0.5f;
        }
        float[] c = new float[m * n + n];
        Gemm.sgemm(false, false, m, n, k, a, 0, k, b, 0, n, 0f, c, 0, n);
        Kernels.math().tanh(c, 0, c, 0, m * n);
        Kernels.math().softmax(c, 0, c, m * n, n);
        return c;
    }
}
