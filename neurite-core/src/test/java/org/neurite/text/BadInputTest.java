package org.neurite.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import org.neurite.tensor.Tensor;

/** Empty, huge, undecodable and unknown texts give sensible results, never a crash. */
class BadInputTest {
    private static TextVectorization adapted(OutputMode mode) {
        TextVectorization v = TextVectorization.builder().optOutputMode(mode).build();
        v.adapt(List.of("a good film", "a bad film"));
        return v;
    }

    @Test
    void emptyBatchesAndEmptyTextsGiveEmptyOrAllPaddingRows() {
        TextVectorization v = adapted(OutputMode.INT);
        assertArrayEquals(new int[] {0, 0}, v.transform(List.of()).shape());
        assertArrayEquals(new int[] {2, 0}, v.transform(List.of("", "  \t ")).shape());
        TextVectorization fixed = TextVectorization.builder().optOutputSequenceLength(3).optVocabulary(List.of("a")).build();
        assertArrayEquals(new float[] {0, 0, 0}, fixed.transform(List.of("")).toArray());
        assertArrayEquals(new float[] {0, 0, 0, 0, 0}, adapted(OutputMode.COUNT).transform(List.of("")).toArray());
        v.adapt(List.of());
        assertEquals(List.of("", "[UNK]"), v.getVocabulary());
    }

    @Test
    void textsOfUnknownWordsAreAllOov() {
        assertArrayEquals(new float[] {1, 1, 1}, adapted(OutputMode.INT).transform(List.of("zebra quux xyzzy")).toArray());
        assertArrayEquals(new float[] {3, 0, 0, 0, 0}, adapted(OutputMode.COUNT).transform(List.of("zebra quux xyzzy")).toArray());
    }

    @Test
    void aOneMegabyteTextIsVectorized() {
        Random random = new Random(3);
        StringBuilder text = new StringBuilder();
        while (text.length() < 1 << 20) {
            text.append(random.nextBoolean() ? "good " : "unknown ").append("<br />");
        }
        TextVectorization v = TextVectorization.builder().optOutputSequenceLength(100).build();
        v.adapt(List.of(text.toString()));
        assertEquals(Set.of("", "[UNK]", "good", "unknown", "br"), Set.copyOf(v.getVocabulary()));   // Keras keeps "br"
        assertArrayEquals(new int[] {1, 100}, v.transform(List.of(text.toString())).shape());
        Tensor all = TextVectorization.builder().optVocabulary(List.of("good")).build().transform(List.of(text.toString()));
        assertTrue(all.dim(1) > 50_000, "tokens: " + all.dim(1));   // about 80,000 words
    }

    @Property(tries = 100)
    void binaryGarbageNeverCrashes(@ForAll byte[] garbage, @ForAll OutputMode mode) {
        TextVectorization v = TextVectorization.builder().optOutputMode(mode).optNgrams(2).build();
        List<String> texts = new ArrayList<>(List.of(new String(garbage, StandardCharsets.UTF_8), "plain words"));
        v.adapt(texts);
        Tensor out = v.transform(texts);
        assertEquals(2, out.dim(0));
        Tokenizer tokenizer = Tokenizer.builder().optOovToken("<OOV>").build();
        tokenizer.fitOnTexts(texts);
        assertEquals(2, tokenizer.textsToMatrix(texts, MatrixMode.TFIDF).dim(0));
    }
}
