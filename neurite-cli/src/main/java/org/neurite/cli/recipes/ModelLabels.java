package org.neurite.cli.recipes;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.neurite.data.LabelMapping;
import org.neurite.models.Model;

/**
 * The class names a saved classifier predicts, from the {@code label_mapping} entry that
 * {@code train text-classifier} writes into the model file. A model with one sigmoid output and no
 * mapping (the {@code imdb-*} recipes) has the classes {@code 0} and {@code 1}.
 */
public final class ModelLabels {
    /** The metadata key of the mapping, {@code {"classes": [...]}} as JSON. */
    public static final String KEY = "label_mapping";
    /**
     * Made on first use: most models' metadata holds no JSON, and setting up an object mapper costs a
     * one-text {@code neurite predict} several hundred classes.
     */
    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper();
    }

    private ModelLabels() {
    }

    /** The mapping in {@code model}'s file, or {@code [0, 1]} for a binary model without one. */
    public static LabelMapping of(Model model) {
        return stored(model).orElseGet(() -> new LabelMapping(List.of("0", "1")));
    }

    /** The mapping in {@code model}'s file, if it has one. */
    public static Optional<LabelMapping> stored(Model model) {
        return stored(model.metadata());
    }

    /** The mapping in a model file's metadata (or a recipe's {@link Recipe#modelMetadata()}), if it has one. */
    public static Optional<LabelMapping> stored(Map<String, String> metadata) {
        String json = metadata.get(KEY);
        if (json == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(LabelMapping.fromJson(Json.MAPPER.readValue(json, new TypeReference<Map<String, Object>>() { })));
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalArgumentException("the model's " + KEY + " is not {\"classes\": [...]}: " + json, e);
        }
    }

    /** The metadata entry for {@code mapping}. */
    public static String json(LabelMapping mapping) {
        try {
            return Json.MAPPER.writeValueAsString(mapping.toJson());
        } catch (IOException e) {
            throw new IllegalStateException("class names could not be written as JSON", e);
        }
    }
}
