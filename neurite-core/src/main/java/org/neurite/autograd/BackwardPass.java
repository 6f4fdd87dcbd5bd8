package org.neurite.autograd;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.neurite.tensor.Tensor;

/**
 * Reverse-mode differentiation: sort the recorded graph so every variable comes after the ones it
 * was computed from, then walk it backwards, turning each node's output gradient into its inputs'
 * gradients. A variable used twice receives the sum of both gradients (the fan-out rule).
 */
final class BackwardPass {
    private BackwardPass() {
    }

    static void run(Variable root, Tensor seed) {
        if (!root.requiresGrad()) {
            throw new IllegalStateException("backward: this variable does not depend on any parameter");
        }
        if (!java.util.Arrays.equals(seed.shape(), root.value().shape())) {
            throw new IllegalArgumentException("backward: seed shape " + java.util.Arrays.toString(seed.shape())
                    + " differs from the variable's " + java.util.Arrays.toString(root.value().shape()));
        }
        List<Variable> order = topologicalOrder(root);
        root.pending = seed;
        for (Variable v : order) {
            Tensor g = v.pending;
            v.pending = null;
            if (g == null) {
                continue;
            }
            if (v.isLeaf()) {
                v.accumulate(g);
                continue;
            }
            Node node = v.node();
            Tensor[] grads = node.backward().apply(g);
            for (int i = 0; i < node.inputs().length; i++) {
                Variable input = node.inputs()[i];
                if (input.requiresGrad() && grads[i] != null) {
                    addPending(node, input, grads[i]);
                }
            }
        }
    }

    private static void addPending(Node node, Variable input, Tensor g) {
        if (!java.util.Arrays.equals(g.shape(), input.value().shape())) {
            throw new IllegalStateException("backward of " + node.op() + ": gradient of shape "
                    + java.util.Arrays.toString(g.shape()) + " for an input of shape "
                    + java.util.Arrays.toString(input.value().shape()));
        }
        input.pending = input.pending == null ? g : input.pending.add(g);
    }

    /** Variables reachable from {@code root}, root first, each before everything it was computed from. */
    private static List<Variable> topologicalOrder(Variable root) {
        List<Variable> postOrder = new ArrayList<>();
        Map<Variable, Boolean> visited = new IdentityHashMap<>();
        // Iterative depth-first search: long recurrent tapes would overflow the call stack.
        ArrayDeque<Object[]> stack = new ArrayDeque<>();
        stack.push(new Object[] {root, 0});
        visited.put(root, Boolean.TRUE);
        while (!stack.isEmpty()) {
            Object[] frame = stack.peek();
            Variable v = (Variable) frame[0];
            int next = (Integer) frame[1];
            Variable[] inputs = v.isLeaf() ? new Variable[0] : v.node().inputs();
            if (next < inputs.length) {
                frame[1] = next + 1;
                Variable input = inputs[next];
                if (input.requiresGrad() && visited.put(input, Boolean.TRUE) == null) {
                    stack.push(new Object[] {input, 0});
                }
            } else {
                stack.pop();
                postOrder.add(v);
            }
        }
        Collections.reverse(postOrder);
        return postOrder;
    }
}
