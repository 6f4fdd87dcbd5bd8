package org.neurite.data;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.UserPrincipal;
import java.time.Instant;
import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Temporary files and folders that a killed process left behind (a save's {@code .NAME.PID-HEX.tmp},
 * a fetch's {@code .DATASET-fetching-PID-N}), found and removed by the next process that writes
 * into the same folder.
 *
 * <p>Contract: an entry is removed only when all of these hold, so that a save or fetch still running
 * in another process is never touched: its name has the given prefix and suffix; it is owned by the
 * same user as {@code own}, the entry the caller has just made; it was last modified before the
 * running process started; and the process whose id follows the prefix ({@link #tag()}) is no longer
 * alive (names without an id, from older versions, are judged by their age alone). Removal is best
 * effort: an entry that cannot be removed is left, silently. What was removed is reported in one line
 * through {@link System.Logger} at level INFO (the {@code neurite} command prints it on standard error).
 *
 * <pre>{@code
 * Path temp = folder.resolve(".model.neurite." + Leftovers.tag() + "1f3a.tmp");
 * Files.createFile(temp);
 * Leftovers.removeStale(folder, ".model.neurite.", ".tmp", temp, "interrupted saves");
 * }</pre>
 */
public final class Leftovers {
    private static final System.Logger LOG = System.getLogger(Leftovers.class.getName());
    /** What writers put between prefix and suffix: an optional process id and dash, then hex digits. */
    private static final java.util.regex.Pattern TEMPORARY_PART = java.util.regex.Pattern.compile("([0-9]{1,19}-)?[0-9a-f]{1,32}");

    private Leftovers() {
    }

    /** The part of a temporary name that marks it as this process's: its id and a dash. */
    public static String tag() {
        return ProcessHandle.current().pid() + "-";
    }

    /**
     * Removes the stale entries of {@code folder} named {@code prefix...suffix}, as described above.
     *
     * @param own  the entry the caller has just made there, never removed; its owner is the user's
     * @param what what left them, for the report ("interrupted saves")
     * @return how many entries were removed
     */
    public static int removeStale(Path folder, String prefix, String suffix, Path own, String what) {
        Optional<Instant> started = ProcessHandle.current().info().startInstant();
        if (started.isEmpty()) {
            return 0;   // without the start time nothing can be judged stale
        }
        int removed = 0;
        long bytes = 0;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder,
                p -> isCandidate(p.getFileName().toString(), prefix, suffix))) {
            UserPrincipal user = Files.getOwner(own);
            for (Path entry : entries) {
                if (!entry.equals(own) && isStale(entry, prefix, user, started.get())) {
                    long size = deleteRecursively(entry);
                    if (size >= 0) {
                        removed++;
                        bytes += size;
                    }
                }
            }
        } catch (IOException | UnsupportedOperationException unreadable) {
            return removed;   // best effort: a folder we cannot list holds nothing we may remove
        }
        if (removed > 0) {
            LOG.log(Level.INFO, String.format(Locale.ROOT, "removed %d stale temporary %s (%.1f MB) left by %s in %s",
                    removed, removed == 1 ? "entry" : "entries", bytes / 1e6, what, folder));
        }
        return removed;
    }

    /** A name {@code prefix + [PID-]HEX + suffix}, as the writers make them. */
    private static boolean isCandidate(String name, String prefix, String suffix) {
        return name.startsWith(prefix) && name.endsWith(suffix) && name.length() > prefix.length() + suffix.length()
                && TEMPORARY_PART.matcher(name.substring(prefix.length(), name.length() - suffix.length())).matches();
    }

    private static boolean isStale(Path entry, String prefix, UserPrincipal user, Instant started) throws IOException {
        BasicFileAttributes attributes = Files.readAttributes(entry, BasicFileAttributes.class,
                java.nio.file.LinkOption.NOFOLLOW_LINKS);
        if (attributes.isSymbolicLink() || !attributes.lastModifiedTime().toInstant().isBefore(started)
                || !user.equals(Files.getOwner(entry, java.nio.file.LinkOption.NOFOLLOW_LINKS))) {
            return false;
        }
        return writerId(entry.getFileName().toString().substring(prefix.length()))
                .map(pid -> ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true))
                .orElse(true);
    }

    /** The process id at the start of {@code rest} ({@code "4711-1f3a.tmp"}), if the name carries one. */
    static Optional<Long> writerId(String rest) {
        int dash = rest.indexOf('-');
        if (dash < 1 || dash > 19 || !rest.substring(0, dash).chars().allMatch(Character::isDigit)) {
            return Optional.empty();
        }
        return Optional.of(Long.parseLong(rest.substring(0, dash)));
    }

    /** Deletes {@code path} and what it holds; returns the bytes freed, or -1 when it could not be removed. */
    private static long deleteRecursively(Path path) {
        long bytes = 0;
        try (Stream<Path> paths = Files.walk(path)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                bytes += Files.isRegularFile(p, java.nio.file.LinkOption.NOFOLLOW_LINKS) ? Files.size(p) : 0;
                Files.delete(p);
            }
            return bytes;
        } catch (IOException | java.io.UncheckedIOException e) {
            return -1;
        }
    }
}
