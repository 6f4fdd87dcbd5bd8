package org.neurite.train;

import org.neurite.autograd.NonFinite;
import org.neurite.autograd.Variable;
import org.neurite.nn.Layer;
import org.neurite.nn.Model;
import org.neurite.tensor.Tensor;

/**
 * Explains a NaN or infinite loss: replays the batch layer by layer and names the first layer, and
 * the first operation inside it, whose output is not finite.
 */
final class NonFiniteLoss {
    private NonFiniteLoss() {
    }

    static ArithmeticException diagnose(Model model, Tensor batch, float lossValue) {
        String where = "in the loss itself (the model's outputs are finite)";
        Variable x = Variable.constant(batch);
        if (!NonFinite.isFinite(batch)) {
            where = "in the input data";
        } else if (model instanceof org.neurite.nn.Sequential) {
            for (Layer layer : model.layers()) {
                Variable in = Variable.parameter(x.value());
                Variable out = layer.call(in, true);
                if (!NonFinite.isFinite(out.value())) {
                    String op = NonFinite.firstOp(out);
                    where = "first in layer '" + layer.name() + "' (" + layer.type() + ")"
                            + (op == null ? "" : ", operation '" + op + "'");
                    break;
                }
                x = out.detach();
            }
        }
        return new ArithmeticException("loss is " + lossValue + ": a non-finite value appeared " + where
                + "; try a lower learning rate, gradient clipping, or check the data");
    }
}
