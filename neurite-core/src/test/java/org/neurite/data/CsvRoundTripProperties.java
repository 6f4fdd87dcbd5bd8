package org.neurite.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Texts full of quotes, delimiters and line breaks, written by a small RFC 4180 writer kept here
 * (independent of the reader's Jackson parser) and read back unchanged, with the right lines;
 * random bytes read or fail with a one-line {@link DatasetException}, never anything else.
 */
class CsvRoundTripProperties {
    @Property(tries = 200)
    void quotedFieldsWithDelimitersQuotesAndNewlinesSurviveAWriteAndARead(
            @ForAll("texts") List<String> texts,
            @ForAll("delimiters") char delimiter,
            @ForAll boolean quoteEveryField) throws IOException {
        StringBuilder csv = new StringBuilder(row(List.of("id", "text", "label"), delimiter, quoteEveryField));
        List<Long> lines = new ArrayList<>();
        long line = 2;
        for (int i = 0; i < texts.size(); i++) {
            lines.add(line);
            String record = row(List.of(Integer.toString(i), texts.get(i), "class" + (i % 3)), delimiter, quoteEveryField);
            csv.append(record);
            line += record.chars().filter(c -> c == '\n').count();
        }
        Path file = Files.createTempFile("roundtrip", ".csv");
        try {
            Files.writeString(file, csv, StandardCharsets.UTF_8);
            List<CorpusRow> read = new ArrayList<>();
            try (CorpusCursor rows = TextDatasets.csv(file).delimiter(delimiter).text("text").label("label").stream()) {
                rows.forEachRemaining(read::add);
            }

            List<CorpusRow> expected = new ArrayList<>();
            for (int i = 0; i < texts.size(); i++) {
                expected.add(new CorpusRow(lines.get(i), texts.get(i), List.of("class" + (i % 3))));
            }
            assertEquals(expected, read);
        } finally {
            Files.delete(file);
        }
    }

    @Property(tries = 100)
    void severalTextColumnsReadBackAsTheirNonBlankFieldsJoinedInOrder(
            @ForAll("texts") List<String> bodies,
            @ForAll("texts") List<String> subjects) throws IOException {
        int n = Math.min(bodies.size(), subjects.size());
        StringBuilder csv = new StringBuilder(row(List.of("body", "subject", "label"), ',', false));
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String subject = i % 3 == 0 ? " " : subjects.get(i);   // a blank field is left out of the join
            csv.append(row(List.of(bodies.get(i), subject, "c"), ',', false));
            expected.add(subject.isBlank() ? bodies.get(i) : subject + " / " + bodies.get(i));
        }
        Path file = Files.createTempFile("columns", ".csv");
        try {
            Files.writeString(file, csv, StandardCharsets.UTF_8);
            List<String> read = new ArrayList<>();
            try (CorpusCursor rows = TextDatasets.csv(file).text("subject", "body").textJoiner(" / ").label("label")
                    .stream()) {
                rows.forEachRemaining(r -> read.add(r.text()));
            }
            assertEquals(expected, read);
        } finally {
            Files.delete(file);
        }
    }

    @Property(tries = 300)
    void corruptedBytesEitherReadOrFailWithAOneLineDatasetException(@ForAll byte[] garbage,
            @ForAll BadRowPolicy policy) throws IOException {
        byte[] header = "text,label\n".getBytes(StandardCharsets.UTF_8);
        byte[] bytes = new byte[header.length + garbage.length];
        System.arraycopy(header, 0, bytes, 0, header.length);
        System.arraycopy(garbage, 0, bytes, header.length, garbage.length);
        Path file = Files.createTempFile("garbage", ".csv");
        try {
            Files.write(file, bytes);
            try (CorpusCursor rows = TextDatasets.csv(file).text("text").label("label").onBadRow(policy).stream()) {
                rows.forEachRemaining(row -> assertFalse(row.text().isBlank()));
            } catch (DatasetException e) {
                assertFalse(e.getMessage().contains("\n"), e.getMessage());
            }
        } finally {
            Files.delete(file);
        }
    }

    /** One to eight non-blank texts drawn mostly from the characters that make CSV hard. */
    @Provide
    Arbitrary<List<String>> texts() {
        Arbitrary<String> piece = Arbitraries.oneOf(
                Arbitraries.of(",", ";", "\t", "|", "\"", "\"\"", "\n", "\r\n", " ", "é", "\u4e2d"),
                Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(5));
        return piece.list().ofMinSize(1).ofMaxSize(12).map(parts -> String.join("", parts))
                .filter(s -> !s.isBlank()).list().ofMinSize(1).ofMaxSize(8);
    }

    @Provide
    Arbitrary<Character> delimiters() {
        return Arbitraries.of(',', ';', '\t', '|');
    }

    /** One record, fields quoted when they must be (or always) and quotes doubled. */
    private static String row(List<String> fields, char delimiter, boolean quoteEveryField) {
        List<String> out = new ArrayList<>();
        for (String field : fields) {
            boolean mustQuote = field.indexOf(delimiter) >= 0 || field.contains("\"") || field.contains("\n")
                    || field.contains("\r") || !field.equals(field.strip());
            out.add(mustQuote || quoteEveryField ? '"' + field.replace("\"", "\"\"") + '"' : field);
        }
        return String.join(String.valueOf(delimiter), out) + "\n";
    }
}
