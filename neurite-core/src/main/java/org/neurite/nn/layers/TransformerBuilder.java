package org.neurite.nn.layers;

import org.neurite.nn.Activation;
import org.neurite.nn.Initializer;

/**
 * The options {@link TransformerEncoder} and {@link TransformerDecoder} share, with KerasHub's
 * defaults; each block's builder extends it.
 */
public abstract class TransformerBuilder<B extends TransformerBuilder<B>> {
    String name;
    private int intermediateDim;
    private int numHeads;
    private float dropout;
    private Activation activation = Activation.RELU;
    private float layerNormEpsilon = 1e-5f;
    private Initializer kernelInitializer = Initializer.glorotUniform();
    private Initializer biasInitializer = Initializer.zeros();
    private boolean normalizeFirst;

    TransformerBuilder() {
    }

    @SuppressWarnings("unchecked")
    private B self() {
        return (B) this;
    }

    public B optName(String value) {
        name = value;
        return self();
    }

    /** The feed-forward network's hidden size. */
    public B setIntermediateDim(int value) {
        intermediateDim = value;
        return self();
    }

    public B setNumHeads(int value) {
        numHeads = value;
        return self();
    }

    /** Shared by the attention weights and the residual dropouts; default 0. */
    public B optDropout(float value) {
        dropout = value;
        return self();
    }

    /** The feed-forward network's activation; default relu. */
    public B optActivation(Activation value) {
        activation = value;
        return self();
    }

    public B optLayerNormEpsilon(float value) {
        layerNormEpsilon = value;
        return self();
    }

    public B optKernelInitializer(Initializer value) {
        kernelInitializer = value;
        return self();
    }

    public B optBiasInitializer(Initializer value) {
        biasInitializer = value;
        return self();
    }

    /** Normalise each sublayer's input (GPT-2) rather than each residual sum (BERT); default false. */
    public B optNormalizeFirst(boolean value) {
        normalizeFirst = value;
        return self();
    }

    TransformerParts parts(String layer) {
        try {
            return new TransformerParts(intermediateDim, numHeads, dropout, activation, layerNormEpsilon,
                    kernelInitializer, biasInitializer, normalizeFirst);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(layer + ": " + e.getMessage(), e);
        }
    }
}
