package org.neurite.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the README's "Your own corpus" example on small files made here. */
class TextDatasetsReadmeTest {
    @TempDir
    Path dir;

    @Test
    void theReadmeExampleReadsSplitsAndStreams() throws IOException {
        StringBuilder csv = new StringBuilder("subject,body,category\n");
        StringBuilder jsonl = new StringBuilder();
        String[] classes = {"billing", "bug", "feature"};
        for (int i = 0; i < 30; i++) {
            csv.append("s").append(i).append(",\"body ").append(i).append("\",").append(classes[i % 3]).append('\n');
            jsonl.append("{\"text\": \"t").append(i).append("\", \"tags\": [\"a\", \"b\"], \"stars\": ").append(i % 5)
                    .append("}\n");
        }
        Path path = Files.writeString(dir.resolve("tickets.csv"), csv);
        Path reviews = Files.writeString(dir.resolve("reviews.jsonl"), jsonl);
        Path big = Files.writeString(dir.resolve("big.tsv"), "text\n" + "a text\n".repeat(2500));
        List<Integer> batches = new ArrayList<>();

        // tag::corpus[]
        TextCorpus tickets = TextDatasets.csv(path).text("subject", "body").label("category").read();
        tickets.classes();                                   // [billing, bug, feature]: ids 0, 1, 2
        Split<TextCorpus> parts = StratifiedSplit.of(tickets, 0.2, 42);
        TextCorpus tagged = TextDatasets.jsonLines(reviews).text("text").labels("tags", "|").read();   // multi-label
        TextCorpus rated = TextDatasets.jsonLines(reviews).text("text").target("stars").read();        // regression
        try (CorpusCursor rows = TextDatasets.tsv(big).text("text").stream()) {                      // bounded memory
            for (List<CorpusRow> batch = rows.nextBatch(1024); !batch.isEmpty(); batch = rows.nextBatch(1024)) {
                batches.add(batch.size());
            }
        }
        // end::corpus[]

        assertEquals(List.of("billing", "bug", "feature"), tickets.classes().classes());
        assertEquals(6, parts.test().size());
        assertEquals(LabelKind.MULTI_LABEL, tagged.kind());
        assertEquals(LabelKind.REGRESSION, rated.kind());
        assertEquals(List.of(1024, 1024, 452), batches);
    }
}
