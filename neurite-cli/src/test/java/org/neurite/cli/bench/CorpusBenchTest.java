package org.neurite.cli.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neurite.data.CorpusCursor;
import org.neurite.data.CorpusRow;
import org.neurite.data.TextDatasets;

/** What {@code bench corpus} generates and reads, on a small file; its speed is measured by hand, not here. */
class CorpusBenchTest {
    @TempDir
    Path dir;

    @Test
    void theGeneratedCsvHasTheAskedSizeAndQuotedMultiLineRowsThatReadBack() throws IOException {
        Path csv = dir.resolve("c.csv");
        CorpusBench.writeCsv(csv, 200_000);

        long size = Files.size(csv);
        assertTrue(size >= 200_000 && size < 200_500, "size " + size);
        long rows = 0;
        long multiLine = 0;
        try (CorpusCursor cursor = TextDatasets.csv(csv).text("text").label("label").stream()) {
            for (List<CorpusRow> batch = cursor.nextBatch(1000); !batch.isEmpty(); batch = cursor.nextBatch(1000)) {
                rows += batch.size();
                multiLine += batch.stream().filter(r -> r.text().contains(",\n")).count();
                batch.forEach(r -> assertEquals(20, r.text().split("\\s+").length, r.text()));
            }
            assertEquals(0, cursor.skippedRows());
        }
        assertEquals(rows, Files.readString(csv).lines().count() - 1 - multiLine);
        assertTrue(multiLine > 0);
    }

    @Test
    void peakResidentMemoryIsANumberOnLinux() {
        String peak = CorpusBench.peakResidentMegabytes();
        assertTrue(peak.equals("n/a") || Long.parseLong(peak) > 0, peak);
    }
}
