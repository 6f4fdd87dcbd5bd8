package org.neurite.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neurite.testing.NeedsDataset;

/** Reading the CMU Pronouncing Dictionary: first pronunciations of plain words, stress removed, bad lines named. */
class PronouncingDictionaryTest {
    @TempDir
    Path dir;

    @Test
    void keepsTheFirstPronunciationOfPlainWordsWithoutStress() throws IOException {
        Path file = write("""
                ;;; a comment
                A  AH0
                A(1)  EY1
                A.  EY1
                AARON'S  EH1 R AH0 N Z
                ABC123  EY1
                CAT  K AE1 T
                """);

        List<PronouncingDictionary.Entry> entries = PronouncingDictionary.read(file);

        assertEquals(List.of(new PronouncingDictionary.Entry("a", List.of("AH")),
                new PronouncingDictionary.Entry("aaron's", List.of("EH", "R", "AH", "N", "Z")),
                new PronouncingDictionary.Entry("cat", List.of("K", "AE", "T"))), entries);
    }

    @Test
    void aLineWithoutPhonemesIsNamed() throws IOException {
        Path file = write("CAT  K AE1 T\nDOG\n");

        DatasetException e = assertThrows(DatasetException.class, () -> PronouncingDictionary.read(file));

        assertTrue(e.getMessage().contains("line 2"), e.getMessage());
    }

    @Test
    void aSymbolThatIsNotArpabetIsNamed() throws IOException {
        Path file = write("CAT  K AE1 QX\n");

        DatasetException e = assertThrows(DatasetException.class, () -> PronouncingDictionary.read(file));

        assertTrue(e.getMessage().contains("'QX'") && e.getMessage().contains("line 1"), e.getMessage());
    }

    @Test
    @NeedsDataset
    void realDictionaryHoldsOverAHundredThousandPlainWords() {
        List<PronouncingDictionary.Entry> words = PronouncingDictionary.cmudict();

        assertTrue(words.size() > 100_000, "words: " + words.size());
        assertEquals(new PronouncingDictionary.Entry("aardvark", List.of("AA", "R", "D", "V", "AA", "R", "K")),
                words.stream().filter(e -> e.word().equals("aardvark")).findFirst().orElseThrow());
    }

    private Path write(String text) throws IOException {
        Path file = dir.resolve("dict.txt");
        Files.writeString(file, text);
        return file;
    }
}
