package org.neurite.nn.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.neurite.autograd.Variable;
import org.neurite.nn.Activation;
import org.neurite.nn.GradientChecks;
import org.neurite.nn.Input;
import org.neurite.nn.SequentialNetwork;
import org.neurite.tensor.Rng;
import org.neurite.tensor.Tensor;
import org.neurite.testing.TestTensors;
import org.neurite.testing.Tolerances;

class Conv1DTest {

    /** The slow twin: the formula of Conv1D's Javadoc as plain loops, padding steps reading zero. */
    private static Tensor directConvolution(Tensor x, Tensor kernel, Tensor bias, int stride, int dilation,
                                            int padLeft, int outLength, int groups) {
        int batch = x.dim(0);
        int time = x.dim(1);
        int size = kernel.dim(0);
        int cg = kernel.dim(1);
        int filters = kernel.dim(2);
        int fg = filters / groups;
        Tensor y = Tensor.zeros(batch, outLength, filters);
        for (int b = 0; b < batch; b++) {
            for (int l = 0; l < outLength; l++) {
                for (int f = 0; f < filters; f++) {
                    double sum = bias == null ? 0 : bias.get(f);
                    for (int j = 0; j < size; j++) {
                        int t = l * stride + j * dilation - padLeft;
                        for (int c = 0; c < cg && t >= 0 && t < time; c++) {
                            sum += (double) x.get(b, t, (f / fg) * cg + c) * kernel.get(j, c, f);
                        }
                    }
                    y.set((float) sum, b, l, f);
                }
            }
        }
        return y;
    }

    private static Conv1D built(Conv1D layer, int time, int channels) {
        SequentialNetwork.of(Input.of(time, channels), layer).build();
        return layer;
    }

    private static void assertMatchesDirect(Conv1D.Builder builder, int batch, int time, int channels, int stride,
                                            int dilation, int padLeft, int groups) {
        Conv1D layer = built(builder.build(), time, channels);
        Tensor bias = layer.parameters().size() > 1 ? layer.parameters().get(1).value() : null;
        if (bias != null) {
            bias.copyFrom(Tensor.normal(new Rng(3), 0f, 1f, bias.shape()));
        }
        Tensor x = Tensor.normal(new Rng(time), 0f, 1f, batch, time, channels);
        Tensor y = layer.call(Variable.constant(x), false).value();
        Tensor expected = directConvolution(x, layer.parameters().get(0).value(), bias, stride, dilation, padLeft,
                y.dim(1), groups);
        assertTrue(expected.allClose(y, Tolerances.REORDERED_SUMS), () -> "expected " + expected + ", got " + y);
    }

    @Test
    void tapGemmsMatchADirectConvolutionForEveryPaddingAndGroups() {
        assertMatchesDirect(Conv1D.builder().setFilters(5).setKernelSize(3), 2, 9, 4, 1, 1, 0, 1);
        assertMatchesDirect(Conv1D.builder().setFilters(5).setKernelSize(4).optStrides(2)
                .optPadding(ConvPadding.SAME), 3, 9, 4, 2, 1, 1, 1);
        assertMatchesDirect(Conv1D.builder().setFilters(3).setKernelSize(3).optDilationRate(2)
                .optPadding(ConvPadding.CAUSAL), 2, 8, 4, 1, 2, 4, 1);
        assertMatchesDirect(Conv1D.builder().setFilters(6).setKernelSize(2).optGroups(3).optUseBias(false)
                .optPadding(ConvPadding.SAME), 2, 7, 6, 1, 1, 0, 3);
    }

    @Test
    void tapGemmsMatchADirectConvolutionOnABatchLargeEnoughToSplitAcrossThreads() {
        // 16 x 40 rows, depth 5 x 16, 24 filters: about 1.2 million multiply-adds, above GEMM's parallel threshold
        assertMatchesDirect(Conv1D.builder().setFilters(24).setKernelSize(5).optStrides(1), 16, 44, 16, 1, 1, 0, 1);
        assertMatchesDirect(Conv1D.builder().setFilters(24).setKernelSize(7).optStrides(3).optGroups(2), 16, 120, 16,
                3, 1, 0, 2);
    }

    @Test
    void fusedActivationsMatchTheirComposedTwins() {
        Tensor x = TestTensors.normal(new Rng(12), 3, 9, 4);
        Tensor r = TestTensors.normal(new Rng(13), 3, 5, 6);   // same padding, stride 2: ceil(9 / 2) = 5 steps
        for (Activation activation : List.of(Activation.RELU, Activation.TANH, Activation.SIGMOID)) {
            Conv1D.Builder builder = Conv1D.builder().setFilters(6).setKernelSize(3).optStrides(2)
                    .optPadding(ConvPadding.SAME).optGroups(2);
            Conv1D fused = built(builder.optActivation(activation).build(), 9, 4);
            Conv1D linear = built(builder.optActivation(Activation.LINEAR).build(), 9, 4);
            linear.setWeights(fused.getWeights());
            Variable xFused = Variable.parameter(x.copy());
            Variable xTwin = Variable.parameter(x.copy());
            Variable yFused = fused.call(xFused, false);
            Variable yTwin = activation.apply(linear.call(xTwin, false));
            assertTrue(yTwin.value().allClose(yFused.value(), Tolerances.ROUNDING), activation::kerasName);
            yFused.mul(Variable.constant(r)).sum().backward();
            yTwin.mul(Variable.constant(r)).sum().backward();
            assertTrue(xTwin.grad().allClose(xFused.grad(), Tolerances.ROUNDING), activation::kerasName);
            for (int i = 0; i < 2; i++) {
                Tensor expected = linear.parameters().get(i).grad();
                Tensor actual = fused.parameters().get(i).grad();
                assertTrue(expected.allClose(actual, Tolerances.ROUNDING), () -> activation.kerasName() + " weight");
            }
        }
    }

    @Test
    void conv1dGradientsMatchFiniteDifferences() {
        Tensor x = TestTensors.normal(new Rng(5), 2, 7, 4);
        List<Conv1D> layers = List.of(
                new Conv1D(3, 3),
                Conv1D.builder().setFilters(3).setKernelSize(4).optStrides(2).optPadding(ConvPadding.SAME)
                        .optActivation(Activation.TANH).build(),
                Conv1D.builder().setFilters(2).setKernelSize(2).optDilationRate(3).optPadding(ConvPadding.CAUSAL).build(),
                Conv1D.builder().setFilters(4).setKernelSize(3).optGroups(2).optPadding(ConvPadding.SAME)
                        .optUseBias(false).build(),
                // interior windows read as overlapping rows, edge rows tap by tap: both edges, then the left one
                Conv1D.builder().setFilters(3).setKernelSize(5).optPadding(ConvPadding.SAME)
                        .optActivation(Activation.RELU).build(),
                Conv1D.builder().setFilters(3).setKernelSize(3).optStrides(3).optPadding(ConvPadding.CAUSAL).build());
        for (Conv1D layer : layers) {
            var result = GradientChecks.checkLayer(layer, x);
            assertTrue(result.passed(Tolerances.GRADIENT_CHECK), () -> layer.config() + ": " + result);
        }
    }

    @Test
    void weightsHaveKerasLayoutAndCount() {
        Conv1D conv = built(Conv1D.builder().setFilters(128).setKernelSize(7).optStrides(3).build(), 500, 128);
        assertArrayEquals(new int[] {7, 128, 128}, conv.parameters().get(0).value().shape());
        assertEquals(7 * 128 * 128 + 128, conv.countParams());
        Conv1D grouped = built(Conv1D.builder().setFilters(6).setKernelSize(2).optGroups(3).optUseBias(false).build(),
                10, 9);
        assertArrayEquals(new int[] {2, 3, 6}, grouped.parameters().get(0).value().shape());
    }

    @Test
    void outputLengthFollowsThePaddingAndStaysUnknownForUnknownTime() {
        assertArrayEquals(new int[] {165, 128}, Conv1D.builder().setFilters(128).setKernelSize(7).optStrides(3).build()
                .outputShape(new int[] {500, 64}));
        assertArrayEquals(new int[] {4, 2}, Conv1D.builder().setFilters(2).setKernelSize(3).optStrides(3)
                .optPadding(ConvPadding.SAME).build().outputShape(new int[] {10, 1}));
        assertArrayEquals(new int[] {10, 2}, Conv1D.builder().setFilters(2).setKernelSize(5).optDilationRate(2)
                .optPadding(ConvPadding.CAUSAL).build().outputShape(new int[] {10, 1}));
        assertArrayEquals(new int[] {-1, 2}, new Conv1D(2, 3).outputShape(new int[] {-1, 4}));
    }

    @Test
    void causalOutputsSeeNoLaterStep() {
        Conv1D conv = built(Conv1D.builder().setFilters(2).setKernelSize(3).optDilationRate(2)
                .optPadding(ConvPadding.CAUSAL).build(), 8, 3);
        Tensor x = Tensor.normal(new Rng(9), 0f, 1f, 1, 8, 3);
        Tensor changed = x.copy();
        changed.set(5f, 0, 6, 1);
        Tensor a = conv.call(Variable.constant(x), false).value();
        Tensor b = conv.call(Variable.constant(changed), false).value();
        assertArrayEquals(a.slice(1, 0, 6).toArray(), b.slice(1, 0, 6).toArray());
        assertTrue(a.get(0, 6, 0) != b.get(0, 6, 0));
    }

    @Test
    void aKernelLongerThanTheInputIsRefusedAtBuildNamingLayerArgumentAndShapes() {
        Conv1D conv = Conv1D.builder().optName("conv").setFilters(4).setKernelSize(3).optDilationRate(3).build();
        String message = assertThrows(IllegalArgumentException.class,
                () -> SequentialNetwork.of(Input.of(6, 2), conv).build()).getMessage();
        assertTrue(message.contains("'conv' (Conv1D)") && message.contains("kernel_size 3")
                && message.contains("dilation_rate 3") && message.contains("spans 7 steps")
                && message.contains("6 input steps"), message);
        // same and causal padding always fit
        SequentialNetwork.of(Input.of(2, 2), Conv1D.builder().setFilters(1).setKernelSize(5).optPadding(ConvPadding.SAME).build())
                .build();
    }

    @Test
    void aKernelLongerThanASequenceOfUnknownLengthIsRefusedAtCall() {
        Conv1D conv = built(new Conv1D(2, 4), -1, 3);
        String message = assertThrows(IllegalArgumentException.class,
                () -> conv.call(Variable.constant(Tensor.zeros(1, 3, 3)), false)).getMessage();
        assertTrue(message.contains("kernel_size 4") && message.contains("3 input steps"), message);
    }

    @Test
    void wrongInputsAreRefusedNamingTheLayerAndTheShapes() {
        String rank = assertThrows(IllegalArgumentException.class,
                () -> SequentialNetwork.of(Input.of(10), new Conv1D(2, 3)).build()).getMessage();
        assertTrue(rank.contains("Conv1D") && rank.contains("(batch, time, channels)") && rank.contains("[10]"), rank);
        String groups = assertThrows(IllegalArgumentException.class, () -> SequentialNetwork.of(Input.of(10, 5),
                Conv1D.builder().setFilters(4).setKernelSize(3).optGroups(2).build()).build()).getMessage();
        assertTrue(groups.contains("input channels (5)") && groups.contains("groups (2)"), groups);
        Conv1D conv = built(new Conv1D(2, 3), 10, 4);
        String channels = assertThrows(IllegalArgumentException.class,
                () -> conv.call(Variable.constant(Tensor.zeros(2, 10, 5)), false)).getMessage();
        assertTrue(channels.contains("(batch, time, 4)") && channels.contains("[2, 10, 5]"), channels);
    }

    @Test
    void badOptionsAreRefusedAsKerasRefusesThem() {
        assertThrows(IllegalArgumentException.class, () -> new Conv1D(0, 3));
        assertThrows(IllegalArgumentException.class, () -> new Conv1D(3, 0));
        String groups = assertThrows(IllegalArgumentException.class,
                () -> Conv1D.builder().setFilters(5).setKernelSize(3).optGroups(2).build()).getMessage();
        assertTrue(groups.contains("filters (5)") && groups.contains("groups (2)"), groups);
        String both = assertThrows(IllegalArgumentException.class,
                () -> Conv1D.builder().setFilters(5).setKernelSize(3).optStrides(2).optDilationRate(2).build())
                .getMessage();
        assertTrue(both.contains("strides=2") && both.contains("dilation_rate=2"), both);
    }

    @Test
    void aTimestepMaskIsDroppedAsKerasDoes() {
        Conv1D conv = built(new Conv1D(2, 2), 4, 3);
        Variable x = Variable.constant(Tensor.ones(1, 4, 3)).withMask(Tensor.of(new float[] {1, 1, 0, 0}, 1, 4));
        assertNull(conv.call(x, false).mask());
    }
}
