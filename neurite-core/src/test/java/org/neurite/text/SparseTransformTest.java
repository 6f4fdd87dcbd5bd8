package org.neurite.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;
import org.neurite.tensor.SparseRows;
import org.neurite.tensor.Tensor;

/** transformSparse keeps exactly the values transform writes, without the zeros. */
class SparseTransformTest {
    private static final List<String> CORPUS = List.of("the cat sat on the mat", "the dog ate the cat's dinner",
            "a bird", "", "the the the unknown words here", "cat dog bird mat");

    @ParameterizedTest
    @EnumSource(value = OutputMode.class, names = {"MULTI_HOT", "COUNT", "TF_IDF"})
    void sparseRowsHoldTheDenseValues(OutputMode mode) {
        TextVectorization vectorizer = TextVectorization.builder().optMaxTokens(12).optNgrams(2)
                .optOutputMode(mode).optPadToMaxTokens(true).build();
        vectorizer.adapt(CORPUS.subList(0, 4));
        Tensor dense = vectorizer.transform(CORPUS);
        SparseRows sparse = vectorizer.transformSparse(CORPUS);
        assertEquals(dense.dim(1), sparse.columns());
        assertArrayEquals(dense.toArray(), sparse.slice(0, CORPUS.size()).toArray());
    }

    @Test
    void intModeIsRefused() {
        TextVectorization ids = TextVectorization.builder().optMaxTokens(12).build();
        ids.adapt(CORPUS);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> ids.transformSparse(CORPUS));
        assertEquals("TextVectorization: transformSparse needs output_mode multi_hot, count or tf_idf;"
                + " output_mode is 'int', whose token ids transform() gives", e.getMessage());
    }
}
