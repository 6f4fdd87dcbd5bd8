package org.neurite.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

class CorpusBadInputTest {
    @TempDir
    Path dir;

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
    }

    /** The one-line message of the DatasetException that {@code read} throws. */
    private static String failure(Executable read) {
        String message = assertThrows(DatasetException.class, read).getMessage();
        assertFalse(message.contains("\n"), "a one-line message: " + message);
        return message;
    }

    @Test
    void aMissingColumnIsNamedWithTheColumnsThatExist() throws IOException {
        Path csv = write("t.csv", "id,body,category\n1,hello,a\n");

        String message = failure(() -> TextDatasets.csv(csv).text("text").label("category").read());

        assertEquals(csv + ": no column 'text'; the columns are [id, body, category]", message);
    }

    @Test
    void aMissingJsonFieldIsNamedWithTheFieldsOfThatLine() throws IOException {
        Path jsonl = write("t.jsonl", "{\"text\": \"a\", \"label\": \"x\"}\n{\"body\": \"b\", \"label\": \"y\"}\n");

        String message = failure(() -> TextDatasets.jsonLines(jsonl).text("text").label("label").read());

        assertTrue(message.startsWith(jsonl + ": line 2: no field 'text'; the fields are [body, label]"), message);
    }

    @Test
    void anEmptyTextStopsTheReadWithItsLineOrIsSkippedAndCounted() throws IOException {
        Path csv = write("t.csv", "text,label\nfine,a\n\"  \",b\nalso fine,b\n");

        String message = failure(() -> TextDatasets.csv(csv).text("text").label("label").read());
        TextCorpus skipped = TextDatasets.csv(csv).text("text").label("label").onBadRow(BadRowPolicy.SKIP).read();

        assertTrue(message.startsWith(csv + ": line 3: empty text in [text]"), message);
        assertEquals(List.of("fine", "also fine"), skipped.texts());
        assertEquals(1, skipped.skippedRows());
        assertEquals(List.of(csv + ": line 3: empty text in [text]"), skipped.skipMessages());
    }

    @Test
    void aLabelColumnWithOneClassIsRefused() throws IOException {
        Path csv = write("t.csv", "text,label\na,spam\nb,spam\n");

        String message = failure(() -> TextDatasets.csv(csv).text("text").label("label").read());

        assertEquals(csv + ": label column 'label' has one class, 'spam'; a classifier needs at least two", message);
    }

    @Test
    void aFolderWithOneClassIsRefused() throws IOException {
        Files.createDirectories(dir.resolve("only"));
        Files.writeString(dir.resolve("only/a.txt"), "text");

        String message = failure(() -> TextDatasets.folder(dir).read());

        assertTrue(message.contains("has one class, 'only'"), message);
    }

    @Test
    void aRowWithTheWrongNumberOfFieldsIsReportedByLineThenStopsOrIsSkipped() throws IOException {
        Path csv = write("t.csv", "text,label\n\"two\nlines\",a\ntoo,many,fields\nlast,b\n");

        String message = failure(() -> TextDatasets.csv(csv).text("text").label("label").read());
        TextCorpus skipped = TextDatasets.csv(csv).text("text").label("label").onBadRow(BadRowPolicy.SKIP).read();

        assertEquals(csv + ": line 4: 3 fields, expected 2 as in the header"
                + " (to leave such rows out: BadRowPolicy.SKIP, or --skip-bad-rows on the command line)", message);
        assertEquals(List.of("two\nlines", "last"), skipped.texts());
        assertEquals(1, skipped.skippedRows());
    }

    @Test
    void invalidBytesForTheEncodingStopTheReadWithTheirLine() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes("text,label\nok,a\n".getBytes(StandardCharsets.UTF_8));
        bytes.writeBytes(new byte[] {'c', 'a', 'f', (byte) 0xE9, ',', 'b', '\n'}); // é in Latin-1, invalid UTF-8
        Path csv = Files.write(dir.resolve("mixed.csv"), bytes.toByteArray());

        String message = failure(() -> TextDatasets.csv(csv).text("text").label("label").read());

        assertTrue(message.startsWith(csv + ": line 3: bytes that are not valid UTF-8"), message);
    }

    @Test
    void invalidBytesFarIntoALargeFileStillReportTheRightLine() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes("text\n".getBytes(StandardCharsets.UTF_8));
        for (int i = 0; i < 20_000; i++) {
            bytes.writeBytes(("row number " + i + "\n").getBytes(StandardCharsets.UTF_8));
        }
        bytes.writeBytes(new byte[] {'x', (byte) 0xFF, '\n'});
        Path csv = Files.write(dir.resolve("big.csv"), bytes.toByteArray());

        String message = failure(() -> TextDatasets.csv(csv).text("text").read());

        assertTrue(message.startsWith(csv + ": line 20002: bytes that are not valid UTF-8"), message);
    }

    @Test
    void streamingHandsOutTheGoodRowsBeforeABadOne() throws IOException {
        Path csv = write("t.csv", "text\none\ntwo\n\"never closed\n");

        try (CorpusCursor rows = TextDatasets.csv(csv).text("text").stream()) {
            assertEquals("one", rows.next().text());
            assertEquals("two", rows.next().text());
            String message = failure(rows::hasNext);
            assertTrue(message.startsWith(csv + ": line "), message);
            assertTrue(message.contains("malformed CSV"), message);
        }
    }

    @Test
    void aTargetThatIsNotANumberIsABadRow() throws IOException {
        Path jsonl = write("r.jsonl", "{\"t\": \"good\", \"stars\": 5}\n{\"t\": \"bad\", \"stars\": \"five\"}\n");

        String message = failure(() -> TextDatasets.jsonLines(jsonl).text("t").target("stars").read());

        assertTrue(message.startsWith(jsonl + ": line 2: target column 'stars' holds 'five', expected a finite number"),
                message);
    }

    @Test
    void aJsonLineThatIsNotAnObjectIsABadRow() throws IOException {
        Path jsonl = write("r.jsonl", "{\"t\": \"good\"}\n[1, 2]\n{not json\n{\"t\": \"fine\"}\n");

        TextCorpus corpus = TextDatasets.jsonLines(jsonl).text("t").onBadRow(BadRowPolicy.SKIP).read();

        assertEquals(List.of("good", "fine"), corpus.texts());
        assertEquals(2, corpus.skippedRows());
        assertTrue(corpus.skipMessages().get(0).startsWith(jsonl + ": line 2: expected a JSON object"));
        assertTrue(corpus.skipMessages().get(1).startsWith(jsonl + ": line 3: not JSON"));
    }

    @Test
    void aMissingFileAnEmptyFileAndACorpusWithNoGoodRowsSaySo() throws IOException {
        Path empty = write("empty.csv", "");
        Path headerOnly = write("header.csv", "text,label\n");

        assertEquals(dir.resolve("nope.csv") + ": no such file",
                failure(() -> TextDatasets.csv(dir.resolve("nope.csv")).text("t").read()));
        assertTrue(failure(() -> TextDatasets.csv(empty).text("t").read()).contains("the file is empty"));
        assertEquals("no usable rows; the corpus is empty",
                failure(() -> TextDatasets.csv(headerOnly).text("text").label("label").read()));
    }

    @Test
    void aFolderWithoutClassFoldersSaysWhatLayoutIsExpected() {
        String message = failure(() -> TextDatasets.folder(dir).read());

        assertEquals(dir + ": no sub-folders; expected one sub-folder of .txt files per class", message);
    }
}
