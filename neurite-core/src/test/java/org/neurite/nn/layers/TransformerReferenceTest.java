package org.neurite.nn.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
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
import org.neurite.nn.Activation;
import org.neurite.nn.Input;
import org.neurite.nn.Parameter;
import org.neurite.tensor.Rng;
import org.neurite.tensor.Tensor;
import org.neurite.testing.GradientAssertions;
import org.neurite.testing.Tolerances;

/**
 * The transformer blocks against KerasHub on Keras 3: outputs and the gradients of
 * {@code sum(output·r)} with respect to the inputs and every weight, with KerasHub's weights copied
 * in by name. The fixtures under {@code reference/keras/} are written by
 * {@code make_transformer_fixtures.py} beside them.
 */
class TransformerReferenceTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"transformer_encoder", "transformer_encoder_padding", "transformer_encoder_first_padding",
        "transformer_encoder_keras_mask", "transformer_encoder_first_keras_mask", "transformer_decoder",
        "transformer_decoder_padding_first", "transformer_decoder_cross", "transformer_decoder_cross_first",
        "transformer_decoder_keras_mask"})
    void matchesKerasHub(String fixture) {
        JsonNode f = load(fixture);
        JsonNode in = f.get("inputs");
        boolean decoder = "TransformerDecoder".equals(f.get("layer").asText());
        Tensor x = tensor(in.get("x"));
        Tensor enc = in.has("encoder") ? tensor(in.get("encoder")) : null;
        org.neurite.nn.Layer layer = decoder ? configure(TransformerDecoder.builder(), f.get("options"))
                .optName("transformer_decoder").build()
                : configure(TransformerEncoder.builder(), f.get("options")).optName("transformer_encoder").build();
        List<int[]> shapes = new ArrayList<>(List.of(withoutBatch(x)));
        if (enc != null) {
            shapes.add(withoutBatch(enc));
        }
        layer.build(shapes, new Rng(0));
        List<Parameter> params = layer.parameters();
        assertEquals(f.get("weights").size(), params.size(), fixture + ": number of weights");
        for (int i = 0; i < params.size(); i++) {
            JsonNode w = f.get("weights").get(i);
            assertEquals(w.get("name").asText(), kerasName(params.get(i)), fixture + ": weight " + i);
            params.get(i).value().copyFrom(tensor(w));
        }
        Variable input = Variable.parameter(x);
        Variable encoder = enc == null ? null : Variable.parameter(enc);
        if (in.has("keras_mask")) {
            input.withMask(tensor(in.get("keras_mask")));
        }
        Variable out = decoder
                ? ((TransformerDecoder) layer).call(input, encoder, optMask(in, "decoder_padding_mask"), null,
                        optMask(in, "encoder_padding_mask"), null, true, false)
                : ((TransformerEncoder) layer).call(input, optMask(in, "padding_mask"), null, false);
        Tensor expected = tensor(f.get("output"));
        assertClose(expected, out.value(), largest(expected), fixture + " output");
        out.mul(Variable.constant(tensor(f.get("r")))).sum().backward();
        JsonNode grads = f.get("grads");
        float gradScale = 0f;
        for (JsonNode g : grads) {
            gradScale = Math.max(gradScale, largest(tensor(g)));
        }
        assertClose(tensor(grads.get("x")), input.grad(), gradScale, fixture + " gradient of x");
        if (encoder != null) {
            assertClose(tensor(grads.get("encoder")), encoder.grad(), gradScale,
                    fixture + " gradient of the encoder sequence");
        }
        for (Parameter p : params) {
            assertClose(tensor(grads.get(kerasName(p))), p.grad(), gradScale, fixture + " gradient of " + kerasName(p));
        }
    }

    @Test
    void maskedDecoderGradientsMatchFiniteDifferences() {
        TransformerDecoder layer = TransformerDecoder.builder().optName("d").setIntermediateDim(3).setNumHeads(2)
                .optActivation(Activation.GELU).optNormalizeFirst(true).build();
        layer.build(List.of(new int[] {3, 4}, new int[] {2, 4}), new Rng(3));
        Rng rng = new Rng(5);
        Tensor x = Tensor.of(randoms(rng, 2 * 3 * 4), 2, 3, 4);
        Tensor e = Tensor.of(randoms(rng, 2 * 2 * 4), 2, 2, 4);
        Tensor decoderPadding = Tensor.of(new float[] {1, 1, 0, 1, 1, 1}, 2, 3);
        Tensor encoderPadding = Tensor.of(new float[] {1, 0, 1, 1}, 2, 2);
        GradientAssertions.assertGradientsMatch(v -> layer.call(v[0], v[1], decoderPadding, null, encoderPadding,
                null, true, false), x, e);
        GradientAssertions.assertWeightGradientsMatch(layer.parameters(), () -> layer.call(Variable.constant(x),
                Variable.constant(e), decoderPadding, null, encoderPadding, null, true, false));
    }

    @Test
    void maskedEncoderGradientsMatchFiniteDifferences() {
        TransformerEncoder layer = TransformerEncoder.builder().optName("e").setIntermediateDim(3).setNumHeads(2)
                .optActivation(Activation.SILU).build();
        layer.build(List.of(new int[] {3, 4}), new Rng(4));
        Tensor x = Tensor.of(randoms(new Rng(6), 2 * 3 * 4), 2, 3, 4);
        Tensor padding = Tensor.of(new float[] {1, 1, 0, 1, 0, 0}, 2, 3);
        GradientAssertions.assertGradientsMatch(v -> layer.call(v[0], padding, null, false), x);
        GradientAssertions.assertWeightGradientsMatch(layer.parameters(),
                () -> layer.call(Variable.constant(x), padding, null, false));
    }

    @Test
    void aWidthSmallerThanTheHeadCountIsRefusedWhenTheGraphIsDrawn() {
        String message = assertThrows(IllegalArgumentException.class, () -> TransformerEncoder.builder()
                .setIntermediateDim(8).setNumHeads(4).build().apply(Input.of(5, 3))).getMessage();
        assertTrue(message.contains("TransformerEncoder") && message.contains("num_heads 4")
                && message.contains("hidden_dim 3"), message);
    }

    @Test
    void aPaddingMaskOfTheWrongShapeIsRefusedNamingBothShapes() {
        TransformerEncoder layer = new TransformerEncoder(3, 2);
        layer.build(List.<int[]>of(new int[] {3, 4}), new Rng(0));
        Variable x = Variable.constant(Tensor.zeros(2, 3, 4));
        String message = assertThrows(IllegalArgumentException.class,
                () -> layer.call(x, Tensor.ones(2, 5), null, false)).getMessage();
        assertTrue(message.contains("padding_mask") && message.contains("[2, 3]") && message.contains("[2, 5]"), message);
    }

    @Test
    void aDecoderBuiltWithoutCrossAttentionRefusesAnEncoderSequence() {
        TransformerDecoder layer = TransformerDecoder.builder().optName("d").setIntermediateDim(3).setNumHeads(2).build();
        layer.build(List.<int[]>of(new int[] {3, 4}), new Rng(0));
        Variable x = Variable.constant(Tensor.zeros(1, 3, 4));
        String message = assertThrows(IllegalArgumentException.class,
                () -> layer.call(List.of(x, x), false)).getMessage();
        assertTrue(message.contains("layer 'd'") && message.contains("without cross-attention"), message);
    }

    private static <B extends TransformerBuilder<B>> B configure(B builder, JsonNode o) {
        return builder.setIntermediateDim(o.get("intermediate_dim").asInt()).setNumHeads(o.get("num_heads").asInt())
                .optActivation(Activation.byName(o.get("activation").asText()))
                .optLayerNormEpsilon((float) o.get("layer_norm_epsilon").asDouble())
                .optNormalizeFirst(o.get("normalize_first").asBoolean());
    }

    /** {@code self_attention_layer/query/kernel} for {@code transformer_encoder.self_attention_layer.query.kernel}. */
    private static String kerasName(Parameter p) {
        return p.path().substring(p.path().indexOf('.') + 1).replace('.', '/');
    }

    private static Tensor optMask(JsonNode inputs, String name) {
        return inputs.has(name) ? tensor(inputs.get(name)) : null;
    }

    private static int[] withoutBatch(Tensor t) {
        return Arrays.copyOfRange(t.shape(), 1, t.rank());
    }

    private static float[] randoms(Rng rng, int n) {
        float[] values = new float[n];
        for (int i = 0; i < n; i++) {
            values[i] = rng.uniform(-1f, 1f);
        }
        return values;
    }

    /**
     * Within {@link Tolerances#REFERENCE} of {@code scale}: the output's largest magnitude for the
     * output, the fixture's largest gradient for gradients (the key bias's gradient is zero in exact
     * arithmetic under a softmax, and both libraries leave rounding noise there).
     */
    private static void assertClose(Tensor expected, Tensor actual, float scale, String what) {
        assertArrayEquals(expected.shape(), actual.shape(), what + ": shape");
        assertArrayEquals(expected.toArray(), actual.toArray(), Tolerances.REFERENCE * scale, what);
    }

    private static float largest(Tensor t) {
        float max = 0f;
        for (float v : t.toArray()) {
            max = Math.max(max, Math.abs(v));
        }
        return max;
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
        try (InputStream in = TransformerReferenceTest.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing fixture " + path);
            }
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
