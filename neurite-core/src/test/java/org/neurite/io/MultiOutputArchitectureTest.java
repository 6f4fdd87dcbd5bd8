package org.neurite.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neurite.autograd.Variable;
import org.neurite.nn.Activation;
import org.neurite.nn.Input;
import org.neurite.nn.Network;
import org.neurite.nn.SymbolicTensor;
import org.neurite.nn.layers.Bidirectional;
import org.neurite.nn.layers.Dense;
import org.neurite.nn.layers.GRU;
import org.neurite.nn.layers.LSTM;
import org.neurite.nn.layers.MultiHeadAttention;
import org.neurite.tensor.Rng;
import org.neurite.tensor.Tensor;

/** Graphs whose layers have several outputs are written with an output index per connection and read back. */
class MultiOutputArchitectureTest {
    /** A reloaded model computes exactly what was saved. */
    private static final float IDENTICAL = 0f;

    @TempDir
    Path dir;

    /** An encoder whose states start a decoder, and a Bidirectional with merge mode none and states. */
    private static Network encoderDecoder() {
        SymbolicTensor source = Input.named("source", 5, 4);
        SymbolicTensor target = Input.named("target", 3, 2);
        List<SymbolicTensor> encoded = LSTM.builder().setUnits(3).optReturnState(true).build().applyAll(source);
        List<SymbolicTensor> decoded = LSTM.builder().setUnits(3).optReturnSequences(true).optReturnState(true)
                .build().applyAll(target, encoded.subList(1, 3));
        List<SymbolicTensor> both = new Bidirectional(GRU.builder().setUnits(2).optReturnState(true).build(),
                Bidirectional.MergeMode.NONE).applyAll(source);
        SymbolicTensor words = new Dense(2, Activation.SOFTMAX).apply(decoded.get(0));
        return Network.functional(List.of(source, target), List.of(words, decoded.get(2), both.get(1), both.get(3)))
                .seed(11);
    }

    @Test
    void connectionsToLaterOutputsCarryTheirIndex() {
        ObjectNode json = Architecture.toJson(encoderDecoder());

        ArrayNode nodes = (ArrayNode) json.get("config").get("nodes");
        assertEquals("[0]", nodes.get(0).get("inbound").toString());                 // the encoder reads the source
        assertEquals("[1,[2,1],[2,2]]", nodes.get(1).get("inbound").toString());     // target, encoder's h and c
        assertEquals("[4,[3,2],[5,1],[5,3]]", json.get("config").get("outputs").toString());
    }

    @Test
    void aSavedMultiOutputGraphReloadsWithIdenticalOutputs() throws IOException {
        Network model = encoderDecoder();
        Path file = dir.resolve("seq2seq.neurite");
        ModelFile.save(model, file);
        Network again = ModelFile.load(file).model();
        List<Variable> inputs = List.of(Variable.constant(Tensor.normal(new Rng(1), 0f, 1f, 2, 5, 4)),
                Variable.constant(Tensor.normal(new Rng(2), 0f, 1f, 2, 3, 2)));

        List<Variable> before = model.callAll(inputs, false);
        List<Variable> after = again.callAll(inputs, false);

        assertEquals(4, after.size());
        for (int i = 0; i < before.size(); i++) {
            assertArrayEquals(before.get(i).value().toArray(), after.get(i).value().toArray(), IDENTICAL);
        }
        assertEquals(model.outputNames(), again.outputNames());
    }

    @Test
    void attentionScoresAskedForInAGraphSurviveSaving() throws IOException {
        SymbolicTensor query = Input.named("query", 3, 4);
        SymbolicTensor value = Input.named("value", 5, 4);
        List<SymbolicTensor> out = MultiHeadAttention.builder().setNumHeads(2).setKeyDim(3)
                .optReturnAttentionScores(true).build().applyAll(query, value);
        Network model = Network.functional(List.of(query, value), List.of(out.get(1))).seed(14);
        Path file = dir.resolve("scores.neurite");
        ModelFile.save(model, file);
        List<Variable> inputs = List.of(Variable.constant(Tensor.normal(new Rng(3), 0f, 1f, 2, 3, 4)),
                Variable.constant(Tensor.normal(new Rng(4), 0f, 1f, 2, 5, 4)));

        Tensor before = model.callAll(inputs, false).get(0).value();
        Tensor after = ModelFile.load(file).model().callAll(inputs, false).get(0).value();

        assertArrayEquals(new int[] {2, 2, 3, 5}, after.shape());
        assertArrayEquals(before.toArray(), after.toArray(), IDENTICAL);
    }

    @Test
    void anOutputIndexTheLayerDoesNotHaveIsRefused() {
        ObjectNode json = Architecture.toJson(encoderDecoder());
        ((ArrayNode) json.get("config").get("outputs")).set(1, com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode().add(3).add(7));

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Architecture.fromJson(JsonFields.of(json, "architecture")));

        assertTrue(e.getMessage().contains("refers to output 7 of tensor 3, but layer 'lstm_1' (LSTM) has 3 outputs"),
                e.getMessage());
    }
}
