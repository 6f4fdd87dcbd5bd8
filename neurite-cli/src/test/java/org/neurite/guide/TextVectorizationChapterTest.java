package org.neurite.guide;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.neurite.data.KerasImdb;
import org.neurite.data.SequenceDataset;
import org.neurite.data.Split;
import org.neurite.tensor.Tensor;
import org.neurite.testing.NeedsDataset;
import org.neurite.text.OutputMode;
import org.neurite.text.PadOptions;
import org.neurite.text.Sequences;
import org.neurite.text.Standardization;
import org.neurite.text.TextVectorization;

/** The code of docs/guide/12-text-vectorization.md, with each printed result asserted. */
class TextVectorizationChapterTest {
    private static final List<String> REVIEWS = List.of(
            "A great film! Great acting.",
            "A dull film, dull acting.",
            "Great, great fun");

    @Test
    void standardizeThenSplit() {
        // tag::standardize[]
        String review = "A great FILM!<br />CAFÉ «génial»";
        String keras = Standardization.LOWER_AND_STRIP_PUNCTUATION.apply(review);
        // "a great filmbr cafÉ «génial»": Keras' default, exactly as Keras: ASCII letters and punctuation only
        String unicode = Standardization.UNICODE_LOWER_AND_STRIP_PUNCTUATION.apply(review);
        // "a great film café génial": Neurite's, for every script; the HTML line break a space
        // end::standardize[]
        assertEquals("a great filmbr cafÉ «génial»", keras);
        assertEquals("a great film café génial", unicode.replaceAll(" +", " "));
    }

    @Test
    void unicodeAwareVectorizer() {
        // tag::unicode[]
        TextVectorization vectorizer = TextVectorization.builder()
                .optStandardize(Standardization.UNICODE_LOWER_AND_STRIP_PUNCTUATION)
                .optSplit(org.neurite.text.Split.UNICODE_WHITESPACE)   // every Unicode space separates words
                .build();
        vectorizer.adapt(List.of("Ｃafé<br />CAFÉ\u00A0«café»"));
        List<String> vocabulary = vectorizer.getVocabulary();   // ["", "[UNK]", "café"]
        // end::unicode[]
        assertEquals(List.of("", "[UNK]", "café"), vocabulary);
    }

    @Test
    void integerSequences() {
        // tag::int[]
        TextVectorization vectorizer = TextVectorization.builder()
                .optMaxTokens(6)                      // the vocabulary's size, padding and [UNK] included
                .optOutputSequenceLength(5)           // cut or pad every text to 5 ids, at the end
                .build();
        vectorizer.adapt(REVIEWS);                    // count the words, keep the most frequent
        List<String> vocabulary = vectorizer.getVocabulary();
        Tensor ids = vectorizer.transform(List.of("great acting, dull plot", "fun"));   // (2, 5)
        // end::int[]
        assertEquals(List.of("", "[UNK]", "great", "film", "dull", "acting"), vocabulary);
        assertArrayEquals(new float[] {2, 5, 4, 1, 0, 1, 0, 0, 0, 0}, ids.toArray());
    }

    @Test
    void bagsOfWords() {
        // tag::bow[]
        TextVectorization multiHot = TextVectorization.builder()
                .optOutputMode(OutputMode.MULTI_HOT).build();           // 1 where the word occurs
        multiHot.adapt(REVIEWS);
        Tensor rows = multiHot.transform(List.of("great great film")); // (1, vocabulary)

        TextVectorization tfIdf = TextVectorization.builder()
                .optOutputMode(OutputMode.TF_IDF).optNgrams(2).build(); // words and word pairs, weighted
        tfIdf.adapt(REVIEWS);
        Tensor weights = tfIdf.transform(List.of("great great film"));
        // end::bow[]
        assertEquals(List.of("[UNK]", "great", "film", "dull", "acting", "a", "fun"), multiHot.getVocabulary());
        assertArrayEquals(new float[] {0, 1, 1, 0, 0, 0, 0}, rows.toArray());
        assertTrue(tfIdf.getVocabulary().contains("great film"));
        assertEquals(tfIdf.vocabularySize(), weights.dim(1));
    }

    @Test
    void padSequencesAsKerasDoes() {
        // tag::pad[]
        List<int[]> sequences = List.of(new int[] {5, 8, 2}, new int[] {7});
        Tensor padded = Sequences.padSequences(sequences);                           // (2, 3): [[5, 8, 2], [0, 0, 7]]
        Tensor cut = Sequences.padSequences(sequences, PadOptions.defaults().withMaxlen(2));   // [[8, 2], [0, 7]]
        // end::pad[]
        assertArrayEquals(new float[] {5, 8, 2, 0, 0, 7}, padded.toArray());
        assertArrayEquals(new float[] {8, 2, 0, 7}, cut.toArray());
    }

    @Test
    @NeedsDataset
    void kerasIntegerView() {
        // tag::keras-imdb[]
        Split<SequenceDataset> imdb = KerasImdb.loadData(10_000);    // like keras.datasets.imdb.load_data(num_words=10000)
        int[] first = imdb.train().sequences().get(0);               // 1 = start, 2 = rare word, word of rank r = r + 3
        Tensor x = Sequences.padSequences(imdb.train().sequences(), PadOptions.defaults().withMaxlen(200));   // (25000, 200)
        // end::keras-imdb[]
        assertEquals(KerasImdb.START_CHAR, first[0]);
        assertTrue(java.util.Arrays.stream(first).allMatch(id -> id >= 1 && id < 10_000));
        assertEquals(25_000, x.dim(0));
        assertEquals(200, x.dim(1));
    }
}
