package org.neurite.data;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;

/**
 * Splits a {@link TextCorpus} into training and test parts with a fixed seed. A classification
 * corpus is split per class, so each class keeps its share in both parts (scikit-learn's
 * {@code train_test_split(..., stratify=y)}); a class with a single text stays in training. Other
 * corpora (multi-label, regression, unlabelled) are split at random. Both parts keep file order.
 *
 * <pre>{@code
 * Split<TextCorpus> parts = StratifiedSplit.of(corpus, 0.2, 42);
 * fit(parts.train());
 * evaluate(parts.test());
 * }</pre>
 */
public final class StratifiedSplit {
    private StratifiedSplit() {
    }

    /**
     * The split with about {@code testFraction} of each class in the test part.
     *
     * @throws IllegalArgumentException if the fraction is not strictly between 0 and 1, or a part
     *     would be empty
     */
    public static Split<TextCorpus> of(TextCorpus corpus, double testFraction, long seed) {
        if (!(testFraction > 0 && testFraction < 1)) {
            throw new IllegalArgumentException("test fraction must be between 0 and 1 (exclusive), got " + testFraction);
        }
        Random random = new Random(seed);
        List<Integer> test = new ArrayList<>();
        for (List<Integer> group : groups(corpus)) {
            Collections.shuffle(group, random);
            int take = group.size() < 2 ? 0 : (int) Math.max(1, Math.min(group.size() - 1,
                    Math.round(group.size() * testFraction)));
            test.addAll(group.subList(0, take));
        }
        boolean[] inTest = new boolean[corpus.size()];
        test.forEach(i -> inTest[i] = true);
        int[] testIndices = indicesWhere(inTest, true);
        int[] trainIndices = indicesWhere(inTest, false);
        if (testIndices.length == 0 || trainIndices.length == 0) {
            throw new IllegalArgumentException("a test fraction of " + testFraction + " of " + corpus.size()
                    + " texts leaves a part empty; the corpus needs more texts");
        }
        return new Split<>(corpus.subset(trainIndices), corpus.subset(testIndices));
    }

    /** Row indices per class for classification, else one group of every row. */
    private static List<List<Integer>> groups(TextCorpus corpus) {
        boolean byClass = corpus.kind() == LabelKind.BINARY || corpus.kind() == LabelKind.MULTI_CLASS;
        int count = byClass ? corpus.classes().size() : 1;
        List<List<Integer>> groups = new ArrayList<>();
        for (int c = 0; c < count; c++) {
            groups.add(new ArrayList<>());
        }
        for (int i = 0; i < corpus.size(); i++) {
            groups.get(byClass ? corpus.classIds()[i] : 0).add(i);
        }
        return groups;
    }

    private static int[] indicesWhere(boolean[] flags, boolean value) {
        return IntStream.range(0, flags.length).filter(i -> flags[i] == value).toArray();
    }
}
