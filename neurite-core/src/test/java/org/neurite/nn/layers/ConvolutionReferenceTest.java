package org.neurite.nn.layers;

import org.junit.jupiter.api.Test;
import org.neurite.nn.Activation;
import org.neurite.testing.KerasFixture;

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
    void spatialDropoutAtInferencePassesInputsAndMaskThroughAsKerasDoes() {
        fixture("spatial_dropout_inference").check(new SpatialDropout1D(0.5f), false);
    }
}
