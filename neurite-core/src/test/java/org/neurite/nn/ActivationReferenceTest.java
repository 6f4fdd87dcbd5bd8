package org.neurite.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.neurite.autograd.Variable;
import org.neurite.tensor.Tensor;
import org.neurite.testing.Tolerances;

/**
 * GELU (exact and tanh-approximated) and SiLU against Keras 3's {@code keras.activations}, values and
 * derivatives; written by {@code reference/keras/make_transformer_fixtures.py}.
 */
class ActivationReferenceTest {

    @Test
    void geluSiluAndSwishMatchKeras() throws IOException {
        JsonNode f;
        try (InputStream in = ActivationReferenceTest.class.getResourceAsStream("/reference/keras/activations.json")) {
            f = new ObjectMapper().readTree(in);
        }
        check(f, "gelu", Activation.byName("gelu")::apply);
        check(f, "gelu_approximate", x -> Activation.gelu(x, true));
        check(f, "silu", Activation.byName("silu")::apply);
        check(f, "swish", Activation.byName("swish")::apply);
    }

    @Test
    void swishIsKerasAliasOfSilu() {
        assertSame(Activation.SILU, Activation.byName("swish"));
        assertSame(Activation.SILU, Activation.byName("silu"));
    }

    private static void check(JsonNode f, String name, UnaryOperator<Variable> activation) {
        Variable x = Variable.parameter(values(f.get("x")));
        Variable y = activation.apply(x);
        y.sum().backward();
        assertArrayEquals(values(f.get(name)).toArray(), y.value().toArray(), Tolerances.REFERENCE * 4, name);
        assertArrayEquals(values(f.get(name + "_grad")).toArray(), x.grad().toArray(), Tolerances.REFERENCE,
                name + " derivative");
    }

    private static Tensor values(JsonNode t) {
        JsonNode data = t.get("data");
        float[] v = new float[data.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) data.get(i).asDouble();
        }
        return Tensor.of(v, v.length);
    }
}
