#!/usr/bin/env python3
"""Neurite's MNIST MLP epoch against PyTorch's, side by side in one run.

The workload is the course's hello world (Flatten -> Dense(256, relu) -> Dense(128, relu) ->
Dense(10, softmax), Adam 1e-3, one epoch over the 60,000 MNIST training images), then prediction
on the 10,000 test images in batches of 1000. `./neurite bench mlp` and the PyTorch peer of
../shared/peers (Debian's python3-torch on OpenBLAS, at its best settings: `apt-get install
python3-torch libopenblas0-pthread`) run one after the other for several rounds, so both see the
same load; each reports the median of its epochs after the first, and the table gives the ratio.

    neurite-bench/compare_mlp.py                    # batch 128, 2 rounds of 4 epochs each
    neurite-bench/compare_mlp.py --batch-size 32 --rounds 3
"""
import argparse
import json
import os
import re
import statistics
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PEERS = os.path.join(os.path.dirname(ROOT), "shared", "peers")
MNIST = os.path.expanduser(os.environ.get("MNIST_DIR", "~/.neurite/datasets/mnist"))


def neurite(batch, epochs):
    out = subprocess.run([os.path.join(ROOT, "neurite"), "bench", "mlp", "--batch-size", str(batch),
                          "--epochs", str(epochs)], capture_output=True, text=True, check=True).stdout
    epoch = float(re.search(r"^epoch_seconds=([\d.]+)$", out, re.M).group(1))
    predict = float(re.search(r"^predict_seconds=([\d.]+)$", out, re.M).group(1))
    return epoch, predict


def torch(batch, epochs):
    env = dict(os.environ, MNIST_DIR=MNIST)
    out = subprocess.run([os.path.join(PEERS, "torch", "run.sh"), "mlp", "--batch", str(batch),
                          "--epochs", str(epochs)], capture_output=True, text=True, check=True, env=env).stdout
    lines = [json.loads(line) for line in out.splitlines() if line.startswith("{")]
    epochs_s = [l["epoch_s"] for l in lines if l.get("workload") == "mlp"]
    infer = [l["median_s"] for l in lines if l.get("workload") == "mlp-infer"]
    return statistics.median(epochs_s[1:] or epochs_s), infer[0]


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--batch-size", type=int, default=128)
    parser.add_argument("--epochs", type=int, default=4, help="epochs per run; the first is warm-up")
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    if not os.path.isfile(os.path.join(MNIST, "train-images-idx3-ubyte")):
        sys.exit(f"MNIST IDX files not found in {MNIST}: run './neurite train mnist-mlp' once or set MNIST_DIR")
    results = {"neurite": [], "pytorch": []}
    for r in range(args.rounds):
        results["neurite"].append(neurite(args.batch_size, args.epochs))
        results["pytorch"].append(torch(args.batch_size, args.epochs))
        print(f"round {r + 1}: neurite {results['neurite'][-1]}, pytorch {results['pytorch'][-1]}", flush=True)
    n_epoch = min(e for e, _ in results["neurite"])
    t_epoch = min(e for e, _ in results["pytorch"])
    n_pred = min(p for _, p in results["neurite"])
    t_pred = min(p for _, p in results["pytorch"])
    print(f"\n| batch {args.batch_size} | Neurite | PyTorch | PyTorch / Neurite |")
    print("| --- | ---: | ---: | ---: |")
    print(f"| epoch (s) | {n_epoch:.3f} | {t_epoch:.3f} | {t_epoch / n_epoch:.2f} |")
    print(f"| predict 10k (ms) | {n_pred * 1000:.1f} | {t_pred * 1000:.1f} | {t_pred / n_pred:.2f} |")


if __name__ == "__main__":
    main()
