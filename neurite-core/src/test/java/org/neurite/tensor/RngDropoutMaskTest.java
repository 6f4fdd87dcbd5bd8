package org.neurite.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Dropout masks: the right values, the right share dropped, repeatable from the seed, fresh each call. */
class RngDropoutMaskTest {
    private static final int[] SHAPE = {8, 125, 200};   // 200,000 values: several parallel chunks

    @Test
    void holdsZerosAndTheKeepScaleInTheRateThatWasAsked() {
        Tensor mask = new Rng(7).dropoutMask(0.3f, SHAPE);
        assertArrayEquals(SHAPE, mask.shape());
        float keep = 1f / 0.7f;
        long dropped = 0;
        for (float v : mask.toArray()) {
            assertTrue(v == 0f || v == keep, () -> "unexpected mask value " + v);
            dropped += v == 0f ? 1 : 0;
        }
        double share = dropped / (double) mask.size();
        // binomial standard deviation at n = 200,000 is about 0.001; allow five
        assertEquals(0.3, share, 0.005, "share dropped");
    }

    @Test
    void theSameSeedGivesTheSameMasksAndEachCallANewOne() {
        Rng a = new Rng(11);
        Rng b = new Rng(11);
        float[] first = a.dropoutMask(0.5f, SHAPE).toArray();
        assertArrayEquals(first, b.dropoutMask(0.5f, SHAPE).toArray());
        assertFalse(Arrays.equals(first, a.dropoutMask(0.5f, SHAPE).toArray()));
    }

    @Test
    void aMaskAppliedAsARuleIsTheMaskTensorFromTheSameSeed() {
        Tensor x = Tensor.normal(new Rng(1), 0f, 1f, SHAPE);
        Tensor stored = x.mul(new Rng(11).dropoutMask(0.5f, SHAPE));
        DropoutMask rule = new Rng(11).nextDropoutMask(0.5f);
        assertArrayEquals(stored.toArray(), rule.applyTo(x).toArray());
        assertArrayEquals(new Rng(11).dropoutMask(0.5f, SHAPE).toArray(), rule.values(SHAPE).toArray());
    }

    @Test
    void rateZeroKeepsEverythingUnscaled() {
        for (float v : new Rng(3).dropoutMask(0f, 4, 5).toArray()) {
            assertEquals(1f, v);
        }
    }
}
