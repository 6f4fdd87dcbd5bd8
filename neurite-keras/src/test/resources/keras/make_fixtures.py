"""Builds the Keras 3 reference models that neurite-keras' tests import.

For each model NAME it writes, beside this script:
  NAME.keras      the model as keras.Model.save writes it (config.json, metadata.json, model.weights.h5)
  NAME.npz        input_0, input_1, ... and output_0, output_1, ...: recorded inputs and Keras' predictions,
                  and layer_LAYERNAME: each layer's output, for `neurite import --check --layers`
and legacy_mlp.h5, the same MLP in the legacy HDF5 layout (model_config attribute, model_weights group),
and keras2_two_in_two_out.h5: the two-input model saved as legacy HDF5 whose model_config is then
rewritten in tf.keras 2's layout (inbound_nodes as [[layer, node, tensor, kwargs], ...], dtype strings,
batch_input_shape), since a tf.keras 2 installation is not assumed. The nested-model fixtures
(nested_sequential, nested_encoder, nested_shared, nested_deep) are also written as NAME.h5, Keras 3's legacy
HDF5 layout, beside their NAME.keras; both share NAME.npz. keras2_nested_shared.h5 is nested_shared
rewritten in tf.keras 2's layout as above (nested models' configs too).

The models are small (a few thousand weights) so the committed files stay small. Seeds are fixed,
so a rerun writes the same weights on the same Keras version.

Environment (any machine with Python 3.11):
    python3.11 -m venv .venv && .venv/bin/pip install keras tensorflow-cpu h5py torch keras-hub
    KERAS_BACKEND=tensorflow .venv/bin/python make_fixtures.py [NAME ...]
With NAMEs (mnist_mlp, conv1d, attention, transformer, ...) only those models are written. The
transformer model uses KerasHub's TokenAndPositionEmbedding, TransformerEncoder and TransformerDecoder;
where keras-hub cannot be installed, --keras-hub-source path/to/keras-hub imports those modules from a
source checkout without the package's __init__ (as ../../../../../neurite-core's
make_transformer_fixtures.py does).

With --check-export FILE.keras CASES.npz [--weights FILE.h5] it instead loads a file Neurite exported
with keras.models.load_model and prints the largest difference from the recorded outputs (exit status 1
above 1e-5); with --weights, after zeroing the loaded weights and reading them back from a legacy .h5
that Neurite exported, with model.load_weights.
"""
import os
import sys

os.environ.setdefault("KERAS_BACKEND", "tensorflow")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

import importlib  # noqa: E402
import types  # noqa: E402

import numpy as np  # noqa: E402
import keras  # noqa: E402
from keras import layers  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
RNG = np.random.default_rng(14)


def save(name, model, inputs):
    outputs = model.predict(inputs, verbose=0)
    if not isinstance(outputs, (list, tuple)):
        outputs = [outputs]
    arrays = {f"input_{i}": x for i, x in enumerate(inputs)}
    arrays.update({f"output_{i}": np.asarray(y, dtype=np.float32) for i, y in enumerate(outputs)})
    arrays.update(layer_outputs(model, inputs))
    model.save(os.path.join(HERE, name + ".keras"))
    np.savez(os.path.join(HERE, name + ".npz"), **arrays)
    print(name, model.count_params(), "weights")


def layer_outputs(model, inputs):
    """Each layer's output (first call), skipping input layers and layers with several outputs."""
    chosen = [l for l in model.layers if not isinstance(l, layers.InputLayer) and not isinstance(l.output, (list, tuple))]
    if not chosen:
        return {}
    try:
        probe = keras.Model(model.inputs, [l.output for l in chosen])
    except ValueError:
        # a functional model nested in a Sequential: its .output is its own graph's, not connected to
        # the outer inputs; its layer_ array is left out
        chosen = [l for l in chosen if not isinstance(l, keras.Model)]
        probe = keras.Model(model.inputs, [l.output for l in chosen])
    values = probe.predict(inputs, verbose=0)
    values = values if isinstance(values, (list, tuple)) else [values]
    return {f"layer_{l.name}": np.asarray(v, dtype=np.float32) for l, v in zip(chosen, values)}


def tokens(batch, time, vocab):
    """Token ids with trailing zeros (padding), different lengths per row, one row fully padded."""
    x = RNG.integers(1, vocab, size=(batch, time)).astype(np.int32)
    for row in range(batch):
        x[row, RNG.integers(1, time + 1):] = 0
    x[-1, :] = 0
    return x


def mlp():
    inp = keras.Input((28, 28), name="image")
    x = layers.Flatten()(inp)
    x = layers.Dense(12, activation="relu", name="hidden")(x)
    x = layers.Dropout(0.2)(x)
    out = layers.Dense(10, activation="softmax", name="digits")(x)
    model = keras.Sequential([inp, *[l for l in keras.Model(inp, out).layers[1:]]], name="mnist_mlp")
    return model, [RNG.random((4, 28, 28), dtype=np.float32)]


def embedding_lstm():
    model = keras.Sequential([
        keras.Input((9,), dtype="int32"),
        layers.Embedding(30, 6, mask_zero=True),
        layers.LSTM(5),
        layers.Dense(1, activation="sigmoid"),
    ], name="imdb_lstm")
    return model, [tokens(5, 9, 30)]


def gru(reset_after):
    model = keras.Sequential([
        keras.Input((8,), dtype="int32"),
        layers.Embedding(25, 4, mask_zero=True),
        layers.GRU(5, reset_after=reset_after, return_sequences=True),
        layers.GRU(3, reset_after=reset_after),
        layers.Dense(2, activation="softmax"),
    ], name="gru")
    return model, [tokens(5, 8, 25)]


def bidirectional(mode):
    """Sequential with Masking (a functional model would record the mask's ops as extra nodes);
    merge_mode None returns two tensors, so that one is functional and unmasked."""
    rnn = layers.LSTM(3, return_sequences=True) if mode != "ave" else layers.GRU(3, return_sequences=True)
    x = RNG.normal(size=(4, 7, 4)).astype(np.float32)
    if mode is None:
        inp = keras.Input((7, 4))
        y = layers.Bidirectional(rnn, merge_mode=None)(inp)
        return keras.Model(inp, y, name="bidirectional_none"), [x]
    model = keras.Sequential([
        keras.Input((7, 4)),
        layers.Masking(mask_value=0.0),
        layers.Bidirectional(rnn, merge_mode=mode),
        layers.GlobalAveragePooling1D(),
        layers.Dense(2),
    ], name="bidirectional_" + mode)
    x[1, 5:, :] = 0.0
    return model, [x]


def bidirectional_custom(mode):
    """A custom backward_layer. concat: LSTM(6) forward, GRU(4) backward, the widths side by side
    (Keras' summary says (None, 12), but the output is (None, 10), so nothing follows it); sum: two
    LSTMs of different activation returning sequences. Seeded on their own, so that they do not
    depend on which other fixtures are written in the same run."""
    keras.utils.set_random_seed(141)
    rng = np.random.default_rng(141)
    x = rng.normal(size=(4, 7, 3)).astype(np.float32)
    x[1, 5:, :] = 0.0
    x[2, :2, :] = 0.0
    if mode == "concat":
        top = [layers.Bidirectional(layers.LSTM(6), backward_layer=layers.GRU(4, go_backwards=True))]
    else:
        top = [layers.Bidirectional(layers.LSTM(5, return_sequences=True), merge_mode="sum",
                                    backward_layer=layers.LSTM(5, activation="relu", return_sequences=True,
                                                               go_backwards=True)),
               layers.GlobalAveragePooling1D(),
               layers.Dense(2)]
    model = keras.Sequential([keras.Input((7, 3)), layers.Masking(mask_value=0.0), *top],
                             name="bidirectional_custom_" + mode)
    perturb(model, rng)
    return model, [x]


def two_in_two_out():
    a = keras.Input((6,), name="numbers")
    b = keras.Input((5, 3), name="sequence")
    ha = layers.Dense(4, activation="tanh")(a)
    rep = layers.RepeatVector(5)(ha)
    seq = layers.Concatenate(axis=-1)([b, rep])
    seq = layers.TimeDistributed(layers.Dense(4, activation="elu"))(seq)
    rnn = layers.SimpleRNN(4, return_sequences=True)(seq)
    pooled = layers.GlobalMaxPooling1D()(rnn)
    summed = layers.Add()([pooled, ha])
    mixed = layers.Multiply()([layers.Subtract()([summed, ha]), layers.Average()([pooled, ha])])
    mixed = layers.Maximum()([mixed, layers.Minimum()([pooled, ha])])
    out_a = layers.Dense(3, activation="softmax", name="label")(mixed)
    flat = layers.Reshape((20,))(rnn)
    out_b = layers.Activation("sigmoid", name="score")(layers.Dense(1)(flat))
    model = keras.Model([a, b], [out_a, out_b], name="two_in_two_out")
    return model, [RNG.normal(size=(3, 6)).astype(np.float32), RNG.normal(size=(3, 5, 3)).astype(np.float32)]


def functional_masks():
    """Keras records the masks of Embedding(mask_zero) and Masking as NotEqual/Any nodes here."""
    ids = keras.Input((6,), dtype="int32", name="ids")
    seq = keras.Input((6, 3), name="signal")
    a = layers.Embedding(20, 4, mask_zero=True)(ids)
    a = layers.Dropout(0.1)(a)
    a = layers.LSTM(3, return_sequences=True)(a)
    a = layers.GlobalAveragePooling1D()(a)
    b = layers.Masking(mask_value=0.0)(seq)
    b = layers.GRU(3)(b)
    out = layers.Dense(1, activation="sigmoid")(layers.Concatenate()([a, b]))
    model = keras.Model([ids, seq], out, name="functional_masks")
    signal = RNG.normal(size=(5, 6, 3)).astype(np.float32)
    signal[0, 4:, :] = 0.0
    ids_value = tokens(5, 6, 20)
    ids_value[-1, 0] = 3  # Keras averages a fully masked row to NaN (0/0), Neurite to 0: not compared here
    return model, [ids_value, signal]


def legacy_h5():
    model, inputs = mlp()
    model.save(os.path.join(HERE, "legacy_mlp.h5"))
    outputs = model.predict(inputs, verbose=0)
    np.savez(os.path.join(HERE, "legacy_mlp.npz"), input_0=inputs[0], output_0=outputs)
    print("legacy_mlp.h5", model.count_params(), "weights")


def keras2_config(config):
    """A Keras 3 model config in tf.keras 2's layout."""
    def strip(value):
        if isinstance(value, dict):
            if value.get("class_name") == "DTypePolicy":
                return value["config"]["name"]
            return {k: strip(v) for k, v in value.items() if k not in ("module", "registered_name", "build_config")}
        if isinstance(value, list):
            return [strip(v) for v in value]
        return value

    def history(tensor):
        return tensor["config"]["keras_history"]

    def convert(model):
        """Rewrites one model's layers in place, nested models' too."""
        for layer in model["config"]["layers"]:
            if layer["class_name"] == "InputLayer":
                layer["config"]["batch_input_shape"] = layer["config"].pop("batch_shape")
            if layer["class_name"] in ("Sequential", "Functional"):
                convert(layer)
            if "inbound_nodes" not in layer:
                continue   # a Sequential's layers record no nodes
            nodes = []
            for node in layer["inbound_nodes"]:
                args = node["args"][0]
                tensors = args if isinstance(args, list) else [args]
                nodes.append([history(t) + [{}] for t in tensors])
            layer["inbound_nodes"] = nodes

    convert(config)
    return strip(config)


def keras2_h5(name, maker):
    """The model saved as legacy HDF5 whose model_config is rewritten in tf.keras 2's layout."""
    import h5py
    import json
    model, inputs = maker()
    path = os.path.join(HERE, name + ".h5")
    model.save(path)
    with h5py.File(path, "r+") as f:
        config = json.loads(f.attrs["model_config"])
        f.attrs["model_config"] = json.dumps(keras2_config(config))
        f.attrs["keras_version"] = "2.15.0"
    outputs = model.predict(inputs, verbose=0)
    outputs = outputs if isinstance(outputs, (list, tuple)) else [outputs]
    arrays = {f"input_{i}": x for i, x in enumerate(inputs)}
    arrays.update({f"output_{i}": np.asarray(y, dtype=np.float32) for i, y in enumerate(outputs)})
    np.savez(os.path.join(HERE, name + ".npz"), **arrays)
    print(name + ".h5", model.count_params(), "weights")


def perturb(model, rng=None):
    """Moves every weight off its initial value (zero biases, unit gammas, zero moving means would
    hide a misplaced weight); variances stay positive."""
    for w in model.weights:
        noise = (rng or RNG).normal(0, 0.2, w.shape).astype(np.float32)
        value = np.asarray(w.numpy()) + noise
        w.assign(np.abs(value) + 0.5 if "variance" in w.path else value)


def conv1d():
    """Sequential text CNN: every convolution, pooling and normalisation layer of Keras that Neurite has."""
    model = keras.Sequential([
        keras.Input((10,), dtype="int32"),
        layers.Embedding(30, 6),
        layers.Conv1D(5, 3, padding="causal", dilation_rate=2, activation="relu"),
        layers.ZeroPadding1D(1),
        layers.MaxPooling1D(2),
        layers.BatchNormalization(),
        layers.SpatialDropout1D(0.1),
        layers.Conv1D(4, 2, strides=2, padding="same", activation="tanh"),
        layers.UpSampling1D(2),
        layers.AveragePooling1D(2, strides=1, padding="same"),
        layers.LayerNormalization(),
        layers.RMSNormalization(),
        layers.GlobalMaxPooling1D(),
        layers.Dense(2, activation="softmax"),
    ], name="conv1d")
    perturb(model)
    return model, [RNG.integers(0, 30, size=(4, 10)).astype(np.int32)]


def attention():
    """Functional: Keras' four attention layers on one embedded sequence, with and without causal masks."""
    ids = keras.Input((7,), dtype="int32", name="ids")
    x = layers.Embedding(20, 8)(ids)
    q = layers.Dense(8, name="query")(x)
    a = layers.Attention(use_scale=True)([q, x], use_causal_mask=True)
    b = layers.AdditiveAttention()([q, x, q])
    m = layers.MultiHeadAttention(num_heads=2, key_dim=3, value_dim=5)(q, x, use_causal_mask=True)
    g = layers.GroupQueryAttention(head_dim=4, num_query_heads=4, num_key_value_heads=2)(q, x, key=a)
    h = layers.Concatenate()([a, b, m, g])
    h = layers.LayerNormalization(epsilon=1e-5)(h)
    out = layers.Dense(3, activation="softmax")(layers.GlobalAveragePooling1D()(h))
    model = keras.Model(ids, out, name="attention")
    perturb(model)
    return model, [RNG.integers(0, 20, size=(3, 7)).astype(np.int32)]


def keras_hub_layers(source):
    """KerasHub's TokenAndPositionEmbedding, TransformerEncoder and TransformerDecoder."""
    if source is None:
        import keras_hub
        return (keras_hub.layers.TokenAndPositionEmbedding, keras_hub.layers.TransformerEncoder,
                keras_hub.layers.TransformerDecoder)
    root = os.path.join(os.path.abspath(source), "keras_hub")
    for package in ["keras_hub", "keras_hub.src", "keras_hub.src.layers", "keras_hub.src.layers.modeling",
                    "keras_hub.src.utils", "keras_hub.src.vllm"]:
        module = types.ModuleType(package)   # a bare package: its __init__ is skipped
        module.__path__ = [os.path.join(root, *package.split(".")[1:])]
        sys.modules[package] = module
    modeling = "keras_hub.src.layers.modeling."
    return (importlib.import_module(modeling + "token_and_position_embedding").TokenAndPositionEmbedding,
            importlib.import_module(modeling + "transformer_encoder").TransformerEncoder,
            importlib.import_module(modeling + "transformer_decoder").TransformerDecoder)


def transformer(hub):
    """Functional encoder-decoder of KerasHub blocks: the encoder classifies, the decoder attends to it."""
    token_and_position, encoder, decoder = hub
    source = keras.Input((6,), dtype="int32", name="source")
    target = keras.Input((5,), dtype="int32", name="target")
    e = token_and_position(30, 6, 8)(source)
    e = encoder(16, 2)(e)
    e = encoder(12, 2, activation="gelu", normalize_first=True)(e)
    d = token_and_position(25, 5, 8)(target)
    d = decoder(16, 2)(d, e)
    label = layers.Dense(2, activation="softmax", name="label")(layers.GlobalAveragePooling1D()(e))
    tokens = layers.Dense(25, activation="softmax", name="next_token")(d)
    model = keras.Model([source, target], [label, tokens], name="transformer")
    perturb(model)
    return model, [RNG.integers(0, 30, size=(3, 6)).astype(np.int32), RNG.integers(0, 25, size=(3, 5)).astype(np.int32)]


def nested_sequential():
    """Sequential inside Sequential; both name a layer "hidden" (Neurite renames the inner one)."""
    block = keras.Sequential([
        keras.Input((5,)),
        layers.Dense(4, activation="relu", name="hidden"),
        layers.BatchNormalization(),
        layers.Dense(3, activation="tanh"),
    ], name="block")
    model = keras.Sequential([
        keras.Input((6,)),
        layers.Dense(5, name="hidden"),
        block,
        layers.Dense(2, activation="softmax"),
    ], name="nested_sequential")
    perturb(model)
    return model, [RNG.normal(size=(4, 6)).astype(np.float32)]


def nested_encoder():
    """Functional classifier whose encoder is a nested Sequential holding the Embedding's mask."""
    encoder = keras.Sequential([
        keras.Input((7,), dtype="int32"),
        layers.Embedding(25, 5, mask_zero=True),
        layers.LSTM(4, return_sequences=True),
        layers.GlobalAveragePooling1D(),
    ], name="encoder")
    ids = keras.Input((7,), dtype="int32", name="ids")
    out = layers.Dense(2, activation="softmax", name="label")(encoder(ids))
    model = keras.Model(ids, out, name="nested_encoder")
    perturb(model)
    ids_value = tokens(5, 7, 25)
    ids_value[-1, 0] = 3  # a fully masked row averages to NaN in Keras (0/0): not compared here
    return model, [ids_value]


def nested_shared():
    """A nested functional model with two outputs, called on two inputs: both calls share its weights."""
    tower_in = keras.Input((5,), name="tower_in")
    h = layers.Dense(4, activation="tanh", name="tower_hidden")(tower_in)
    y = layers.Dense(3, name="tower_out")(h)
    tower = keras.Model(tower_in, [y, h], name="tower")
    a = keras.Input((5,), name="left")
    b = keras.Input((5,), name="right")
    ya, _ = tower(a)
    yb, hb = tower(b)
    out = layers.Dense(2, name="head")(layers.Concatenate()([ya, yb, hb]))
    model = keras.Model([a, b], out, name="nested_shared")
    perturb(model)
    return model, [RNG.normal(size=(3, 5)).astype(np.float32), RNG.normal(size=(3, 5)).astype(np.float32)]


def nested_deep():
    """A Sequential holding a functional model that holds a Sequential: two levels of nesting, a
    functional model inside a Sequential, and the outer Embedding's mask reaching the nested layers."""
    inner = keras.Sequential([keras.Input((6, 5)), layers.LSTM(4, return_sequences=True, go_backwards=True)],
                             name="inner")   # backwards, so that an unmasked padding would change the real steps
    stem_in = keras.Input((6, 5), name="stem_in")
    stem = keras.Model(stem_in, layers.GRU(3, return_sequences=True)(inner(stem_in)), name="stem")
    model = keras.Sequential([
        keras.Input((6,), dtype="int32"),
        layers.Embedding(20, 5, mask_zero=True),
        stem,
        layers.GlobalAveragePooling1D(),
        layers.Dense(2, activation="softmax"),
    ], name="nested_deep")
    perturb(model)
    ids_value = tokens(5, 6, 20)
    ids_value[-1, 0] = 3  # a fully masked row averages to NaN in Keras (0/0): not compared here
    return model, [ids_value]


def save_with_legacy(name, model, inputs):
    """The .keras archive and .npz as save() writes them, and the same model as legacy .h5."""
    save(name, model, inputs)
    model.save(os.path.join(HERE, name + ".h5"))
    print(name + ".h5", model.count_params(), "weights")


def masked_attention():
    """Embedding(mask_zero) into self-attention: Keras passes the propagated mask to MultiHeadAttention
    as query and value masks, so padded keys get no weight; the pooling skips padded steps."""
    ids = keras.Input((8,), dtype="int32", name="ids")
    x = layers.Embedding(30, 8, mask_zero=True)(ids)
    x = layers.MultiHeadAttention(num_heads=2, key_dim=4)(x, x)
    x = layers.GlobalAveragePooling1D()(x)
    out = layers.Dense(2, activation="softmax")(x)
    model = keras.Model(ids, out, name="masked_attention")
    perturb(model)
    ids_value = tokens(5, 8, 30)
    ids_value[-1, 0] = 3  # a fully masked row averages to NaN in Keras (0/0): not compared here
    return model, [ids_value]


def masked_transformer(hub):
    """KerasHub's TokenAndPositionEmbedding(mask_zero=True) into a TransformerEncoder on padded ids: the
    padding mask reaches the encoder's self-attention and the pooling, as in Keras."""
    token_and_position, encoder, _ = hub
    ids = keras.Input((8,), dtype="int32", name="ids")
    x = token_and_position(30, 8, 8, mask_zero=True)(ids)
    x = encoder(16, 2)(x)
    out = layers.Dense(2, activation="softmax", name="label")(layers.GlobalAveragePooling1D()(x))
    model = keras.Model(ids, out, name="masked_transformer")
    perturb(model)
    ids_value = tokens(5, 8, 30)
    ids_value[-1, 0] = 3  # a fully masked row averages to NaN in Keras (0/0): not compared here
    return model, [ids_value]


def check_export(path, cases, weights=None):
    """Loads an exported .keras and compares its predictions with the recorded ones; with `weights`
    (an exported legacy .h5), zeroes every weight first and reads them back with load_weights."""
    model = keras.models.load_model(path, safe_mode=True)
    if weights is not None:
        for w in model.weights:
            w.assign(np.zeros(w.shape, dtype=np.float32))
        model.load_weights(weights)
    data = np.load(cases)
    inputs = [data[f"input_{i}"] for i in range(len(model.inputs))]
    outputs = model.predict(inputs, verbose=0)
    if not isinstance(outputs, (list, tuple)):
        outputs = [outputs]
    worst = max(float(np.max(np.abs(y - data[f"output_{i}"]))) for i, y in enumerate(outputs))
    print(f"max_abs_diff={worst}")
    return 0 if worst <= 1e-5 else 1


def main():
    args = sys.argv[1:]
    hub_source = None
    if "--keras-hub-source" in args:
        at = args.index("--keras-hub-source")
        hub_source = args[at + 1]
        del args[at:at + 2]
    weights = None
    if "--weights" in args:
        at = args.index("--weights")
        weights = args[at + 1]
        del args[at:at + 2]
    if len(args) == 3 and args[0] == "--check-export":
        try:
            keras_hub_layers(hub_source)   # registers KerasHub's classes for load_model
        except ImportError:
            pass   # only models with KerasHub layers need it; load_model names what is missing
        sys.exit(check_export(args[1], args[2], weights))
    keras.utils.set_random_seed(14)
    makers = {
        "mnist_mlp": lambda: save("mnist_mlp", *mlp()),
        "imdb_lstm": lambda: save("imdb_lstm", *embedding_lstm()),
        "gru_reset_after": lambda: save("gru_reset_after", *gru(True)),
        "gru_reset_before": lambda: save("gru_reset_before", *gru(False)),
        "bidirectional": lambda: [save("bidirectional_" + str(mode).lower(), *bidirectional(mode))
                                  for mode in ["concat", "sum", "mul", "ave", None]],
        "two_in_two_out": lambda: save("two_in_two_out", *two_in_two_out()),
        "bidirectional_custom": lambda: [save("bidirectional_custom_" + mode, *bidirectional_custom(mode))
                                         for mode in ["concat", "sum"]],
        "legacy_mlp": legacy_h5,
        "keras2_two_in_two_out": lambda: keras2_h5("keras2_two_in_two_out", two_in_two_out),
        "keras2_nested_shared": lambda: keras2_h5("keras2_nested_shared", nested_shared),
        "functional_masks": lambda: save("functional_masks", *functional_masks()),
        "conv1d": lambda: save("conv1d", *conv1d()),
        "attention": lambda: save("attention", *attention()),
        "nested_sequential": lambda: save_with_legacy("nested_sequential", *nested_sequential()),
        "nested_encoder": lambda: save_with_legacy("nested_encoder", *nested_encoder()),
        "nested_shared": lambda: save_with_legacy("nested_shared", *nested_shared()),
        "nested_deep": lambda: save_with_legacy("nested_deep", *nested_deep()),
        "masked_attention": lambda: save("masked_attention", *masked_attention()),
        "transformer": lambda: save("transformer", *transformer(keras_hub_layers(hub_source))),
        "masked_transformer": lambda: save("masked_transformer", *masked_transformer(keras_hub_layers(hub_source))),
    }
    for name in args or makers:
        makers[name]()


if __name__ == "__main__":
    main()
