package org.neurite.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neurite.tensor.Tensor;

class TextDatasetsTest {
    @TempDir
    Path dir;

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
    }

    @Test
    void csvWithQuotedMultiLineFieldsReadsTextsAndSortedClassIds() throws IOException {
        Path csv = write("tickets.csv", """
                id,body,category
                1,"Refund, please",billing
                2,"The app ""crashes""
                on start",bug
                3,Add dark mode,feature
                4,Charged twice,billing
                """);

        TextCorpus corpus = TextDatasets.csv(csv).text("body").label("category").read();

        assertEquals(List.of("Refund, please", "The app \"crashes\"\non start", "Add dark mode", "Charged twice"),
                corpus.texts());
        assertEquals(LabelKind.MULTI_CLASS, corpus.kind());
        assertEquals(List.of("billing", "bug", "feature"), corpus.classes().classes());
        assertArrayEquals(new int[] {0, 1, 2, 0}, corpus.classIds());
        assertArrayEquals(new int[] {4}, corpus.labelTensor().shape());
    }

    @Test
    void twoClassesAreBinaryWithAColumnOfZerosAndOnes() throws IOException {
        Path tsv = write("mail.tsv", "text\tkind\nwin money\tspam\nlunch at noon\tham\n");

        TextCorpus corpus = TextDatasets.tsv(tsv).text("text").label("kind").read();

        assertEquals(LabelKind.BINARY, corpus.kind());
        assertArrayEquals(new int[] {1, 0}, corpus.classIds());
        Tensor y = corpus.labelTensor();
        assertArrayEquals(new int[] {2, 1}, y.shape());
    }

    @Test
    void severalTextColumnsAreJoinedInTheOrderGiven() throws IOException {
        Path csv = write("t.csv", "body,subject,c\nsecond,first,a\nb2,,b\n");

        TextCorpus corpus = TextDatasets.csv(csv).text("subject", "body").textJoiner(" | ").label("c").read();

        assertEquals(List.of("first | second", "b2"), corpus.texts());
    }

    @Test
    void aChosenDelimiterAndEncodingAreUsed() throws IOException {
        Path csv = dir.resolve("latin.csv");
        Files.writeString(csv, "text;label\ncafé crème;a\nnaïve;b\n", StandardCharsets.ISO_8859_1);

        TextCorpus corpus = TextDatasets.csv(csv).delimiter(';').encoding(StandardCharsets.ISO_8859_1)
                .text("text").label("label").read();

        assertEquals(List.of("café crème", "naïve"), corpus.texts());
    }

    @Test
    void aByteOrderMarkDoesNotHideTheFirstColumn() throws IOException {
        Path csv = write("bom.csv", "\uFEFFtext,label\nx,a\ny,b\n");

        assertEquals(List.of("x", "y"), TextDatasets.csv(csv).text("text").label("label").read().texts());
    }

    @Test
    void multiLabelFromASeparatedColumnIsAZeroOneMatrixOverSortedLabels() throws IOException {
        Path csv = write("tags.csv", "text,tags\na,news|sport\nb,tech\nc,sport\n");

        TextCorpus corpus = TextDatasets.csv(csv).text("text").labels("tags", "|").read();

        assertEquals(LabelKind.MULTI_LABEL, corpus.kind());
        assertEquals(List.of("news", "sport", "tech"), corpus.classes().classes());
        assertArrayEquals(new float[] {1, 1, 0, 0, 0, 1, 0, 1, 0}, corpus.targets());
        assertArrayEquals(new int[] {3, 3}, corpus.labelTensor().shape());
    }

    @Test
    void multiLabelFromSeveralColumnsKeepsTheColumnOrder() throws IOException {
        Path csv = write("flags.csv", "text,toxic,insult\na,1,0\nb,true,yes\nc,0,no\n");

        TextCorpus corpus = TextDatasets.csv(csv).text("text").labelColumns("toxic", "insult").read();

        assertEquals(List.of("toxic", "insult"), corpus.classes().classes());
        assertArrayEquals(new float[] {1, 0, 1, 1, 0, 0}, corpus.targets());
    }

    @Test
    void jsonLinesReadsTextsTagArraysAndNumericTargets() throws IOException {
        Path jsonl = write("reviews.jsonl", """
                {"text": "great", "stars": 5, "tags": ["food", "service"]}

                {"text": "meh", "stars": 2.5, "tags": ["food"]}
                """);

        TextCorpus rated = TextDatasets.jsonLines(jsonl).text("text").target("stars").read();
        TextCorpus tagged = TextDatasets.jsonLines(jsonl).text("text").labels("tags", "|").read();

        assertEquals(LabelKind.REGRESSION, rated.kind());
        assertArrayEquals(new float[] {5f, 2.5f}, rated.targets());
        assertArrayEquals(new int[] {2, 1}, rated.labelTensor().shape());
        assertEquals(List.of("food", "service"), tagged.classes().classes());
        assertArrayEquals(new float[] {1, 1, 1, 0}, tagged.targets());
    }

    @Test
    void aFolderPerClassIsLabelledBySortedFolderNames() throws IOException {
        Path root = dir.resolve("mail");
        Files.createDirectories(root.resolve("spam"));
        Files.createDirectories(root.resolve("ham"));
        Files.writeString(root.resolve("spam/b.txt"), "win money");
        Files.writeString(root.resolve("spam/a.txt"), "free offer");
        Files.writeString(root.resolve("ham/x.txt"), "see you\nat lunch");
        Files.writeString(root.resolve("ham/notes.md"), "not a text of the corpus");

        TextCorpus corpus = TextDatasets.folder(root).read();

        assertEquals(List.of("ham", "spam"), corpus.classes().classes());
        assertEquals(List.of("see you\nat lunch", "free offer", "win money"), corpus.texts());
        assertArrayEquals(new int[] {0, 1, 1}, corpus.classIds());
    }

    @Test
    void streamingReadsBatchesWithoutLabelsAndEndsWithAnEmptyBatch() throws IOException {
        StringBuilder csv = new StringBuilder("text\n");
        for (int i = 0; i < 10; i++) {
            csv.append("text ").append(i).append('\n');
        }
        Path file = write("big.csv", csv.toString());

        try (CorpusCursor rows = TextDatasets.csv(file).text("text").stream()) {
            assertEquals(4, rows.nextBatch(4).size());
            assertEquals(4, rows.nextBatch(4).size());
            List<CorpusRow> last = rows.nextBatch(4);
            assertEquals(List.of(new CorpusRow(10, "text 8", List.of()), new CorpusRow(11, "text 9", List.of())), last);
            assertEquals(List.of(), rows.nextBatch(4));
            assertFalse(rows.hasNext());
        }
    }

    @Test
    void aLabelMappingRoundTripsThroughItsJsonForm() {
        LabelMapping mapping = LabelMapping.of(List.of("spam", "ham", "spam"));

        Map<String, Object> json = mapping.toJson();

        assertEquals(mapping, LabelMapping.fromJson(json));
        assertEquals(1, mapping.idOf("spam"));
    }

    @Test
    void keptFieldsHoldEveryColumnInFileOrder() throws IOException {
        Path csv = write("k.csv", "id,body,category\n7,\"two\nlines\",bug\n");
        Path jsonl = write("k.jsonl", "{\"t\": \"hi\", \"n\": 3, \"tags\": [\"a\", \"b\"]}\n");

        CorpusRow fromCsv;
        try (CorpusCursor rows = TextDatasets.csv(csv).text("body").keepFields().stream()) {
            fromCsv = rows.next();
        }
        CorpusRow fromJson;
        try (CorpusCursor rows = TextDatasets.jsonLines(jsonl).text("t").keepFields().stream()) {
            fromJson = rows.next();
        }

        assertEquals(List.of("id", "body", "category"), List.copyOf(fromCsv.fields().keySet()));
        assertEquals("two\nlines", fromCsv.fields().get("body"));
        assertEquals("7", fromCsv.fields().get("id"));
        assertEquals(List.of("t", "n", "tags"), List.copyOf(fromJson.fields().keySet()));
        assertEquals("3", fromJson.fields().get("n"));
    }

    @Test
    void fieldsAreNotKeptUnlessAsked() throws IOException {
        Path csv = write("k.csv", "id,body\n7,text\n");
        try (CorpusCursor rows = TextDatasets.csv(csv).text("body").stream()) {
            assertEquals(Map.of(), rows.next().fields());
        }
    }
}
