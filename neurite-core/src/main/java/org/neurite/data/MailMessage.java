package org.neurite.data;

/**
 * One e-mail of a mail corpus as it was stored: its raw bytes (headers and MIME body, in whatever
 * charsets and transfer encodings the sender chose), where it came from and whether it is spam.
 * Parsing the MIME structure is left to the caller (the {@code neurite} command uses Apache James
 * mime4j), since the library depends on the JDK alone.
 *
 * @param id the message's path in its corpus ({@code spam-2/00042.abc...txt}), unique there
 * @param group the corpus folder it came from ({@code easy-ham-1}, {@code spam-2}, ...)
 * @param spam whether the corpus labels it spam
 * @param bytes the message as stored, unchanged
 */
public record MailMessage(String id, String group, boolean spam, byte[] bytes) {
}
