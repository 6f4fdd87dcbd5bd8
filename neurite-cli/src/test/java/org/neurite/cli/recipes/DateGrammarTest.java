package org.neurite.cli.recipes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.neurite.tensor.Rng;
import org.neurite.tensor.Tensor;

/** The date grammar of translate-dates: every format writes the date it was given, and the split keeps test dates out of training. */
class DateGrammarTest {
    private static final int DATES_PER_FORMAT = 2000;

    @Test
    void everyFormatParsesBackToTheSameDateWithJavaTime() {
        Rng rng = new Rng(3);
        for (DateGrammar.Format format : DateGrammar.Format.values()) {
            for (int i = 0; i < DATES_PER_FORMAT; i++) {
                LocalDate date = DateGrammar.day(rng.nextInt(DateGrammar.days()));
                String text = format.write(date);
                String suffixMarked = text.replaceAll("(\\d)(st|nd|rd|th)", "$1#");
                assertEquals(date, LocalDate.parse(suffixMarked, format.formatter()), format + ": " + text);
            }
        }
    }

    @Test
    void theExamplesOfTheIssueAreWrittenAsPeopleWriteThem() {
        LocalDate date = LocalDate.of(2026, 11, 25);
        assertEquals("25th of November 2026", DateGrammar.Format.ORDINAL_OF.write(date));
        assertEquals("11/25/26", DateGrammar.Format.US_SHORT.write(date));
        assertEquals("Wed Nov 25 2026", DateGrammar.Format.WEEKDAY_MON_DAY.write(date));
        assertEquals("2026-11-25", DateGrammar.Format.ISO.write(date));
        assertEquals("the 1st of March, 1999", DateGrammar.Format.THE_ORDINAL_OF.write(LocalDate.of(1999, 3, 1)));
    }

    @Test
    void twoDigitYearsCoverTheCenturyFrom1950() {
        assertEquals("12/31/49", DateGrammar.Format.US_SHORT.write(DateGrammar.LAST));
        assertEquals(DateGrammar.FIRST, LocalDate.parse("01/01/50", DateGrammar.Format.US_SHORT.formatter()));
    }

    @Test
    void ordinalSuffixesFollowEnglish() {
        List<String> expected = List.of("1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "23rd", "31st");
        for (String ordinal : expected) {
            int day = Integer.parseInt(ordinal.substring(0, ordinal.length() - 2));
            assertEquals(ordinal, day + DateGrammar.ordinalSuffix(day));
        }
    }

    @Test
    void everyWrittenCharacterIsASourceSymbol() {
        Rng rng = new Rng(4);
        for (int i = 0; i < 5000; i++) {
            String text = DateGrammar.sample(DateGrammar.day(rng.nextInt(DateGrammar.days())), rng).text();
            text.toLowerCase(Locale.ROOT).chars().forEach(c ->
                    assertTrue(DateGrammar.CHARACTERS.indexOf(c) >= 0, "'" + (char) c + "' in " + text));
        }
    }

    @Test
    void heldOutDatesAreNeverTrainingDates() {
        TranslateDates recipe = (TranslateDates) new TranslateDates().configured(List.of("--samples", "20000"));
        RecipeData data = recipe.data();
        Set<List<String>> trainDates = new HashSet<>(recipe.references(data.trainY()));
        List<List<String>> testDates = recipe.references(data.testY());

        assertEquals(TranslateDates.TEST_DATES, new HashSet<>(testDates).size());
        for (List<String> date : testDates) {
            assertTrue(!trainDates.contains(date), "test date " + String.join("", date) + " is also a training date");
        }
        Tensor y = data.trainY();
        assertEquals(20000, y.dim(0));
        assertEquals(11, y.dim(1));   // ten characters and the end token
    }
}
