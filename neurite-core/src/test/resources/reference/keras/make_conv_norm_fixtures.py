#!/usr/bin/env python3
"""Reference values for Neurite's normalisation and 1-D convolution layers, computed by Keras 3.

Builds each layer in Keras 3 (TensorFlow backend) for its main options, sets fixed random weights,
calls it on a fixed random input and writes one small text fixture per case into this folder:

    name;dim1,dim2,...;v1 v2 v3 ...

Each fixture holds the input x (and a timestep mask where the case has one), the layer's weights in
Keras' order and names, a random tensor r of the output's shape, the output, the gradients of
sum(output * r) with respect to x and to each trainable weight (tf.GradientTape), and for the
cases with a mask keeps_mask (1 if Keras passes the timestep mask on to the output, 0 if it drops
it). Batch
normalisation in training also writes the moving statistics after the call (moving_mean_after,
moving_variance_after). The case "model" is a whole text model with all these layers: its token
ids x, every weight in get_weights() order (w0, w1, ...) and its predictions.

An environment that runs it:
    python3.11 -m venv .venv && .venv/bin/pip install keras tensorflow-cpu h5py torch
    KERAS_BACKEND=tensorflow .venv/bin/python make_conv_norm_fixtures.py
"""
import os

os.environ.setdefault("KERAS_BACKEND", "tensorflow")

import keras  # noqa: E402
import numpy as np  # noqa: E402
import tensorflow as tf  # noqa: E402
from keras.src.backend import get_keras_mask, set_keras_mask  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
RNG = np.random.default_rng(20261130)


def write(name, tensors):
    with open(os.path.join(HERE, name + ".txt"), "w") as f:
        for key, t in tensors.items():
            t = np.asarray(t, dtype=np.float32)
            values = " ".join("%.9g" % v for v in t.reshape(-1).tolist())
            f.write("%s;%s;%s\n" % (key, ",".join(str(d) for d in t.shape), values))


def normal(*shape):
    return RNG.standard_normal(shape).astype(np.float32)


def case(name, layer, x_shape, training=False, mask=None, positive_weights=()):
    """Builds `layer` on x_shape, gives it random weights, and writes its fixture."""
    x = normal(*x_shape)
    layer.build(x_shape)
    weights = []
    for w in layer.weights:
        short = w.path.split("/")[-1]
        value = normal(*w.shape)
        if short in positive_weights:
            value = np.abs(value) + 0.5
        w.assign(value)
        weights.append((short, value))
    tensors = {"x": x}
    if mask is not None:
        tensors["mask"] = mask.astype(np.float32)
    for short, value in weights:
        tensors[short] = value
    xt = tf.constant(x)
    with tf.GradientTape() as tape:
        tape.watch(xt)
        if mask is not None:
            # Keras reads a timestep mask from the tensor, as Embedding(mask_zero) leaves it there.
            set_keras_mask(xt, tf.constant(mask.astype(bool)))
        y = layer(xt, training=training)
        r = tf.constant(normal(*y.shape))
        loss = tf.reduce_sum(y * r)
    grads = tape.gradient(loss, [xt] + list(layer.trainable_weights))
    tensors["r"] = r.numpy()
    tensors["output"] = y.numpy()
    tensors["grad_x"] = grads[0].numpy()
    for w, g in zip(layer.trainable_weights, grads[1:]):
        tensors["grad_" + w.path.split("/")[-1]] = g.numpy()
    if training:
        for w in layer.non_trainable_weights:
            tensors[w.path.split("/")[-1] + "_after"] = w.numpy()
    if mask is not None:
        tensors["keeps_mask"] = np.array([0.0 if get_keras_mask(y) is None else 1.0])
    write(name, tensors)


def lengths_mask(batch, time, lengths):
    return np.array([[1.0 if t < n else 0.0 for t in range(time)] for n in lengths[:batch]])


def normalisation():
    case("layer_norm", keras.layers.LayerNormalization(), (3, 5, 6))
    case("layer_norm_axes", keras.layers.LayerNormalization(axis=[1, 2], center=False, epsilon=1e-5), (3, 4, 5))
    case("layer_norm_mask", keras.layers.LayerNormalization(), (3, 5, 6), mask=lengths_mask(3, 5, [5, 3, 1]))
    case("rms_norm", keras.layers.RMSNormalization(), (3, 5, 6))
    case("rms_norm_axes", keras.layers.RMSNormalization(axis=[1, 2], epsilon=1e-3), (3, 4, 5))
    case("batch_norm_training", keras.layers.BatchNormalization(momentum=0.9), (4, 5, 6), training=True,
         positive_weights=("moving_variance",))
    case("batch_norm_inference", keras.layers.BatchNormalization(), (4, 5, 6),
         positive_weights=("moving_variance",))
    case("batch_norm_masked", keras.layers.BatchNormalization(), (4, 5, 6), training=True,
         mask=lengths_mask(4, 5, [5, 2, 4, 1]), positive_weights=("moving_variance",))
    case("batch_norm_axis1", keras.layers.BatchNormalization(axis=1, center=False, epsilon=1e-2), (4, 5, 6),
         training=True, positive_weights=("moving_variance",))
    case("batch_norm_2d", keras.layers.BatchNormalization(scale=False), (8, 6), training=True,
         positive_weights=("moving_variance",))


def convolution():
    case("conv1d_valid", keras.layers.Conv1D(5, 3), (2, 9, 4))
    case("conv1d_same_strides", keras.layers.Conv1D(5, 4, strides=2, padding="same", activation="tanh"), (2, 9, 4))
    case("conv1d_causal_dilated", keras.layers.Conv1D(3, 3, padding="causal", dilation_rate=2), (2, 8, 4))
    case("conv1d_groups", keras.layers.Conv1D(6, 2, padding="same", groups=2, use_bias=False), (2, 7, 4))
    case("conv1d_strides3_relu", keras.layers.Conv1D(4, 3, strides=3, activation="relu"), (2, 11, 3))
    case("conv1d_masked", keras.layers.Conv1D(4, 2), (3, 6, 3), mask=lengths_mask(3, 6, [6, 4, 2]))
    case("max_pool", keras.layers.MaxPooling1D(), (2, 9, 3))
    case("max_pool_same", keras.layers.MaxPooling1D(pool_size=3, strides=2, padding="same"), (2, 8, 3))
    case("average_pool", keras.layers.AveragePooling1D(pool_size=3, strides=1), (2, 7, 3))
    case("average_pool_same", keras.layers.AveragePooling1D(pool_size=3, strides=2, padding="same"), (2, 8, 3))
    case("average_pool_masked", keras.layers.AveragePooling1D(2), (3, 6, 2), mask=lengths_mask(3, 6, [6, 3, 1]))
    case("zero_padding", keras.layers.ZeroPadding1D(padding=(1, 2)), (2, 4, 3))
    case("zero_padding_masked", keras.layers.ZeroPadding1D(), (2, 4, 3), mask=lengths_mask(2, 4, [4, 2]))
    case("up_sampling", keras.layers.UpSampling1D(size=3), (2, 4, 3))
    case("spatial_dropout_inference", keras.layers.SpatialDropout1D(0.5), (2, 4, 3), mask=lengths_mask(2, 4, [4, 2]))


def model():
    """A whole text model: every weight in get_weights() order as w0, w1, ..., and its predictions."""
    net = keras.Sequential([
        keras.Input((12,), dtype="int32"),
        keras.layers.Embedding(20, 6, mask_zero=True),
        keras.layers.SpatialDropout1D(0.3),
        keras.layers.Conv1D(8, 3, padding="same", activation="relu"),
        keras.layers.BatchNormalization(),
        keras.layers.MaxPooling1D(2),
        keras.layers.Conv1D(6, 2, padding="causal", dilation_rate=2, groups=2, activation="tanh"),
        keras.layers.LayerNormalization(),
        keras.layers.UpSampling1D(2),
        keras.layers.ZeroPadding1D((1, 0)),
        keras.layers.AveragePooling1D(3, strides=2, padding="same"),
        keras.layers.RMSNormalization(),
        keras.layers.GlobalMaxPooling1D(),
        keras.layers.Dense(1, activation="sigmoid"),
    ])
    weights = [normal(*w.shape) for w in net.get_weights()]
    for i, w in enumerate(net.weights):
        if w.path.endswith("moving_variance"):
            weights[i] = np.abs(weights[i]) + 0.5
    net.set_weights(weights)
    ids = RNG.integers(0, 20, size=(5, 12)).astype(np.float32)
    ids[1, 8:] = 0
    tensors = {"x": ids}
    for i, w in enumerate(weights):
        tensors["w%d" % i] = w
    tensors["output"] = net.predict(ids.astype(np.int32), verbose=0)
    write("model", tensors)


if __name__ == "__main__":
    keras.utils.set_random_seed(0)
    normalisation()
    convolution()
    model()
