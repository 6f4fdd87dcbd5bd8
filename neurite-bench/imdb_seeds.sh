#!/usr/bin/env bash
# The IMDB sentiment comparison: every IMDB recipe trained with seeds 1-5 by `./neurite train`, one
# run at a time, then one Markdown table (the one in docs/guide/23-sentiment-comparison.md): test
# accuracy and F1 as mean and range over the seeds, parameters, seconds per epoch (training time over
# the epochs run, early stopping included) and prediction throughput (test reviews per second of the
# final evaluation, already vectorized), each run's accuracy beside it.
#
# Each run's output stays in OUT/RECIPE-sSEED.log (and its model and history beside it), so that
# --table-only can rebuild the table from earlier runs, and a run whose log already ends with
# test_f1= is not repeated. Timings are only comparable on an otherwise idle machine; the script
# records the load average at the start and end of each run in the table's last column. Where memory
# is short (the transformer's attention needs a few GB), set NEURITE_JAVA_OPTS=-Xmx3g.
#
#   neurite-bench/imdb_seeds.sh                                  # 25 runs of `neurite train`, one after another
#   neurite-bench/imdb_seeds.sh --recipes "imdb-lstm imdb-cnn" --seeds "5"
#   neurite-bench/imdb_seeds.sh --table-only                     # the table from the logs already there
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
recipes="imdb-bow imdb-lstm imdb-bilstm imdb-cnn imdb-transformer"
seeds="1 2 3 4 5"
out=$root/out/imdb-seeds
train=1
while [ $# -gt 0 ]; do
  case "$1" in
    --recipes) recipes=$2; shift 2 ;;
    --seeds) seeds=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    --table-only) train=0; shift ;;
    *) echo "usage: $0 [--recipes \"R...\"] [--seeds \"S...\"] [--out DIR] [--table-only]" >&2; exit 2 ;;
  esac
done
mkdir -p "$out"

if [ "$train" = 1 ]; then
  "$root/neurite" --help >/dev/null   # builds the CLI first if sources changed, outside the timings
  for recipe in $recipes; do
    for seed in $seeds; do
      log=$out/$recipe-s$seed.log
      if [ -f "$log" ] && grep -q '^test_f1=' "$log"; then
        continue
      fi
      echo "$(date -u +%H:%M:%S) $recipe --seed $seed (load $(cut -d' ' -f1 /proc/loadavg))" >&2
      {
        echo "load_before=$(cut -d' ' -f1-3 /proc/loadavg)"
        "$root/neurite" train "$recipe" --seed "$seed" --out "$out/$recipe-s$seed" 2>&1 | tr '\r' '\n' || true
        echo "load_after=$(cut -d' ' -f1-3 /proc/loadavg)"
      } > "$log.tmp"
      mv "$log.tmp" "$log"
      grep -E '^test_(accuracy|f1)=' "$log" | tr '\n' ' ' >&2; echo >&2
    done
  done
fi

python3 - "$out" $recipes -- $seeds <<'EOF'
import os, re, statistics, sys

out = sys.argv[1]
split = sys.argv.index("--")
recipes, seeds = sys.argv[2:split], sys.argv[split + 1:]

def read(recipe, seed):
    path = os.path.join(out, f"{recipe}-s{seed}.log")
    if not os.path.exists(path):
        return None
    text = open(path, encoding="utf-8", errors="replace").read()
    def number(pattern):
        m = re.findall(pattern, text)
        return float(m[-1].replace(",", "")) if m else None
    run = {
        "accuracy": number(r"test_accuracy=([0-9.]+)"),
        "f1": number(r"test_f1=([0-9.]+)"),
        "params": number(r"Total params: ([0-9,]+)"),
        "train_s": number(r"training took ([0-9.]+) s"),
        "predict_per_s": number(r"evaluation took [0-9.]+ s \(([0-9.]+) samples/s\)"),
        "load": re.findall(r"load_before=([0-9.]+)", text)[-1:] + re.findall(r"load_after=([0-9.]+)", text)[-1:],
    }
    epochs = len(re.findall(r"^Epoch \d+/\d+", text, re.M))
    run["epoch_s"] = run["train_s"] / epochs if run["train_s"] and epochs else None
    return run if run["accuracy"] is not None and run["f1"] is not None else None

def spread(values, fmt):
    values = [v for v in values if v is not None]
    if not values:
        return "not yet measured"
    mean = statistics.fmean(values)
    if len(values) == 1:
        return fmt.format(mean)
    return f"{fmt.format(mean)} ({fmt.format(min(values))}-{fmt.format(max(values))})"

print("| recipe | parameters | test accuracy, mean (range) | F1, mean (range) | s / epoch | reviews / s predicted "
      "| accuracy by seed " + " / ".join(seeds) + " | load (1-min average, start-end of each run) |")
print("| --- | ---: | --- | --- | ---: | ---: | --- | --- |")
for recipe in recipes:
    runs = {s: read(recipe, s) for s in seeds}
    done = [r for r in runs.values() if r]
    command = f"`neurite-bench/imdb_seeds.sh --recipes {recipe}`"
    if not done:
        print(f"| `{recipe}` | | not yet measured: {command} | | | | | |")
        continue
    params = f"{int(done[0]['params']):,}" if done[0]["params"] else ""
    by_seed = " / ".join(f"{runs[s]['accuracy']:.4f}" if runs[s] else "-" for s in seeds)
    loads = "; ".join("-".join(r["load"]) for r in done)
    print(f"| `{recipe}` | {params} | {spread([r['accuracy'] for r in done], '{:.4f}')} "
          f"| {spread([r['f1'] for r in done], '{:.4f}')} | {spread([r['epoch_s'] for r in done], '{:.0f}')} "
          f"| {spread([r['predict_per_s'] for r in done], '{:.0f}')} | {by_seed} | {loads} |")
EOF
