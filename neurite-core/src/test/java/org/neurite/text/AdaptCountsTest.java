package org.neurite.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Counting parts of a corpus and merging them learns what adapt over the whole corpus learns. */
class AdaptCountsTest {
    private static final List<String> TEXTS = List.of("b a c", "a b", "", "c c d", "é e É", "d a b e", "b");

    private static TextVectorization tfIdf() {
        return TextVectorization.builder().optOutputMode(OutputMode.TF_IDF).optMaxTokens(5).build();
    }

    @Test
    void mergedPartsGiveTheWholeCorpusVocabularyAndIdfWeights() {
        TextVectorization whole = tfIdf();
        whole.adapt(TEXTS);
        TextVectorization parts = tfIdf();

        AdaptCounts left = parts.count(TEXTS.subList(0, 3));
        AdaptCounts right = parts.count(TEXTS.subList(3, TEXTS.size()));
        parts.adapt(right.merge(AdaptCounts.empty()).merge(left));

        assertEquals(whole.getVocabulary(), parts.getVocabulary());
        assertArrayEquals(whole.idfWeights(), parts.idfWeights(), 0f);
        assertEquals(TEXTS.size(), left.merge(right).texts());
    }

    @Test
    void countsSurviveJavaSerialization() throws IOException, ClassNotFoundException {
        TextVectorization vectorizer = tfIdf();
        AdaptCounts counts = vectorizer.count(TEXTS);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(counts);
        }
        AdaptCounts back;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            back = (AdaptCounts) in.readObject();
        }
        TextVectorization whole = tfIdf();
        whole.adapt(TEXTS);

        vectorizer.adapt(back);

        assertEquals(whole.getVocabulary(), vectorizer.getVocabulary());
        assertEquals(counts.distinctTokens(), back.distinctTokens());
    }
}
