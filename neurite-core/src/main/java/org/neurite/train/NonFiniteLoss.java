package org.neurite.train;

import java.util.List;
import org.neurite.autograd.NonFinite;
import org.neurite.autograd.Variable;
import org.neurite.nn.Layer;
import org.neurite.nn.Network;
import org.neurite.nn.SequentialNetwork;
import org.neurite.tensor.Tensor;

/**
 * Explains a NaN or infinite loss: replays the batch and names where the first non-finite value
 * appeared. A {@link SequentialNetwork} model is replayed layer by layer, naming the first layer, and the
 * first operation inside it, whose output is not finite; other models are replayed whole, naming
 * the first operation.
 */
final class NonFiniteLoss {
    private NonFiniteLoss() {
    }

    static ArithmeticException diagnose(Network model, List<Tensor> batch, float lossValue) {
        String where;
        if (!batch.stream().allMatch(NonFinite::isFinite)) {
            where = "in the input data";
        } else if (model instanceof SequentialNetwork sequential) {
            where = inLayers(sequential, batch.get(0));
        } else {
            where = inGraph(model, batch);
        }
        return new ArithmeticException("loss is " + lossValue + ": a non-finite value appeared " + where
                + "; try a lower learning rate, gradient clipping, or check the data");
    }

    private static String inLayers(SequentialNetwork model, Tensor batch) {
        Variable x = Variable.constant(batch);
        for (Layer layer : model.layers()) {
            Variable out = layer.call(Variable.parameter(x.value()), true);
            if (!NonFinite.isFinite(out.value())) {
                String op = NonFinite.firstOp(out);
                return "first in layer '" + layer.name() + "' (" + layer.type() + ")"
                        + (op == null ? "" : ", operation '" + op + "'");
            }
            x = out.detach();
        }
        return "in the loss itself (the model's outputs are finite)";
    }

    private static String inGraph(Network model, List<Tensor> batch) {
        List<Variable> outputs = model.callAll(batch.stream().map(Variable::parameter).toList(), true);
        for (Variable out : outputs) {
            if (!NonFinite.isFinite(out.value())) {
                String op = NonFinite.firstOp(out);
                return "in the model's outputs" + (op == null ? "" : ", first in operation '" + op + "'");
            }
        }
        return "in the loss itself (the model's outputs are finite)";
    }
}
