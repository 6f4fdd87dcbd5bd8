package org.neurite.autograd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.neurite.testing.GradientAssertions.assertGradientsMatch;

import org.junit.jupiter.api.Test;
import org.neurite.tensor.Rng;
import org.neurite.tensor.Tensor;
import org.neurite.testing.TestTensors;
import org.neurite.testing.Tolerances;

/**
 * The fused token-and-position embedding against its composed twin: a gather of the token rows, then
 * a broadcast addition of the first {@code time} position rows.
 */
class TokenAndPositionOpsTest {
    private static final int VOCABULARY = 7;
    private static final int MAXLEN = 9;
    private static final int DIM = 5;
    private final Rng rng = new Rng(17);

    private int[] ids(int count) {
        int[] ids = new int[count];
        for (int i = 0; i < count; i++) {
            ids[i] = rng.nextInt(VOCABULARY);
        }
        return ids;
    }

    @Test
    void matchesTheComposedGatherAndBroadcastAddition() {
        int batch = 37;   // enough rows for several parallel chunks
        int time = 6;     // fewer steps than the position table has rows
        int[] ids = ids(batch * time);
        Tensor tokens = TestTensors.normal(rng, VOCABULARY, DIM);
        Tensor positions = TestTensors.normal(rng, MAXLEN, DIM);
        Tensor seed = TestTensors.normal(rng, batch, time, DIM);

        Variable fusedTokens = Variable.parameter(tokens.copy());
        Variable fusedPositions = Variable.parameter(positions.copy());
        Variable fused = TokenAndPositionOps.embed(fusedTokens, fusedPositions, ids, batch, time);
        fused.backward(seed);

        Variable composedTokens = Variable.parameter(tokens.copy());
        Variable composedPositions = Variable.parameter(positions.copy());
        Variable composed = Reshaping.gather(composedTokens, ids, batch, time)
                .add(Reshaping.slice(composedPositions, 0, 0, time));
        composed.backward(seed);

        assertArrayEquals(composed.value().shape(), fused.value().shape());
        assertArrayEquals(composed.value().toArray(), fused.value().toArray(), "outputs differ");
        assertTrue(fusedTokens.grad().allClose(composedTokens.grad(), Tolerances.REORDERED_SUMS),
                "token table gradient differs");
        assertTrue(fusedPositions.grad().allClose(composedPositions.grad(), Tolerances.REORDERED_SUMS),
                "position table gradient differs");
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        int[] ids = {1, 4, 4, 0, 6, 1};   // repeated ids: their gradients add up
        assertGradientsMatch(x -> TokenAndPositionOps.embed(x[0], x[1], ids, 2, 3),
                TestTensors.normal(rng, VOCABULARY, DIM), TestTensors.normal(rng, MAXLEN, DIM));
    }

    @Test
    void computesOnlyTheGradientsWanted() {
        int[] ids = ids(8);
        Variable tokens = Variable.constant(TestTensors.normal(rng, VOCABULARY, DIM));
        Variable positions = Variable.parameter(TestTensors.normal(rng, MAXLEN, DIM));
        TokenAndPositionOps.embed(tokens, positions, ids, 2, 4).backward(TestTensors.normal(rng, 2, 4, DIM));
        assertNull(tokens.grad());
        assertTrue(positions.grad() != null);
    }

    @Test
    void refusesSequencesLongerThanThePositionTable() {
        Variable tokens = Variable.parameter(TestTensors.normal(rng, VOCABULARY, DIM));
        Variable positions = Variable.parameter(TestTensors.normal(rng, MAXLEN, DIM));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TokenAndPositionOps.embed(tokens, positions, ids(MAXLEN + 1), 1, MAXLEN + 1));
        assertTrue(e.getMessage().contains("tokenAndPositionEmbedding"), e.getMessage());
        assertTrue(e.getMessage().contains("[9, 5]"), e.getMessage());
    }
}
