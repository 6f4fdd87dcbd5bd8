#!/usr/bin/env python3
"""Reference values for Neurite's position layers, computed by KerasHub on Keras 3 (TensorFlow backend).

Builds KerasHub's PositionEmbedding, SinePositionEncoding and TokenAndPositionEmbedding with fixed
weights and inputs, and writes one small JSON file per case into this folder, in the format of
make_attention_fixtures.py:

    {"layer": class name, "options": {...}, "inputs": {"x": T}, "weights": [{"name": .., "shape": .., "data": ..}],
     "r": T, "output": T, ["mask": T], "grads": {"x": T, weight name: T, ...}}
    T = {"shape": [..], "data": [row-major floats]}

Token ids are written as floats. The gradients are those of sum(output * r) with respect to the
weights and (for real-valued inputs) the input, taken with tf.GradientTape.

An environment to run it:
    python3.11 -m venv .venv && .venv/bin/pip install keras tensorflow-cpu h5py torch keras-hub
Run from anywhere: .venv/bin/python make_position_fixtures.py
"""
import json
import os

os.environ.setdefault("KERAS_BACKEND", "tensorflow")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

import numpy as np  # noqa: E402
import tensorflow as tf  # noqa: E402
import keras_hub  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))


def tensor(a):
    a = np.asarray(a, dtype=np.float32)
    return {"shape": list(a.shape), "data": [float(v) for v in a.reshape(-1)]}


def run(name, layer, x, options, ids=False, seed=0):
    rng = np.random.RandomState(seed)
    x = np.asarray(x, dtype=np.int32 if ids else np.float32)
    layer(x)  # builds the layer
    weights = [rng.normal(0, 0.5, w.shape).astype(np.float32) for w in layer.weights]
    layer.set_weights(weights)
    inp = tf.convert_to_tensor(x)
    with tf.GradientTape() as tape:
        if not ids:
            tape.watch(inp)
        output = layer(inp)
        r = rng.normal(0, 1, output.shape).astype(np.float32)
        loss = tf.reduce_sum(output * r)
    sources = ([] if ids else [inp]) + list(layer.trainable_weights)
    grads = [tf.convert_to_tensor(g) if g is not None else None for g in tape.gradient(loss, sources)]  # dense lookups
    names = ([] if ids else ["x"]) + [weight_name(layer, w) for w in layer.trainable_weights]
    fixture = {
        "layer": layer.__class__.__name__,
        "options": options,
        "inputs": {"x": tensor(x)},
        "weights": [{"name": weight_name(layer, w), **tensor(v)} for w, v in zip(layer.weights, weights)],
        "r": tensor(r),
        "output": tensor(output),
        "grads": {n: tensor(np.zeros(s.shape) if g is None else g) for n, g, s in zip(names, grads, sources)},
    }
    mask = getattr(output, "_keras_mask", None)
    if mask is not None:
        fixture["mask"] = tensor(np.asarray(mask, dtype=np.float32))
    with open(os.path.join(HERE, name + ".json"), "w") as f:
        json.dump(fixture, f, separators=(",", ":"))
    print("wrote", name)


def weight_name(layer, w):
    """'token_embedding/embeddings' for a sublayer's weight, 'embeddings' for the layer's own."""
    prefix = layer.name + "/"
    return w.path[len(prefix):] if w.path.startswith(prefix) else w.path


def main():
    rng = np.random.RandomState(100)
    run("position_embedding", keras_hub.layers.PositionEmbedding(sequence_length=6), rng.normal(0, 1, (3, 4, 5)),
        {"sequence_length": 6})
    run("position_embedding_full", keras_hub.layers.PositionEmbedding(sequence_length=4), rng.normal(0, 1, (2, 4, 3)),
        {"sequence_length": 4}, seed=1)
    run("sine_position_encoding", keras_hub.layers.SinePositionEncoding(), rng.normal(0, 1, (2, 30, 6)),
        {"max_wavelength": 10000})
    run("sine_position_encoding_odd", keras_hub.layers.SinePositionEncoding(max_wavelength=100),
        rng.normal(0, 1, (1, 9, 5)), {"max_wavelength": 100})
    ids = np.array([[3, 1, 7, 0, 0], [9, 2, 0, 0, 0], [4, 4, 5, 6, 8]])
    run("token_and_position_embedding", keras_hub.layers.TokenAndPositionEmbedding(
        vocabulary_size=10, sequence_length=6, embedding_dim=4, mask_zero=True), ids,
        {"vocabulary_size": 10, "sequence_length": 6, "embedding_dim": 4, "mask_zero": True}, ids=True, seed=2)


if __name__ == "__main__":
    main()
