package org.neurite.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * What a path names, in the user's words ("a folder", "a named pipe"), for messages that say what
 * was expected and what was found. Links are followed.
 *
 * <pre>{@code
 * PathKind.of(Path.of("/tmp"))   // "a folder"
 * }</pre>
 */
final class PathKind {
    /** File-type bits of a Unix mode ({@code S_IFMT}) and the special types among them. */
    private static final int TYPE_MASK = 0170000;
    private static final int FIFO = 0010000;
    private static final int CHARACTER_DEVICE = 0020000;
    private static final int BLOCK_DEVICE = 0060000;
    private static final int SOCKET = 0140000;

    private PathKind() {
    }

    /** "a regular file", "a folder", "a named pipe", ..., or "nothing" when the path does not exist. */
    static String of(Path path) {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(path, BasicFileAttributes.class);
        } catch (IOException missingOrUnreadable) {
            return "nothing";
        }
        if (attributes.isRegularFile()) {
            return "a regular file";
        }
        return attributes.isDirectory() ? "a folder" : special(path);
    }

    /** The kind of a file that is neither regular nor a folder, named where the platform tells. */
    private static String special(Path path) {
        try {
            int type = (Integer) Files.getAttribute(path, "unix:mode") & TYPE_MASK;
            return switch (type) {
                case FIFO -> "a named pipe";
                case CHARACTER_DEVICE -> "a character device";
                case BLOCK_DEVICE -> "a block device";
                case SOCKET -> "a socket";
                default -> "a special file";
            };
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException noUnixView) {
            return "a special file";
        }
    }
}
