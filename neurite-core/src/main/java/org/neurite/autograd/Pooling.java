package org.neurite.autograd;

import org.neurite.kernels.Window1D;
import org.neurite.kernels.WindowPooling;
import org.neurite.tensor.Tensor;

/**
 * Max and average pooling over time of {@code x (batch, time, channels)}, forward and backward
 * together (loops in {@link WindowPooling}): a max sends each output's gradient to the step that won
 * its window; an average spreads it evenly over its window's real (non-padding) steps.
 *
 * <pre>{@code
 * // x (2, 9, 3): windows of 2 steps, stride 2, no padding -> (2, 4, 3)
 * Variable y = Pooling.max(x, new Window1D(2, 9, 3, 2, 2, 1, 0, 4));
 * }</pre>
 */
public final class Pooling {
    private Pooling() {
    }

    /** {@code y[b, l, c] = max_j x[b, step(l, j), c]} over real steps: {@code (batch, outLength, channels)}. */
    public static Variable max(Variable x, Window1D w) {
        Tensor xv = x.value();
        Tensor out = Tensor.empty(w.batch(), w.outLength(), w.channels());
        int[] winners = new int[out.size()];
        WindowPooling.max(w, xv.data(), xv.offset(), out.data(), winners);
        return Variable.result(Primitive.MAX_POOL_1D, out, g -> {
            Tensor dx = Tensor.zeros(x.shape());
            WindowPooling.maxBackward(w, g.data(), g.offset(), winners, dx.data());
            return new Tensor[] {dx};
        }, x);
    }

    /** {@code y[b, l, c]} = the mean of x over the real steps of window l: {@code (batch, outLength, channels)}. */
    public static Variable average(Variable x, Window1D w) {
        Tensor xv = x.value();
        Tensor out = Tensor.empty(w.batch(), w.outLength(), w.channels());
        WindowPooling.average(w, xv.data(), xv.offset(), out.data());
        return Variable.result(Primitive.AVERAGE_POOL_1D, out, g -> {
            Tensor dx = Tensor.zeros(x.shape());
            WindowPooling.averageBackward(w, g.data(), g.offset(), dx.data());
            return new Tensor[] {dx};
        }, x);
    }
}
