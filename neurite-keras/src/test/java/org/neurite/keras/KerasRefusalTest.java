package org.neurite.keras;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neurite.io.ModelFileException;

/**
 * What cannot be imported exactly, or is not a sound archive, is refused with a message naming the
 * file, the layer and the option; nothing from the file is run, and nothing large is allocated first.
 */
class KerasRefusalTest {
    @TempDir
    Path dir;

    private Path mlp() {
        return KerasImportTest.fixture("mnist_mlp.keras");
    }

    private String refusal(Path file) {
        ModelFileException e = assertThrows(ModelFileException.class, () -> KerasFiles.load(file));
        assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
        return e.getMessage();
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> config(Map<String, Object> layer) {
        return (Map<String, Object>) layer.get("config");
    }

    @Test
    void lambdaLayerIsRefusedNamingTheLayerAndNeverRun() throws IOException {
        Path file = KerasArchives.withConfig(mlp(), dir.resolve("lambda.keras"), model -> {
            Map<String, Object> layer = KerasArchives.layerConfig(model, 1);
            layer.put("class_name", "Lambda");
            config(layer).put("function", Map.of("class_name", "__lambda__", "config", Map.of("code", "evil")));
            return model;
        });
        String message = refusal(file);
        assertTrue(message.contains("layer 'flatten' (Lambda)") && message.contains("never run"), message);
    }

    @Test
    void customObjectIsRefusedNamingTheLayer() throws IOException {
        Path file = KerasArchives.withConfig(mlp(), dir.resolve("custom.keras"), model -> {
            Map<String, Object> layer = KerasArchives.layerConfig(model, 2);
            layer.put("class_name", "MyDense");
            layer.put("registered_name", "Custom>MyDense");
            return model;
        });
        assertTrue(refusal(file).contains("layer 'hidden' (MyDense)"));
    }

    @Test
    void customClassCallingItselfDenseIsRefusedByItsModule() throws IOException {
        Path file = KerasArchives.withConfig(mlp(), dir.resolve("impostor.keras"), model -> {
            Map<String, Object> layer = KerasArchives.layerConfig(model, 2);
            layer.put("module", "__main__");
            layer.put("registered_name", "Custom>Dense");
            return model;
        });
        String message = refusal(file);
        assertTrue(message.contains("layer 'hidden' (Dense): custom object 'Custom>Dense' from module '__main__'"),
                message);
    }

    @Test
    void unknownActivationIsRefusedNamingTheLayerAndOption() throws IOException {
        Path file = KerasArchives.withConfig(mlp(), dir.resolve("activation.keras"), model -> {
            config(KerasArchives.layerConfig(model, 2)).put("activation", "my_activation");
            return model;
        });
        String message = refusal(file);
        assertTrue(message.contains("hidden") && message.contains("activation") && message.contains("my_activation"),
                message);
    }

    @Test
    void multiHeadAttentionOverOtherAxesIsRefusedNamingTheOption() throws IOException {
        Path file = KerasArchives.withConfig(KerasImportTest.fixture("attention.keras"), dir.resolve("axes.keras"),
                model -> {
                    config(layerNamed(model, "multi_head_attention")).put("attention_axes", List.of(2));
                    return model;
                });
        String message = refusal(file);
        assertTrue(message.contains("layer 'multi_head_attention' (MultiHeadAttention): option 'attention_axes'"),
                message);
    }

    @Test
    void gatedAttentionIsRefusedNamingTheOption() throws IOException {
        Path file = KerasArchives.withConfig(KerasImportTest.fixture("attention.keras"), dir.resolve("gate.keras"),
                model -> {
                    config(layerNamed(model, "grouped_query_attention")).put("use_gate", true);
                    return model;
                });
        String message = refusal(file);
        assertTrue(message.contains("(GroupQueryAttention): option 'use_gate'"), message);
    }

    @Test
    void attentionScoresAsSecondOutputBecomeTheLayersOption() throws IOException {
        Path file = KerasArchives.withConfig(KerasImportTest.fixture("attention.keras"), dir.resolve("scores.keras"),
                model -> {
                    kwargs(layerNamed(model, "multi_head_attention")).put("return_attention_scores", true);
                    return model;
                });
        var layer = KerasFiles.load(file).model().layers().stream()
                .filter(l -> l.name().equals("multi_head_attention")).findFirst().orElseThrow();
        assertTrue(Boolean.TRUE.equals(layer.config().get("return_attention_scores")), layer.config().toString());
    }

    @Test
    void nonCausalTransformerDecoderCallIsRefused() throws IOException {
        Path file = KerasArchives.withConfig(KerasImportTest.fixture("transformer.keras"), dir.resolve("dec.keras"),
                model -> {
                    kwargs(layerNamed(model, "transformer_decoder")).put("use_causal_mask", false);
                    return model;
                });
        String message = refusal(file);
        assertTrue(message.contains("layer 'transformer_decoder': call argument 'use_causal_mask' = false"), message);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> layerNamed(Map<String, Object> model, String name) {
        List<Map<String, Object>> layers = (List<Map<String, Object>>) ((Map<String, Object>) model.get("config"))
                .get("layers");
        return layers.stream().filter(l -> name.equals(l.get("name"))).findFirst().orElseThrow();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> kwargs(Map<String, Object> layer) {
        Map<String, Object> node = ((List<Map<String, Object>>) layer.get("inbound_nodes")).get(0);
        return (Map<String, Object>) node.get("kwargs");
    }

    @Test
    @SuppressWarnings("unchecked")
    void backwardLayerThatKerasWouldNotPairIsRefusedNamingTheOption() throws IOException {
        Path fixture = KerasImportTest.fixture("bidirectional_custom_concat.keras");
        Path file = KerasArchives.withConfig(fixture, dir.resolve("same-way.keras"), model -> {
            Map<String, Object> backward = (Map<String, Object>) config(KerasArchives.layerConfig(model, 2))
                    .get("backward_layer");
            config(backward).put("go_backwards", false);
            return model;
        });
        String message = refusal(file);
        assertTrue(message.contains("backward layer 'gru' (GRU) must have different go_backwards"), message);
        assertTrue(!message.contains("\n"), message);
    }

    @Test
    void customInitializerIsRefusedNamingTheOption() throws IOException {
        Path file = KerasArchives.withConfig(mlp(), dir.resolve("init.keras"), model -> {
            config(KerasArchives.layerConfig(model, 2)).put("kernel_initializer",
                    Map.of("class_name", "MyInit", "registered_name", "Custom>MyInit", "config", Map.of()));
            return model;
        });
        String message = refusal(file);
        assertTrue(message.contains("layer 'hidden' (Dense) 'kernel_initializer'"), message);
    }

    @Test
    void constraintIsRefusedNamingTheOption() throws IOException {
        Path file = KerasArchives.withConfig(mlp(), dir.resolve("constraint.keras"), model -> {
            config(KerasArchives.layerConfig(model, 2)).put("kernel_constraint",
                    Map.of("class_name", "MaxNorm", "config", Map.of("max_value", 2.0, "axis", 0)));
            return model;
        });
        String message = refusal(file);
        assertTrue(message.contains("layer 'hidden' (Dense)") && message.contains("kernel_constraint"), message);
    }

    @Test
    void frozenLayerIsRefusedNamingTheOption() throws IOException {
        Path file = KerasArchives.withConfig(mlp(), dir.resolve("frozen.keras"), model -> {
            config(KerasArchives.layerConfig(model, 2)).put("trainable", false);
            return model;
        });
        assertTrue(refusal(file).contains("layer 'hidden' (Dense): option 'trainable'"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void maskThatNeuriteWouldNotCarryIsRefused() throws IOException {
        Path file = KerasArchives.withConfig(KerasImportTest.fixture("functional_masks.keras"),
                dir.resolve("mask.keras"), model -> {
                    for (Object entry : (List<Object>) ((Map<String, Object>) model.get("config")).get("layers")) {
                        Map<String, Object> layer = (Map<String, Object>) entry;
                        if (layer.get("class_name").equals("NotEqual")) {
                            Map<String, Object> node = (Map<String, Object>) ((List<Object>) layer.get("inbound_nodes")).get(0);
                            ((List<Object>) node.get("args")).set(1, 1.0);   // ids != 1 is not mask_zero's mask
                        }
                    }
                    return model;
                });
        String message = refusal(file);
        assertTrue(message.contains("call argument 'mask'"), message);
    }

    @Test
    void lambdaInsideANestedModelIsRefusedNamingTheLayer() throws IOException {
        Path file = KerasArchives.withConfig(KerasImportTest.fixture("nested_encoder.keras"),
                dir.resolve("nested_lambda.keras"), model -> {
                    Map<String, Object> encoder = KerasArchives.layerConfig(model, 1);
                    KerasArchives.layerConfig(encoder, 2).put("class_name", "Lambda");   // the encoder's LSTM
                    return model;
                });
        String message = refusal(file);
        assertTrue(message.contains("layer 'lstm") && message.contains("(Lambda)"), message);
    }

    @Test
    void nestedLayerWithoutAFreeNameIsRefusedNamingBoth() throws IOException {
        Path file = KerasArchives.withConfig(KerasImportTest.fixture("nested_sequential.keras"),
                dir.resolve("nested_names.keras"), model -> {
                    config(KerasArchives.layerConfig(model, 3)).put("name", "block_hidden");   // the outer last Dense
                    return model;
                });
        String message = refusal(file);
        assertTrue(message.contains("layer 'hidden' of nested model 'block'")
                && message.contains("'block_hidden' are both taken"), message);
    }

    @Test
    void inputLayersNamingALayerThatIsNotAnInputAreRefused() throws IOException {
        Path file = KerasArchives.withConfig(KerasImportTest.fixture("functional_masks.keras"),
                dir.resolve("inputs.keras"), model -> {
                    String notAnInput = (String) config(KerasArchives.layerConfig(model, 1)).get("name");
                    config(model).put("input_layers", List.of(List.of(notAnInput, 0, 0)));
                    return model;
                });
        String message = refusal(file);
        assertTrue(message.contains("its input_layers name '") && message.contains("not one of its InputLayers"),
                message);
    }

    @Test
    void nestedModelCalledOnTheWrongNumberOfTensorsIsRefused() throws IOException {
        Path file = KerasArchives.withConfig(KerasImportTest.fixture("nested_shared.keras"),
                dir.resolve("nested_arity.keras"), model -> {
                    Map<String, Object> tower = KerasArchives.layerConfig(model, 2);
                    config(tower).put("input_layers", List.of(List.of("tower_in", 0, 0), List.of("tower_in", 0, 0)));
                    return model;
                });
        String message = refusal(file);
        assertTrue(message.contains("model 'tower' is called on 1 tensors; it takes 2"), message);
    }

    @Test
    void hugeDeclaredUnitsAreRefusedBeforeAllocating() throws IOException {
        Path file = KerasArchives.withConfig(mlp(), dir.resolve("huge.keras"), model -> {
            config(KerasArchives.layerConfig(model, 2)).put("units", 2_000_000_000);
            return model;
        });
        String message = refusal(file);
        assertTrue(message.contains("more than the weight file holds") && message.contains("2000000000]"), message);
    }

    @Test
    void weightOfAnotherShapeIsRefusedNamingTheLayer() throws IOException {
        Path file = KerasArchives.withConfig(mlp(), dir.resolve("shape.keras"), model -> {
            config(KerasArchives.layerConfig(model, 2)).put("units", 11);
            return model;
        });
        String message = refusal(file);
        assertTrue(message.contains("layer 'hidden' (Dense): weight 'kernel' has shape"), message);
    }

    @Test
    void zipSlipPathIsRefused() throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>(KerasArchives.entries(mlp()));
        entries.put("../../etc/evil", new byte[] {1});
        Path file = dir.resolve("slip.keras");
        KerasArchives.write(file, entries);
        assertTrue(refusal(file).contains("unsafe path"));
    }

    @Test
    void archiveWithoutConfigIsRefused() throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>(KerasArchives.entries(mlp()));
        entries.remove("config.json");
        Path file = dir.resolve("noconfig.keras");
        KerasArchives.write(file, entries);
        assertTrue(refusal(file).contains("no config.json"));
    }

    @Test
    void truncatedArchivesAreRefused() throws IOException {
        byte[] bytes = Files.readAllBytes(mlp());
        for (int length : List.of(3, 100, bytes.length / 2, bytes.length - 1)) {
            Path file = dir.resolve("truncated" + length + ".keras");
            Files.write(file, Arrays.copyOf(bytes, length));
            refusal(file);
        }
    }

    @Test
    void fileThatIsNeitherZipNorHdf5IsRefused() throws IOException {
        Path file = Files.writeString(dir.resolve("text.keras"), "hello, not a model");
        assertTrue(refusal(file).contains("neither a .keras archive"));
    }
}
