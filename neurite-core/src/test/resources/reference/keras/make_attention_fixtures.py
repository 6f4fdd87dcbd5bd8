#!/usr/bin/env python3
"""Reference values for Neurite's attention layers, computed by Keras 3 itself (TensorFlow backend).

Builds Attention, AdditiveAttention, MultiHeadAttention and GroupQueryAttention in Keras with fixed
weights and inputs for their main options (masks included), and writes one small JSON file per case
into this folder:

    {"layer": class name, "options": {...}, "inputs": {"query": T, "value": T, ["key": T]},
     "masks": {"query": T, "value": T, ["attention": T]}, "weights": [{"name": .., "shape": .., "data": ..}],
     "r": T, ["r_scores": T], "output": T, ["scores": T],
     "grads": {"query": T, "value": T, ["key": T], weight name: T, ...}}
    T = {"shape": [..], "data": [row-major floats]}

attention_model.json holds a whole functional model instead (see run_model): its ids, its weights
in Keras' order with their paths, and its predictions.

Weights are listed in Keras' order under Keras' names ("query/kernel"). The gradients are those of
sum(output * r) (+ sum(scores * r_scores) when the scores are returned) with respect to every
input and weight, taken with tf.GradientTape. Masks are Keras masks on the inputs (timestep masks,
as Embedding(mask_zero) makes them); "attention" is MultiHeadAttention's explicit attention_mask.

An environment to run it: python3.11 -m venv .venv && .venv/bin/pip install keras tensorflow-cpu h5py torch
Run from anywhere: .venv/bin/python make_attention_fixtures.py
"""
import json
import os

os.environ.setdefault("KERAS_BACKEND", "tensorflow")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

import numpy as np  # noqa: E402
import tensorflow as tf  # noqa: E402
import keras  # noqa: E402
from keras import layers  # noqa: E402
from keras.src import backend  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
BATCH = 3


def tensor(a):
    a = np.asarray(a, dtype=np.float32)
    return {"shape": list(a.shape), "data": [float(v) for v in a.reshape(-1)]}


def steps_mask(lengths, steps):
    """(batch, steps) masks: 1 for the first `length` steps of each row."""
    return np.array([[1.0 if t < n else 0.0 for t in range(steps)] for n in lengths], dtype=np.float32)


def run(name, layer, shapes, masks=None, options=None, call_kwargs=None, with_scores=False, seed=0):
    """Builds `layer` on inputs of `shapes` (dict of query/value/key), sets fixed weights, writes a fixture."""
    rng = np.random.RandomState(seed)
    masks = masks or {}
    call_kwargs = dict(call_kwargs or {})
    inputs = {k: rng.normal(0, 1, s).astype(np.float32) for k, s in shapes.items()}
    multi_head = isinstance(layer, (layers.MultiHeadAttention, layers.GroupQueryAttention))
    invoke(layer, masked(inputs, masks), masks, call_kwargs, with_scores, multi_head)  # builds the layer
    weights = [rng.normal(0, 0.5, w.shape).astype(np.float32) for w in layer.weights]
    layer.set_weights(weights)

    plain = {k: tf.convert_to_tensor(v) for k, v in inputs.items()}
    with tf.GradientTape() as tape:
        for t in plain.values():
            tape.watch(t)
        tensors = masked(plain, masks)
        result = invoke(layer, tensors, masks, call_kwargs, with_scores, multi_head)
        output, scores = (result if with_scores else (result, None))
        r = rng.normal(0, 1, output.shape).astype(np.float32)
        loss = tf.reduce_sum(output * r)
        r_scores = None
        if scores is not None:
            r_scores = rng.normal(0, 1, scores.shape).astype(np.float32)
            loss = loss + tf.reduce_sum(scores * r_scores)
    sources = list(plain.values()) + list(layer.trainable_weights)
    grads = tape.gradient(loss, sources)
    names = list(plain.keys()) + [weight_name(layer, w) for w in layer.trainable_weights]

    fixture = {
        "layer": layer.__class__.__name__,
        "options": options or {},
        "inputs": {k: tensor(v) for k, v in inputs.items()},
        "masks": {k: tensor(v) for k, v in masks.items()},
        "weights": [{"name": weight_name(layer, w), **tensor(v)} for w, v in zip(layer.weights, weights)],
        "r": tensor(r),
        "output": tensor(output),
        "grads": {n: tensor(np.zeros(s.shape) if g is None else g) for n, g, s in zip(names, grads, sources)},
    }
    if scores is not None:
        fixture["scores"] = tensor(scores)
        fixture["r_scores"] = tensor(r_scores)
    with open(os.path.join(HERE, name + ".json"), "w") as f:
        json.dump(fixture, f, separators=(",", ":"))
    print("wrote", name)


def masked(values, masks):
    """The inputs as tensors carrying their Keras timestep masks, as Embedding(mask_zero) leaves them."""
    tensors = {k: tf.convert_to_tensor(v) for k, v in values.items()}
    for k, m in masks.items():
        if k in ("query", "value", "key"):
            backend.set_keras_mask(tensors[k], tf.convert_to_tensor(m > 0))
    return tensors


def invoke(layer, tensors, masks, call_kwargs, with_scores, multi_head):
    kwargs = dict(call_kwargs)
    if "attention" in masks:
        kwargs["attention_mask"] = tf.convert_to_tensor(masks["attention"] > 0)
    if with_scores:
        kwargs["return_attention_scores"] = True
    args = [tensors["query"], tensors["value"]] + ([tensors["key"]] if "key" in tensors else [])
    if multi_head:
        return layer(*args, **kwargs)
    if any(k in masks for k in ("query", "value")):
        kwargs["mask"] = [tf.convert_to_tensor(masks[k] > 0) if k in masks else None for k in ("query", "value")]
    return layer(args, **kwargs)


def weight_name(layer, w):
    """'query/kernel' for a sublayer's weight, 'scale' for the layer's own."""
    prefix = layer.name + "/"
    return w.path[len(prefix):] if w.path.startswith(prefix) else w.path


def run_model(name, seed=20):
    """A small model of public layers: Embedding(mask_zero) -> MultiHeadAttention(x, x) and Attention(q, x)
    -> Add -> GlobalAveragePooling1D -> Dense, so that the padding mask flows through the graph as in Keras."""
    rng = np.random.RandomState(seed)
    ids = keras.Input((6,), dtype="int32")
    x = layers.Embedding(12, 8, mask_zero=True, name="embedding")(ids)
    a = layers.MultiHeadAttention(num_heads=2, key_dim=4, name="mha")(x, x)
    b = layers.Attention(use_scale=True, name="attention")([a, x])
    pooled = layers.GlobalAveragePooling1D()(layers.Add()([x, a, b]))
    model = keras.Model(ids, layers.Dense(3, name="dense")(pooled))
    weights = [rng.normal(0, 0.5, w.shape).astype(np.float32) for w in model.weights]
    model.set_weights(weights)
    data = np.array([[3, 1, 7, 0, 0, 0], [9, 2, 11, 5, 4, 0], [4, 0, 0, 0, 0, 0]], dtype=np.int32)
    fixture = {
        "inputs": {"ids": tensor(data)},
        "weights": [{"name": w.path, **tensor(v)} for w, v in zip(model.weights, weights)],
        "output": tensor(model.predict(data, verbose=0)),
    }
    with open(os.path.join(HERE, name + ".json"), "w") as f:
        json.dump(fixture, f, separators=(",", ":"))
    print("wrote", name)


def main():
    q_mask = steps_mask([4, 2, 3], 4)
    v_mask = steps_mask([5, 3, 0], 5)  # the last sample's value is all padding
    v_mask_partial = steps_mask([5, 3, 1], 5)

    # Attention (Luong)
    run("attention_dot", layers.Attention(), {"query": (BATCH, 4, 6), "value": (BATCH, 5, 6)})
    run("attention_dot_scale_key", layers.Attention(use_scale=True),
        {"query": (BATCH, 4, 6), "value": (BATCH, 5, 3), "key": (BATCH, 5, 6)}, options={"use_scale": True}, seed=1)
    run("attention_masked", layers.Attention(use_scale=True),
        {"query": (BATCH, 4, 6), "value": (BATCH, 5, 6)}, masks={"query": q_mask, "value": v_mask},
        options={"use_scale": True}, with_scores=True, seed=2)
    run("attention_concat_masked", layers.Attention(use_scale=True, score_mode="concat"),
        {"query": (BATCH, 4, 6), "value": (BATCH, 5, 6)}, masks={"query": q_mask, "value": v_mask_partial},
        options={"use_scale": True, "score_mode": "concat"}, with_scores=True, seed=3)
    run("attention_causal", layers.Attention(),
        {"query": (BATCH, 5, 6), "value": (BATCH, 5, 6)}, masks={"value": v_mask_partial},
        options={"use_causal_mask": True}, call_kwargs={"use_causal_mask": True}, seed=4)

    # AdditiveAttention (Bahdanau)
    run("additive", layers.AdditiveAttention(),
        {"query": (BATCH, 4, 6), "value": (BATCH, 5, 6)}, masks={"query": q_mask, "value": v_mask_partial},
        with_scores=True, seed=5)
    run("additive_noscale_causal_key", layers.AdditiveAttention(use_scale=False),
        {"query": (BATCH, 5, 6), "value": (BATCH, 5, 4), "key": (BATCH, 5, 6)},
        options={"use_scale": False, "use_causal_mask": True}, call_kwargs={"use_causal_mask": True}, seed=6)

    # MultiHeadAttention
    run("mha_self", layers.MultiHeadAttention(num_heads=2, key_dim=3),
        {"query": (BATCH, 5, 6), "value": (BATCH, 5, 6)}, options={"num_heads": 2, "key_dim": 3}, seed=7)
    run("mha_cross_options", layers.MultiHeadAttention(num_heads=3, key_dim=2, value_dim=4, use_bias=False,
                                                       output_shape=5),
        {"query": (BATCH, 4, 6), "value": (BATCH, 5, 7), "key": (BATCH, 5, 3)},
        options={"num_heads": 3, "key_dim": 2, "value_dim": 4, "use_bias": False, "output_shape": 5}, seed=8)
    mha_masked = {"num_heads": 2, "key_dim": 3}
    run("mha_masked", layers.MultiHeadAttention(**mha_masked),
        {"query": (BATCH, 4, 6), "value": (BATCH, 5, 6)}, masks={"query": q_mask, "value": v_mask},
        options=mha_masked, seed=9)
    run("mha_masked_scores", layers.MultiHeadAttention(**mha_masked),
        {"query": (BATCH, 4, 6), "value": (BATCH, 5, 6)}, masks={"query": q_mask, "value": v_mask},
        options=mha_masked, with_scores=True, seed=9)
    # With dropout set, Keras takes its Softmax-layer path even at inference: padded queries get zero weights.
    run("mha_masked_dropout", layers.MultiHeadAttention(**mha_masked, dropout=0.25),
        {"query": (BATCH, 4, 6), "value": (BATCH, 5, 6)}, masks={"query": q_mask, "value": v_mask},
        options={**mha_masked, "dropout": 0.25}, seed=9)
    attention = (np.random.RandomState(10).uniform(size=(BATCH, 5, 5)) > 0.3).astype(np.float32)
    run("mha_causal_attention_mask", layers.MultiHeadAttention(num_heads=2, key_dim=4),
        {"query": (BATCH, 5, 6), "value": (BATCH, 5, 6)},
        masks={"value": v_mask_partial, "attention": attention},
        options={"num_heads": 2, "key_dim": 4, "use_causal_mask": True}, call_kwargs={"use_causal_mask": True},
        seed=10)
    run("mha_causal_only", layers.MultiHeadAttention(num_heads=2, key_dim=3),
        {"query": (BATCH, 5, 6), "value": (BATCH, 5, 6)},
        options={"num_heads": 2, "key_dim": 3, "use_causal_mask": True}, call_kwargs={"use_causal_mask": True},
        seed=11)

    # GroupQueryAttention
    gqa = {"head_dim": 3, "num_query_heads": 4, "num_key_value_heads": 2}
    run("gqa", layers.GroupQueryAttention(**gqa),
        {"query": (BATCH, 4, 6), "value": (BATCH, 5, 6)}, masks={"query": q_mask, "value": v_mask_partial},
        options=gqa, seed=12)
    run("gqa_causal_scores", layers.GroupQueryAttention(**gqa),
        {"query": (BATCH, 5, 6), "value": (BATCH, 5, 6), "key": (BATCH, 5, 4)},
        options={**gqa, "use_causal_mask": True}, call_kwargs={"use_causal_mask": True}, with_scores=True, seed=13)
    mqa = {"head_dim": 2, "num_query_heads": 3, "num_key_value_heads": 1, "use_bias": False}
    run("gqa_multi_query", layers.GroupQueryAttention(**mqa),
        {"query": (BATCH, 4, 5), "value": (BATCH, 6, 5)}, masks={"value": steps_mask([6, 2, 4], 6)},
        options=mqa, seed=14)

    run_model("attention_model")


if __name__ == "__main__":
    main()
