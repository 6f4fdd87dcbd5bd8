package org.neurite.autograd;

import java.util.Collections;
import org.neurite.kernels.Gemm;
import org.neurite.kernels.Kernels;
import org.neurite.kernels.MathKernels;
import org.neurite.tensor.Tensor;

/**
 * A whole fully recurrent (Elman) layer as one recorded operation:
 * <pre>
 *   h_t = act(x_t·W + h_{t-1}·U + b)          act one of tanh (Keras' default), relu, sigmoid, linear
 * </pre>
 * Backward: {@code dz = dh ⊙ act'(z)}, written through the output ({@code 1 - h²}, {@code h(1-h)},
 * {@code [h > 0]}, 1), and {@code dh_{t-1} = dz·Uᵀ}.
 *
 * <p>Shapes: x {@code (batch, time, in)}, W {@code (in, units)}, U {@code (units, units)},
 * b {@code (units)} or null, h0 {@code (batch, units)} or null. The time loop, masking and the weight
 * gradients are the driver's ({@link Recurrence}).
 */
public final class SimpleRnnOps {
    private static final MathKernels K = Kernels.math();

    private SimpleRnnOps() {
    }

    /** Runs the layer; {@code mask} {@code (batch, time)} marks real steps (null: all real). */
    public static RecurrentOutput simpleRnn(Variable x, Variable kernel, Variable recurrentKernel, Variable bias,
                                            Variable h0, Tensor mask, FusedActivation activation,
                                            RecurrentOptions options) {
        return Recurrence.run(new Cell(activation),
                new Recurrence.Inputs(x, kernel, recurrentKernel, bias, Collections.singletonList(h0), mask), options);
    }

    /** The Elman step: no buffers of its own, the activation is read back from the output. */
    private record Cell(FusedActivation activation) implements FusedCell {
        @Override
        public String name() {
            return "simple_rnn";
        }

        @Override
        public int gates() {
            return 1;
        }

        @Override
        public int stateCount() {
            return 1;
        }

        @Override
        public void forwardStep(RecurrentWork w, int t, int from, int to) {
            int u = w.units;
            int n = to - from;
            float[] g = w.g.data();
            int z = w.gateRow(t, from) * u;
            int hz = (t * w.batch + from) * u;
            Gemm.sgemmColumns(false, n, 0, u, w.h().data(), hz, u, w.packedRecurrent, 1f, g, z, u);
            switch (activation) {
                case LINEAR -> { }
                case RELU -> K.relu(g, z, g, z, n * u);
                case SIGMOID -> K.sigmoid(g, z, g, z, n * u);
                case TANH -> K.tanh(g, z, g, z, n * u);
            }
            System.arraycopy(g, z, w.h().data(), hz + w.batch * u, n * u);
        }

        @Override
        public void backwardStep(RecurrentWork w, int t, int from, int to) {
            int u = w.units;
            int n = to - from;
            float[] y = w.g.data();
            float[] dz = w.dz.data();
            float[] dh = w.dh().data();
            int z = (t * w.batch + from) * u;
            int d = from * u;
            switch (activation) {
                case LINEAR -> System.arraycopy(dh, d, dz, z, n * u);
                case RELU -> K.reluBackward(y, z, dh, d, dz, z, n * u);
                case SIGMOID -> K.sigmoidBackward(y, z, dh, d, dz, z, n * u);
                case TANH -> K.tanhBackward(y, z, dh, d, dz, z, n * u);
            }
            K.flushTiny(dz, z, n * u);
            Gemm.sgemmColumns(false, n, 0, u, dz, z, u, w.packedRecurrentT, 0f, dh, d, u);
        }
    }
}
