package org.neurite.keras;

import java.util.List;
import java.util.Map;
import org.neurite.io.LoadedModel;
import org.neurite.tensor.Tensor;

/**
 * A Keras model as imported by {@link KerasFiles#read}: the built model, and each Keras layer's
 * output for given inputs, for parity reports that find where Neurite and Keras start to differ.
 *
 * <pre>{@code
 * KerasImport imported = KerasFiles.read(Path.of("model.keras"));
 * Map<String, Tensor> perLayer = imported.layerOutputs(List.of(x));   // by Keras layer name, model order
 * }</pre>
 */
public final class KerasImport {
    private final LoadedModel loaded;
    private final KerasModelConfig config;

    KerasImport(LoadedModel loaded, KerasModelConfig config) {
        this.loaded = loaded;
        this.config = config;
    }

    /** The model with its weights, as {@link KerasFiles#load} returns it. */
    public LoadedModel loaded() {
        return loaded;
    }

    /**
     * Each layer's output for {@code inputs} (in the model's input order), by Keras layer name in
     * the order of Keras' {@code model.layers}; InputLayers are left out.
     */
    public Map<String, Tensor> layerOutputs(List<Tensor> inputs) {
        return LayerOutputs.of(config, inputs);
    }
}
