package org.neurite.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.neurite.autograd.Variable;
import org.neurite.nn.Layer;
import org.neurite.nn.Parameter;
import org.neurite.tensor.Rng;
import org.neurite.tensor.Tensor;

/**
 * One case written by a Keras reference script: tensors by name, read from lines
 * {@code name;dim1,dim2,...;v1 v2 ...}. {@link #check} runs a Neurite layer on the case and compares
 * everything Keras recorded: output, gradients of {@code sum(output · r)} with respect to the input
 * and to each trainable weight, moving statistics after a training call, and whether the timestep
 * mask survives. Values agree within {@link Tolerances#REFERENCE} relative to each tensor's scale.
 */
public final class KerasFixture {
    private final String name;
    private final Map<String, Tensor> tensors;

    private KerasFixture(String name, Map<String, Tensor> tensors) {
        this.name = name;
        this.tensors = tensors;
    }

    /** Reads {@code resource} (a class-path path without {@code .txt}). */
    public static KerasFixture load(String resource) {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        InputStream stream = KerasFixture.class.getResourceAsStream(resource + ".txt");
        assertNotNull(stream, "missing fixture " + resource + ".txt");
        try (BufferedReader in = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
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
        return new KerasFixture(resource, tensors);
    }

    public Tensor get(String key) {
        Tensor t = tensors.get(key);
        assertNotNull(t, name + " has no tensor '" + key + "'");
        return t;
    }

    /**
     * Builds {@code layer} for the fixture's input, loads its weights by name, calls it (in training
     * mode if asked) and compares every recorded value.
     */
    public void check(Layer layer, boolean training) {
        Tensor x = get("x");
        int[] shape = x.shape();
        layer.build(List.of(java.util.Arrays.copyOfRange(shape, 1, shape.length)), new Rng(0));
        for (Parameter p : layer.parameters()) {
            p.value().copyFrom(get(p.name()).reshape(p.value().shape()));
        }
        Variable input = Variable.parameter(x.copy());
        if (tensors.containsKey("mask")) {
            input.withMask(get("mask"));
        }
        Variable out = layer.call(input, training);
        assertClose(get("output"), out.value(), "output");
        if (tensors.containsKey("keeps_mask")) {
            assertEquals(get("keeps_mask").item() == 1f, out.mask() != null, name + ": whether the mask is kept");
        }
        out.mul(Variable.constant(get("r"))).sum().backward();
        assertClose(get("grad_x"), input.grad(), "gradient of x");
        for (Parameter p : layer.parameters()) {
            if (p.trainable()) {
                assertClose(get("grad_" + p.name()), p.grad(), "gradient of " + p.name());
            } else if (training) {
                assertClose(get(p.name() + "_after"), p.value(), p.name() + " after the call");
            }
        }
    }

    private void assertClose(Tensor expected, Tensor actual, String what) {
        assertNotNull(actual, name + ": no " + what);
        assertArrayEquals(expected.shape(), actual.shape(), name + ": shape of " + what);
        float scale = Math.max(expected.abs().max().item(), Float.MIN_NORMAL);
        float tolerance = Tolerances.REFERENCE * scale;
        assertTrue(expected.allClose(actual, tolerance),
                () -> name + ": " + what + " differs by more than " + tolerance + ": expected " + expected + ", got " + actual);
    }
}
