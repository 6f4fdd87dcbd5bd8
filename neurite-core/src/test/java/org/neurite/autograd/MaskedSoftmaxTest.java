package org.neurite.autograd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.neurite.testing.GradientAssertions.assertGradientsMatch;

import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.neurite.autograd.MaskedSoftmax.FullyMasked;
import org.neurite.tensor.Rng;
import org.neurite.tensor.Tensor;
import org.neurite.testing.TestTensors;
import org.neurite.testing.Tolerances;

/**
 * The fused masked softmax against its composed twins (Keras' own formulas written with the tape's
 * primitives), and against finite differences.
 */
class MaskedSoftmaxTest {
    private static final int GROUPS = 3;
    private static final int HEADS = 2;
    private static final int ROWS = 5;
    private static final int COLS = 7;
    private final Rng rng = new Rng(41);

    @ParameterizedTest
    @EnumSource(FullyMasked.class)
    void matchesItsComposedTwinForwardAndBackward(FullyMasked mode) {
        Tensor x = TestTensors.normal(rng, GROUPS * HEADS, ROWS, COLS);
        Tensor mask = mixedMask(true);
        Tensor seed = TestTensors.normal(rng, GROUPS * HEADS, ROWS, COLS);

        Variable fusedIn = Variable.parameter(x.copy());
        Variable fused = MaskedSoftmax.softmax(fusedIn, mask, HEADS, mode);
        fused.backward(seed);
        Variable composedIn = Variable.parameter(x.copy());
        Variable composed = composed(composedIn, perHead(mask), mode);
        composed.backward(seed);

        assertTrue(fused.value().allClose(composed.value(), Tolerances.ROUNDING), "forward differs for " + mode);
        assertTrue(fusedIn.grad().allClose(composedIn.grad(), Tolerances.ROUNDING), "gradient differs for " + mode);
    }

    @ParameterizedTest
    @EnumSource(FullyMasked.class)
    void scaledSoftmaxIsTheSoftmaxOfScaledScoresForwardAndBackward(FullyMasked mode) {
        float scale = 0.35f;
        Tensor x = TestTensors.normal(rng, GROUPS * HEADS, ROWS, COLS);
        Tensor mask = mixedMask(true);
        Tensor seed = TestTensors.normal(rng, GROUPS * HEADS, ROWS, COLS);

        Variable fusedIn = Variable.parameter(x.copy());
        Variable fused = MaskedSoftmax.softmax(fusedIn, mask, HEADS, mode, scale);
        fused.backward(seed);
        Variable composedIn = Variable.parameter(x.copy());
        Variable composed = MaskedSoftmax.softmax(composedIn.mul(scale), mask, HEADS, mode);
        composed.backward(seed);

        assertTrue(fused.value().allClose(composed.value(), Tolerances.ROUNDING), "forward differs for " + mode);
        assertTrue(fusedIn.grad().allClose(composedIn.grad(), Tolerances.ROUNDING), "gradient differs for " + mode);
        Tensor checked = mixedMask(mode != FullyMasked.UNIFORM_SHIFTED);
        assertGradientsMatch(v -> MaskedSoftmax.softmax(v[0], checked, HEADS, mode, scale),
                TestTensors.normal(rng, GROUPS * HEADS, ROWS, COLS));
    }

    @Test
    void fullyMaskedRowsGiveZerosOrUniformWeights() {
        Tensor x = TestTensors.normal(rng, 1, 1, 4);
        Tensor none = Tensor.zeros(1, 1, 4);
        assertEquals(0f, MaskedSoftmax.softmax(Variable.constant(x), none, 1, FullyMasked.ZEROS).value().sum().item());
        for (float w : MaskedSoftmax.softmax(Variable.constant(x), none, 1, FullyMasked.UNIFORM).value().toArray()) {
            assertEquals(0.25f, w);
        }
    }

    @Test
    void withoutAMaskItIsThePlainSoftmax() {
        Tensor x = TestTensors.normal(rng, 4, 3, 6);
        Tensor plain = MaskedSoftmax.softmax(Variable.constant(x), null, 1, FullyMasked.ZEROS).value();
        assertTrue(plain.allClose(x.softmax(), Tolerances.ROUNDING));
    }

    @ParameterizedTest
    @EnumSource(FullyMasked.class)
    void gradientMatchesFiniteDifferences(FullyMasked mode) {
        // Shifted rows are constant in float32 when fully masked, so only its partly masked rows have a true slope.
        Tensor mask = mixedMask(mode != FullyMasked.UNIFORM_SHIFTED);
        assertGradientsMatch(v -> MaskedSoftmax.softmax(v[0], mask, HEADS, mode),
                TestTensors.normal(rng, GROUPS * HEADS, ROWS, COLS));
    }

    @Test
    void refusesAMaskThatDoesNotFitTheScores() {
        Variable scores = Variable.constant(Tensor.zeros(4, 3, 5));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MaskedSoftmax.softmax(scores, Tensor.ones(2, 3, 4), 2, FullyMasked.ZEROS));
        assertTrue(e.getMessage().contains("[2, 3, 4]") && e.getMessage().contains("[4, 3, 5]"), e.getMessage());
    }

    /** Every kind of row: all kept, one run (causal or padding), scattered, and (optionally) none kept. */
    private Tensor mixedMask(boolean withFullyMaskedRows) {
        Tensor mask = Tensor.zeros(GROUPS, ROWS, COLS);
        for (int g = 0; g < GROUPS; g++) {
            for (int r = 0; r < ROWS; r++) {
                for (int c = 0; c < COLS; c++) {
                    boolean kept = switch ((g * ROWS + r) % 5) {
                        case 0 -> true;
                        case 1 -> c <= r;                       // causal
                        case 2 -> c >= 2 && c < 5;              // one run inside the row
                        case 3 -> rng.uniform(0f, 1f) < 0.5f || c == r;
                        default -> !withFullyMaskedRows;
                    };
                    mask.set(kept ? 1f : 0f, g, r, c);
                }
            }
        }
        return mask;
    }

    /** The mask repeated for each head: {@code (groups·heads, rows, cols)}. */
    private static Tensor perHead(Tensor mask) {
        Tensor[] copies = new Tensor[GROUPS * HEADS];
        for (int i = 0; i < copies.length; i++) {
            copies[i] = mask.slice(0, i / HEADS, i / HEADS + 1);
        }
        return Tensor.concat(0, copies);
    }

    /** Keras' formulas: its Softmax layer, its dot_product_attention, and its Attention layer's shift. */
    private static Variable composed(Variable x, Tensor mask, FullyMasked mode) {
        Variable lowest = Variable.constant(Tensor.scalar(-1e9f));
        Function<Variable, Variable> softmax = Functions::softmax;
        return switch (mode) {
            case ZEROS -> softmax.apply(Reshaping.where(mask, x, lowest)).mul(Variable.constant(mask));
            case UNIFORM -> softmax.apply(Reshaping.where(mask, x, lowest));
            case UNIFORM_SHIFTED -> softmax.apply(Reshaping.where(mask, x, x.add(-1e9f)));
        };
    }
}
