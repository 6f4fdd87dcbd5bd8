package org.neurite.nn.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.neurite.autograd.Variable;
import org.neurite.nn.Input;
import org.neurite.nn.Layer;
import org.neurite.nn.Network;
import org.neurite.nn.Parameter;
import org.neurite.nn.SymbolicTensor;
import org.neurite.tensor.Rng;
import org.neurite.tensor.Tensor;
import org.neurite.testing.Tolerances;

/**
 * The attention layers against Keras 3 on the same weights and inputs: outputs, attention scores,
 * and the gradients of {@code sum(output·r) (+ sum(scores·r_scores))} with respect to every input and
 * weight. The fixtures under {@code reference/keras/} are written by {@code make_attention_fixtures.py}
 * beside them; each names its Keras layer, options, masks and weights (in Keras' order, which the
 * layer's own must equal).
 */
class AttentionReferenceTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] INPUTS = {"query", "value", "key"};

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"attention_dot", "attention_dot_scale_key", "attention_masked", "attention_concat_masked",
        "attention_causal", "additive", "additive_noscale_causal_key", "mha_self", "mha_cross_options", "mha_masked",
        "mha_masked_scores", "mha_masked_dropout", "mha_causal_attention_mask", "mha_causal_only", "gqa", "gqa_causal_scores",
        "gqa_multi_query"})
    void matchesKeras(String fixture) {
        JsonNode f = load(fixture);
        Layer layer = layerFor(f.get("layer").asText(), f.get("options"));
        List<Variable> inputs = new ArrayList<>();
        for (String name : INPUTS) {
            if (f.get("inputs").has(name)) {
                Variable x = Variable.parameter(tensor(f.get("inputs").get(name)));
                if (f.get("masks").has(name)) {
                    x.withMask(tensor(f.get("masks").get(name)));
                }
                inputs.add(x);
            }
        }
        layer.build(inputs.stream().map(x -> Arrays.copyOfRange(x.shape(), 1, 3)).toList(), new Rng(0));
        setWeights(layer, f.get("weights"), fixture);

        AttentionResult result = call(layer, inputs, f);
        Tensor expectedOutput = tensor(f.get("output"));
        assertClose(expectedOutput, result.output().value(), largest(expectedOutput), fixture + " output");
        Variable loss = result.output().mul(Variable.constant(tensor(f.get("r")))).sum();
        if (f.has("scores")) {
            Tensor expectedScores = tensor(f.get("scores"));
            assertClose(expectedScores, result.scores().value(), largest(expectedScores), fixture + " scores");
            loss = loss.add(result.scores().mul(Variable.constant(tensor(f.get("r_scores")))).sum());
        }
        loss.backward();
        JsonNode grads = f.get("grads");
        float gradientScale = 0f;
        for (JsonNode g : grads) {
            gradientScale = Math.max(gradientScale, largest(tensor(g)));
        }
        for (int i = 0; i < inputs.size(); i++) {
            assertClose(tensor(grads.get(INPUTS[i])), gradOrZeros(inputs.get(i).grad(), inputs.get(i).value()),
                    gradientScale, fixture + " gradient of " + INPUTS[i]);
        }
        for (Parameter p : layer.parameters()) {
            String kerasName = p.name().replace('.', '/');
            assertClose(tensor(grads.get(kerasName)), gradOrZeros(p.grad(), p.value()), gradientScale,
                    fixture + " gradient of " + kerasName);
        }
    }

    @Test
    void aModelOfAttentionLayersOverPaddedTokensPredictsAsKeras() {
        JsonNode f = load("attention_model");
        SymbolicTensor ids = Input.of(6);
        SymbolicTensor x = Embedding.builder().optName("embedding").setInputDim(12).setOutputDim(8).optMaskZero(true)
                .build().apply(ids);
        SymbolicTensor a = MultiHeadAttention.builder().optName("mha").setNumHeads(2).setKeyDim(4).build().apply(x, x);
        SymbolicTensor b = Attention.builder().optName("attention").optUseScale(true).build().apply(a, x);
        SymbolicTensor pooled = new GlobalAveragePooling1D().apply(new Add().apply(x, a, b));
        Network model = Network.functional(ids, new Dense(3).apply(pooled));
        model.build();
        List<Parameter> params = model.parameters();
        JsonNode weights = f.get("weights");
        assertEquals(weights.size(), params.size(), "number of weights");
        List<Tensor> values = new ArrayList<>();
        for (int i = 0; i < params.size(); i++) {
            assertEquals(weights.get(i).get("name").asText(), params.get(i).path().replace('.', '/'), "weight " + i);
            values.add(tensor(weights.get(i)));
        }
        model.setWeights(values);
        Tensor expected = tensor(f.get("output"));
        assertClose(expected, model.predict(tensor(f.get("inputs").get("ids")), 3), largest(expected), "predictions");
    }

    /** Scores are only returned when the fixture has them: then {@code callWithScores}, else the graph's call. */
    private static AttentionResult call(Layer layer, List<Variable> inputs, JsonNode f) {
        boolean scores = f.has("scores");
        Tensor attentionMask = f.get("masks").has("attention") ? tensor(f.get("masks").get("attention")) : null;
        Variable key = inputs.size() == 3 ? inputs.get(2) : null;
        return switch (layer) {
            case BaseDenseAttention a -> scores ? a.callWithScores(inputs, false)
                    : new AttentionResult(a.call(inputs, false), null);
            case MultiHeadAttention m -> scores ? m.callWithScores(inputs.get(0), inputs.get(1), key, attentionMask, false)
                    : new AttentionResult(attentionMask == null ? m.call(inputs, false)
                            : m.call(inputs.get(0), inputs.get(1), key, attentionMask, false), null);
            case GroupedQueryAttention g -> scores ? g.callWithScores(inputs.get(0), inputs.get(1), key, attentionMask, false)
                    : new AttentionResult(g.call(inputs, false), null);
            default -> throw new AssertionError("no attention layer: " + layer.type());
        };
    }

    private static Layer layerFor(String kerasClass, JsonNode o) {
        boolean causal = o.path("use_causal_mask").asBoolean(false);
        return switch (kerasClass) {
            case "Attention" -> Attention.builder().optUseScale(o.path("use_scale").asBoolean(false))
                    .optScoreMode(Attention.ScoreMode.byName(o.path("score_mode").asText("dot")))
                    .optUseCausalMask(causal).build();
            case "AdditiveAttention" -> new AdditiveAttention(null, o.path("use_scale").asBoolean(true), 0f, causal);
            case "MultiHeadAttention" -> MultiHeadAttention.builder().setNumHeads(o.get("num_heads").asInt())
                    .setKeyDim(o.get("key_dim").asInt()).optValueDim(o.path("value_dim").asInt(0))
                    .optUseBias(o.path("use_bias").asBoolean(true)).optOutputShape(o.path("output_shape").asInt(0))
                    .optDropout((float) o.path("dropout").asDouble(0)).optUseCausalMask(causal).build();
            case "GroupedQueryAttention" -> GroupedQueryAttention.builder().setHeadDim(o.get("head_dim").asInt())
                    .setNumQueryHeads(o.get("num_query_heads").asInt())
                    .setNumKeyValueHeads(o.get("num_key_value_heads").asInt())
                    .optUseBias(o.path("use_bias").asBoolean(true)).optUseCausalMask(causal).build();
            default -> throw new AssertionError("unknown Keras layer " + kerasClass);
        };
    }

    /** Copies Keras' weights in, checking that the layer's weights have Keras' names, order and shapes. */
    private static void setWeights(Layer layer, JsonNode weights, String fixture) {
        List<Parameter> params = layer.parameters();
        assertEquals(weights.size(), params.size(), fixture + ": number of weights");
        for (int i = 0; i < params.size(); i++) {
            JsonNode w = weights.get(i);
            assertEquals(w.get("name").asText(), params.get(i).name().replace('.', '/'), fixture + ": weight " + i);
            params.get(i).value().copyFrom(tensor(w));
        }
    }

    private static Tensor gradOrZeros(Tensor grad, Tensor like) {
        return grad != null ? grad : Tensor.zeros(like.shape());
    }

    /** The largest magnitude in {@code t}. */
    private static float largest(Tensor t) {
        float max = 0f;
        for (float v : t.toArray()) {
            max = Math.max(max, Math.abs(v));
        }
        return max;
    }

    /**
     * Within {@link Tolerances#REFERENCE} of {@code scale}: the output's largest magnitude for outputs
     * and scores, the largest gradient of the fixture for gradients (some gradients are zero in exact
     * arithmetic, the key bias's under a softmax, and both libraries leave rounding noise there).
     */
    private static void assertClose(Tensor expected, Tensor actual, float scale, String what) {
        assertNotNull(actual, what + ": missing");
        assertTrue(Arrays.equals(expected.shape(), actual.shape()), what + ": shape " + Arrays.toString(actual.shape())
                + ", expected " + Arrays.toString(expected.shape()));
        float[] e = expected.toArray();
        float[] a = actual.toArray();
        for (int i = 0; i < e.length; i++) {
            float error = Math.abs(e[i] - a[i]) / scale;
            assertTrue(error <= Tolerances.REFERENCE, what + ": element " + i + " is " + a[i] + ", Keras has " + e[i]
                    + " (error " + error + " of scale " + scale + ")");
        }
    }

    private static Tensor tensor(JsonNode t) {
        JsonNode shape = t.get("shape");
        int[] dims = new int[shape.size()];
        for (int i = 0; i < dims.length; i++) {
            dims[i] = shape.get(i).asInt();
        }
        JsonNode data = t.get("data");
        float[] values = new float[data.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) data.get(i).asDouble();
        }
        return Tensor.of(values, dims);
    }

    private static JsonNode load(String name) {
        String path = "/reference/keras/" + name + ".json";
        try (InputStream in = AttentionReferenceTest.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing fixture " + path);
            }
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
