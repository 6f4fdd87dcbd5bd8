package org.neurite.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/** Builds small tar archives for tests, the way npm and GNU tar write them (ustar, pax long names). */
final class TarFixtures {
    private static final int BLOCK = 512;

    private TarFixtures() {
    }

    /** A tar of regular files in the given order; names over 100 bytes get a pax header. */
    static byte[] tar(Map<String, byte[]> files) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(header("package/", 0, (byte) '5'));
        for (var file : files.entrySet()) {
            String name = file.getKey();
            if (name.length() > 100) {
                byte[] pax = paxRecord("path", name);
                writeEntry(out, header("PaxHeader/long", pax.length, (byte) 'x'), pax);
                name = name.substring(0, 100);
            }
            writeEntry(out, header(name, file.getValue().length, (byte) '0'), file.getValue());
        }
        out.write(new byte[2 * BLOCK]);
        return out.toByteArray();
    }

    static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        }
        return out.toByteArray();
    }

    static Map<String, byte[]> files(Object... nameThenContent) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (int i = 0; i < nameThenContent.length; i += 2) {
            Object content = nameThenContent[i + 1];
            files.put((String) nameThenContent[i], content instanceof String s
                    ? s.getBytes(StandardCharsets.UTF_8) : (byte[]) content);
        }
        return files;
    }

    private static void writeEntry(ByteArrayOutputStream out, byte[] header, byte[] data) throws IOException {
        out.write(header);
        out.write(data);
        out.write(new byte[(BLOCK - data.length % BLOCK) % BLOCK]);
    }

    /** "LENGTH key=value\n", where LENGTH counts the whole record, its own digits included. */
    private static byte[] paxRecord(String key, String value) {
        String body = " " + key + "=" + value + "\n";
        int length = body.length() + String.valueOf(body.length()).length();
        if (String.valueOf(length).length() != String.valueOf(body.length()).length()) {
            length++;
        }
        return (length + body).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] header(String name, long size, byte type) {
        byte[] h = new byte[BLOCK];
        put(h, 0, name);
        put(h, 100, "0000644\0");
        put(h, 124, String.format("%011o\0", size));
        h[156] = type;
        put(h, 257, "ustar\0" + "00");
        Arrays.fill(h, 148, 156, (byte) ' ');
        int sum = 0;
        for (byte b : h) {
            sum += b & 0xFF;
        }
        put(h, 148, String.format("%06o\0 ", sum));
        return h;
    }

    private static void put(byte[] header, int offset, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        System.arraycopy(bytes, 0, header, offset, bytes.length);
    }
}
