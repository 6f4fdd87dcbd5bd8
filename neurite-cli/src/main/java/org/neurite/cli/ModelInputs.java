package org.neurite.cli;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.neurite.cli.mail.Email;
import org.neurite.models.Model;

/**
 * How {@code neurite predict} turns its inputs into the texts a saved model was trained on, from the
 * model file's metadata: {@code input_kind=email} (the {@code spam} recipe) means the model read
 * e-mails reduced by {@link Email}, so a file is parsed as a mail and a line of text becomes a mail's
 * body. Other models read texts as they are.
 */
final class ModelInputs {
    /** Files larger than this are refused rather than read into memory. */
    static final long MAX_FILE_BYTES = 64L << 20;

    private ModelInputs() {
    }

    /** Whether the model was trained on e-mails. */
    static boolean readsEmail(Model model) {
        return "email".equals(model.metadata().get("input_kind"));
    }

    /** A text given on the command line or as a line of input, as the model reads it. */
    static String lineText(Model model, String text) {
        return readsEmail(model) ? new Email("", "", text).asText() : text;
    }

    /**
     * A whole file as one text: parsed as an e-mail for a model that reads e-mail (any bytes will do),
     * else UTF-8 text without a leading byte-order mark.
     *
     * @throws IllegalArgumentException naming the file when it is too large, or not UTF-8 text for a text model
     */
    static String fileText(Model model, Path file) throws IOException {
        long size = Files.size(file);
        if (size > MAX_FILE_BYTES) {
            throw new IllegalArgumentException(file + ": " + size + " bytes, expected at most " + MAX_FILE_BYTES
                    + " for one text");
        }
        byte[] bytes = Files.readAllBytes(file);
        if (readsEmail(model)) {
            return Email.parse(bytes).asText();
        }
        try {
            String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
            if (text.indexOf('\0') >= 0) {
                throw new CharacterCodingException();
            }
            return text.startsWith("\uFEFF") ? text.substring(1) : text;
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException(file + ": expected UTF-8 text, found bytes that are not (another"
                    + " encoding or a binary file)");
        }
    }
}
