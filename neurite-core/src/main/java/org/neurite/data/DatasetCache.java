package org.neurite.data;

import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The folder where fetched datasets are kept, one sub-folder per dataset, each file checked
 * against its SHA-256 sum before every use.
 *
 * <p>The folder is, in order: the system property {@code neurite.data.dir}, the environment
 * variable {@code NEURITE_DATA_DIR}, or {@code ~/.neurite/datasets}.
 *
 * <p>Contract: a dataset's folder appears whole or not at all. Files are fetched into a temporary
 * folder beside it, verified there, and only then renamed into place in one atomic step, so an
 * interrupted or failed fetch never leaves a half-filled dataset behind, and two processes fetching
 * at once both end with the same verified folder. A cached folder that fails verification is never
 * repaired silently: the error says to delete it.
 *
 * <pre>{@code
 * Path where = DatasetCache.fromEnvironment().root();   // e.g. /home/me/.neurite/datasets
 * }</pre>
 */
public final class DatasetCache {
    /** System property naming the cache folder. */
    public static final String DIR_PROPERTY = "neurite.data.dir";
    /** Environment variable naming the cache folder, used when the property is not set. */
    public static final String DIR_ENV = "NEURITE_DATA_DIR";

    private final Path root;

    /** A cache in {@code root}, which is created when the first dataset is fetched. */
    public DatasetCache(Path root) {
        this.root = root.toAbsolutePath();
    }

    /** The cache named by {@value #DIR_PROPERTY}, else {@value #DIR_ENV}, else {@code ~/.neurite/datasets}. */
    public static DatasetCache fromEnvironment() {
        Path home = Path.of(System.getProperty("user.home"));
        return new DatasetCache(configuredPath(DIR_PROPERTY, DIR_ENV).orElse(home.resolve(".neurite/datasets")));
    }

    /** The folder that holds one sub-folder per dataset. */
    public Path root() {
        return root;
    }

    /**
     * The folder named by a system property, else by an environment variable, if either is set and
     * not blank.
     */
    static Optional<Path> configuredPath(String property, String env) {
        return configuredPath(property, env, System::getProperty, System::getenv);
    }

    static Optional<Path> configuredPath(String property, String env,
                                         Function<String, String> properties, Function<String, String> environment) {
        return Stream.of(properties.apply(property), environment.apply(env))
                .filter(value -> value != null && !value.isBlank())
                .findFirst()
                .map(Path::of);
    }

    /**
     * Returns the verified folder {@code root/name}, fetching it first when it does not exist.
     *
     * @param sha256 each file the folder must hold, with its SHA-256 sum in lower-case hex
     * @throws DatasetException if fetching fails, or a file is missing or does not match its sum
     */
    Path folder(String name, Map<String, String> sha256, Fetcher fetcher) throws IOException {
        checkRoot();
        Path folder = root.resolve(name);
        if (Files.exists(folder) && !Files.isDirectory(folder)) {
            throw new DatasetException(folder + ": expected the dataset's folder, found a file. Delete it to fetch"
                    + " the dataset again.");
        }
        if (!Files.isDirectory(folder)) {
            fetchIntoPlace(folder, sha256, fetcher);
        }
        verify(folder, sha256, "Delete the folder " + folder + " to fetch the dataset again.");
        return folder;
    }

    /** The cache folder is a folder, or does not exist yet; anything else is a setting to fix. */
    private void checkRoot() {
        if (Files.exists(root) && !Files.isDirectory(root)) {
            throw new DatasetException("dataset cache " + root + ": expected a folder, found a file; point "
                    + DIR_PROPERTY + " or " + DIR_ENV + " at a folder");
        }
    }

    private void fetchIntoPlace(Path folder, Map<String, String> sha256, Fetcher fetcher) throws IOException {
        // Beside the final folder, so that the last step is a rename on one file system; named with this
        // process's id, so that the next fetch can tell a killed fetch's leftovers from a running one.
        String prefix = "." + folder.getFileName() + "-fetching-";
        Path work;
        try {
            Files.createDirectories(root);
            work = Files.createTempDirectory(root, prefix + Leftovers.tag());
        } catch (java.nio.file.FileSystemException e) {
            throw new DatasetException("dataset cache " + root + ": cannot write there ("
                    + (e.getReason() != null ? e.getReason() : e.getClass().getSimpleName()) + "); point "
                    + DIR_PROPERTY + " or " + DIR_ENV + " at a writable folder", e);
        }
        Leftovers.removeStale(root, prefix, "", work, "interrupted fetches");
        try {
            Path staged = Files.createDirectory(work.resolve("files"));
            fetcher.fetch(staged, Files.createDirectory(work.resolve("scratch")));
            verify(staged, sha256, "The fetched package does not hold the expected files; nothing was cached.");
            Files.move(staged, folder, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException | DirectoryNotEmptyException anotherProcessWasFaster) {
            // The folder appeared while we fetched; the caller verifies the one that is there.
        } finally {
            deleteRecursively(work);
        }
    }

    /**
     * Checks that {@code folder} holds every file with its SHA-256 sum.
     *
     * @param advice what the user should do when it does not
     * @throws DatasetException naming the first file that is missing or does not match
     */
    static void verify(Path folder, Map<String, String> sha256, String advice) throws IOException {
        for (var entry : sha256.entrySet()) {
            Path file = folder.resolve(entry.getKey());
            if (!Files.isRegularFile(file)) {
                throw new DatasetException(file + ": " + (Files.exists(file) ? "expected a file, found a folder"
                        + " or special file" : "missing") + ". " + advice);
            }
            String actual = Checksums.sha256(file);
            if (!actual.equals(entry.getValue())) {
                throw new DatasetException(file + ": SHA-256 is " + actual + ", expected " + entry.getValue()
                        + "; the file is damaged or not the expected one. " + advice);
            }
        }
    }

    private static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(path)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
