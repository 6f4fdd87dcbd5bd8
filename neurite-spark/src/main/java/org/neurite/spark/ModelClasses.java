package org.neurite.spark;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.neurite.data.LabelMapping;
import org.neurite.models.Model;

/**
 * The class names {@code neurite predict} gives a model's outputs: the {@code label_mapping} that
 * {@code neurite train text-classifier} writes into the model file ({@code {"classes": [...]}}), else
 * {@code negative} and {@code positive} for a binary model (the {@code imdb-*} recipes), else the
 * class numbers {@code 0, 1, ...}. (neurite-cli reads the same entry in its {@code ModelLabels};
 * neurite-spark does not depend on neurite-cli, so the few lines are repeated here.)
 */
final class ModelClasses {
    /** The model file's metadata key. */
    static final String KEY = "label_mapping";
    private static final ObjectMapper JSON = new ObjectMapper();

    private ModelClasses() {
    }

    /** The names of {@code count} classes ({@code 2} for a single sigmoid output) of {@code model}. */
    static List<String> of(Model model, int count, String fileName) {
        String json = model.metadata().get(KEY);
        if (json == null) {
            return count == 2 ? List.of("negative", "positive")
                    : IntStream.range(0, count).mapToObj(Integer::toString).toList();
        }
        LabelMapping mapping;
        try {
            mapping = LabelMapping.fromJson(JSON.readValue(json, new TypeReference<Map<String, Object>>() { }));
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalArgumentException(fileName + ": the model's " + KEY + " is not {\"classes\": [...]}: "
                    + json, e);
        }
        if (mapping.size() != count) {
            throw new IllegalArgumentException(fileName + ": the model outputs " + count + " class probabilities"
                    + " per text but its " + KEY + " names " + mapping.size() + " classes");
        }
        return mapping.classes();
    }
}
