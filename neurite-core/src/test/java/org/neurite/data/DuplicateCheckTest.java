package org.neurite.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;
import org.neurite.testing.Tolerances;

class DuplicateCheckTest {
    private static final DuplicateCheck.Options DEFAULTS = DuplicateCheck.Options.defaults();
    private static final String REVIEW = "An overlong film about a lighthouse keeper, his dog and the sea; the acting"
            + " is wooden, the score is lovely and the last act drags on for far too long";

    @Test
    void standardisationIgnoresCasePunctuationAndLineBreaks() {
        assertEquals("great movie loved it", Shingles.standardize("  Great  movie!<br /><BR>Loved... it. "));
        assertEquals("", Shingles.standardize("?!  ..."));
        assertEquals("café 東京 2", Shingles.standardize("Café — 東京, 2!"));
    }

    @Test
    void findsExactDuplicatesAfterStandardisation() {
        List<String> train = List.of("Something else entirely.", REVIEW);
        List<String> test = List.of(REVIEW.toUpperCase().replace(",", " ,  "), "A different review altogether.");
        DuplicateReport report = DuplicateCheck.between(train, test, DEFAULTS);
        assertEquals(List.of(new DuplicateReport.Pair(0, 1, 1.0)), report.exact());
        assertTrue(report.near().isEmpty());
    }

    @Test
    void findsNearDuplicatesWithTheirSimilarity() {
        String edited = REVIEW.replace("far too long", "far too long!! Skip it");   // 31 shingles, 29 shared
        List<String> train = List.of("Nothing like it.", REVIEW, "Also unrelated: a cartoon about cats.");
        DuplicateReport report = DuplicateCheck.between(train, List.of(edited), DEFAULTS);
        assertTrue(report.exact().isEmpty());
        assertEquals(1, report.near().size());
        DuplicateReport.Pair pair = report.near().get(0);
        assertEquals(1, pair.trainIndex());
        double expected = Shingles.jaccard(shingles(REVIEW), shingles(edited));
        assertEquals(expected, pair.similarity(), Tolerances.ROUNDING);
        assertTrue(expected >= 0.8 && expected < 1, "similarity " + expected);
    }

    @Test
    void unrelatedAndEmptyTextsAreNotDuplicates() {
        List<String> train = List.of(REVIEW, "", "!!!");
        List<String> test = List.of("A tender documentary about bees and the people who keep them.", "", "...");
        DuplicateReport report = DuplicateCheck.between(train, test, DEFAULTS);
        assertEquals(0, report.count(), report::summary);
        assertTrue(report.summary().startsWith("duplicates: 0 of 3 test texts (0.00%)"), report.summary());
    }

    @Test
    void candidatesFromBandingMatchBruteForceOnAMutatedCorpus() {
        Random random = new Random(7);
        List<String> train = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            train.add(randomText(random, 60));
        }
        List<String> test = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            String base = train.get(random.nextInt(train.size()));
            test.add(i % 3 == 0 ? randomText(random, 60) : mutate(base, random, 1 + random.nextInt(8)));
        }
        DuplicateReport report = DuplicateCheck.between(train, test, DEFAULTS);
        List<DuplicateReport.Pair> expected = bruteForceNear(train, test, DEFAULTS.threshold());
        assertEquals(expected, report.near());
        assertTrue(expected.size() > 20, "the corpus should hold near duplicates, found " + expected.size());
    }

    @Property(tries = 200)
    void everyTextWithWordsIsAnExactDuplicateOfItself(@ForAll @StringLength(max = 300) String text) {
        DuplicateReport report = DuplicateCheck.between(List.of("unrelated filler", text), List.of(text), DEFAULTS);
        boolean hasWords = !Shingles.standardize(text).isEmpty();
        assertEquals(hasWords ? 1 : 0, report.exact().size(), "'" + text + "'");
        if (hasWords) {
            assertEquals(1.0, Shingles.jaccard(shingles(text), shingles(text)));
        }
    }

    private static long[] shingles(String text) {
        return Shingles.hashes(Shingles.standardize(text), DEFAULTS.shingleWords());
    }

    /** Every pair compared: for each test text that is not an exact duplicate, its most similar training text. */
    private static List<DuplicateReport.Pair> bruteForceNear(List<String> train, List<String> test, double threshold) {
        List<long[]> trainShingles = train.stream().map(DuplicateCheckTest::shingles).toList();
        List<DuplicateReport.Pair> pairs = new ArrayList<>();
        for (int t = 0; t < test.size(); t++) {
            DuplicateReport.Pair best = null;
            boolean exact = false;
            long[] testShingles = shingles(test.get(t));
            for (int d = 0; d < train.size(); d++) {
                exact |= Shingles.standardize(train.get(d)).equals(Shingles.standardize(test.get(t)));
                double s = Shingles.jaccard(testShingles, trainShingles.get(d));
                if (s >= threshold && (best == null || s > best.similarity())) {
                    best = new DuplicateReport.Pair(t, d, s);
                }
            }
            if (!exact && best != null) {
                pairs.add(best);
            }
        }
        return pairs;
    }

    private static String randomText(Random random, int words) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < words; i++) {
            text.append("w").append(random.nextInt(500)).append(' ');
        }
        return text.toString();
    }

    /** The text with {@code edits} words replaced at random. */
    private static String mutate(String text, Random random, int edits) {
        String[] words = text.trim().split(" ");
        for (int e = 0; e < edits; e++) {
            words[random.nextInt(words.length)] = "x" + random.nextInt(1000);
        }
        return String.join(" ", words);
    }
}
