package org.neurite.cli;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * The kinds of option value every command shares, checked once here when the command line is
 * parsed: counts, probabilities, positive numbers, files to read, files and folders to write. A
 * bad value is a usage error (exit status 2) whose one line names the option (picocli adds it),
 * what was expected and what was found.
 *
 * <pre>{@code
 * @Option(names = "--epochs", converter = Arguments.Count.class)
 * Integer epochs;
 * }</pre>
 *
 * <p>Checks of files are made before anything is read or written, so that a folder, a named pipe or
 * a device given as a file is refused by name instead of blocking or failing half-way.
 */
public final class Arguments {
    private Arguments() {
    }

    /** A whole number of at least 1: epochs, batch sizes, steps, units, samples. */
    public static final class Count implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            try {
                int n = Integer.parseInt(value.strip());
                if (n >= 1) {
                    return n;
                }
            } catch (NumberFormatException notAnInt) {
                // Reported below with what was expected.
            }
            throw new TypeConversionException("expected a whole number from 1 to " + Integer.MAX_VALUE
                    + ", found " + quoted(value));
        }
    }

    /** A probability in [0, 1], such as a decision threshold. */
    public static final class Probability implements ITypeConverter<Float> {
        @Override
        public Float convert(String value) {
            float p = parseFloat(value);
            if (p >= 0f && p <= 1f) {
                return p;
            }
            throw new TypeConversionException("expected a probability from 0 to 1, found " + quoted(value));
        }
    }

    /** A finite number greater than 0, such as a learning rate. */
    public static final class PositiveFloat implements ITypeConverter<Float> {
        @Override
        public Float convert(String value) {
            float x = parseFloat(value);
            if (x > 0f && Float.isFinite(x)) {
                return x;
            }
            throw new TypeConversionException("expected a finite number greater than 0, found " + quoted(value));
        }
    }

    /** A finite number greater than 0 in double precision, such as a duration in seconds. */
    public static final class PositiveDouble implements ITypeConverter<Double> {
        @Override
        public Double convert(String value) {
            double x;
            try {
                x = Double.parseDouble(value.strip());
            } catch (NumberFormatException e) {
                x = Double.NaN;
            }
            if (x > 0 && Double.isFinite(x)) {
                return x;
            }
            throw new TypeConversionException("expected a finite number greater than 0, found " + quoted(value));
        }
    }

    /** An existing regular file that can be read: a model file, an input file. */
    public static final class InputFile implements ITypeConverter<Path> {
        @Override
        public Path convert(String value) {
            Path path = path(value, "a file to read");
            String kind = PathKind.of(path);
            if (kind.equals("nothing")) {
                throw new TypeConversionException(path + ": no such file");
            }
            if (!kind.equals("a regular file")) {
                throw new TypeConversionException(path + ": expected a regular file, found " + kind);
            }
            if (!Files.isReadable(path)) {
                throw new TypeConversionException(path + ": a regular file, but not readable (permission denied)");
            }
            return path;
        }
    }

    /** {@code -} for standard input, else an {@link InputFile}. */
    public static final class InputFileOrStdin implements ITypeConverter<String> {
        @Override
        public String convert(String value) {
            return "-".equals(value) ? value : new InputFile().convert(value).toString();
        }
    }

    /**
     * A folder to write into: it exists, or it can be made because the nearest existing folder above
     * it is a folder. Whether it is writable and has room is checked just before it is used.
     */
    public static final class OutputFolder implements ITypeConverter<Path> {
        @Override
        public Path convert(String value) {
            Path path = path(value, "a folder to write into");
            String kind = PathKind.of(path);
            if (kind.equals("nothing")) {
                Path existing = nearestExisting(path);
                if (existing != null && !Files.isDirectory(existing)) {
                    throw new TypeConversionException(path + ": cannot make this folder, " + existing + " is "
                            + PathKind.of(existing) + ", not a folder");
                }
            } else if (!kind.equals("a folder")) {
                throw new TypeConversionException(path + ": expected a folder to write into, found " + kind);
            }
            return path;
        }
    }

    /** A file to write (replaced when it exists) in an existing folder. */
    public static final class OutputFile implements ITypeConverter<Path> {
        @Override
        public Path convert(String value) {
            Path path = path(value, "a file to write");
            String kind = PathKind.of(path);
            if (!kind.equals("nothing") && !kind.equals("a regular file")) {
                throw new TypeConversionException(path + ": expected a file to write, found " + kind);
            }
            Path folder = path.toAbsolutePath().getParent();
            if (folder != null && !Files.isDirectory(folder)) {
                throw new TypeConversionException(path + ": the folder " + folder + " does not exist");
            }
            return path;
        }
    }

    /** A path from a non-blank value, or a conversion error saying what it should name. */
    private static Path path(String value, String expected) {
        if (value.isBlank()) {
            throw new TypeConversionException("expected " + expected + ", found an empty value");
        }
        try {
            return Path.of(value);
        } catch (InvalidPathException e) {
            throw new TypeConversionException("expected " + expected + ", found " + quoted(value) + " (" + e.getReason() + ")");
        }
    }

    /** The nearest existing path at or above {@code path}, or null. */
    static Path nearestExisting(Path path) {
        Path p = path.toAbsolutePath();
        while (p != null && !Files.exists(p)) {
            p = p.getParent();
        }
        return p;
    }

    private static float parseFloat(String value) {
        try {
            return Float.parseFloat(value.strip());
        } catch (NumberFormatException e) {
            return Float.NaN;
        }
    }

    /** The value in quotes, shortened so that a huge argument does not make a huge message. */
    public static String quoted(String value) {
        int max = 60;
        return "'" + (value.length() <= max ? value : value.substring(0, max) + "...") + "'";
    }
}
