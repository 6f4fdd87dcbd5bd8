package org.neurite.keras;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.neurite.autograd.Autograd;
import org.neurite.autograd.Variable;
import org.neurite.nn.FunctionalNetwork;
import org.neurite.nn.SymbolicTensor;
import org.neurite.tensor.Tensor;

/**
 * Every layer's output of an imported model for given inputs, by Keras layer name: how a parity
 * report finds the first layer whose outputs differ from Keras'. A Sequential model's layers are
 * called one after the other; a functional model's graph is walked from its inputs, each tensor
 * computed once (a shared layer reports its first call). A nested model reports its (first)
 * output under its own name, as Keras lists it among {@code model.layers}. Masks ride along on the
 * values as in the model's own call.
 */
final class LayerOutputs {
    private LayerOutputs() {
    }

    static Map<String, Tensor> of(KerasModelConfig config, List<Tensor> inputs) {
        try (Autograd.Scope scope = Autograd.noGrad()) {
            return config.network() instanceof FunctionalNetwork f ? functional(config, f, inputs)
                    : sequential(config, inputs.get(0));
        }
    }

    private static Map<String, Tensor> sequential(KerasModelConfig config, Tensor input) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        Variable x = Variable.constant(input);
        for (KerasModelConfig.Imported imported : config.layers()) {
            x = call(imported, x);
            out.put(imported.kerasName(), x.value());
        }
        return out;
    }

    /** Calls a layer of a chain, or each layer of a nested Sequential in turn. */
    private static Variable call(KerasModelConfig.Imported imported, Variable x) {
        if (!imported.isModel()) {
            return imported.layer().call(x, false);
        }
        Variable y = x;
        for (KerasModelConfig.Imported inner : imported.inner()) {
            y = call(inner, y);
        }
        return y;
    }

    private static Map<String, Tensor> functional(KerasModelConfig config, FunctionalNetwork network,
                                                  List<Tensor> inputs) {
        Map<SymbolicTensor, Variable> values = new IdentityHashMap<>();
        List<SymbolicTensor> modelInputs = network.inputs();
        for (int i = 0; i < modelInputs.size() && i < inputs.size(); i++) {
            values.put(modelInputs.get(i), Variable.constant(inputs.get(i)));
        }
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (KerasModelConfig.Imported imported : config.layers()) {
            if ((imported.layer() != null || imported.isModel()) && imported.output() != null) {
                out.put(imported.kerasName(), value(imported.output(), values).value());
            }
        }
        return out;
    }

    /** The value of {@code t}, computing the tensors it depends on first (without recursion). */
    private static Variable value(SymbolicTensor t, Map<SymbolicTensor, Variable> values) {
        List<SymbolicTensor> stack = new ArrayList<>(List.of(t));
        while (!stack.isEmpty()) {
            SymbolicTensor top = stack.get(stack.size() - 1);
            if (values.containsKey(top)) {
                stack.remove(stack.size() - 1);
                continue;
            }
            List<SymbolicTensor> missing = top.inputs().stream().filter(in -> !values.containsKey(in)).toList();
            if (top.isInput() && missing.isEmpty()) {
                throw new IllegalArgumentException("no value given for input '" + top.inputName() + "'");
            }
            if (!missing.isEmpty()) {
                stack.addAll(missing);
                continue;
            }
            List<Variable> args = top.inputs().stream().map(values::get).toList();
            values.put(top, args.size() == 1 ? top.layer().call(args.get(0), false) : top.layer().call(args, false));
            stack.remove(stack.size() - 1);
        }
        return values.get(t);
    }
}
