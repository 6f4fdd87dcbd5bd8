package org.neurite.data;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The class names of a classification corpus in id order: id {@code i} is {@code classes().get(i)}.
 * Names are sorted (as Keras' {@code text_dataset_from_directory} sorts its class folders), so the
 * same corpus always gives the same ids. Save it with the model so predictions can be named.
 *
 * <pre>{@code
 * LabelMapping m = LabelMapping.of(List.of("spam", "ham", "spam"));
 * m.classes();        // [ham, spam]
 * m.idOf("spam");     // 1
 * m.toJson();         // {"classes":["ham","spam"]} as a map, for a model file's JSON header
 * }</pre>
 *
 * @param classes distinct class names in id order
 */
public record LabelMapping(List<String> classes) {
    public LabelMapping {
        classes = List.copyOf(classes);
        if (new TreeSet<>(classes).size() != classes.size()) {
            throw new IllegalArgumentException("class names must be distinct, got " + classes);
        }
    }

    /** The mapping of the distinct values among {@code names}, sorted. */
    public static LabelMapping of(Collection<String> names) {
        return new LabelMapping(List.copyOf(new TreeSet<>(names)));
    }

    public int size() {
        return classes.size();
    }

    /** The id of a class name, or an {@link IllegalArgumentException} that lists the known names. */
    public int idOf(String name) {
        int id = classes.indexOf(name);
        if (id < 0) {
            throw new IllegalArgumentException("unknown class '" + name + "', expected one of " + classes);
        }
        return id;
    }

    public String nameOf(int id) {
        return classes.get(id);
    }

    /** The mapping as a JSON-ready map ({@code {"classes": [...]}}), the form a model file stores. */
    public Map<String, Object> toJson() {
        return Map.of("classes", classes);
    }

    /** Reads the form written by {@link #toJson()}. */
    public static LabelMapping fromJson(Map<String, ?> json) {
        if (!(json.get("classes") instanceof List<?> list)) {
            throw new IllegalArgumentException("expected a label mapping {\"classes\": [...]}, got " + json);
        }
        return new LabelMapping(list.stream().map(String::valueOf).toList());
    }
}
