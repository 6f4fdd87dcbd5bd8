package org.neurite.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neurite.nn.Activation;
import org.neurite.nn.Input;
import org.neurite.nn.Network;
import org.neurite.nn.Regularizer;
import org.neurite.nn.SequentialNetwork;
import org.neurite.nn.layers.AveragePooling1D;
import org.neurite.nn.layers.BatchNormalization;
import org.neurite.nn.layers.Conv1D;
import org.neurite.nn.layers.ConvPadding;
import org.neurite.nn.layers.Dense;
import org.neurite.nn.layers.Embedding;
import org.neurite.nn.layers.GlobalMaxPooling1D;
import org.neurite.nn.layers.LayerNormalization;
import org.neurite.nn.layers.MaxPooling1D;
import org.neurite.nn.layers.RMSNormalization;
import org.neurite.nn.layers.SpatialDropout1D;
import org.neurite.nn.layers.UpSampling1D;
import org.neurite.nn.layers.ZeroPadding1D;
import org.neurite.tensor.Tensor;
import org.neurite.train.Adam;
import org.neurite.train.FitOptions;
import org.neurite.train.Losses;
import org.neurite.train.Trainer;

/** The convolution and normalisation layers survive the model file with their options and weights. */
class ModelFileConvNormTest {
    @TempDir
    Path dir;

    @Test
    void convolutionAndNormalisationLayersRoundTripWithTheirOptionsAndWeights() throws IOException {
        Network model = SequentialNetwork.of(Input.of(12),
                new Embedding(20, 6),
                new SpatialDropout1D(0.25f),
                Conv1D.builder().setFilters(8).setKernelSize(3).optPadding(ConvPadding.CAUSAL).optDilationRate(2)
                        .optGroups(2).optActivation(Activation.RELU).optKernelRegularizer(Regularizer.l2(1e-3f)).build(),
                BatchNormalization.builder().optMomentum(0.9f).optEpsilon(1e-2f).build(),
                new ZeroPadding1D(1, 2),
                new MaxPooling1D(null, 3, 2, ConvPadding.SAME),
                new UpSampling1D(3),
                new AveragePooling1D(null, 2, 1, ConvPadding.VALID),
                LayerNormalization.builder().optCenter(false).optEpsilon(1e-5f).build(),
                new RMSNormalization(null, new int[] {1, 2}, 1e-4f),
                Conv1D.builder().setFilters(4).setKernelSize(2).optStrides(2).optPadding(ConvPadding.SAME).build(),
                new GlobalMaxPooling1D(),
                new Dense(1, Activation.SIGMOID)).seed(11);
        Tensor ids = Tensor.arange(60).reshape(5, 12);
        for (int i = 0; i < ids.size(); i++) {
            ids.data()[i] = (i * 7) % 20;
        }
        Tensor labels = Tensor.of(new float[] {1, 0, 1, 0, 1}, 5, 1);
        // one epoch moves the weights and the moving statistics away from their initial values
        Trainer.compile(model, new Adam(0.01f), Losses.binaryCrossentropy())
                .fit(ids, labels, FitOptions.builder().batchSize(5).epochs(1).build());
        Path file = dir.resolve("conv.neurite");

        ModelFile.save(model, file);
        Network loaded = ModelFile.load(file).model();

        assertArrayEquals(model.predict(ids, 5).toArray(), loaded.predict(ids, 5).toArray());
        assertEquals(model.parametersByPath().keySet(), loaded.parametersByPath().keySet());
        for (int i = 0; i < model.layers().size(); i++) {
            assertEquals(ConfigJson.toJson(model.layers().get(i).config(), "original"),
                    ConfigJson.toJson(loaded.layers().get(i).config(), "loaded"));
        }
    }
}
