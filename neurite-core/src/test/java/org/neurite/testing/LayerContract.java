package org.neurite.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.neurite.autograd.Variable;
import org.neurite.io.LayerRegistry;
import org.neurite.io.ModelFile;
import org.neurite.nn.GradientChecks;
import org.neurite.nn.Input;
import org.neurite.nn.Layer;
import org.neurite.nn.Network;
import org.neurite.nn.Parameter;
import org.neurite.nn.SymbolicTensor;
import org.neurite.tensor.Rng;
import org.neurite.tensor.Tensor;
import org.neurite.train.SGD;

/**
 * The contract every layer type keeps, checked on one tiny {@link LayerCase}: Keras'
 * {@code run_layer_test}. Each check makes a fresh layer inside a functional model (so that it is
 * named and built as in real use), on a batch of {@value #BATCH}:
 * <ul>
 *   <li>the output's shape is what {@code outputShape} promised;</li>
 *   <li>the parameter count is Keras';</li>
 *   <li>{@code config()} read back through the registry gives the same config;</li>
 *   <li>a model file round trip gives bit-identical outputs;</li>
 *   <li>a timestep mask is handled as the case declares;</li>
 *   <li>one training step changes every trainable weight;</li>
 *   <li>the tape's gradients (weights and real-valued inputs) match finite differences.</li>
 * </ul>
 */
public final class LayerContract {
    /** The batch size of every check: small, but more than one sample, so that rows cannot mix unseen. */
    public static final int BATCH = 2;
    private static final long SEED = 7;
    private static final float LEARNING_RATE = 0.1f;

    private LayerContract() {
    }

    /** A fresh layer of a case, inside a built functional model, with inputs for it. */
    public record Built(Layer layer, Network model, List<Tensor> inputs) {
        /** The layer on the inputs, each as a constant. */
        public Variable call(boolean training) {
            return layer.call(inputs.stream().map(Variable::constant).toList(), training);
        }
    }

    /** Makes the case's layer, applies it to named inputs of a functional model and builds that. */
    public static Built build(LayerCase c) {
        Layer layer = c.layer().get();
        List<SymbolicTensor> inputs = new ArrayList<>();
        for (int i = 0; i < c.inputs().size(); i++) {
            inputs.add(Input.named("input_" + i, c.inputs().get(i)));
        }
        SymbolicTensor output = layer.apply(inputs.toArray(new SymbolicTensor[0]));
        Network model = Network.functional(inputs, List.of(output)).seed(SEED).build();
        return new Built(layer, model, inputs(c, new Rng(SEED)));
    }

    public static void assertOutputShapeMatches(LayerCase c) {
        Built b = build(c);
        int[] promised = b.layer().outputShape(c.inputs());
        int[] actual = b.call(false).shape();
        assertArrayEquals(withBatch(promised), actual, () -> c + ": outputShape " + Arrays.toString(promised)
                + " but call gave " + Arrays.toString(actual));
    }

    public static void assertParameterCount(LayerCase c) {
        assertEquals(c.params(), build(c).layer().countParams(), () -> c + ": parameter count");
    }

    /** {@code config()} made into a new layer by the registry, whose {@code config()} is the same. */
    public static void assertConfigRoundTrips(LayerCase c) {
        Layer layer = build(c).layer();
        Layer again = LayerRegistry.fromConfig(layer.type(), layer.config());
        assertEquals(layer.type(), again.type());
        assertEquals(comparable(layer.config()), comparable(again.config()), () -> c + ": config round trip");
    }

    public static void assertModelFileRoundTripIsBitIdentical(LayerCase c, Path dir) throws IOException {
        Built b = build(c);
        Path file = dir.resolve(b.layer().name() + ".neurite");
        ModelFile.save(b.model(), file);
        Network loaded = ModelFile.load(file).model();

        assertEquals(comparable(b.layer().config()), comparable(loaded.layers().get(0).config()), c::toString);
        float[] before = outputs(b.model(), b.inputs());
        float[] after = outputs(loaded, b.inputs());
        assertArrayEquals(before, after, () -> c + ": outputs differ after a model file round trip");
    }

    /** What the layer does with a mask on its first input, against the case's {@link LayerCase.MaskRule}. */
    public static void assertMaskHandled(LayerCase c) {
        Built b = build(c);
        if (c.mask() == LayerCase.MaskRule.NOT_A_SEQUENCE) {
            assertTrue(c.vocabulary() == 0 && c.inputs().get(0).length < 2,
                    () -> c + ": declared NOT_A_SEQUENCE but its input has a time axis");
            return;
        }
        int time = c.inputs().get(0)[0];
        Tensor mask = paddingMask(time);
        List<Tensor> padded = new ArrayList<>(b.inputs());
        padded.set(0, zeroMaskedSteps(padded.get(0), mask, 0f));
        switch (c.mask()) {
            case PRODUCES -> {
                Tensor made = call(b.layer(), padded, null).mask();
                assertNotNull(made, () -> c + ": made no mask from zero padding");
                assertArrayEquals(mask.toArray(), made.toArray(), () -> c + ": mask made from zero padding");
            }
            case PROPAGATES -> {
                Tensor out = call(b.layer(), padded, mask).mask();
                assertNotNull(out, () -> c + ": dropped the input's mask");
                assertArrayEquals(mask.toArray(), out.toArray(), () -> c + ": output mask");
            }
            case CONSUMES -> {
                Variable out = call(b.layer(), padded, mask);
                assertNull(out.mask(), () -> c + ": passed on a mask it consumes");
                List<Tensor> changed = new ArrayList<>(padded);
                changed.set(0, zeroMaskedSteps(padded.get(0), mask, c.vocabulary() > 0 ? 1f : 0.75f));
                assertArrayEquals(out.value().toArray(), call(b.layer(), changed, mask).value().toArray(),
                        Tolerances.ROUNDING, () -> c + ": masked steps changed the output");
            }
            case DROPS -> assertNull(call(b.layer(), padded, mask).mask(), () -> c + ": passed on a mask it ignores");
            case REFUSES -> {
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                        () -> call(b.layer(), padded, mask));
                assertTrue(e.getMessage().contains(b.layer().name()), e::getMessage);
            }
            case NOT_A_SEQUENCE -> throw new AssertionError("handled above");
        }
    }

    /** Loss {@code Σ output · r} for a fixed random r, one SGD step: every trainable weight moves. */
    public static void assertTrainingStepChangesEveryTrainableWeight(LayerCase c) {
        Built b = build(c);
        List<Parameter> weights = b.layer().parameters();
        if (weights.stream().noneMatch(Parameter::trainable)) {
            return;   // nothing to train: the step would have no gradient to take
        }
        Variable out = b.call(true);
        // taken after the forward pass: a training call may update state weights itself, as Keras'
        // BatchNormalization moves its moving statistics; the optimiser's step must leave them alone
        List<Tensor> before = b.layer().getWeights();
        Tensor r = Tensor.uniform(new Rng(SEED + 1), 0.5f, 1.5f, out.shape());
        weights.forEach(Parameter::zeroGrad);
        out.mul(Variable.constant(r)).sum().backward();
        new SGD(LEARNING_RATE).apply(weights);
        for (int i = 0; i < weights.size(); i++) {
            Parameter p = weights.get(i);
            boolean moved = !Arrays.equals(before.get(i).toArray(), p.value().toArray());
            assertEquals(p.trainable(), moved, () -> c + ": weight '" + p.path() + "' "
                    + (p.trainable() ? "did not change" : "is not trainable but changed") + " in a training step");
        }
    }

    /** The tape's gradients of the weights, and of real-valued inputs, against central finite differences. */
    public static void assertGradientsMatchFiniteDifferences(LayerCase c) {
        Built b = build(c);
        if (c.vocabulary() > 0) {
            List<Variable> ids = b.inputs().stream().map(Variable::constant).toList();
            GradientAssertions.assertWeightGradientsMatch(b.layer().parameters(), () -> b.layer().call(ids, false));
        } else {
            List<Variable> probe = b.inputs().stream().map(Variable::parameter).toList();
            if (!b.layer().call(probe, false).requiresGrad()) {
                // An output made from the input's shape alone (SinePositionEncoding): no gradient to check.
                assertTrue(b.layer().parameters().stream().noneMatch(Parameter::trainable),
                        () -> c + ": has trainable weights but its output does not depend on them");
                return;
            }
            var result = GradientChecks.checkLayer(b.layer(), b.inputs().toArray(new Tensor[0]));
            assertTrue(result.passed(Tolerances.GRADIENT_CHECK), () -> c + ": " + result);
        }
    }

    private static Variable call(Layer layer, List<Tensor> inputs, Tensor firstMask) {
        List<Variable> xs = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            Variable x = Variable.constant(inputs.get(i));
            xs.add(i == 0 && firstMask != null ? x.withMask(firstMask) : x);
        }
        return layer.call(xs, false);
    }

    private static float[] outputs(Network model, List<Tensor> inputs) {
        return model.callAll(inputs.stream().map(Variable::constant).toList(), false).get(0).value().toArray();
    }

    /**
     * Inputs for a case: token ids in {@code [1, vocabulary)}, or real values drawn as one
     * {@link TestTensors#distinct} run over all inputs and moved off zero, so that no two values (even in
     * different inputs of a merge) tie and none sits on a kink, and finite differences stay honest.
     */
    private static List<Tensor> inputs(LayerCase c, Rng rng) {
        List<Tensor> out = new ArrayList<>();
        if (c.vocabulary() > 0) {
            for (int[] shape : c.inputs()) {
                Tensor ids = Tensor.zeros(withBatch(shape));
                for (int i = 0; i < ids.size(); i++) {
                    ids.data()[i] = 1 + rng.nextInt(c.vocabulary() - 1);
                }
                out.add(ids);
            }
            return out;
        }
        int total = c.inputs().stream().mapToInt(s -> BATCH * Arrays.stream(s).reduce(1, (x, y) -> x * y)).sum();
        float[] all = TestTensors.distinct(rng, total).toArray();
        int at = 0;
        for (int[] shape : c.inputs()) {
            Tensor x = Tensor.zeros(withBatch(shape));
            for (int i = 0; i < x.size(); i++) {
                x.data()[i] = all[at++] + TestTensors.KINK_MARGIN;
            }
            out.add(x);
        }
        return out;
    }

    /** Sample {@code b} has {@code max(1, time - 1 - b)} real steps, then padding. */
    private static Tensor paddingMask(int time) {
        Tensor mask = Tensor.zeros(BATCH, time);
        for (int b = 0; b < BATCH; b++) {
            for (int t = 0; t < Math.max(1, time - 1 - b); t++) {
                mask.data()[b * time + t] = 1f;
            }
        }
        return mask;
    }

    /** A copy of {@code x} {@code (batch, time, ...)} with every masked step's values set to {@code value}. */
    private static Tensor zeroMaskedSteps(Tensor x, Tensor mask, float value) {
        Tensor out = x.copy();
        int step = x.size() / mask.size();
        for (int s = 0; s < mask.size(); s++) {
            if (mask.data()[s] == 0f) {
                Arrays.fill(out.data(), s * step, (s + 1) * step, value);
            }
        }
        return out;
    }

    private static int[] withBatch(int[] shape) {
        int[] out = new int[shape.length + 1];
        out[0] = BATCH;
        System.arraycopy(shape, 0, out, 1, shape.length);
        return out;
    }

    /** A config with arrays as lists, so that two configs compare by value. */
    private static Object comparable(Object value) {
        return switch (value) {
            case int[] ints -> Arrays.stream(ints).boxed().toList();
            case Map<?, ?> map -> {
                Map<Object, Object> out = new LinkedHashMap<>();
                map.forEach((k, v) -> out.put(k, comparable(v)));
                yield out;
            }
            case List<?> list -> list.stream().map(LayerContract::comparable).toList();
            case null, default -> value;
        };
    }
}
