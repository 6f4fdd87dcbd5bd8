package org.neurite.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StratifiedSplitTest {
    /** 100 texts: 80 of class a, 20 of class b, text "t{i}". */
    private static TextCorpus imbalanced() {
        List<String> texts = new ArrayList<>();
        int[] ids = new int[100];
        for (int i = 0; i < 100; i++) {
            texts.add("t" + i);
            ids[i] = i % 5 == 0 ? 1 : 0;
        }
        return new TextCorpus(texts, LabelKind.BINARY, new LabelMapping(List.of("a", "b")), ids, new float[0], 0,
                List.of());
    }

    private static int count(int[] ids, int id) {
        return (int) java.util.Arrays.stream(ids).filter(x -> x == id).count();
    }

    @Test
    void eachClassKeepsItsShareInTheTestPart() {
        Split<TextCorpus> parts = StratifiedSplit.of(imbalanced(), 0.2, 42);

        assertEquals(20, parts.test().size());
        assertEquals(16, count(parts.test().classIds(), 0));
        assertEquals(4, count(parts.test().classIds(), 1));
        assertEquals(80, parts.train().size());
        assertEquals(parts.train().classes(), parts.test().classes());
    }

    @Test
    void thePartsAreDisjointAndCoverTheCorpusWithLabelsKeptBesideTheirTexts() {
        Split<TextCorpus> parts = StratifiedSplit.of(imbalanced(), 0.3, 7);

        Set<String> all = new HashSet<>(parts.train().texts());
        all.addAll(parts.test().texts());
        assertEquals(100, all.size());
        for (TextCorpus part : List.of(parts.train(), parts.test())) {
            for (int i = 0; i < part.size(); i++) {
                int index = Integer.parseInt(part.texts().get(i).substring(1));
                assertEquals(index % 5 == 0 ? 1 : 0, part.classIds()[i], part.texts().get(i));
            }
        }
    }

    @Test
    void theSameSeedGivesTheSameSplitAndAnotherSeedAnother() {
        TextCorpus corpus = imbalanced();

        assertEquals(StratifiedSplit.of(corpus, 0.2, 1).test().texts(), StratifiedSplit.of(corpus, 0.2, 1).test().texts());
        assertNotEquals(StratifiedSplit.of(corpus, 0.2, 1).test().texts(), StratifiedSplit.of(corpus, 0.2, 2).test().texts());
    }

    @Test
    void multiLabelRowsKeepTheirWholeRowOfTargets() {
        TextCorpus tags = new TextCorpus(List.of("x", "y", "z", "w"), LabelKind.MULTI_LABEL,
                new LabelMapping(List.of("p", "q")), new int[0], new float[] {1, 0, 0, 1, 1, 1, 0, 0}, 0, List.of());

        Split<TextCorpus> parts = StratifiedSplit.of(tags, 0.25, 3);

        TextCorpus test = parts.test();
        assertEquals(1, test.size());
        int row = List.of("x", "y", "z", "w").indexOf(test.texts().getFirst());
        assertArrayEquals(new float[] {tags.targets()[2 * row], tags.targets()[2 * row + 1]}, test.targets());
    }

    @Test
    void aFractionOutsideZeroToOneOrAnEmptyPartIsRefused() {
        TextCorpus corpus = imbalanced();
        TextCorpus two = corpus.subset(new int[] {0, 1}); // one text of each class: none can be held out

        assertThrows(IllegalArgumentException.class, () -> StratifiedSplit.of(corpus, 1.0, 1));
        assertThrows(IllegalArgumentException.class, () -> StratifiedSplit.of(corpus, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> StratifiedSplit.of(two, 0.2, 1));
    }

    @Test
    void foldsCoverEveryTextOnceAndKeepEachClassShare() {
        List<Split<TextCorpus>> folds = StratifiedSplit.folds(imbalanced(), 5, 42);

        Set<String> tested = new HashSet<>();
        for (Split<TextCorpus> fold : folds) {
            assertEquals(20, fold.test().size());
            assertEquals(80, fold.train().size());
            assertEquals(4, count(fold.test().classIds(), 1));
            fold.test().texts().forEach(t -> assertEquals(true, tested.add(t), t + " tested twice"));
            assertEquals(Set.of(), intersection(fold.train().texts(), fold.test().texts()));
        }
        assertEquals(100, tested.size());
    }

    @Test
    void foldCountsOutsideTwoToTheCorpusSizeAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> StratifiedSplit.folds(imbalanced(), 1, 42));
        assertThrows(IllegalArgumentException.class, () -> StratifiedSplit.folds(imbalanced(), 101, 42));
    }

    private static Set<String> intersection(List<String> a, List<String> b) {
        Set<String> both = new HashSet<>(a);
        both.retainAll(new HashSet<>(b));
        return both;
    }
}
