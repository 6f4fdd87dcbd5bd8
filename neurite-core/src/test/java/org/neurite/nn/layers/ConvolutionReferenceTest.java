package org.neurite.nn.layers;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.neurite.nn.Activation;
import org.neurite.nn.Input;
import org.neurite.nn.Network;
import org.neurite.nn.SequentialNetwork;
import org.neurite.tensor.Tensor;
import org.neurite.testing.KerasFixture;
import org.neurite.testing.Tolerances;

/**
 * Conv1D, the 1-D poolings, ZeroPadding1D, UpSampling1D and SpatialDropout1D against Keras 3 on the
 * same weights and inputs: outputs, gradients with respect to inputs and weights, and what becomes of
 * a timestep mask, from the fixtures that {@code reference/keras/make_conv_norm_fixtures.py} writes.
 */
class ConvolutionReferenceTest {
    private static KerasFixture fixture(String name) {
        return KerasFixture.load("/reference/keras/" + name);
    }

    @Test
    void conv1dWithValidPaddingMatchesKeras() {
        fixture("conv1d_valid").check(new Conv1D(5, 3), false);
    }

    @Test
    void conv1dWithSamePaddingAndStridesMatchesKeras() {
        fixture("conv1d_same_strides").check(Conv1D.builder().setFilters(5).setKernelSize(4).optStrides(2)
                .optPadding(ConvPadding.SAME).optActivation(Activation.TANH).build(), false);
    }

    @Test
    void conv1dCausalAndDilatedMatchesKeras() {
        fixture("conv1d_causal_dilated").check(Conv1D.builder().setFilters(3).setKernelSize(3)
                .optPadding(ConvPadding.CAUSAL).optDilationRate(2).build(), false);
    }

    @Test
    void conv1dWithGroupsAndNoBiasMatchesKeras() {
        fixture("conv1d_groups").check(Conv1D.builder().setFilters(6).setKernelSize(2).optPadding(ConvPadding.SAME)
                .optGroups(2).optUseBias(false).build(), false);
    }

    @Test
    void conv1dWithStridesAndReluMatchesKeras() {
        fixture("conv1d_strides3_relu").check(Conv1D.builder().setFilters(4).setKernelSize(3).optStrides(3)
                .optActivation(Activation.RELU).build(), false);
    }

    @Test
    void conv1dDropsTheMaskAsKerasDoes() {
        fixture("conv1d_masked").check(new Conv1D(4, 2), false);
    }

    @Test
    void maxPoolingMatchesKeras() {
        fixture("max_pool").check(new MaxPooling1D(), false);
    }

    @Test
    void maxPoolingWithSamePaddingMatchesKeras() {
        fixture("max_pool_same").check(new MaxPooling1D(null, 3, 2, ConvPadding.SAME), false);
    }

    @Test
    void averagePoolingWithOverlappingWindowsMatchesKeras() {
        fixture("average_pool").check(new AveragePooling1D(null, 3, 1, ConvPadding.VALID), false);
    }

    @Test
    void averagePoolingWithSamePaddingCountsOnlyRealStepsAsKerasDoes() {
        fixture("average_pool_same").check(new AveragePooling1D(null, 3, 2, ConvPadding.SAME), false);
    }

    @Test
    void averagePoolingDropsTheMaskAsKerasDoes() {
        fixture("average_pool_masked").check(new AveragePooling1D(2), false);
    }

    @Test
    void zeroPaddingMatchesKeras() {
        fixture("zero_padding").check(new ZeroPadding1D(1, 2), false);
    }

    @Test
    void zeroPaddingDropsTheMaskAsKerasDoes() {
        fixture("zero_padding_masked").check(new ZeroPadding1D(), false);
    }

    @Test
    void upSamplingMatchesKeras() {
        fixture("up_sampling").check(new UpSampling1D(3), false);
    }

    @Test
    void aTextModelWithEveryConvolutionAndNormalisationLayerPredictsAsKeras() {
        KerasFixture f = fixture("model");
        Network model = SequentialNetwork.of(Input.of(12),
                Embedding.builder().setInputDim(20).setOutputDim(6).optMaskZero(true).build(),
                new SpatialDropout1D(0.3f),
                Conv1D.builder().setFilters(8).setKernelSize(3).optPadding(ConvPadding.SAME)
                        .optActivation(Activation.RELU).build(),
                new BatchNormalization(),
                new MaxPooling1D(2),
                Conv1D.builder().setFilters(6).setKernelSize(2).optPadding(ConvPadding.CAUSAL).optDilationRate(2)
                        .optGroups(2).optActivation(Activation.TANH).build(),
                new LayerNormalization(),
                new UpSampling1D(2),
                new ZeroPadding1D(1, 0),
                new AveragePooling1D(null, 3, 2, ConvPadding.SAME),
                new RMSNormalization(),
                new GlobalMaxPooling1D(),
                new Dense(1, Activation.SIGMOID));
        model.build();
        List<Tensor> weights = new ArrayList<>();
        for (int i = 0; i < model.parameters().size(); i++) {
            weights.add(f.get("w" + i).reshape(model.parameters().get(i).value().shape()));
        }
        model.setWeights(weights);
        Tensor expected = f.get("output");
        Tensor actual = model.predict(f.get("x"), 5);
        assertTrue(expected.allClose(actual, Tolerances.REFERENCE), () -> "expected " + expected + ", got " + actual);
    }

    @Test
    void spatialDropoutAtInferencePassesInputsAndMaskThroughAsKerasDoes() {
        fixture("spatial_dropout_inference").check(new SpatialDropout1D(0.5f), false);
    }
}
