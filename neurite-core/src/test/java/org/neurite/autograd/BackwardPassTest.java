package org.neurite.autograd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.neurite.tensor.Tensor;
import org.neurite.testing.Tolerances;

/** The tape's bookkeeping: accumulation, fan-out, depth, recording switched off, and misuse. */
class BackwardPassTest {

    @Test
    void gradientsAccumulateOverTwoBackwardCalls() {
        Variable w = Variable.parameter(Tensor.vector(2, -1));
        Variable x = Variable.constant(Tensor.vector(3, 4));
        w.mul(x).sum().backward();
        assertArrayEquals(new float[] {3, 4}, w.grad().toArray());
        w.mul(x).sum().backward();
        assertArrayEquals(new float[] {6, 8}, w.grad().toArray());
    }

    @Test
    void zeroGradForgetsTheAccumulatedGradient() {
        Variable w = Variable.parameter(Tensor.vector(2, -1));
        w.zeroGrad();
        assertNull(w.grad(), "no gradient before any backward pass");
        w.mul(w).sum().backward();
        w.zeroGrad();
        assertArrayEquals(new float[] {0, 0}, w.grad().toArray());
        w.mul(3f).sum().backward();
        assertArrayEquals(new float[] {3, 3}, w.grad().toArray());
    }

    @Test
    void aBackwardPassAfterZeroGradStartsFromZerosWithoutReadingTheGradientFirst() {
        Variable w = Variable.parameter(Tensor.vector(2, -1));
        w.mul(w).sum().backward();                       // grad 2w = [4, -2]
        Tensor kept = w.grad();
        w.zeroGrad();
        w.mul(3f).sum().backward();                      // replaces, not adds to, [4, -2]
        assertArrayEquals(new float[] {3, 3}, w.grad().toArray());
        assertSame(kept, w.grad(), "the gradient's storage is reused");
        Variable shared = Variable.parameter(Tensor.vector(1, 1));
        shared.mul(2f).sum().backward();
        shared.zeroGrad();
        shared.mul(5f).add(shared.mul(7f)).sum().backward();   // two contributions after zeroGrad: 5 + 7
        assertArrayEquals(new float[] {12, 12}, shared.grad().toArray());
    }

    @Test
    void aVariableUsedTwiceReceivesTheSumOfBothGradients() {
        Variable x = Variable.parameter(Tensor.vector(1, 2, 3));
        Variable h = x.exp();
        // loss = Σ h·2 + Σ h² → dx = (2 + 2h)·h; h fans out to two consumers, x to h only.
        h.mul(2f).add(h.mul(h)).sum().backward();
        for (int i = 0; i < 3; i++) {
            double e = Math.exp(i + 1);
            assertEquals((float) ((2 + 2 * e) * e), x.grad().get(i), Tolerances.ROUNDING * (float) (e * e));
        }
    }

    @Test
    void diamondGraphsSendEachPathItsShare() {
        Variable x = Variable.parameter(Tensor.scalar(3));
        Variable a = x.mul(2f);
        Variable b = x.mul(5f);
        a.mul(b).backward();     // 10 x² → 20 x
        assertEquals(60f, x.grad().item());
    }

    @Test
    void aDeepChainOfTenThousandOpsDoesNotOverflowTheStack() {
        Variable x = Variable.parameter(Tensor.vector(1, 2));
        Variable y = x;
        for (int i = 0; i < 10_000; i++) {
            y = y.add(1f);
        }
        y.mul(3f).sum().backward();
        assertArrayEquals(new float[] {3, 3}, x.grad().toArray());
        assertArrayEquals(new float[] {10_001, 10_002}, y.value().toArray());
    }

    @Test
    void noGradRecordsNothing() {
        Variable w = Variable.parameter(Tensor.vector(1, 2));
        Variable y;
        try (Autograd.Scope scope = Autograd.noGrad()) {
            assertFalse(Autograd.isRecording());
            y = w.mul(w).exp().sum();
        }
        assertTrue(Autograd.isRecording());
        assertFalse(y.requiresGrad());
        assertTrue(y.isLeaf());
        assertNull(y.op());
        assertThrows(IllegalStateException.class, y::backward);
        assertTrue(w.mul(w).requiresGrad(), "recording resumes after the scope");
    }

    @Test
    void nestedNoGradScopesRestoreTheOuterState() {
        try (Autograd.Scope outer = Autograd.noGrad()) {
            try (Autograd.Scope inner = Autograd.noGrad()) {
                assertFalse(Autograd.isRecording());
            }
            assertFalse(Autograd.isRecording(), "the inner scope must not switch recording back on");
        }
        assertTrue(Autograd.isRecording());
    }

    @Test
    void operationsOnConstantsOnlyRecordNothing() {
        Variable c = Variable.constant(Tensor.vector(1, 2));
        Variable y = c.mul(c).sum();
        assertFalse(y.requiresGrad());
        assertTrue(y.isLeaf());
    }

    @Test
    void backwardOnANonScalarWithoutSeedFailsClearly() {
        Variable w = Variable.parameter(Tensor.ones(2, 3));
        Variable y = w.mul(2f);
        IllegalStateException e = assertThrows(IllegalStateException.class, y::backward);
        assertEquals("backward: needs a one-element loss, got shape [2, 3]; pass a seed gradient instead",
                e.getMessage());
    }

    @Test
    void backwardWithASeedPropagatesIt() {
        Variable w = Variable.parameter(Tensor.ones(2, 3));
        w.mul(2f).backward(Tensor.arange(6).reshape(2, 3));
        assertArrayEquals(new float[] {0, 2, 4, 6, 8, 10}, w.grad().toArray());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> w.mul(2f).backward(Tensor.ones(3, 2)));
        assertEquals("backward: seed shape [3, 2] differs from the variable's [2, 3]", e.getMessage());
    }

    @Test
    void detachStopsGradients() {
        Variable w = Variable.parameter(Tensor.vector(1, 2));
        Variable frozen = w.mul(3f).detach();
        assertFalse(frozen.requiresGrad());
        assertArrayEquals(new float[] {3, 6}, frozen.value().toArray());
        // loss = Σ w·stop(3w) → dw = 3w only, not 6w.
        w.mul(frozen).sum().backward();
        assertArrayEquals(new float[] {3, 6}, w.grad().toArray());
    }

    @Test
    void gradientsOfLeavesHaveStorageOfTheirOwn() {
        Tensor seed = Tensor.vector(1, 1);
        Variable w = Variable.parameter(Tensor.vector(5, 6));
        w.backward(seed);
        seed.fill(7f);
        assertArrayEquals(new float[] {1, 1}, w.grad().toArray());
    }

    @Test
    void resultRecordsTheOperationName() {
        Variable w = Variable.parameter(Tensor.vector(1, 2));
        assertEquals("matmul", w.reshape(1, 2).matmul(w.reshape(2, 1)).op());
        assertTrue(w.isLeaf());
    }
}
