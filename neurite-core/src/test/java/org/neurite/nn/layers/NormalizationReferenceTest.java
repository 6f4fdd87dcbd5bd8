package org.neurite.nn.layers;

import org.junit.jupiter.api.Test;
import org.neurite.testing.KerasFixture;

/**
 * The normalisation layers against Keras 3 on the same weights and inputs: outputs, gradients with
 * respect to inputs and weights, moving statistics and masks, from the fixtures that
 * {@code reference/keras/make_conv_norm_fixtures.py} writes.
 */
class NormalizationReferenceTest {
    private static KerasFixture fixture(String name) {
        return KerasFixture.load("/reference/keras/" + name);
    }

    @Test
    void layerNormalizationMatchesKeras() {
        fixture("layer_norm").check(new LayerNormalization(), false);
    }

    @Test
    void layerNormalizationOverTwoAxesWithoutCenterMatchesKeras() {
        fixture("layer_norm_axes").check(LayerNormalization.builder().optAxis(1, 2).optCenter(false).optEpsilon(1e-5f)
                .build(), false);
    }

    @Test
    void layerNormalizationKeepsTheMaskAsKerasDoes() {
        fixture("layer_norm_mask").check(new LayerNormalization(), true);
    }

    @Test
    void rmsNormalizationMatchesKeras() {
        fixture("rms_norm").check(new RMSNormalization(), false);
    }

    @Test
    void rmsNormalizationOverTwoAxesMatchesKeras() {
        fixture("rms_norm_axes").check(new RMSNormalization(null, new int[] {1, 2}, 1e-3f), false);
    }

    @Test
    void batchNormalizationInTrainingMatchesKerasAndUpdatesTheMovingStatistics() {
        fixture("batch_norm_training").check(BatchNormalization.builder().optMomentum(0.9f).build(), true);
    }

    @Test
    void batchNormalizationAtInferenceUsesTheMovingStatisticsAsKerasDoes() {
        fixture("batch_norm_inference").check(new BatchNormalization(), false);
    }

    @Test
    void batchNormalizationWithAMaskCountsOnlyRealStepsAsKerasDoes() {
        fixture("batch_norm_masked").check(new BatchNormalization(), true);
    }

    @Test
    void batchNormalizationOverTheTimeAxisMatchesKeras() {
        fixture("batch_norm_axis1").check(BatchNormalization.builder().optAxis(1).optCenter(false).optEpsilon(1e-2f)
                .build(), true);
    }

    @Test
    void batchNormalizationOfFlatFeaturesWithoutScaleMatchesKeras() {
        fixture("batch_norm_2d").check(BatchNormalization.builder().optScale(false).build(), true);
    }
}
