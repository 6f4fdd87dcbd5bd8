package org.neurite.nn.layers;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.neurite.autograd.Variable;
import org.neurite.nn.Parameter;
import org.neurite.tensor.Rng;
import org.neurite.tensor.Tensor;
import org.neurite.testing.Tolerances;

/**
 * Neurite's recurrent layers against PyTorch on the same weights: the fixtures under
 * {@code reference/rnn/} are written by {@code make_fixtures.py} beside them.
 */
class RecurrentReferenceTest {
    @Test
    void simpleRnnMatchesPyTorch() {
        check("rnn", SimpleRNN.builder().setUnits(6).optReturnSequences(true).build());
    }

    @Test
    void lstmMatchesPyTorch() {
        check("lstm", LSTM.builder().setUnits(6).optReturnSequences(true).build());
    }

    @Test
    void gruMatchesPyTorch() {
        check("gru", GRU.builder().setUnits(6).optReturnSequences(true).build());
    }

    @Test
    void bidirectionalLstmMatchesPyTorch() {
        check("bidirectional_lstm", new Bidirectional(LSTM.builder().setUnits(6).optReturnSequences(true).build()));
    }

    @Test
    void bidirectionalGruMatchesPyTorch() {
        check("bidirectional_gru", new Bidirectional(GRU.builder().setUnits(6).optReturnSequences(true).build()));
    }

    @Test
    void maskedLstmLastOutputMatchesPyTorchPackedSequences() {
        check("lstm_masked", new LSTM(6));
    }

    @Test
    void maskedGruLastOutputMatchesPyTorchPackedSequences() {
        check("gru_masked", new GRU(6));
    }

    private static void check(String fixture, org.neurite.nn.Layer layer) {
        Map<String, Tensor> f = load(fixture);
        Tensor x = f.get("x");
        layer.build(List.of(new int[] {x.dim(1), x.dim(2)}), new Rng(0));
        List<Parameter> params = layer.parameters();
        int perDirection = 3;
        for (int i = 0; i < params.size(); i++) {
            params.get(i).value().copyFrom(f.get(key(params.get(i), i >= perDirection)));
        }
        Variable input = Variable.parameter(x);
        if (f.containsKey("mask")) {
            input.withMask(f.get("mask"));
        }
        Variable out = layer.call(input, false);
        assertClose(f.get("output"), out.value(), fixture + " output");
        out.mul(Variable.constant(f.get("r"))).sum().backward();
        assertClose(f.get("grad_x"), input.grad(), fixture + " grad x");
        for (int i = 0; i < params.size(); i++) {
            String name = key(params.get(i), i >= perDirection);
            assertClose(f.get("grad_" + name), params.get(i).grad(), fixture + " grad " + name);
        }
    }

    private static String key(Parameter p, boolean backward) {
        return (backward ? "backward_" : "") + p.name();
    }

    private static void assertClose(Tensor expected, Tensor actual, String what) {
        assertTrue(expected.reshape(actual.shape()).allClose(actual, Tolerances.REFERENCE),
                () -> what + ": expected " + expected + ", got " + actual);
    }

    private static Map<String, Tensor> load(String fixture) {
        String resource = "/reference/rnn/" + fixture + ".txt";
        Map<String, Tensor> tensors = new HashMap<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                RecurrentReferenceTest.class.getResourceAsStream(resource), StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
                String[] parts = line.split(";");
                String[] dims = parts[1].split(",");
                int[] shape = new int[dims.length];
                for (int i = 0; i < dims.length; i++) {
                    shape[i] = Integer.parseInt(dims[i]);
                }
                String[] values = parts[2].split(" ");
                float[] data = new float[values.length];
                for (int i = 0; i < values.length; i++) {
                    data[i] = Float.parseFloat(values[i]);
                }
                tensors.put(parts[0], Tensor.of(data, shape));
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + resource, e);
        }
        return tensors;
    }
}
