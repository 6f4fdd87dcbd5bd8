package org.neurite.cli.recipes;

import java.nio.file.Path;
import org.neurite.data.LabelKind;
import org.neurite.data.LabelMapping;
import org.neurite.data.TextCorpus;

/**
 * A test corpus read on its own has its own class ids (its sorted class names); training's ids
 * must be used instead, so that the model's outputs and the test labels mean the same class.
 */
final class CorpusLabels {
    private CorpusLabels() {
    }

    /**
     * {@code test} with its class ids re-encoded in {@code training}'s mapping.
     *
     * @throws IllegalArgumentException naming a test class that training has not seen
     */
    static TextCorpus remapped(TextCorpus test, LabelMapping training, Path source) {
        int[] ids = new int[test.size()];
        for (int i = 0; i < ids.length; i++) {
            String name = test.classes().nameOf(test.classIds()[i]);
            ids[i] = training.classes().indexOf(name);
            if (ids[i] < 0) {
                throw new IllegalArgumentException(source + ": class '" + name + "' is not among the training classes "
                        + training.classes());
            }
        }
        return new TextCorpus(test.texts(), kindOf(training), training,
                ids, test.targets(), test.skippedRows(), test.skipMessages());
    }

    private static LabelKind kindOf(LabelMapping mapping) {
        return mapping.size() == 2 ? LabelKind.BINARY : LabelKind.MULTI_CLASS;
    }
}
