#!/usr/bin/env python3
"""Reference values for Neurite's TextVectorization under Keras' option names, computed by Keras 3.

Builds keras.layers.TextVectorization (TensorFlow backend) on a small mixed corpus: ASCII,
accents (composed and decomposed), Greek and Cyrillic capitals, full-width letters, CJK, emoji,
HTML line breaks, ASCII and Unicode punctuation, Unicode spaces, repeated ties, the literal
"[UNK]" and empty strings. For every case it adapts the layer on the corpus and vectorizes a few
queries, and writes everything into one JSON file beside this script, keras_text_vectorization.json:

    {"keras": VERSION, "corpus": [...], "queries": [...],
     "reduce_mean": {"sizes", "means"} (tf.reduce_mean of the float32 sequence described below),
     "cases": [{"name", "config" (the options given to the layer), "vocabulary",
                "idf_weights" (tf_idf only, else null), "shape", "output" (flat, row-major)}]}

Float32 values are written as the exact double of the float32 (so they read back bit for bit);
ids and counts as integers.

Make an environment and run it (from anywhere):
    python3.11 -m venv .venv && .venv/bin/pip install keras tensorflow-cpu h5py torch
    KERAS_BACKEND=tensorflow .venv/bin/python make_fixtures.py
"""
import json
import os

os.environ.setdefault("KERAS_BACKEND", "tensorflow")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

import keras  # noqa: E402
import numpy as np  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))

CORPUS = [
    "The cat sat on the mat. The CAT!",
    "A great film!<br /><br />Loved it... 10/10",
    "Café, café, CAFÉ and cafe\u0301: naïve ÉCOLE école",
    "ΑΘΗΝΑ Αθήνα αθήνα ΣΟΦΙΑ σοφία",
    "МОСКВА Москва москва",
    "東京 大阪 東京 日本語",
    "😀 👍🏽 😀 fun 😀",
    "«quoted» — ¿Qué? ¡Sí! … “smart” ‘quotes’ don't e-mail",
    "ＡＢＣ full\u00a0width\u3000space tab\there",
    "",
    "dog bird dog bird fish [UNK] x_y a+b <BR>",
    "zebra yak zebra yak",
    "   ",
]

QUERIES = [
    "the cat and the dog",
    "CAFÉ café Café 😀 unknownword",
    "Great film<br />ΑΘΗΝΑ МОСКВА 東京",
    "",
    "«quoted» don't e-mail [UNK] x_y",
    "zebra yak bird fish full\u00a0width",
]


def case(name, **options):
    return {"name": name, "options": options}


CASES = [
    case("int_lower_and_strip_punctuation"),
    case("int_lower", standardize="lower"),
    case("int_strip_punctuation", standardize="strip_punctuation"),
    case("int_none", standardize=None),
    case("int_character", split="character"),
    case("int_character_none", standardize=None, split="character"),
    case("int_max_tokens_ties", max_tokens=12),
    case("int_sequence_length_short", output_sequence_length=3),
    case("int_sequence_length_long", output_sequence_length=12),
    case("int_ngrams_2", ngrams=2),
    case("int_ngrams_1_3", ngrams=(1, 3), max_tokens=40),
    case("int_ngrams_character", split="character", ngrams=(2,), max_tokens=30),
    case("multi_hot", output_mode="multi_hot"),
    case("multi_hot_lower", output_mode="multi_hot", standardize="lower"),
    case("multi_hot_pad", output_mode="multi_hot", max_tokens=20, pad_to_max_tokens=True),
    case("count", output_mode="count"),
    case("count_none_character", output_mode="count", standardize=None, split="character"),
    case("count_pad_ngrams", output_mode="count", max_tokens=25, pad_to_max_tokens=True, ngrams=2),
    case("tf_idf", output_mode="tf_idf"),
    case("tf_idf_max_tokens", output_mode="tf_idf", max_tokens=10),
    case("tf_idf_pad", output_mode="tf_idf", max_tokens=16, pad_to_max_tokens=True),
    case("tf_idf_ngrams", output_mode="tf_idf", ngrams=(1, 2), standardize="strip_punctuation"),
]


# tf.reduce_mean of float32 values, whose summation order the OOV idf weight of tf_idf depends on:
# x[i] = float32((i * 7919 % 1009) / 97) for i < n.
MEAN_SIZES = [1, 7, 31, 32, 40, 74, 111, 1000, 8192, 8193, 20000, 50001]


def reduce_means():
    import tensorflow as tf
    means = []
    for n in MEAN_SIZES:
        x = np.array([(i * 7919 % 1009) / 97 for i in range(n)], dtype=np.float32)
        means.append(float(tf.reduce_mean(tf.constant(x)).numpy()))
    return {"sizes": MEAN_SIZES, "means": means}


def float32_list(values):
    return [float(np.float32(v)) for v in np.asarray(values, dtype=np.float32).ravel()]


def run(spec):
    options = dict(spec["options"])
    layer = keras.layers.TextVectorization(**options)
    layer.adapt(CORPUS)
    output = np.asarray(layer(QUERIES))
    tf_idf = options.get("output_mode") == "tf_idf"
    config = {k: (list(v) if isinstance(v, tuple) else v) for k, v in options.items()}
    return {
        "name": spec["name"],
        "config": config,
        "vocabulary": [str(t) for t in layer.get_vocabulary()],
        # Keras has no public getter for learned idf weights; its StringLookup holds them.
        "idf_weights": float32_list(layer._lookup_layer.idf_weights_const) if tf_idf else None,
        "shape": list(output.shape),
        "output": float32_list(output) if tf_idf else [int(v) for v in output.ravel()],
    }


def main():
    fixture = {"keras": keras.__version__, "corpus": CORPUS, "queries": QUERIES, "reduce_mean": reduce_means(),
               "cases": [run(spec) for spec in CASES]}
    path = os.path.join(HERE, "keras_text_vectorization.json")
    header = {k: v for k, v in fixture.items() if k != "cases"}
    with open(path, "w", encoding="utf-8") as f:
        f.write(json.dumps(header, ensure_ascii=False)[:-1] + ', "cases": [\n')
        f.write(",\n".join(json.dumps(c, ensure_ascii=False) for c in fixture["cases"]))
        f.write("\n]}\n")
    print("wrote", path, len(fixture["cases"]), "cases")


if __name__ == "__main__":
    main()
