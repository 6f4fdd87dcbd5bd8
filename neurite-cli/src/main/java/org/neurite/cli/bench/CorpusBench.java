package org.neurite.cli.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import org.neurite.cli.Arguments;
import org.neurite.data.CorpusCursor;
import org.neurite.data.CorpusRow;
import org.neurite.data.TextDatasets;
import org.neurite.kernels.Parallel;
import org.neurite.text.OutputMode;
import org.neurite.text.Standardization;
import org.neurite.text.TextVectorization;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code neurite bench corpus}: reading and vectorising a large CSV of short texts as
 * {@code train text-classifier} and {@code predict --input} do, with bounded memory. Writes a CSV
 * of {@code --megabytes} of short texts (about 120 bytes each, every tenth quoted with a comma and a
 * line break) with a label column into a temporary file (or reads {@code --file}), then streams it
 * through {@link TextDatasets#csv} in batches of {@value #BATCH} rows, each batch turned into tf-idf
 * rows by a vectorizer adapted on the first {@value #ADAPT_ROWS} rows and then dropped. Reports
 * {@code read_mb_per_s} (parsing alone), {@code read_vectorize_mb_per_s} (both), each the file's
 * size over the wall-clock time of its pass (the file was just written, so it is read from the
 * page cache rather than the disk), {@code peak_rss_mb}, the process's peak resident memory
 * ({@code VmHWM}, Linux only), and {@code max_heap_mb}, the heap's bound.
 *
 * <pre>{@code
 * neurite bench corpus --megabytes 1000
 * }</pre>
 */
@Command(name = "corpus", mixinStandardHelpOptions = true,
        description = "Time reading and vectorising a large CSV of short texts (made on the fly) with bounded memory.")
public final class CorpusBench implements Callable<Integer> {
    static final int BATCH = 4096;
    static final int ADAPT_ROWS = 50_000;

    @Option(names = "--megabytes", defaultValue = "1000", converter = Arguments.Count.class,
            description = "Size of the generated CSV in MB (default: ${DEFAULT-VALUE}).")
    int megabytes;

    @Option(names = "--file", converter = Arguments.InputFile.class,
            description = "A CSV with columns text,label to read instead of a generated one.")
    Path file;

    @Override
    public Integer call() throws IOException {
        Path csv = file != null ? file : Files.createTempFile("neurite-bench-corpus", ".csv");
        try {
            if (file == null) {
                writeCsv(csv, (long) megabytes * 1_000_000L);
            }
            double mb = Files.size(csv) / 1e6;
            System.out.printf(Locale.ROOT, "file=%s megabytes=%.1f threads=%d%n", file != null ? csv : "generated", mb,
                    Parallel.threads());
            long[] rows = new long[1];
            double readSeconds = seconds(() -> rows[0] = readOnly(csv));
            TextVectorization vectorizer = adapted(csv);
            double bothSeconds = seconds(() -> readAndVectorize(csv, vectorizer));
            System.out.printf(Locale.ROOT, "rows=%d%nread_mb_per_s=%.1f%n", rows[0], mb / readSeconds);
            System.out.printf(Locale.ROOT, "read_vectorize_mb_per_s=%.1f%n", mb / bothSeconds);
            System.out.println("peak_rss_mb=" + peakResidentMegabytes());
            // the bound the heap was given (-Xmx, else a quarter of the memory): a JVM lets its heap
            // grow towards it before collecting, so the peak resident memory says most beside it
            System.out.printf(Locale.ROOT, "max_heap_mb=%.0f%n", Runtime.getRuntime().maxMemory() / 1048576.0);
        } finally {
            if (file == null) {
                Files.deleteIfExists(csv);
            }
        }
        return 0;
    }

    /** Short ticket-like texts from a few hundred words, ten labels, every tenth text quoted over two lines. */
    static void writeCsv(Path csv, long bytes) throws IOException {
        SplittableRandom random = new SplittableRandom(1);
        String[] words = new String[500];
        for (int i = 0; i < words.length; i++) {
            words[i] = Integer.toString(i * 7919 + 1000, 36);
        }
        long written = 0;
        try (BufferedWriter out = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
            out.write("text,label\n");
            StringBuilder row = new StringBuilder();
            for (long i = 0; written < bytes; i++) {
                row.setLength(0);
                boolean quoted = i % 10 == 0;
                if (quoted) {
                    row.append('"');
                }
                for (int w = 0; w < 20; w++) {
                    row.append(words[random.nextInt(words.length)]).append(w == 9 && quoted ? ",\n" : " ");
                }
                row.setLength(row.length() - 1);
                row.append(quoted ? "\"," : ",").append("class").append(random.nextInt(10)).append('\n');
                out.append(row);
                written += row.length();   // ASCII: characters are bytes
            }
        }
    }

    /** Parses every row (the work timed) and returns how many there were. */
    private static long readOnly(Path csv) {
        long count = 0;
        try (CorpusCursor rows = TextDatasets.csv(csv).text("text").label("label").stream()) {
            for (List<CorpusRow> batch = rows.nextBatch(BATCH); !batch.isEmpty(); batch = rows.nextBatch(BATCH)) {
                count += batch.size();
            }
        }
        return count;
    }

    private static TextVectorization adapted(Path csv) {
        TextVectorization vectorizer = TextVectorization.builder().optMaxTokens(20_000)
                .optStandardize(Standardization.UNICODE_LOWER_AND_STRIP_PUNCTUATION)
                .optSplit(org.neurite.text.Split.UNICODE_WHITESPACE)
                .optOutputMode(OutputMode.TF_IDF).optPadToMaxTokens(true).build();
        List<String> first = new ArrayList<>(ADAPT_ROWS);
        try (CorpusCursor rows = TextDatasets.csv(csv).text("text").label("label").stream()) {
            while (first.size() < ADAPT_ROWS && rows.hasNext()) {
                first.add(rows.next().text());
            }
        }
        vectorizer.adapt(first);
        return vectorizer;
    }

    private static void readAndVectorize(Path csv, TextVectorization vectorizer) {
        try (CorpusCursor rows = TextDatasets.csv(csv).text("text").label("label").stream()) {
            for (List<CorpusRow> batch = rows.nextBatch(BATCH); !batch.isEmpty(); batch = rows.nextBatch(BATCH)) {
                vectorizer.transformSparse(batch.stream().map(CorpusRow::text).toList());
            }
        }
    }

    /** The process's peak resident set in MB from /proc/self/status, or "n/a" off Linux. */
    static String peakResidentMegabytes() {
        Path status = Path.of("/proc/self/status");
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith("VmHWM:")) {
                    long kilobytes = Long.parseLong(line.replaceAll("[^0-9]", ""));
                    return String.format(Locale.ROOT, "%.0f", kilobytes / 1024.0);
                }
            }
        } catch (IOException | NumberFormatException e) {
            return "n/a";
        }
        return "n/a";
    }

    private static double seconds(Runnable work) {
        long start = System.nanoTime();
        work.run();
        return (System.nanoTime() - start) / 1e9;
    }
}
