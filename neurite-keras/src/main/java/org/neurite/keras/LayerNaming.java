package org.neurite.keras;

import java.util.HashSet;
import java.util.Set;

/**
 * Neurite names for the layers of a Keras model whose nested models are flattened into one graph.
 * Keras names need only be unique within each model; Neurite's must be unique in the flattened one
 * (its weights are named after them). A layer of the outermost model keeps its name; a layer of a
 * nested model keeps its name too unless that is taken, when the nested model's name goes before it
 * ({@code encoder_dense}). The outer model's names are claimed before any nested model's, so it is
 * always the nested layer that gives way.
 *
 * <pre>{@code
 * LayerNaming names = new LayerNaming();
 * names.claim("dense", null);        // "dense"
 * names.claim("dense", "encoder");   // "encoder_dense"
 * }</pre>
 */
final class LayerNaming {
    private final Set<String> taken = new HashSet<>();

    /**
     * The Neurite name for the layer Keras calls {@code kerasName} in the model {@code nestedIn}
     * (its Neurite name, or null for the outermost model), now taken.
     *
     * @throws KerasFormatError if no unique name can be made
     */
    String claim(String kerasName, String nestedIn) {
        if (taken.add(kerasName)) {
            return kerasName;
        }
        if (nestedIn == null) {
            throw new KerasFormatError("two layers are named '" + kerasName + "'");
        }
        String prefixed = nestedIn + "_" + kerasName;
        if (!taken.add(prefixed)) {
            throw new KerasFormatError("layer '" + kerasName + "' of nested model '" + nestedIn + "': its name and '"
                    + prefixed + "' are both taken in the flattened model; rename one of the layers in Keras");
        }
        return prefixed;
    }
}
