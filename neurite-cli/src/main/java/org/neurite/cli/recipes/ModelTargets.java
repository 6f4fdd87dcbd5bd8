package org.neurite.cli.recipes;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.neurite.data.LabelKind;
import org.neurite.data.LabelMapping;
import org.neurite.models.Model;

/**
 * What a saved text model predicts, from the metadata {@code train text-classifier} writes beside
 * the class names ({@link ModelLabels}): {@code label_kind} ({@code multi_label} or
 * {@code regression}; absent for one class per text), and for a multi-label model
 * {@code label_thresholds} (one per label) and {@code label_separator}, for a regression model
 * {@code target_statistics} ({@link TargetStatistics}). {@code neurite evaluate} and
 * {@code neurite predict} read a model's file through it.
 *
 * <pre>{@code
 * ModelTargets targets = ModelTargets.of(model);
 * if (targets.kind() == LabelKind.MULTI_LABEL) {
 *     float[] cut = targets.thresholds();
 * }
 * }</pre>
 *
 * @param kind binary or multi-class (one class per text), multi-label or regression
 * @param classes the class or label names in output order; empty for regression
 * @param thresholds multi-label: each label's threshold; else empty
 * @param separator multi-label: what joins the labels of a text when written out; else null
 * @param target regression: the training targets' statistics; else null
 */
public record ModelTargets(LabelKind kind, LabelMapping classes, float[] thresholds, String separator,
        TargetStatistics target) {
    static final String KIND = "label_kind";
    static final String THRESHOLDS = "label_thresholds";
    static final String SEPARATOR = "label_separator";
    static final String TARGET = "target_statistics";
    /** What joins a text's labels in a prediction when the corpus named none (0/1 columns). */
    public static final String DEFAULT_SEPARATOR = "|";
    /**
     * Made on first use: most models' metadata holds no JSON, and setting up an object mapper costs a
     * one-text {@code neurite predict} several hundred classes.
     */
    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper();
    }

    /** Multi-label: each label's threshold, a copy; else empty. */
    @Override
    public float[] thresholds() {
        return thresholds.clone();
    }

    /** A multi-label model's settings. */
    static ModelTargets multiLabel(LabelMapping labels, float[] thresholds, String separator) {
        return new ModelTargets(LabelKind.MULTI_LABEL, labels, thresholds.clone(),
                separator == null ? DEFAULT_SEPARATOR : separator, null);
    }

    /** A regression model's settings. */
    static ModelTargets regression(TargetStatistics target) {
        return new ModelTargets(LabelKind.REGRESSION, new LabelMapping(List.of()), new float[0], null, target);
    }

    /** What {@code model}'s file says it predicts; a file without {@code label_kind} holds a classifier. */
    public static ModelTargets of(Model model) {
        Map<String, String> meta = model.metadata();
        String kind = meta.get(KIND);
        if (kind == null) {
            LabelMapping classes = ModelLabels.of(model);
            return new ModelTargets(classes.size() == 2 ? LabelKind.BINARY : LabelKind.MULTI_CLASS, classes,
                    new float[0], null, null);
        }
        return switch (kind) {
            case "multi_label" -> new ModelTargets(LabelKind.MULTI_LABEL, ModelLabels.of(model),
                    thresholds(meta.get(THRESHOLDS)), meta.getOrDefault(SEPARATOR, DEFAULT_SEPARATOR), null);
            case "regression" -> regression(TargetStatistics.fromJson(read(meta.get(TARGET), TARGET)));
            default -> throw new IllegalArgumentException("the model's " + KIND + " is '" + kind
                    + "', expected multi_label or regression");
        };
    }

    /** The metadata entries that describe these targets, to save with the model. */
    Map<String, String> metadata() {
        Map<String, String> meta = new LinkedHashMap<>();
        switch (kind) {
            case MULTI_LABEL -> {
                meta.put(KIND, "multi_label");
                meta.put(ModelLabels.KEY, ModelLabels.json(classes));
                meta.put(THRESHOLDS, write(thresholdList()));
                meta.put(SEPARATOR, separator);
            }
            case REGRESSION -> {
                meta.put(KIND, "regression");
                meta.put(TARGET, write(target.toJson()));
            }
            default -> meta.put(ModelLabels.KEY, ModelLabels.json(classes));
        }
        return meta;
    }

    /** The kind as the model card and messages say it ({@code multi-label}). */
    public String kindName() {
        return kind.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private List<Float> thresholdList() {
        Float[] boxed = new Float[thresholds.length];
        for (int i = 0; i < boxed.length; i++) {
            boxed[i] = thresholds[i];
        }
        return List.of(boxed);
    }

    private static float[] thresholds(String json) {
        if (json == null) {
            throw new IllegalArgumentException("the model is multi-label but its file has no " + THRESHOLDS);
        }
        try {
            List<Double> values = Json.MAPPER.readValue(json, new TypeReference<List<Double>>() { });
            float[] t = new float[values.size()];
            for (int i = 0; i < t.length; i++) {
                t[i] = values.get(i).floatValue();
            }
            return t;
        } catch (IOException e) {
            throw new IllegalArgumentException("the model's " + THRESHOLDS + " is not a list of numbers: " + json, e);
        }
    }

    private static Map<String, Object> read(String json, String key) {
        if (json == null) {
            throw new IllegalArgumentException("the model's file has no " + key);
        }
        try {
            return Json.MAPPER.readValue(json, new TypeReference<Map<String, Object>>() { });
        } catch (IOException e) {
            throw new IllegalArgumentException("the model's " + key + " is not a JSON object: " + json, e);
        }
    }

    private static String write(Object value) {
        try {
            return Json.MAPPER.writeValueAsString(value);
        } catch (IOException e) {
            throw new IllegalStateException("label settings could not be written as JSON", e);
        }
    }
}
