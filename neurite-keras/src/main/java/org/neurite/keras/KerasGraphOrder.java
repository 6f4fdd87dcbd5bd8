package org.neurite.keras;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.neurite.nn.FunctionalNetwork;
import org.neurite.nn.SymbolicTensor;

/**
 * The order of Keras' {@code model.layers} for a functional model, as Keras computes it when it
 * loads one ({@code keras.src.ops.function.map_graph}): a depth-first walk from the outputs numbers
 * the operations in the order it first meets them; each call's depth is its distance from the
 * outputs (a layer's, the largest of its calls'); the operations come deepest first, ties in walk
 * order. A {@code .keras} weight file names a layer's group after its class and its place among the
 * layers of that class in this order, so an exported model's weights must be written in it.
 *
 * <p>An operation here is a layer, or a model input (Keras' InputLayer), represented by its
 * symbolic tensor. The walk is iterative, as Neurite's own graph walks.
 */
final class KerasGraphOrder {
    private final Map<Object, Integer> walkIndex = new IdentityHashMap<>();
    private final List<SymbolicTensor> postOrder = new ArrayList<>();
    private final Map<SymbolicTensor, Boolean> finished = new IdentityHashMap<>();
    private final Map<SymbolicTensor, Boolean> inProgress = new IdentityHashMap<>();

    private KerasGraphOrder() {
    }

    /** The model's operations in Keras' {@code model.layers} order: layers, and inputs as their tensors. */
    static List<Object> of(FunctionalNetwork model) {
        KerasGraphOrder order = new KerasGraphOrder();
        for (SymbolicTensor output : model.outputs()) {
            order.walk(output);
        }
        Map<Object, Integer> depths = order.depths();
        for (SymbolicTensor input : model.inputs()) {
            if (!depths.containsKey(input)) {   // an input no output needs
                depths.put(input, 0);
                order.walkIndex.put(input, -1);
            }
        }
        List<Object> operations = new ArrayList<>(depths.keySet());
        operations.sort(Comparator.<Object>comparingInt(op -> -depths.get(op)).thenComparingInt(order.walkIndex::get));
        return operations;
    }

    /** The operation of a call: its layer, or the input tensor itself. */
    private static Object operation(SymbolicTensor node) {
        return node.isInput() ? node : node.layer();
    }

    /** Keras' {@code _build_map}: operations numbered in pre-order, calls collected in post-order. */
    private void walk(SymbolicTensor root) {
        if (finished.containsKey(root.node())) {
            return;
        }
        ArrayDeque<SymbolicTensor> calls = new ArrayDeque<>();
        ArrayDeque<Integer> next = new ArrayDeque<>();
        enter(root.node(), calls, next);
        while (!calls.isEmpty()) {
            SymbolicTensor call = calls.peek();
            int i = next.pop();
            List<SymbolicTensor> inputs = call.isInput() ? List.of() : call.inputs();
            if (i < inputs.size()) {
                next.push(i + 1);
                SymbolicTensor input = inputs.get(i).node();
                if (!finished.containsKey(input) && !inProgress.containsKey(input)) {
                    enter(input, calls, next);
                }
            } else {
                calls.pop();
                inProgress.remove(call);
                finished.put(call, Boolean.TRUE);
                postOrder.add(call);
            }
        }
    }

    private void enter(SymbolicTensor call, ArrayDeque<SymbolicTensor> calls, ArrayDeque<Integer> next) {
        walkIndex.putIfAbsent(operation(call), walkIndex.size());
        calls.push(call);
        inProgress.put(call, Boolean.TRUE);
        next.push(0);
    }

    /** Keras' depths: from the outputs back, each call one deeper than the deepest call it feeds. */
    private Map<Object, Integer> depths() {
        Map<SymbolicTensor, Integer> callDepth = new IdentityHashMap<>();
        Map<Object, Integer> operationDepth = new java.util.LinkedHashMap<>();
        for (int k = postOrder.size() - 1; k >= 0; k--) {
            SymbolicTensor call = postOrder.get(k);
            int depth = Math.max(callDepth.getOrDefault(call, 0), operationDepth.getOrDefault(operation(call), 0));
            operationDepth.put(operation(call), depth);
            callDepth.put(call, depth);
            for (SymbolicTensor input : call.isInput() ? List.<SymbolicTensor>of() : call.inputs()) {
                callDepth.merge(input.node(), depth + 1, Math::max);
            }
        }
        return operationDepth;
    }
}
