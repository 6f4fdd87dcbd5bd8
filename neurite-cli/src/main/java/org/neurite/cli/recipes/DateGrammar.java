package org.neurite.cli.recipes;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.List;
import java.util.Locale;
import org.neurite.tensor.Rng;

/**
 * The human-written dates of the {@code translate-dates} recipe: a date between {@link #FIRST} and
 * {@link #LAST} written in one of the {@link Format}s below (English month and day names), to be
 * translated to ISO 8601 ({@code 2026-11-25}). The grammar, one line per format, for 25 November 2026:
 *
 * <pre>
 *   ISO              2026-11-25                     uuuu-MM-dd
 *   YEAR_SLASHES     2026/11/25                     uuuu/MM/dd
 *   COMPACT          20261125                       uuuuMMdd
 *   US_SHORT         11/25/26                       MM/dd/yy   (yy 50-99: 19yy, 00-49: 20yy)
 *   US               11/25/2026                     M/d/uuuu
 *   DOTS             25.11.2026                     dd.MM.uuuu (day first, as in Europe)
 *   DAY_MONTH        25 November 2026               d MMMM uuuu
 *   DAY_MON          25 Nov 2026                    d MMM uuuu
 *   DAY_MON_DASHES   25-Nov-2026                    dd-MMM-uuuu
 *   MONTH_DAY        November 25, 2026              MMMM d, uuuu
 *   MON_DAY          Nov 25 2026                    MMM d uuuu
 *   WEEKDAY_MON_DAY  Wed Nov 25 2026                EEE MMM dd uuuu
 *   WEEKDAY_LONG     Wednesday, November 25, 2026   EEEE, MMMM d, uuuu
 *   WEEKDAY_DAY_MON  Wed, 25 Nov 2026               EEE, d MMM uuuu
 *   ORDINAL_OF       25th of November 2026          d# 'of' MMMM uuuu
 *   MONTH_ORDINAL    November 25th, 2026            MMMM d#, uuuu
 *   THE_ORDINAL_OF   the 25th of November, 2026     'the' d# 'of' MMMM, uuuu
 * </pre>
 *
 * <p>{@code #} is the English ordinal suffix of the day (st, nd, rd, th). Slashes with the month
 * first are always American ({@code 11/12/26} is 12 November), so that every text has one answer.
 * Weekdays are always the date's own. {@link #sample} draws the format uniformly.
 *
 * <pre>{@code
 * DateGrammar.Format.ORDINAL_OF.write(LocalDate.of(2026, 11, 25));   // "25th of November 2026"
 * }</pre>
 */
public final class DateGrammar {
    /** The first date written. */
    public static final LocalDate FIRST = LocalDate.of(1950, 1, 1);
    /** The last date written (two-digit years cover one century, 1950-2049). */
    public static final LocalDate LAST = LocalDate.of(2049, 12, 31);
    /** The characters of every format, lower-cased: the source symbols of the recipe. */
    public static final String CHARACTERS = " abcdefghijklmnopqrstuvwxyz0123456789,./-'";

    private DateGrammar() {
    }

    /** One way of writing a date. */
    public enum Format {
        ISO("uuuu-MM-dd"),
        YEAR_SLASHES("uuuu/MM/dd"),
        COMPACT("uuuuMMdd"),
        US_SHORT(null),
        US("M/d/uuuu"),
        DOTS("dd.MM.uuuu"),
        DAY_MONTH("d MMMM uuuu"),
        DAY_MON("d MMM uuuu"),
        DAY_MON_DASHES("dd-MMM-uuuu"),
        MONTH_DAY("MMMM d, uuuu"),
        MON_DAY("MMM d uuuu"),
        WEEKDAY_MON_DAY("EEE MMM dd uuuu"),
        WEEKDAY_LONG("EEEE, MMMM d, uuuu"),
        WEEKDAY_DAY_MON("EEE, d MMM uuuu"),
        ORDINAL_OF("d'#' 'of' MMMM uuuu"),
        MONTH_ORDINAL("MMMM d'#', uuuu"),
        THE_ORDINAL_OF("'the' d'#' 'of' MMMM, uuuu");

        private final DateTimeFormatter formatter;

        Format(String pattern) {
            this.formatter = pattern != null ? DateTimeFormatter.ofPattern(pattern, Locale.US)
                    : new DateTimeFormatterBuilder().appendPattern("MM/dd/")
                            .appendValueReduced(ChronoField.YEAR, 2, 2, FIRST.getYear()).toFormatter(Locale.US);
        }

        /** The date written in this format. */
        public String write(LocalDate date) {
            return formatter.format(date).replace("#", ordinalSuffix(date.getDayOfMonth()));
        }

        /**
         * The formatter of this format, with {@code #} standing for the ordinal suffix: a text of this
         * format with its suffix replaced by {@code #} parses back to its date.
         */
        public DateTimeFormatter formatter() {
            return formatter;
        }
    }

    /** A date and how it was written. */
    public record Example(String text, LocalDate date) {
        /** The translation: the date in ISO 8601. */
        public String iso() {
            return date.toString();
        }
    }

    /** {@code date} written in a format drawn uniformly by {@code rng}. */
    public static Example sample(LocalDate date, Rng rng) {
        List<Format> formats = List.of(Format.values());
        return new Example(formats.get(rng.nextInt(formats.size())).write(date), date);
    }

    /** The number of days from {@link #FIRST} to {@link #LAST}. */
    public static int days() {
        return (int) (LAST.toEpochDay() - FIRST.toEpochDay() + 1);
    }

    /** The day {@code index} days after {@link #FIRST}. */
    public static LocalDate day(int index) {
        return FIRST.plusDays(index);
    }

    /** "st", "nd", "rd" or "th", as English writes 1st, 2nd, 3rd, 11th, 21st. */
    static String ordinalSuffix(int day) {
        if (day >= 11 && day <= 13) {
            return "th";
        }
        return switch (day % 10) {
            case 1 -> "st";
            case 2 -> "nd";
            case 3 -> "rd";
            default -> "th";
        };
    }
}
