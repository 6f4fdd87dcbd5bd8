package org.neurite.data;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.neurite.tensor.Tensor;

/**
 * A user's corpus read into memory: the texts and their labels encoded for the {@link LabelKind}.
 * Made by the readers of {@link TextDatasets}; {@link CorpusCursor} is the streaming alternative.
 *
 * <pre>{@code
 * TextCorpus corpus = TextDatasets.csv(path).text("body").label("category").read();
 * corpus.kind();           // MULTI_CLASS
 * corpus.classes();        // [billing, bug, feature] in id order
 * Tensor y = corpus.labelTensor();   // (size) class ids
 * }</pre>
 *
 * @param texts the texts, in file order
 * @param kind what the labels are
 * @param classes class names in id order (for multi-label, one per output); empty for regression
 *     and for texts without labels
 * @param classIds the class id of each text (binary and multi-class), else an empty array
 * @param targets the number of each text (regression), or the row-major {@code (size, classes)}
 *     0/1 matrix of a multi-label corpus, else an empty array
 * @param skippedRows how many bad rows were left out
 * @param skipMessages the first few reasons, each naming the file and line
 */
public record TextCorpus(List<String> texts, LabelKind kind, LabelMapping classes, int[] classIds, float[] targets,
        long skippedRows, List<String> skipMessages) {

    public int size() {
        return texts.size();
    }

    /**
     * The labels as a tensor for the matching loss: binary {@code (size, 1)} 0/1, multi-class
     * {@code (size)} ids, multi-label {@code (size, classes)} 0/1, regression {@code (size, 1)}.
     */
    public Tensor labelTensor() {
        return switch (kind) {
            case BINARY -> Tensor.ofInts(classIds, size(), 1);
            case MULTI_CLASS -> Tensor.ofInts(classIds, size());
            case MULTI_LABEL -> Tensor.of(targets.clone(), size(), classes.size());
            case REGRESSION -> Tensor.of(targets.clone(), size(), 1);
            case NONE -> throw new IllegalStateException("this corpus was read without a label column");
        };
    }

    /**
     * The texts at {@code indices}, in that order, with their labels; the classes and the skip
     * report are kept, so the parts of a split share one label mapping.
     */
    public TextCorpus subset(int[] indices) {
        List<String> part = new ArrayList<>(indices.length);
        for (int i : indices) {
            part.add(texts.get(i));
        }
        int width = kind == LabelKind.MULTI_LABEL ? classes.size() : 1;
        float[] partTargets = new float[targets.length == 0 ? 0 : indices.length * width];
        int[] partIds = new int[classIds.length == 0 ? 0 : indices.length];
        for (int j = 0; j < indices.length; j++) {
            if (partIds.length > 0) {
                partIds[j] = classIds[indices[j]];
            }
            if (partTargets.length > 0) {
                System.arraycopy(targets, indices[j] * width, partTargets, j * width, width);
            }
        }
        return new TextCorpus(part, kind, classes, partIds, partTargets, skippedRows, skipMessages);
    }

    /**
     * Reads a cursor to its end and encodes the labels.
     *
     * @param labels where the rows' labels came from
     * @param known the classes in id order when the source fixes them (a folder's sub-folders,
     *     multi-label columns), else null to take the sorted distinct labels seen
     * @param labelName names the label in messages, such as {@code "label column 'category'"}
     */
    static TextCorpus collect(CorpusCursor cursor, ColumnSpec.Labels labels, LabelMapping known, String labelName) {
        List<String> texts = new ArrayList<>();
        List<List<String>> raw = new ArrayList<>();
        try (cursor) {
            while (cursor.hasNext()) {
                CorpusRow row = cursor.next();
                texts.add(row.text());
                raw.add(row.labels());
            }
        }
        if (texts.isEmpty()) {
            throw new DatasetException("no usable rows" + (cursor.skippedRows() > 0
                    ? "; " + cursor.skippedRows() + " bad rows were skipped, the first: " + cursor.skipMessages().getFirst()
                    : "; the corpus is empty"));
        }
        return switch (labels) {
            case NONE -> new TextCorpus(texts, LabelKind.NONE, new LabelMapping(List.of()), new int[0], new float[0],
                    cursor.skippedRows(), cursor.skipMessages());
            case CLASS -> classes(texts, raw, known, labelName, cursor);
            case SEPARATED, COLUMNS -> multiLabel(texts, raw, known, labelName, cursor);
            case TARGET -> regression(texts, raw, cursor);
        };
    }

    private static TextCorpus classes(List<String> texts, List<List<String>> raw, LabelMapping known,
            String labelName, CorpusCursor cursor) {
        LabelMapping mapping = known != null ? known : LabelMapping.of(raw.stream().map(List::getFirst).toList());
        if (mapping.size() < 2) {
            throw new DatasetException(labelName + " has one class, '" + mapping.classes().getFirst()
                    + "'; a classifier needs at least two");
        }
        int[] ids = new int[texts.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = mapping.idOf(raw.get(i).getFirst());
        }
        LabelKind kind = mapping.size() == 2 ? LabelKind.BINARY : LabelKind.MULTI_CLASS;
        return new TextCorpus(texts, kind, mapping, ids, new float[0], cursor.skippedRows(), cursor.skipMessages());
    }

    private static TextCorpus multiLabel(List<String> texts, List<List<String>> raw, LabelMapping known,
            String labelName, CorpusCursor cursor) {
        LabelMapping mapping = known;
        if (mapping == null) {
            Set<String> all = new HashSet<>();
            raw.forEach(all::addAll);
            mapping = LabelMapping.of(all);
        }
        if (mapping.size() == 0) {
            throw new DatasetException(labelName + " holds no labels in any row");
        }
        int k = mapping.size();
        float[] hot = new float[texts.size() * k];
        for (int i = 0; i < texts.size(); i++) {
            for (String label : raw.get(i)) {
                hot[i * k + mapping.idOf(label)] = 1f;
            }
        }
        return new TextCorpus(texts, LabelKind.MULTI_LABEL, mapping, new int[0], hot, cursor.skippedRows(),
                cursor.skipMessages());
    }

    private static TextCorpus regression(List<String> texts, List<List<String>> raw, CorpusCursor cursor) {
        float[] targets = new float[texts.size()];
        for (int i = 0; i < targets.length; i++) {
            targets[i] = Float.parseFloat(raw.get(i).getFirst());
        }
        return new TextCorpus(texts, LabelKind.REGRESSION, new LabelMapping(Collections.emptyList()), new int[0],
                targets, cursor.skippedRows(), cursor.skipMessages());
    }
}
