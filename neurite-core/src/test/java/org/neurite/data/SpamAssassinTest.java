package org.neurite.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neurite.testing.NeedsDataset;

class SpamAssassinTest {
    @TempDir
    Path dir;

    @Test
    void readsTheMessagesOfTheKnownGroupsWithTheirLabels() throws IOException {
        Path tgz = tarball(TarFixtures.files(
                "package/data/spam-2/00002.bb.txt", "Subject: win\n\nmoney",
                "package/data/easy-ham-1/00001.aa.txt", "Subject: hi\n\nlunch?",
                "package/data/easy-ham-1/00001.aa.json", "{\"text\":\"the same again\"}",
                "package/data/other/00003.cc.txt", "not a group of the corpus",
                "package/README.md", "# readme"));

        List<MailMessage> mail = SpamAssassin.read(tgz);

        assertEquals(List.of("easy-ham-1/00001.aa.txt", "spam-2/00002.bb.txt"),
                mail.stream().map(MailMessage::id).toList());
        assertFalse(mail.get(0).spam());
        assertTrue(mail.get(1).spam());
        assertEquals("spam-2", mail.get(1).group());
        assertArrayEquals("Subject: win\n\nmoney".getBytes(StandardCharsets.UTF_8), mail.get(1).bytes());
    }

    @Test
    void aTarballThatIsNotGzipIsRefusedInWords() throws IOException {
        Path bad = Files.writeString(dir.resolve(SpamAssassin.TARBALL), "plain text");

        String message = assertThrows(DatasetException.class, () -> SpamAssassin.read(bad)).getMessage();

        assertTrue(message.contains("expected a gzip-compressed tarball"), message);
    }

    @Test
    void theTarballFetcherKeepsThePackageWholeUnderItsName() throws IOException {
        Path tgz = tarball(TarFixtures.files("package/data/spam-1/00001.aa.txt", "Subject: x\n\ny"));
        Path npm = dir.resolve("fake-npm");
        Files.writeString(npm, "#!/bin/sh\ncp '" + tgz + "' ./demo-1.0.0.tgz\n");
        Files.setPosixFilePermissions(npm, PosixFilePermissions.fromString("rwx------"));
        Path target = Files.createDirectories(dir.resolve("target"));

        new NpmTarballFetcher("demo@1.0.0", "kept.tgz", "", npm.toString())
                .fetch(target, Files.createDirectories(dir.resolve("scratch")));

        assertArrayEquals(Files.readAllBytes(tgz), Files.readAllBytes(target.resolve("kept.tgz")));
    }

    @Test
    @NeedsDataset
    void realCorpusHoldsItsDocumentedGroups() {
        List<MailMessage> mail = SpamAssassin.messages();

        assertEquals(SpamAssassin.SIZE, mail.size());
        assertEquals(1_896, mail.stream().filter(MailMessage::spam).count());
        assertEquals(250, mail.stream().filter(m -> m.group().equals("hard-ham-1")).count());
    }

    private Path tarball(java.util.Map<String, byte[]> files) throws IOException {
        return Files.write(dir.resolve("made.tgz"), TarFixtures.gzip(TarFixtures.tar(files)));
    }
}
