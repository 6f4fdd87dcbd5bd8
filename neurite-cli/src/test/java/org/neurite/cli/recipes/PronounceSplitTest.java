package org.neurite.cli.recipes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.neurite.cli.translate.SymbolTable;
import org.neurite.data.PronouncingDictionary;
import org.neurite.tensor.Tensor;

/** The pronounce recipe's split and tensors, on a dictionary made here. */
class PronounceSplitTest {
    private static List<PronouncingDictionary.Entry> words(int n) {
        List<PronouncingDictionary.Entry> words = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            StringBuilder word = new StringBuilder("w");
            for (int rest = i; rest > 0; rest /= 26) {
                word.append((char) ('a' + rest % 26));   // a different word for each i
            }
            words.add(new PronouncingDictionary.Entry(word.toString(), List.of("W", "AH", "N")));
        }
        return words;
    }

    @Test
    void heldOutWordsAreFivePercentAndNeverTrainingWords() {
        List<PronouncingDictionary.Entry> words = words(2000);

        List<PronouncingDictionary.Entry>[] split = Pronounce.split(words);

        assertEquals(100, split[1].size());
        assertEquals(1900, split[0].size());
        Set<PronouncingDictionary.Entry> train = new HashSet<>(split[0]);
        split[1].forEach(e -> assertTrue(!train.contains(e), e.word()));
    }

    @Test
    void phonemesEndWithTheEndTokenAndPadding() {
        List<PronouncingDictionary.Entry> words = List.of(new PronouncingDictionary.Entry("cat", List.of("K", "AE", "T")),
                new PronouncingDictionary.Entry("a", List.of("AH")));

        Tensor[] tensors = Pronounce.tensors(words);

        assertEquals(3, tensors[0].dim(1));   // the longest word
        assertEquals(4, tensors[1].dim(1));   // its phonemes and the end token
        assertEquals(SymbolTable.END, (int) tensors[1].get(1, 1));
        assertEquals(SymbolTable.PAD, (int) tensors[1].get(1, 2));
    }
}
