package org.neurite.guide;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Keeps the guide's code from rotting: every code block in {@code docs/guide/*.md} and in the
 * repository's {@code README.md} is a copy of a tagged region of a test that the suite compiles and
 * runs.
 *
 * <p>A block is tied to its region by an HTML comment on the line before it:
 * <pre>
 *   &lt;!-- include: neurite-cli/src/test/java/org/neurite/guide/SomeChapterTest.java#NAME --&gt;
 *   ```java
 *   ...
 *   ```
 * </pre>
 * and the region is marked in the Java file by {@code // tag::NAME[]} and {@code // end::NAME[]}.
 * Both sides are compared after removing their common indentation. A {@code text} block (program
 * output shown in the guide) is compared with the Java text block ({@code """ ... """}) that the
 * region holds, so an expected output asserted by a test is the one the reader sees.
 *
 * <p>Every {@code java} block needs an include; a missing file, marker or region fails.
 */
class GuideSnippetsTest {
    private static final Pattern INCLUDE = Pattern.compile("<!--\\s*include:\\s*(\\S+)#([\\w-]+)\\s*-->");
    private static final Pattern FENCE = Pattern.compile("^```(\\w*)\\s*$");
    private static final Pattern LINK = Pattern.compile("\\]\\(([^)#\\s]+)\\)");

    private final Path root = repositoryRoot();
    private final Path guide = root.resolve("docs/guide");

    @Test
    void everyIncludedBlockMatchesItsRegion() throws IOException {
        List<String> problems = new ArrayList<>();
        int checked = 0;
        List<Path> documents = new ArrayList<>(chapters());
        documents.add(root.resolve("README.md"));
        for (Path chapter : documents) {
            List<String> lines = Files.readAllLines(chapter);
            for (int i = 0; i < lines.size(); i++) {
                Matcher include = INCLUDE.matcher(lines.get(i).trim());
                Matcher fence = FENCE.matcher(lines.get(i));
                if (include.matches()) {
                    String where = chapter.getFileName() + ":" + (i + 1);
                    Block block = blockAfter(lines, i + 1);
                    if (block == null) {
                        problems.add(where + ": an include must be followed by a fenced code block");
                        continue;
                    }
                    checked++;
                    compare(where, include.group(1), include.group(2), block, problems);
                    i = block.end;
                } else if (fence.matches() && fence.group(1).equals("java")) {
                    problems.add(chapter.getFileName() + ":" + (i + 1)
                            + ": a java block without an include comment above it is not checked by any test");
                    i = closingFence(lines, i + 1);
                } else if (fence.matches()) {
                    i = closingFence(lines, i + 1);
                }
            }
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
        assertTrue(checked >= 6, "expected an included block in every chapter, found " + checked);
    }

    @Test
    void theIndexLinksEveryChapterAndEveryLinkedFileExists() throws IOException {
        String index = Files.readString(guide.resolve("README.md"));
        for (Path chapter : chapters()) {
            if (!chapter.getFileName().toString().equals("README.md")) {
                assertTrue(index.contains("(" + chapter.getFileName() + ")"),
                        "docs/guide/README.md does not link " + chapter.getFileName());
            }
        }
        for (Path chapter : chapters()) {
            Matcher link = LINK.matcher(Files.readString(chapter));
            while (link.find()) {
                String target = link.group(1);
                if (!target.contains("://")) {
                    assertTrue(Files.exists(chapter.resolveSibling(target)),
                            chapter.getFileName() + " links " + target + ", which does not exist");
                }
            }
        }
    }

    @Test
    void aChangedRegionIsReported() {
        List<String> problems = new ArrayList<>();
        Block stale = new Block("java", List.of("int answer = 41;"), 0);
        compareRegion("x.md:1", List.of("    // tag::r[]", "    int answer = 42;", "    // end::r[]"), "r", stale,
                problems);
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).contains("int answer = 42;"), problems.get(0));

        problems.clear();
        compareRegion("x.md:1", List.of("int answer = 42;"), "r", stale, problems);
        assertFalse(problems.isEmpty(), "a missing marker must be reported");
    }

    private void compare(String where, String file, String region, Block block, List<String> problems)
            throws IOException {
        Path source = root.resolve(file);
        if (!Files.isRegularFile(source)) {
            problems.add(where + ": " + file + " does not exist");
            return;
        }
        compareRegion(where + " (" + file + "#" + region + ")", Files.readAllLines(source), region, block, problems);
    }

    static void compareRegion(String where, List<String> source, String region, Block block, List<String> problems) {
        int start = indexOfTrimmed(source, "// tag::" + region + "[]", 0);
        int end = start < 0 ? -1 : indexOfTrimmed(source, "// end::" + region + "[]", start + 1);
        if (start < 0 || end < 0) {
            problems.add(where + ": no region between // tag::" + region + "[] and // end::" + region + "[]");
            return;
        }
        List<String> expected = source.subList(start + 1, end);
        if (block.language.equals("text")) {
            expected = textBlock(expected);
            if (expected == null) {
                problems.add(where + ": a text block in the guide must match a Java text block (\"\"\") in the region");
                return;
            }
        }
        List<String> want = dedent(expected);
        List<String> got = dedent(block.lines);
        if (!want.equals(got)) {
            int line = 0;
            while (line < Math.min(want.size(), got.size()) && want.get(line).equals(got.get(line))) {
                line++;
            }
            problems.add(where + ": the guide's block differs from the code at line " + (line + 1) + " of the block:\n"
                    + "  code:  " + (line < want.size() ? want.get(line) : "(end)") + "\n"
                    + "  guide: " + (line < got.size() ? got.get(line) : "(end)"));
        }
    }

    /** The lines inside the first Java text block of {@code region}, or null when there is none. */
    private static List<String> textBlock(List<String> region) {
        int open = -1;
        for (int i = 0; i < region.size(); i++) {
            if (open < 0 && region.get(i).stripTrailing().endsWith("\"\"\"")) {
                open = i;
            } else if (open >= 0 && region.get(i).strip().startsWith("\"\"\"")) {
                // The closing delimiter's indentation counts in a Java text block, so keep it for dedent.
                List<String> lines = new ArrayList<>(region.subList(open + 1, i));
                lines.add(region.get(i).substring(0, region.get(i).indexOf('"')));
                return lines;
            }
        }
        return null;
    }

    /** Removes the common leading spaces of the non-blank lines, trailing spaces, and surrounding blank lines. */
    static List<String> dedent(List<String> lines) {
        int indent = Integer.MAX_VALUE;
        for (String line : lines) {
            if (!line.isBlank()) {
                indent = Math.min(indent, line.length() - line.stripLeading().length());
            }
        }
        List<String> out = new ArrayList<>();
        for (String line : lines) {
            out.add(line.isBlank() ? "" : line.substring(indent).stripTrailing());
        }
        while (!out.isEmpty() && out.get(0).isEmpty()) {
            out.remove(0);
        }
        while (!out.isEmpty() && out.get(out.size() - 1).isEmpty()) {
            out.remove(out.size() - 1);
        }
        return out;
    }

    private static Block blockAfter(List<String> lines, int from) {
        int i = from;
        while (i < lines.size() && lines.get(i).isBlank()) {
            i++;
        }
        Matcher fence = i < lines.size() ? FENCE.matcher(lines.get(i)) : null;
        if (fence == null || !fence.matches()) {
            return null;
        }
        int close = closingFence(lines, i + 1);
        return new Block(fence.group(1), lines.subList(i + 1, Math.min(close, lines.size())), close);
    }

    private static int closingFence(List<String> lines, int from) {
        int i = from;
        while (i < lines.size() && !lines.get(i).strip().equals("```")) {
            i++;
        }
        if (i == lines.size()) {
            fail("unclosed code block starting before line " + from);
        }
        return i;
    }

    private static int indexOfTrimmed(List<String> lines, String wanted, int from) {
        for (int i = from; i < lines.size(); i++) {
            if (lines.get(i).strip().equals(wanted)) {
                return i;
            }
        }
        return -1;
    }

    private List<Path> chapters() throws IOException {
        try (Stream<Path> files = Files.list(guide)) {
            List<Path> chapters = files.filter(p -> p.toString().endsWith(".md")).sorted().toList();
            assertFalse(chapters.isEmpty(), "no chapters in " + guide);
            return chapters;
        }
    }

    /** The folder holding {@code docs/guide}: the working directory (a module) or one of its parents. */
    static Path repositoryRoot() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("docs/guide"))) {
                return p;
            }
        }
        throw new IllegalStateException("no docs/guide above " + Path.of("").toAbsolutePath());
    }

    /** A fenced block of a chapter: its language, its lines, and the index of its closing fence. */
    record Block(String language, List<String> lines, int end) {
    }
}
