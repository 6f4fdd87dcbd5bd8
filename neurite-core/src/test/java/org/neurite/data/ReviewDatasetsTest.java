package org.neurite.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neurite.tensor.Rng;
import org.neurite.testing.NeedsDataset;

class ReviewDatasetsTest {
    @TempDir
    Path dir;

    @Test
    void readsTextsAndLabels() throws IOException {
        Path file = write("[{\"t\":\"bad film\",\"s\":0},{\"s\":1,\"t\":\"great \\\"fun\\\"\"}]");
        List<String> texts = new ArrayList<>();
        int[] labels = ReviewDatasets.read(file, texts);
        assertEquals(List.of("bad film", "great \"fun\""), texts);
        assertArrayEquals(new int[] {0, 1}, labels);
    }

    @Test
    void aByteOrderMarkBeforeTheFileOrATextIsNotPartOfTheFirstWord() throws IOException {
        Path file = Files.write(dir.resolve("bom.json"),
                "\uFEFF[{\"t\":\"\uFEFFgreat film\",\"s\":1}]".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        List<String> texts = new ArrayList<>();

        ReviewDatasets.read(file, texts);

        assertEquals(List.of("great film"), texts);
    }

    @Test
    void refusesMalformedReviewsNamingTheFile() throws IOException {
        for (String json : new String[] {"{}", "[{\"t\":\"x\"}]", "[{\"t\":\"x\",\"s\":2}]", "[1]", "[{\"t\":\"x\",\"s\":0}"}) {
            Path file = write(json);
            Exception e = assertThrows(Exception.class, () -> ReviewDatasets.read(file, new ArrayList<>()));
            assertTrue(e.getMessage().contains(file.toString()) || e instanceof IOException, json + ": " + e);
        }
    }

    @Test
    void splitIsStratifiedDisjointAndDeterministic() {
        List<String> texts = new ArrayList<>();
        int[] labels = new int[200];
        for (int i = 0; i < 200; i++) {
            texts.add("review " + i);
            labels[i] = i < 100 ? 0 : 1;
        }
        Split<ReviewDataset> a = ReviewDatasets.split(texts, labels, new Rng(7));
        Split<ReviewDataset> b = ReviewDatasets.split(texts, labels, new Rng(7));
        assertEquals(a.train().texts(), b.train().texts());
        for (ReviewDataset half : List.of(a.train(), a.test())) {
            assertEquals(100, half.size());
            assertEquals(50, java.util.Arrays.stream(half.labels()).sum());
            for (int i = 0; i < half.size(); i++) {
                int original = Integer.parseInt(half.texts().get(i).substring(7));
                assertEquals(labels[original], half.labels()[i]);
            }
        }
        Set<String> seen = new HashSet<>(a.train().texts());
        a.test().texts().forEach(t -> assertTrue(seen.add(t), "in both halves: " + t));
        assertTrue(a.train().labels()[0] != a.train().labels()[1] || a.train().labels()[2] != a.train().labels()[3]
                || a.train().labels()[0] != a.train().labels()[2], "classes are mixed, not in blocks");
    }

    @Test
    @NeedsDataset
    void realImdbSplitsIntoBalancedHalves() {
        Split<ReviewDataset> imdb = ReviewDatasets.imdb();
        assertEquals(25_000, imdb.train().size());
        assertEquals(25_000, imdb.test().size());
        assertEquals(12_500, java.util.Arrays.stream(imdb.train().labels()).sum());
        assertEquals(12_500, java.util.Arrays.stream(imdb.test().labels()).sum());
    }

    private Path write(String json) throws IOException {
        Path file = Files.createTempFile(dir, "reviews", ".json");
        Files.writeString(file, json);
        return file;
    }
}
