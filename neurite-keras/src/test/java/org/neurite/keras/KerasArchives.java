package org.neurite.keras;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/** Test helper: reads a fixture archive's entries and writes altered copies of it. */
final class KerasArchives {
    private static final ObjectMapper JSON = new ObjectMapper();

    private KerasArchives() {
    }

    static Map<String, byte[]> entries(Path archive) throws IOException {
        Map<String, byte[]> out = new LinkedHashMap<>();
        try (ZipFile zip = new ZipFile(archive.toFile())) {
            Enumeration<? extends ZipEntry> all = zip.entries();
            while (all.hasMoreElements()) {
                ZipEntry e = all.nextElement();
                try (InputStream in = zip.getInputStream(e)) {
                    out.put(e.getName(), in.readAllBytes());
                }
            }
        }
        return out;
    }

    static void write(Path target, Map<String, byte[]> entries) throws IOException {
        try (OutputStream file = Files.newOutputStream(target); ZipOutputStream zip = new ZipOutputStream(file)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
                zip.closeEntry();
            }
        }
    }

    /** The model config (config.json) of an archive. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> config(Path archive) throws IOException {
        return JSON.readValue(entries(archive).get("config.json"), Map.class);
    }

    /** A copy of {@code fixture} at {@code target} whose config.json is {@code edit}'s result. */
    @SuppressWarnings("unchecked")
    static Path withConfig(Path fixture, Path target, UnaryOperator<Map<String, Object>> edit) throws IOException {
        Map<String, byte[]> entries = entries(fixture);
        Map<String, Object> config = JSON.readValue(entries.get("config.json"), Map.class);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        JSON.writeValue(out, edit.apply(config));
        entries.put("config.json", out.toByteArray());
        write(target, entries);
        return target;
    }

    /** The config of the layer at {@code index} in a model config's layer list. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> layerConfig(Map<String, Object> model, int index) {
        Map<String, Object> config = (Map<String, Object>) model.get("config");
        Map<String, Object> layer = (Map<String, Object>) ((java.util.List<Object>) config.get("layers")).get(index);
        return layer;
    }
}
