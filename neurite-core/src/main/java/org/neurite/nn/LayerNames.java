package org.neurite.nn;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Keras-style names for the unnamed layers of one model ({@code dense}, {@code dense_1}, ...), each
 * unique among the names the model already holds. Each type remembers the next free suffix, so
 * naming n layers takes time linear in n (a model file may hold thousands of layers).
 */
final class LayerNames {
    private final Set<String> used = new HashSet<>();
    private final Map<String, Integer> nextSuffix = new HashMap<>();

    /** Marks a named layer's name as taken; unnamed layers are ignored. */
    void reserve(Layer layer) {
        if (layer.name() != null) {
            used.add(layer.name());
        }
    }

    /**
     * Names {@code layer} if it has no name: the first of {@code base}, {@code base_1}, ... not
     * taken. Names are never freed, so every suffix below the remembered one is still taken.
     */
    void assign(Layer layer) {
        if (layer.name() != null) {
            return;
        }
        String base = Network.snakeCase(layer.type());
        int k = nextSuffix.getOrDefault(base, 0);
        String name = k == 0 ? base : base + "_" + k;
        while (used.contains(name)) {
            k++;
            name = base + "_" + k;
        }
        nextSuffix.put(base, k + 1);
        used.add(name);
        layer.assignName(name);
    }
}
