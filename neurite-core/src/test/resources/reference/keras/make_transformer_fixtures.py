#!/usr/bin/env python3
"""Reference values for Neurite's transformer blocks, computed by KerasHub on Keras 3 (TensorFlow backend).

Builds KerasHub's TransformerEncoder and TransformerDecoder with fixed weights and inputs (with and
without padding masks, normalize_first both ways, the decoder with and without cross-attention) and
writes one small JSON file per case into this folder, in the format of make_position_fixtures.py:

    {"layer": class name, "options": {...}, "inputs": {"x": T, ["encoder": T], [mask name: T]},
     "weights": [{"name": .., "shape": .., "data": ..}], "r": T, "output": T,
     "grads": {"x": T, ["encoder": T], weight name: T, ...}}
    T = {"shape": [..], "data": [row-major floats]}

The gradients are those of sum(output * r) with respect to the inputs and the weights, taken with
tf.GradientTape. A mask named "keras_mask" is attached to x as Keras' own timestep mask (as
Embedding(mask_zero) would), the others are passed as KerasHub's call arguments. It also writes
activations.json: gelu (exact and approximate) and silu on a grid, with their derivatives.

An environment to run it:
    python3.11 -m venv .venv && .venv/bin/pip install keras tensorflow-cpu h5py torch keras-hub
Run from anywhere: .venv/bin/python make_transformer_fixtures.py
Where keras-hub cannot be installed (its tokenizers need extra packages), a source checkout works:
    .venv/bin/python make_transformer_fixtures.py --keras-hub-source path/to/keras-hub
imports the three modules these blocks need straight from that checkout, without its package
__init__ (which pulls in every model and tokenizer).
"""
import argparse
import importlib
import json
import os
import sys
import types

os.environ.setdefault("KERAS_BACKEND", "tensorflow")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

import numpy as np  # noqa: E402
import tensorflow as tf  # noqa: E402
import keras  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))


def blocks(source):
    """KerasHub's TransformerEncoder and TransformerDecoder, from the installed package or a checkout."""
    if source is None:
        import keras_hub
        return keras_hub.layers.TransformerEncoder, keras_hub.layers.TransformerDecoder
    root = os.path.join(os.path.abspath(source), "keras_hub")
    for package in ["keras_hub", "keras_hub.src", "keras_hub.src.layers", "keras_hub.src.layers.modeling",
                    "keras_hub.src.utils", "keras_hub.src.vllm"]:
        module = types.ModuleType(package)   # a bare package: its __init__ is skipped
        module.__path__ = [os.path.join(root, *package.split(".")[1:])]
        sys.modules[package] = module
    encoder = importlib.import_module("keras_hub.src.layers.modeling.transformer_encoder")
    decoder = importlib.import_module("keras_hub.src.layers.modeling.transformer_decoder")
    return encoder.TransformerEncoder, decoder.TransformerDecoder


def tensor(a):
    a = np.asarray(a, dtype=np.float32)
    return {"shape": list(a.shape), "data": [float(v) for v in a.reshape(-1)]}


def weight_name(layer, w):
    """'self_attention_layer/query/kernel' for the weight at 'transformer_encoder/self_attention_layer/query/kernel'."""
    prefix = layer.name + "/"
    return w.path[len(prefix):] if w.path.startswith(prefix) else w.path


def run(name, layer, options, x, encoder=None, masks=None, seed=0):
    """Builds `layer`, sets seeded weights, and writes output and gradients of sum(output * r)."""
    masks = masks or {}
    rng = np.random.RandomState(seed)
    x = np.asarray(x, dtype=np.float32)
    inputs = [tf.constant(x)] + ([] if encoder is None else [tf.constant(np.asarray(encoder, np.float32))])
    layer(*inputs)  # builds the layer
    weights = [rng.normal(0, 0.5, w.shape).astype(np.float32) for w in layer.weights]
    layer.set_weights(weights)
    kwargs = {k: tf.constant(np.asarray(v, dtype=bool)) for k, v in masks.items() if k != "keras_mask"}
    with tf.GradientTape() as tape:
        for t in inputs:
            tape.watch(t)
        if "keras_mask" in masks:
            keras.src.backend.set_keras_mask(inputs[0], tf.constant(np.asarray(masks["keras_mask"], dtype=bool)))
        output = layer(*inputs, training=False, **kwargs)
        r = rng.normal(0, 1, output.shape).astype(np.float32)
        loss = tf.reduce_sum(output * r)
    sources = inputs + list(layer.trainable_weights)
    names = ["x", "encoder"][:len(inputs)] + [weight_name(layer, w) for w in layer.trainable_weights]
    grads = tape.gradient(loss, sources)
    fixture = {
        "layer": layer.__class__.__name__,
        "options": options,
        "inputs": {"x": tensor(x), **({} if encoder is None else {"encoder": tensor(encoder)}),
                   **{k: tensor(v) for k, v in masks.items()}},
        "weights": [{"name": weight_name(layer, w), **tensor(v)} for w, v in zip(layer.weights, weights)],
        "r": tensor(r),
        "output": tensor(output),
        "grads": {n: tensor(np.zeros(s.shape) if g is None else g) for n, g, s in zip(names, grads, sources)},
    }
    with open(os.path.join(HERE, name + ".json"), "w") as f:
        json.dump(fixture, f, separators=(",", ":"))
    print("wrote", name)


def activations():
    """gelu (exact and tanh approximation) and silu on a grid, with their derivatives."""
    x = tf.constant(np.linspace(-4, 4, 33, dtype=np.float32))
    fixture = {"x": tensor(x)}
    for name, f in [("gelu", lambda v: keras.activations.gelu(v)),
                    ("gelu_approximate", lambda v: keras.activations.gelu(v, approximate=True)),
                    ("silu", keras.activations.get("silu")), ("swish", keras.activations.get("swish"))]:
        with tf.GradientTape() as tape:
            tape.watch(x)
            y = f(x)
            total = tf.reduce_sum(y)
        fixture[name] = tensor(y)
        fixture[name + "_grad"] = tensor(tape.gradient(total, x))
    with open(os.path.join(HERE, "activations.json"), "w") as f:
        json.dump(fixture, f, separators=(",", ":"))
    print("wrote activations")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--keras-hub-source", help="a keras-hub source checkout, used when keras_hub is not installed")
    encoder_block, decoder_block = blocks(parser.parse_args().keras_hub_source)
    rng = np.random.RandomState(200)
    x = rng.normal(0, 1, (2, 5, 4))
    enc = rng.normal(0, 1, (2, 3, 6))
    pad = [[1, 1, 1, 0, 0], [1, 1, 1, 1, 1]]
    enc_pad = [[1, 1, 0], [1, 1, 1]]

    def options(**o):
        base = {"intermediate_dim": 6, "num_heads": 2, "activation": "relu", "layer_norm_epsilon": 1e-5,
                "normalize_first": False}
        base.update(o)
        return base

    def encoder(**o):
        o = options(**o)
        return encoder_block(**o), o

    def decoder(**o):
        o = options(**o)
        return decoder_block(**o), o

    run("transformer_encoder", *encoder(), x)
    run("transformer_encoder_padding", *encoder(activation="gelu"), x, masks={"padding_mask": pad}, seed=1)
    run("transformer_encoder_first_padding", *encoder(normalize_first=True, activation="silu",
        layer_norm_epsilon=1e-3), x, masks={"padding_mask": pad}, seed=2)
    run("transformer_encoder_keras_mask", *encoder(), x, masks={"keras_mask": pad}, seed=3)
    run("transformer_encoder_first_keras_mask", *encoder(normalize_first=True), x, masks={"keras_mask": pad}, seed=4)
    run("transformer_decoder", *decoder(), x, seed=5)
    run("transformer_decoder_padding_first", *decoder(normalize_first=True, activation="gelu"), x,
        masks={"decoder_padding_mask": pad}, seed=6)
    run("transformer_decoder_cross", *decoder(), x, enc, masks={"encoder_padding_mask": enc_pad}, seed=7)
    run("transformer_decoder_cross_first", *decoder(normalize_first=True, activation="silu"), x, enc,
        masks={"decoder_padding_mask": pad, "encoder_padding_mask": enc_pad}, seed=8)
    run("transformer_decoder_keras_mask", *decoder(), x, enc, masks={"keras_mask": pad}, seed=9)
    activations()


if __name__ == "__main__":
    main()
