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

    /**
     * {@code k} splits whose test parts cover the corpus once (scikit-learn's
     * {@code StratifiedKFold(k, shuffle=True)}): each class is shuffled with {@code seed} and dealt
     * round-robin to the folds, so every fold holds about {@code 1/k} of each class.
     *
     * <pre>{@code
     * for (Split<TextCorpus> fold : StratifiedSplit.folds(corpus, 5, 42)) {
     *     scores.add(trainAndScore(fold.train(), fold.test()));
     * }
     * }</pre>
     *
     * @throws IllegalArgumentException if {@code k} is below 2 or above the number of texts
     */
    public static List<Split<TextCorpus>> folds(TextCorpus corpus, int k, long seed) {
        if (k < 2 || k > corpus.size()) {
            throw new IllegalArgumentException("folds must be between 2 and the " + corpus.size()
                    + " texts, got " + k);
        }
        Random random = new Random(seed);
        int[] foldOf = new int[corpus.size()];
        int next = 0;
        for (List<Integer> group : groups(corpus)) {
            Collections.shuffle(group, random);
            for (int i : group) {
                foldOf[i] = next;
                next = (next + 1) % k;   // carried across classes, so small classes do not all land in fold 0
            }
        }
        List<Split<TextCorpus>> folds = new ArrayList<>(k);
        for (int f = 0; f < k; f++) {
            int fold = f;
            int[] test = IntStream.range(0, foldOf.length).filter(i -> foldOf[i] == fold).toArray();
            int[] train = IntStream.range(0, foldOf.length).filter(i -> foldOf[i] != fold).toArray();
            folds.add(new Split<>(corpus.subset(train), corpus.subset(test)));
        }
        return folds;
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
