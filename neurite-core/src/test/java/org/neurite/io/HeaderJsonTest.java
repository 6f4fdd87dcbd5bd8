package org.neurite.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neurite.nn.Network;
import org.neurite.tensor.Tensor;
import org.neurite.train.Adam;
import org.neurite.train.Losses;
import org.neurite.train.Trainer;

/** {@link HeaderJson#parse} builds its tree from the streaming parser: the same nodes as an object mapper's. */
class HeaderJsonTest {
    private static final ObjectMapper REFERENCE = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void treeHasTheNodesAnObjectMapperMakes() throws IOException {
        List<String> texts = List.of(
                "{}", "[]", "null", "true", "\"text\"", "7",
                "{\"int\": 2147483647, \"long\": 2147483648, \"big\": 123456789012345678901234567890,"
                        + " \"negative\": -9223372036854775809, \"float\": 0.001, \"exp\": 1e-7, \"huge\": 1e400,"
                        + " \"nested\": {\"list\": [1, [2, [3, {}]], null, false, \"ünïcödé \\u00e9\\n\"]}}",
                "[{\"a\": 1}, {\"b\": [true, 1.5E300, -0.0]}]");
        for (String text : texts) {
            byte[] json = text.getBytes(StandardCharsets.UTF_8);

            assertEquals(REFERENCE.readTree(json), HeaderJson.parse(json, "test"), text);
        }
    }

    @Test
    void savedHeaderReadsAsAnObjectMapperReadsIt() throws IOException {
        Network model = ModelFileFixtures.sequential(3);
        Trainer trainer = Trainer.compile(model, new Adam(0.01f), Losses.meanSquaredError());
        trainer.trainOnBatch(ModelFileFixtures.randomInput(1, 8, 4, 3), Tensor.full(0.2f, 8, 5));
        Path file = dir.resolve("model.neurite");
        ModelFile.save(model, trainer.optimizer(), Map.of("note", "x"), file);
        byte[] header = ModelFileFixtures.header(file).getBytes(StandardCharsets.UTF_8);

        assertEquals(REFERENCE.readTree(header), HeaderJson.parse(header, "header"));
    }

    @Test
    void duplicateKeysAreStillRefused() {
        byte[] json = "{\"a\": 1, \"a\": 2}".getBytes(StandardCharsets.UTF_8);

        String message = assertThrows(IllegalArgumentException.class, () -> HeaderJson.parse(json, "header")).getMessage();

        assertTrue(message.startsWith("header: not valid JSON: Duplicate field 'a'"), message);
    }
}
