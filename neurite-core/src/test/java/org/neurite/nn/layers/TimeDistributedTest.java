package org.neurite.nn.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.neurite.testing.GradientAssertions.assertGradientsMatch;
import static org.neurite.testing.GradientAssertions.assertWeightGradientsMatch;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.neurite.autograd.Variable;
import org.neurite.nn.Activation;
import org.neurite.nn.Input;
import org.neurite.nn.SequentialNetwork;
import org.neurite.tensor.Rng;
import org.neurite.tensor.Tensor;
import org.neurite.testing.Tolerances;

class TimeDistributedTest {
    @Test
    void appliesTheLayerToEveryStepWithSharedWeights() {
        SequentialNetwork model = SequentialNetwork.of(Input.of(5, 3), new TimeDistributed(new Dense(4, Activation.TANH)));
        model.build();
        assertArrayEquals(new int[] {5, 4}, model.outputShapes().get(0));
        assertEquals(16, model.countParams());
        assertEquals(List.of("time_distributed.dense.kernel", "time_distributed.dense.bias"),
                List.copyOf(model.parametersByPath().keySet()));
        Tensor x = Tensor.normal(new Rng(1), 0f, 1f, 2, 5, 3);
        Tensor out = model.call(Variable.constant(x), false).value();
        Tensor kernel = model.parameters().get(0).value();
        Tensor oneStep = x.slice(1, 2, 3).reshape(2, 3).matmul(kernel).tanh();
        assertTrue(oneStep.allClose(out.slice(1, 2, 3).reshape(2, 4), Tolerances.ROUNDING));
    }

    @Test
    void passesTheTimestepMaskThrough() {
        TimeDistributed layer = new TimeDistributed(new Dense(2));
        layer.build(List.of(new int[] {3, 4}), new Rng(2));
        Tensor mask = Tensor.of(new float[] {1, 1, 0, 1, 0, 0}, 2, 3);
        Variable out = layer.call(Variable.constant(Tensor.ones(2, 3, 4)).withMask(mask), false);
        assertSame(mask, out.mask());
        assertArrayEquals(new int[] {2, 3, 2}, out.shape());
    }

    @Test
    void gradientsMatchFiniteDifferencesForInputsAndWeights() {
        TimeDistributed layer = new TimeDistributed(new Dense(3, Activation.TANH));
        layer.build(List.of(new int[] {4, 2}), new Rng(3));
        Tensor x = Tensor.normal(new Rng(4), 0f, 1f, 2, 4, 2);
        assertGradientsMatch(v -> layer.call(v[0], true), x);
        assertWeightGradientsMatch(layer.parameters(), () -> layer.call(Variable.constant(x), true));
    }

    @Test
    void rejectsInputsWithoutATimeAxis() {
        TimeDistributed layer = new TimeDistributed(new Dense(2));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> layer.outputShape(new int[] {4}));
        assertTrue(e.getMessage().contains("(batch, time, ...)"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new TimeDistributed(null));
    }

    @Test
    void configNestsTheLayersConfig() {
        Dense dense = new Dense(7, Activation.RELU);
        Map<String, Object> config = new TimeDistributed(dense).config();
        assertEquals(List.of("name", "layer"), List.copyOf(config.keySet()));
        assertEquals(Map.of("class_name", "Dense", "config", dense.config()), config.get("layer"));
    }
}
