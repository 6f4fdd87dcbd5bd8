package org.neurite.cli.translate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.neurite.testing.Tolerances;

/** Edit distance between symbol sequences, and the phoneme and word error rates built on it. */
class EditDistanceTest {
    private static List<String> chars(String s) {
        return Arrays.asList(s.split(""));
    }

    @Test
    void countsInsertionsDeletionsAndSubstitutions() {
        assertEquals(3, EditDistance.between(chars("kitten"), chars("sitting")));
        assertEquals(2, EditDistance.between(List.of("K", "AE", "T"), List.of("K", "AA", "T", "S")));
        assertEquals(0, EditDistance.between(chars("same"), chars("same")));
    }

    @Test
    void fromOrToNothingIsTheOtherLength() {
        assertEquals(4, EditDistance.between(List.of(), chars("abcd")));
        assertEquals(4, EditDistance.between(chars("abcd"), List.of()));
        assertEquals(0, EditDistance.between(List.of(), List.of()));
    }

    @Test
    void isSymmetric() {
        assertEquals(EditDistance.between(chars("flaw"), chars("lawn")), EditDistance.between(chars("lawn"), chars("flaw")));
    }

    @Test
    void phonemeErrorRateDividesEditsByReferencePhonemes() {
        List<List<String>> predictions = List.of(List.of("K", "AE", "T"), List.of("D", "AO", "G"), List.of("F", "IH", "SH"));
        List<List<String>> references = List.of(List.of("K", "AE", "T"), List.of("D", "AA", "G", "Z"), List.of("F", "IH", "SH"));

        ErrorRates rates = ErrorRates.of(predictions, references);

        assertEquals(2.0 / 10, rates.symbolErrorRate(), Tolerances.ROUNDING);   // one substitution, one insertion
        assertEquals(1.0 / 3, rates.wordErrorRate(), Tolerances.ROUNDING);
        assertEquals(2.0 / 3, rates.exactMatch(), Tolerances.ROUNDING);
    }
}
