package org.neurite.keras;

import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
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
 * A nested model's layers lie in its group's own {@code layers/}, named with their own counters
 * ({@code layers/functional/layers/dense/vars/0}). A legacy {@code .h5} lists each layer's datasets
 * in the attribute {@code weight_names} of {@code model_weights/<layer name>}; a nested model's group
 * lists all of its layers' weights, trainable ones first.
 *
 * <p>Every dataset's shape is compared with the weight it fills before its data is read, and its type
 * must be float32; extra or missing variables are refused.
 */
final class KerasWeights {
    private KerasWeights() {
    }

    /** Fills the layers from a Keras 3 {@code model.weights.h5}. */
    static void readKeras3(Group root, List<KerasModelConfig.Imported> layers) {
        readKeras3Layers(group(root, "layers"), layers);
    }

    /**
     * Fills {@code layers} from the group {@code layers/} of their model; a nested model's layers
     * lie in its own group's {@code layers/}, named with their own counters.
     */
    private static void readKeras3Layers(Group all, List<KerasModelConfig.Imported> layers) {
        Map<String, Integer> used = new HashMap<>();
        for (KerasModelConfig.Imported imported : layers) {
            String name = uniqueName(groupBase(imported), used);
            if (imported.isModel()) {
                readKeras3Layers(group(group(all, name), "layers"), imported.inner());
                continue;
            }
            if (imported.layer() == null) {
                continue;   // an InputLayer: it takes a name, holds no weights
            }
            Node node = all.getChild(name);
            List<Dataset> datasets = new ArrayList<>();
            if (node instanceof Group g) {
                collect(imported.layer(), g, datasets);
            } else if (!imported.layer().parameters().isEmpty()) {
                throw new KerasFormatError("weights of layer '" + imported.kerasName() + "' missing: no group "
                        + all.getPath() + name);
            }
            assign(imported, datasets);
        }
    }

    /** The group name before Keras' counter: the class in snake case, {@code functional} for a functional model. */
    private static String groupBase(KerasModelConfig.Imported imported) {
        if (imported.isModel()) {
            return imported.className().equals("Sequential") ? "sequential" : "functional";
        }
        return KerasModelConfig.snakeCase(KerasLayerConfig.neuriteType(imported.className()));
    }

    /** Fills the layers from a legacy {@code .h5} file's {@code model_weights} group. */
    static void readLegacy(Group modelWeights, List<KerasModelConfig.Imported> layers) {
        for (KerasModelConfig.Imported imported : layers) {
            if (imported.layer() == null && !imported.isModel()) {
                continue;
            }
            Node node = modelWeights.getChild(imported.kerasName());
            List<Dataset> datasets = new ArrayList<>();
            if (node instanceof Group g) {
                for (String weightName : weightNames(g, imported.kerasName())) {
                    datasets.add(dataset(g, weightName));
                }
            }
            if (imported.isModel()) {
                assignNested(imported, datasets);
            } else {
                assign(imported, datasets);
            }
        }
    }

    /**
     * Fills a nested model's layers from its legacy group, whose {@code weight_names} list the
     * model's {@code weights} as Keras' legacy format saves them: the trainable weights of all its
     * layers (in {@code model.layers} order, nested models' in place), then the non-trainable ones.
     */
    private static void assignNested(KerasModelConfig.Imported model, List<Dataset> datasets) {
        List<KerasModelConfig.Imported> leaves = new ArrayList<>();
        leaves(model.inner(), leaves);
        long trainable = leaves.stream().flatMap(l -> l.layer().parameters().stream()).filter(Parameter::trainable)
                .count();
        long total = leaves.stream().mapToLong(l -> l.layer().parameters().size()).sum();
        if (datasets.size() != total) {
            throw new KerasFormatError("nested model '" + model.kerasName() + "': the file holds " + datasets.size()
                    + " weights, its layers have " + total);
        }
        Iterator<Dataset> trainableValues = datasets.subList(0, (int) trainable).iterator();
        Iterator<Dataset> frozenValues = datasets.subList((int) trainable, datasets.size()).iterator();
        for (KerasModelConfig.Imported leaf : leaves) {
            List<Dataset> own = new ArrayList<>();
            for (Parameter p : leaf.layer().parameters()) {
                own.add(p.trainable() ? trainableValues.next() : frozenValues.next());
            }
            assign(leaf, own);
        }
    }

    /** The layers of {@code layers}, nested models' in their place, InputLayers left out. */
    private static void leaves(List<KerasModelConfig.Imported> layers, List<KerasModelConfig.Imported> out) {
        for (KerasModelConfig.Imported imported : layers) {
            if (imported.isModel()) {
                leaves(imported.inner(), out);
            } else if (imported.layer() != null) {
                out.add(imported);
            }
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
