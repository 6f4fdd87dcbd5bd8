package org.neurite.nn.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.neurite.autograd.Variable;
import org.neurite.nn.Initializer;
import org.neurite.nn.Input;
import org.neurite.nn.Layer;
import org.neurite.nn.Parameter;
import org.neurite.tensor.Rng;
import org.neurite.tensor.Tensor;
import org.neurite.testing.Tolerances;

/**
 * The position layers against KerasHub on Keras 3: outputs, masks, and the gradients of
 * {@code sum(output·r)}. The fixtures under {@code reference/keras/} are written by
 * {@code make_position_fixtures.py} beside them.
 */
class PositionReferenceTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"position_embedding", "position_embedding_full", "sine_position_encoding",
        "sine_position_encoding_odd", "token_and_position_embedding"})
    void matchesKerasHub(String fixture) {
        JsonNode f = load(fixture);
        JsonNode o = f.get("options");
        Layer layer = switch (f.get("layer").asText()) {
            case "PositionEmbedding" -> new PositionEmbedding(o.get("sequence_length").asInt());
            case "SinePositionEncoding" -> new SinePositionEncoding(null, (float) o.get("max_wavelength").asDouble());
            case "TokenAndPositionEmbedding" -> new TokenAndPositionEmbedding(null, o.get("vocabulary_size").asInt(),
                    o.get("sequence_length").asInt(), o.get("embedding_dim").asInt(), Initializer.randomUniform(),
                    o.get("mask_zero").asBoolean());
            default -> throw new AssertionError("unknown KerasHub layer " + f.get("layer"));
        };
        Tensor x = tensor(f.get("inputs").get("x"));
        layer.build(List.of(Arrays.copyOfRange(x.shape(), 1, x.rank())), new Rng(0));
        List<Parameter> params = layer.parameters();
        assertEquals(f.get("weights").size(), params.size(), fixture + ": number of weights");
        for (int i = 0; i < params.size(); i++) {
            JsonNode w = f.get("weights").get(i);
            assertEquals(w.get("name").asText(), params.get(i).path().substring(params.get(i).path().indexOf('.') + 1)
                    .replace('.', '/'), fixture + ": weight " + i);
            params.get(i).value().copyFrom(tensor(w));
        }
        Variable input = Variable.parameter(x);
        Variable out = layer.call(input, false);
        Tensor expected = tensor(f.get("output"));
        assertClose(expected, out.value(), fixture + " output");
        if (f.has("mask")) {
            assertArrayEquals(tensor(f.get("mask")).toArray(), out.mask().toArray(), fixture + " mask");
        } else {
            assertNull(out.mask(), fixture + ": no mask");
        }
        if (!out.requiresGrad()) {
            return;   // the sine encoding: no weights, and no dependence on the input's values
        }
        out.mul(Variable.constant(tensor(f.get("r")))).sum().backward();
        JsonNode grads = f.get("grads");
        if (grads.has("x")) {
            Tensor g = input.grad() != null ? input.grad() : Tensor.zeros(x.shape());
            assertClose(tensor(grads.get("x")), g, fixture + " gradient of the input");
        }
        for (Parameter p : params) {
            String name = p.path().substring(p.path().indexOf('.') + 1).replace('.', '/');
            assertClose(tensor(grads.get(name)), p.grad(), fixture + " gradient of " + name);
        }
    }

    @Test
    void sequencesLongerThanTheTableAreRefusedWhenTheGraphIsDrawn() {
        String message = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new TokenAndPositionEmbedding(100, 8, 4).apply(Input.of(9))).getMessage();
        assertTrue(message.contains("sequence_length is 8") && message.contains("9 steps"), message);
    }

    private static void assertClose(Tensor expected, Tensor actual, String what) {
        assertArrayEquals(expected.shape(), actual.shape(), what + ": shape");
        float scale = 0f;
        for (float v : expected.toArray()) {
            scale = Math.max(scale, Math.abs(v));
        }
        assertArrayEquals(expected.toArray(), actual.toArray(), Tolerances.REFERENCE * scale, what);
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
        try (InputStream in = PositionReferenceTest.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing fixture " + path);
            }
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
