package org.neurite.cli.recipes;

import java.nio.file.Path;
import org.neurite.data.LabelKind;
import org.neurite.data.LabelMapping;
import org.neurite.data.TextCorpus;

/**
 * A test corpus read on its own has its own class ids (its sorted class or label names); training's
 * ids must be used instead, so that the model's outputs and the test labels mean the same class.
 */
final class CorpusLabels {
    private CorpusLabels() {
    }

    /**
     * {@code test} with its labels re-encoded in {@code training}'s mapping: class ids for one class
     * per text, the 0/1 columns for multi-label; regression targets need none.
     *
     * @throws IllegalArgumentException naming a test class or label that training has not seen
     */
    static TextCorpus remapped(TextCorpus test, TextCorpus training, Path source) {
        return switch (training.kind()) {
            case REGRESSION -> test;
            case MULTI_LABEL -> labelsRemapped(test, training.classes(), source);
            default -> classesRemapped(test, training.classes(), source);
        };
    }

    private static TextCorpus classesRemapped(TextCorpus test, LabelMapping training, Path source) {
        int[] ids = new int[test.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = indexIn(training, test.classes().nameOf(test.classIds()[i]), "class", source);
        }
        return new TextCorpus(test.texts(), training.size() == 2 ? LabelKind.BINARY : LabelKind.MULTI_CLASS, training,
                ids, test.targets(), test.skippedRows(), test.skipMessages());
    }

    private static TextCorpus labelsRemapped(TextCorpus test, LabelMapping training, Path source) {
        int k = test.classes().size();
        int[] column = new int[k];
        for (int c = 0; c < k; c++) {
            column[c] = indexIn(training, test.classes().nameOf(c), "label", source);
        }
        float[] hot = new float[test.size() * training.size()];
        for (int i = 0; i < test.size(); i++) {
            for (int c = 0; c < k; c++) {
                hot[i * training.size() + column[c]] = test.targets()[i * k + c];
            }
        }
        return new TextCorpus(test.texts(), LabelKind.MULTI_LABEL, training, new int[0], hot, test.skippedRows(),
                test.skipMessages());
    }

    private static int indexIn(LabelMapping training, String name, String what, Path source) {
        int id = training.classes().indexOf(name);
        if (id < 0) {
            throw new IllegalArgumentException(source + ": " + what + " '" + name + "' is not among the training "
                    + (what.equals("class") ? "classes " : "labels ") + training.classes());
        }
        return id;
    }
}
