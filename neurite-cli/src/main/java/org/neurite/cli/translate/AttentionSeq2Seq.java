package org.neurite.cli.translate;

import java.util.List;
import org.neurite.models.Model;
import org.neurite.nn.Activation;
import org.neurite.nn.Input;
import org.neurite.nn.Layer;
import org.neurite.nn.SymbolicTensor;
import org.neurite.nn.layers.Attention;
import org.neurite.nn.layers.Bidirectional;
import org.neurite.nn.layers.Concatenate;
import org.neurite.nn.layers.Dense;
import org.neurite.nn.layers.Embedding;
import org.neurite.nn.layers.LSTM;

/**
 * An encoder-decoder with Luong attention (Luong, Pham and Manning, 2015) over symbol ids, as
 * Keras' translation examples build it:
 *
 * <pre>
 *   encoder:   e_1..e_S, (h, c) = Bidirectional(LSTM(units))(Embedding(source, mask_zero))   (batch, S, 2·units)
 *   decoder:   d_1..d_T = LSTM(2·units, initial_state = [h, c])(Embedding(target_in))       (batch, T, 2·units)
 *   attention: a_t = softmax_s(scale · d_t·e_s),  c_t = Σ_s a_ts e_s                       (batch, T, S)
 *   output:    p(y_t | y_&lt;t, x) = softmax(W_o tanh(W_c [c_t; d_t]))                        (batch, T, target symbols)
 * </pre>
 *
 * <p>Training reads the true previous target symbols (teacher forcing): {@code target_in} is the
 * target shifted right behind the start token. The source padding (id 0) is masked, so attention never
 * looks at it. The layers have fixed names, so that {@link #inference} can wire a loaded model's layers
 * again into a graph that also returns the attention weights.
 *
 * <pre>{@code
 * Model model = AttentionSeq2Seq.training(task, 32, 64).seed(1);   // inputs [source, target_in]
 * Model decoder = AttentionSeq2Seq.inference(model);              // outputs [probabilities, attention]
 * }</pre>
 */
public final class AttentionSeq2Seq {
    private static final String SOURCE_EMBEDDING = "source_embedding";
    private static final String ENCODER = "encoder";
    private static final String TARGET_EMBEDDING = "target_embedding";
    private static final String DECODER = "decoder";
    private static final String ATTENTION = "attention";
    private static final String ATTENTIONAL = "attentional";
    private static final String OUTPUT = "output";

    private AttentionSeq2Seq() {
    }

    /** The layers, fresh or taken from a model. */
    private record Layers(Embedding sourceEmbedding, Bidirectional encoder, Embedding targetEmbedding, LSTM decoder,
                          Attention attention, Dense attentional, Dense output) {
    }

    /** The graph's ends: its two inputs, the next-symbol probabilities and the attention weights. */
    private record Wiring(SymbolicTensor source, SymbolicTensor targetIn, SymbolicTensor probabilities,
                          SymbolicTensor attention) {
    }

    /**
     * The training model for {@code task}: inputs {@code [source (batch, S), target_in (batch, T)]} of
     * ids, output the probabilities {@code (batch, T, target symbols)}.
     *
     * @param embedding the size of the symbol embeddings
     * @param units     the units of each direction of the encoder (the decoder has twice as many)
     */
    public static Model training(TranslationTask task, int embedding, int units) {
        Layers layers = new Layers(
                Embedding.builder().setInputDim(task.source().size()).setOutputDim(embedding).optMaskZero(true)
                        .optName(SOURCE_EMBEDDING).build(),
                new Bidirectional(ENCODER, LSTM.builder().setUnits(units).optReturnSequences(true).optReturnState(true)
                        .build(), Bidirectional.MergeMode.CONCAT),
                Embedding.builder().setInputDim(task.target().size()).setOutputDim(embedding)
                        .optName(TARGET_EMBEDDING).build(),
                LSTM.builder().setUnits(2 * units).optReturnSequences(true).optName(DECODER).build(),
                Attention.builder().optUseScale(true).optReturnAttentionScores(true).optName(ATTENTION).build(),
                Dense.builder().setUnits(2 * units).optActivation(Activation.TANH).optName(ATTENTIONAL).build(),
                Dense.builder().setUnits(task.target().size()).optActivation(Activation.SOFTMAX).optName(OUTPUT).build());
        Wiring w = wire(layers);
        return new Model(List.of(w.source(), w.targetIn()), List.of(w.probabilities()));
    }

    /**
     * A model sharing {@code trained}'s layers (and so its weights) whose outputs are the probabilities
     * and the attention weights {@code (batch, T, S)}.
     *
     * @throws IllegalArgumentException if {@code trained} was not made by {@link #training}
     */
    public static Model inference(Model trained) {
        Layers layers = new Layers(layer(trained, SOURCE_EMBEDDING, Embedding.class),
                layer(trained, ENCODER, Bidirectional.class), layer(trained, TARGET_EMBEDDING, Embedding.class),
                layer(trained, DECODER, LSTM.class), layer(trained, ATTENTION, Attention.class),
                layer(trained, ATTENTIONAL, Dense.class), layer(trained, OUTPUT, Dense.class));
        Wiring w = wire(layers);
        return new Model(List.of(w.source(), w.targetIn()), List.of(w.probabilities(), w.attention()))
                .seed(trained.seed());
    }

    private static Wiring wire(Layers l) {
        SymbolicTensor source = Input.named("source", -1);                        // (batch, S) ids
        SymbolicTensor targetIn = Input.named("target_in", -1);                   // (batch, T) ids
        List<SymbolicTensor> encoded = l.encoder().applyAll(l.sourceEmbedding().apply(source));
        // [outputs (batch, S, 2u), h_fwd, c_fwd, h_bwd, c_bwd]: both directions' states start the decoder
        SymbolicTensor h = new Concatenate().apply(encoded.get(1), encoded.get(3));   // (batch, 2u)
        SymbolicTensor c = new Concatenate().apply(encoded.get(2), encoded.get(4));
        SymbolicTensor decoded = l.decoder().applyAll(l.targetEmbedding().apply(targetIn), List.of(h, c)).get(0);
        List<SymbolicTensor> attended = l.attention().applyAll(decoded, encoded.get(0));   // [context, weights]
        SymbolicTensor combined = new Concatenate().apply(attended.get(0), decoded);     // (batch, T, 4u)
        SymbolicTensor probabilities = l.output().apply(l.attentional().apply(combined));
        return new Wiring(source, targetIn, probabilities, attended.get(1));
    }

    private static <L extends Layer> L layer(Model model, String name, Class<L> type) {
        Layer layer;
        try {
            layer = model.getLayer(name);
        } catch (IllegalArgumentException e) {
            layer = null;
        }
        if (!type.isInstance(layer)) {
            throw new IllegalArgumentException("model '" + model.name() + "' is not an attention encoder-decoder: it has no "
                    + type.getSimpleName() + " layer named '" + name + "'");
        }
        return type.cast(layer);
    }
}
