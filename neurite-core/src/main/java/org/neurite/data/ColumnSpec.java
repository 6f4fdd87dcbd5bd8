package org.neurite.data;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Which fields of a row make its text and its labels, and how: the part of a corpus reader's
 * settings shared by CSV and JSON lines. Turns one row (a field lookup) into a {@link CorpusRow},
 * or a {@link BadRowException} that says what is wrong with it.
 *
 * @param textColumns the fields joined, in this order, into the text
 * @param textJoiner put between the text fields
 * @param labels where the labels come from
 * @param labelColumns the label field (one) or the 0/1 fields of a multi-label corpus (several)
 * @param labelSeparator splits a multi-label field, such as {@code "|"} in {@code "news|sport"}
 * @param keepFields whether each row keeps all its fields ({@link CorpusRow#fields()})
 */
record ColumnSpec(List<String> textColumns, String textJoiner, Labels labels, List<String> labelColumns,
        String labelSeparator, boolean keepFields) {

    /** Where a row's labels come from. */
    enum Labels { NONE, CLASS, SEPARATED, COLUMNS, TARGET }

    ColumnSpec {
        textColumns = List.copyOf(textColumns);
        labelColumns = List.copyOf(labelColumns);
        if (textColumns.isEmpty()) {
            throw new IllegalArgumentException("no text column chosen; name one with text(\"column\")");
        }
    }

    /** Every field this spec reads, texts first. */
    List<String> columns() {
        List<String> all = new ArrayList<>(textColumns);
        all.addAll(labelColumns);
        return all;
    }

    /** A one-line error if one of the fields this spec reads is not among {@code available}. */
    void requireColumns(Collection<String> available, String source) {
        for (String column : columns()) {
            if (!available.contains(column)) {
                throw new DatasetException(source + ": no column '" + column + "'; the columns are " + available);
            }
        }
    }

    /** The row whose fields {@code field} returns (null for a missing field). */
    CorpusRow toRow(long line, Function<String, String> field, Collection<String> available) {
        String text = textOf(field, available);
        if (text.isBlank()) {
            throw new BadRowException("empty text in " + textColumns);
        }
        return new CorpusRow(line, text, labelsOf(field, available),
                keepFields ? fieldsOf(field, available) : Map.of());
    }

    /**
     * The non-blank text fields joined. One text column (the usual case) is its field itself: a
     * large corpus is read at the speed of its copies, and joining through a StringBuilder copied
     * each text three times.
     */
    private String textOf(Function<String, String> field, Collection<String> available) {
        if (textColumns.size() == 1) {
            return required(field, textColumns.getFirst(), available);
        }
        StringBuilder text = new StringBuilder();
        for (String column : textColumns) {
            String value = required(field, column, available);
            if (!value.isBlank()) {
                if (!text.isEmpty()) {
                    text.append(textJoiner);
                }
                text.append(value);
            }
        }
        return text.toString();
    }

    private static Map<String, String> fieldsOf(Function<String, String> field, Collection<String> available) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String column : available) {
            fields.putIfAbsent(column, field.apply(column));
        }
        return fields;
    }

    private List<String> labelsOf(Function<String, String> field, Collection<String> available) {
        return switch (labels) {
            case NONE -> List.of();
            case CLASS -> List.of(nonEmpty(required(field, labelColumns.getFirst(), available), "label"));
            case TARGET -> List.of(number(required(field, labelColumns.getFirst(), available)));
            case SEPARATED -> split(required(field, labelColumns.getFirst(), available));
            case COLUMNS -> flagged(field, available);
        };
    }

    private List<String> split(String value) {
        List<String> parts = new ArrayList<>();
        for (String part : value.split(java.util.regex.Pattern.quote(labelSeparator), -1)) {
            if (!part.isBlank()) {
                parts.add(part.strip());
            }
        }
        return parts;
    }

    private List<String> flagged(Function<String, String> field, Collection<String> available) {
        List<String> on = new ArrayList<>();
        for (String column : labelColumns) {
            String value = required(field, column, available).strip().toLowerCase(Locale.ROOT);
            switch (value) {
                case "1", "true", "yes" -> on.add(column);
                case "0", "false", "no", "" -> { }
                default -> throw new BadRowException("label column '" + column + "' holds '" + value
                        + "', expected 1/0, true/false or yes/no");
            }
        }
        return on;
    }

    private static String required(Function<String, String> field, String column, Collection<String> available) {
        String value = field.apply(column);
        if (value == null) {
            throw new BadRowException("no field '" + column + "'; the fields are " + available);
        }
        return value;
    }

    private String nonEmpty(String value, String what) {
        if (value.isBlank()) {
            throw new BadRowException("empty " + what + " in column '" + labelColumns.getFirst() + "'");
        }
        return value.strip();
    }

    private String number(String value) {
        try {
            float target = Float.parseFloat(value.strip());
            if (!Float.isFinite(target)) {
                throw new NumberFormatException();
            }
            return value.strip();
        } catch (NumberFormatException e) {
            throw new BadRowException("target column '" + labelColumns.getFirst() + "' holds '" + value
                    + "', expected a finite number");
        }
    }
}
