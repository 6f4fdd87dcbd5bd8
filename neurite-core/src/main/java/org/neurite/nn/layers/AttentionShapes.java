package org.neurite.nn.layers;

import java.util.List;
import java.util.function.Function;
import org.neurite.autograd.Variable;
import org.neurite.tensor.Shapes;

/**
 * The sample shapes {@code (time, features)} of an attention layer's inputs {@code [query, value]}
 * or {@code [query, value, key]} (the key defaults to the value), checked as every attention layer
 * needs: two or three inputs of rank 3 with the batch, known features, and a key with as many steps
 * as the value. Errors name the layer, the arguments and their shapes, batch shown as None.
 *
 * @param query {@code (Tq, Fq)}
 * @param value {@code (Tv, Fv)}
 * @param key {@code (Tv, Fk)}
 */
record AttentionShapes(int[] query, int[] value, int[] key) {
    /** Checks the shapes (batch excluded) an attention layer is applied to. */
    static AttentionShapes of(Function<String, IllegalArgumentException> error, List<int[]> shapes) {
        if (shapes.size() < 2 || shapes.size() > 3) {
            throw error.apply("expects [query, value] or [query, value, key], got " + shapes.size() + " inputs");
        }
        String[] names = {"query", "value", "key"};
        for (int i = 0; i < shapes.size(); i++) {
            int[] s = shapes.get(i);
            if (s.length != 2 || s[1] <= 0) {
                throw error.apply(names[i] + " must have shape (batch, time, features) with known features, got "
                        + Merge.withBatch(s));
            }
        }
        int[] value = shapes.get(1);
        int[] key = shapes.size() == 3 ? shapes.get(2) : value;
        if (value[0] >= 0 && key[0] >= 0 && value[0] != key[0]) {
            throw error.apply("value and key must have the same number of steps, got value " + Merge.withBatch(value)
                    + " and key " + Merge.withBatch(key));
        }
        return new AttentionShapes(shapes.get(0), value, key);
    }

    /** Requires the query's and the key's features to be equal (a dot product or a sum of the two). */
    AttentionShapes sameQueryAndKeyFeatures(Function<String, IllegalArgumentException> error) {
        if (query[1] != key[1]) {
            throw error.apply("query and key must have the same number of features, got query "
                    + Merge.withBatch(query) + " and key " + Merge.withBatch(key));
        }
        return this;
    }

    /**
     * Checks the values a built layer is called on: rank 3, one batch size, a key with the value's
     * steps, and the features the weights were built for ({@code -1} where any will do).
     */
    static void check(Function<String, IllegalArgumentException> error, Variable query, Variable value, Variable key,
                      int queryFeatures, int keyFeatures, int valueFeatures) {
        int[] q = query.shape();
        int[] v = value.shape();
        int[] k = key.shape();
        checkOne(error, "query", q, queryFeatures);
        checkOne(error, "value", v, valueFeatures);
        checkOne(error, "key", k, keyFeatures);
        if (q[0] != v[0] || k[0] != v[0]) {
            throw error.apply("query, value and key must have the same batch size, got query " + Shapes.toString(q)
                    + ", value " + Shapes.toString(v) + " and key " + Shapes.toString(k));
        }
        if (k[1] != v[1]) {
            throw error.apply("value and key must have the same number of steps, got value " + Shapes.toString(v)
                    + " and key " + Shapes.toString(k));
        }
    }

    private static void checkOne(Function<String, IllegalArgumentException> error, String name, int[] shape,
                                 int features) {
        if (shape.length != 3 || (features >= 0 && shape[2] != features)) {
            throw error.apply(name + " must have shape (batch, time, " + (features >= 0 ? features : "features")
                    + "), got " + Shapes.toString(shape));
        }
    }
}
