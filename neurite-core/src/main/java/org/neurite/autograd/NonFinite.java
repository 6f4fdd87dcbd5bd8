package org.neurite.autograd;

import java.util.ArrayDeque;
import java.util.IdentityHashMap;
import java.util.Map;
import org.neurite.tensor.Tensor;

/** Finds where NaN or infinity entered a computation, for error messages that point at the cause. */
public final class NonFinite {
    private NonFinite() {
    }

    /** True when every element is finite. */
    public static boolean isFinite(Tensor t) {
        float[] d = t.data();
        for (int i = 0; i < t.size(); i++) {
            if (!Float.isFinite(d[t.offset() + i])) {
                return false;
            }
        }
        return true;
    }

    /**
     * The name of the first recorded operation behind {@code output} whose result is not finite
     * although all its inputs are; null when the output is finite or nothing was recorded.
     */
    public static String firstOp(Variable output) {
        ArrayDeque<Variable> todo = new ArrayDeque<>();
        Map<Variable, Boolean> seen = new IdentityHashMap<>();
        todo.push(output);
        while (!todo.isEmpty()) {
            Variable v = todo.pop();
            if (seen.put(v, Boolean.TRUE) != null || v.isLeaf() || isFinite(v.value())) {
                continue;
            }
            boolean inputsFinite = true;
            for (Variable input : v.node().inputs()) {
                if (!isFinite(input.value())) {
                    inputsFinite = false;
                    todo.push(input);
                }
            }
            if (inputsFinite) {
                return v.op();
            }
        }
        return null;
    }
}
