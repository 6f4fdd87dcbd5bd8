package org.neurite.keras;

import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.neurite.nn.Layer;
import org.neurite.nn.Parameter;
import org.neurite.nn.layers.Bidirectional;
import org.neurite.nn.layers.RecurrentLayer;
import org.neurite.nn.layers.TimeDistributed;
import org.neurite.tensor.Shapes;
import org.neurite.tensor.Tensor;

/**
 * Copies the weights of a Keras HDF5 weight file into a built Neurite network, one to one.
 *
 * <p>In a {@code .keras} archive's {@code model.weights.h5}, the layers of {@code model.layers} are
 * groups {@code layers/<class in snake case>[_n]} in model order; a layer's own variables are
 * {@code vars/0..n} in creation order, a recurrent layer's are its cell's ({@code cell/vars}), a
 * Bidirectional's are {@code forward_layer/..} then {@code backward_layer/..}, a TimeDistributed's are
 * {@code layer/..}. That is Neurite's {@link Layer#parameters()} order: kernel, recurrent kernel, bias.
 * A legacy {@code .h5} lists each layer's datasets in the attribute {@code weight_names} of
 * {@code model_weights/<layer name>}.
 *
 * <p>Every dataset's shape is compared with the weight it fills before its data is read, and its type
 * must be float32; extra or missing variables are refused.
 */
final class KerasWeights {
    private KerasWeights() {
    }

    /** Fills the layers from a Keras 3 {@code model.weights.h5}. */
    static void readKeras3(Group root, List<KerasModelConfig.Imported> layers) {
        Group all = group(root, "layers");
        Map<String, Integer> used = new HashMap<>();
        for (KerasModelConfig.Imported imported : layers) {
            String name = uniqueName(KerasModelConfig.snakeCase(KerasLayerConfig.neuriteType(imported.className())),
                    used);
            if (imported.layer() == null) {
                continue;   // an InputLayer: it takes a name, holds no weights
            }
            Node node = all.getChild(name);
            List<Dataset> datasets = new ArrayList<>();
            if (node instanceof Group g) {
                collect(imported.layer(), g, datasets);
            } else if (!imported.layer().parameters().isEmpty()) {
                throw new KerasFormatError("weights of layer '" + imported.kerasName() + "' missing: no group layers/"
                        + name);
            }
            assign(imported, datasets);
        }
    }

    /** Fills the layers from a legacy {@code .h5} file's {@code model_weights} group. */
    static void readLegacy(Group modelWeights, List<KerasModelConfig.Imported> layers) {
        for (KerasModelConfig.Imported imported : layers) {
            if (imported.layer() == null) {
                continue;
            }
            Node node = modelWeights.getChild(imported.kerasName());
            List<Dataset> datasets = new ArrayList<>();
            if (node instanceof Group g) {
                for (String weightName : weightNames(g, imported.kerasName())) {
                    datasets.add(dataset(g, weightName));
                }
            }
            assign(imported, datasets);
        }
    }

    /** The datasets of {@code layer}'s weights under {@code group}, in {@link Layer#parameters()} order. */
    private static void collect(Layer layer, Group group, List<Dataset> out) {
        switch (layer) {
            case Bidirectional b -> {
                collect(b.forwardLayer(), group(group, "forward_layer"), out);
                collect(b.backwardLayer(), group(group, "backward_layer"), out);
            }
            case TimeDistributed t -> collect(t.layer(), group(group, "layer"), out);
            case RecurrentLayer r -> vars(group(group, "cell"), out);
            default -> {
                for (Map.Entry<String, List<Parameter>> e : KerasWeightGroups.of(layer).entrySet()) {
                    vars(e.getKey().isEmpty() ? group : group(group, e.getKey()), out);
                }
            }
        }
    }

    private static void vars(Group group, List<Dataset> out) {
        Node vars = group.getChild("vars");
        if (!(vars instanceof Group g)) {
            return;
        }
        int n = g.getChildren().size();
        for (int i = 0; i < n; i++) {
            out.add(dataset(g, Integer.toString(i)));
        }
    }

    private static void assign(KerasModelConfig.Imported imported, List<Dataset> datasets) {
        Layer layer = imported.layer();
        List<Parameter> parameters = layer.parameters();
        String where = "layer '" + imported.kerasName() + "' (" + imported.className() + ")";
        if (datasets.size() != parameters.size()) {
            throw new KerasFormatError(where + ": the file holds " + datasets.size() + " weights, the layer has "
                    + parameters.size());
        }
        List<Tensor> values = new ArrayList<>();
        for (int i = 0; i < datasets.size(); i++) {
            values.add(read(datasets.get(i), parameters.get(i), where));
        }
        layer.setWeights(values);
    }

    /** The dataset's values, after checking type and shape against {@code weight}: nothing is read before. */
    private static Tensor read(Dataset dataset, Parameter weight, String where) {
        int[] expected = weight.value().shape();
        int[] found = dataset.getDimensions();
        if (!java.util.Arrays.equals(expected, found)) {
            throw new KerasFormatError(where + ": weight '" + weight.name() + "' has shape " + Shapes.toString(expected)
                    + ", the file's " + dataset.getPath() + " has " + Shapes.toString(found));
        }
        if (dataset.getJavaType() != float.class && dataset.getJavaType() != Float.class) {
            throw new KerasFormatError(where + ": weight '" + weight.name() + "' must be float32 in the file, "
                    + dataset.getPath() + " is " + dataset.getJavaType().getSimpleName());
        }
        Object data = expected.length == 0 ? new float[] {(Float) dataset.getData()} : dataset.getDataFlat();
        return Tensor.of((float[]) data, expected);
    }

    private static List<String> weightNames(Group group, String layer) {
        Attribute attribute = group.getAttribute("weight_names");
        if (attribute == null) {
            throw new KerasFormatError("legacy weights of layer '" + layer + "': attribute weight_names missing");
        }
        Object data = attribute.getData();
        if (data instanceof String[] names) {
            return List.of(names);
        }
        if (attribute.getSize() == 0) {
            return List.of();
        }
        throw new KerasFormatError("legacy weights of layer '" + layer + "': weight_names must be strings");
    }

    private static Group group(Group parent, String path) {
        Node node = child(parent, path);
        if (!(node instanceof Group g)) {
            throw new KerasFormatError("weight file: group " + parent.getPath() + path + " missing");
        }
        return g;
    }

    private static Dataset dataset(Group parent, String path) {
        Node node = child(parent, path);
        if (!(node instanceof Dataset d)) {
            throw new KerasFormatError("weight file: dataset " + parent.getPath() + path + " missing");
        }
        return d;
    }

    /** The node at {@code path} under {@code parent}, or null where there is none. */
    private static Node child(Group parent, String path) {
        try {
            return parent.getByPath(path);
        } catch (io.jhdf.exceptions.HdfInvalidPathException e) {
            return null;
        }
    }

    /** Keras' {@code _get_unique_name}: {@code name}, then {@code name_1}, {@code name_2}, ... */
    static String uniqueName(String name, Map<String, Integer> used) {
        Integer n = used.get(name);
        if (n == null) {
            used.put(name, 0);
            return name;
        }
        used.put(name, n + 1);
        return name + "_" + (n + 1);
    }
}
