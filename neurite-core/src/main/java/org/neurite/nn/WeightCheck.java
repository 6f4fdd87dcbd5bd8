package org.neurite.nn;

/**
 * A loader's say on each weight a model is about to create while it is built from stored values
 * (see {@link Network#buildForLoading}): called before the weight's storage is allocated, with the
 * weight's dotted path as it stands at that moment ({@code dense.kernel}; a layer held inside
 * another, such as the forward layer of a {@code Bidirectional}, does not have its outer name
 * yet) and the shape the layer asks for.
 *
 * <p>It exists so that a file cannot make a model allocate more than the file itself holds: a
 * forged config ({@code units: 2700000}) is refused here, naming the layer, the weight and both
 * shapes, before a single large array exists. Every layer type gets the check for free, since all
 * weights are made through {@link Layer#addParameter}.
 *
 * <pre>{@code
 * model.buildForLoading((layer, path, shape) -> {
 *     if (!Arrays.equals(shape, stored.get(path))) {
 *         throw new IllegalArgumentException("weight '" + path + "' is not stored with shape " + Arrays.toString(shape));
 *     }
 * });
 * }</pre>
 */
@FunctionalInterface
public interface WeightCheck {
    /**
     * Accepts or refuses one weight.
     *
     * @param layer the layer creating the weight
     * @param path  the weight's dotted path at this moment
     * @param shape the shape the layer asks for (a copy; dimensions are not checked yet)
     * @throws IllegalArgumentException to refuse, saying why
     */
    void admit(Layer layer, String path, int[] shape);
}
