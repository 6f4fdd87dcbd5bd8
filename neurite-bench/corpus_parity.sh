#!/usr/bin/env bash
# Issue 15's parity check: does `neurite train text-classifier`, given a recipe's corpus as CSV files,
# reach the test scores of the recipe itself? `neurite export-data` writes the IMDB reviews (the
# imdb-* recipes' 25,000/25,000 split) and the SpamAssassin mail (the spam recipe's parsed texts, its
# split, duplicated test mail removed) to train.csv and test.csv; then each pair of runs below trains
# the same network with the same settings once as the recipe and once as text-classifier on the CSV
# files (--test test.csv, so both test on the same texts), one run at a time, and one Markdown table
# compares their test accuracy and F1 (of class 1: positive, spam) in points, as the mean (and range)
# over the seeds given: one seed's score moves with the validation texts and the epoch kept.
#
#   run            command
#   spam           neurite train spam                       (tf-idf -> Dense(64) -> Dropout -> Dense(1); early stopping on val_loss)
#   tc-spam-bow    text-classifier --model bow --units 64 --monitor val_loss --no-class-weights --epochs 10 --batch-size 64
#   tc-spam-lstm   text-classifier --model lstm --no-class-weights   (no LSTM recipe on this corpus: compared with spam)
#   imdb-bow       neurite train imdb-bow
#   tc-imdb-bow    text-classifier --model bow                      (its defaults are imdb-bow's)
#   imdb-lstm      neurite train imdb-lstm                  (3 epochs, cosine decay)
#   tc-imdb-lstm   text-classifier --model lstm --epochs 3
#
# Differences that stay: text-classifier shuffles its training texts (seed 42) before holding out
# the last 10% for validation, so its validation texts, and hence the epoch early stopping keeps,
# differ from the recipe's; and spam's class imbalance (2.2:1) would switch on class weights, which
# the spam recipe does not use (hence --no-class-weights). Accuracy does not depend on the machine's
# load; the recipes' own timings are not comparable here. Logs stay in OUT/RUN.log; a run whose log
# has test_accuracy= is not repeated. Where memory is short set NEURITE_JAVA_OPTS=-Xmx4g.
#
#   neurite-bench/corpus_parity.sh                                  # all seven runs with seed 42, then the table
#   neurite-bench/corpus_parity.sh --runs "spam tc-spam-bow" --seeds "42 1 2"
#   neurite-bench/corpus_parity.sh --table-only
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
runs="spam tc-spam-bow tc-spam-lstm imdb-bow tc-imdb-bow imdb-lstm tc-imdb-lstm"
seeds=42
out=$root/out/corpus-parity
train=1
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) runs=$2; shift 2 ;;
    --seeds) seeds=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    --table-only) train=0; shift ;;
    *) echo "usage: $0 [--runs \"RUN...\"] [--seeds \"N...\"] [--out DIR] [--table-only]" >&2; exit 2 ;;
  esac
done
mkdir -p "$out"

# The arguments of `neurite train` for run $1 with seed $2.
arguments() {
  local tc=(text-classifier --text text --label label --out "$out/$1-s$2")
  case "$1" in
    spam|imdb-bow|imdb-lstm) echo "$1 --out $out/$1-s$2" ;;
    tc-spam-bow) echo "${tc[*]} --data $out/spam/train.csv --test $out/spam/test.csv --model bow --units 64 --monitor val_loss --no-class-weights --epochs 10 --batch-size 64" ;;
    tc-spam-lstm) echo "${tc[*]} --data $out/spam/train.csv --test $out/spam/test.csv --model lstm --no-class-weights" ;;
    tc-imdb-bow) echo "${tc[*]} --data $out/imdb/train.csv --test $out/imdb/test.csv --model bow" ;;
    tc-imdb-lstm) echo "${tc[*]} --data $out/imdb/train.csv --test $out/imdb/test.csv --model lstm --epochs 3" ;;
    *) echo "unknown run '$1'; expected one of spam tc-spam-bow tc-spam-lstm imdb-bow tc-imdb-bow imdb-lstm tc-imdb-lstm" >&2; exit 2 ;;
  esac
}

if [ "$train" = 1 ]; then
  "$root/neurite" --help >/dev/null   # builds the CLI first if sources changed
  for corpus in imdb spam; do
    if [[ " $runs " == *" tc-$corpus-"* ]] && [ ! -f "$out/$corpus/test.csv" ]; then
      recipe=$([ "$corpus" = imdb ] && echo imdb-bow || echo spam)
      "$root/neurite" export-data "$recipe" --out "$out/$corpus" >&2
    fi
  done
  for seed in $seeds; do
    for run in $runs; do
      log=$out/$run-s$seed.log
      if [ -f "$log" ] && grep -q '^test_accuracy=' "$log"; then
        continue
      fi
      args=$(arguments "$run" "$seed")
      echo "$(date -u +%H:%M:%S) neurite train $args --seed $seed" >&2
      {
        echo "command=neurite train $args --seed $seed"
        # shellcheck disable=SC2086 # the arguments are words to split (no spaces in the paths)
        "$root/neurite" train $args --seed "$seed" 2>&1 | tr '\r' '\n' || true
      } > "$log.tmp"
      mv "$log.tmp" "$log"
      # a run that failed (killed for memory, say) has no test lines; the next run still starts
      grep -E '^test_(accuracy|f1|precision|recall)=' "$log" | tr '\n' ' ' >&2 || echo "no test scores: see $log" >&2
      echo >&2
    done
  done
fi

python3 - "$out" $seeds <<'EOF'
import os, re, statistics, sys

out, seeds = sys.argv[1], sys.argv[2:]

def scores(run, seed):
    path = os.path.join(out, f"{run}-s{seed}.log")
    if not os.path.exists(path):
        return None
    text = open(path, encoding="utf-8", errors="replace").read()
    def last(name):
        m = re.findall(rf"^test_{name}=([0-9.]+)$", text, re.M)
        return float(m[-1]) if m else None
    accuracy, f1, p, r = last("accuracy"), last("f1"), last("precision"), last("recall")
    if f1 is None and p is not None and r is not None:   # text-classifier: F1 of class 1 from its precision and recall
        f1 = 2 * p * r / (p + r) if p + r > 0 else 0.0
    epochs = len(re.findall(r"^Epoch \d+/\d+", text, re.M))
    return None if accuracy is None else {"accuracy": accuracy, "f1": f1, "epochs": epochs}

def runs(run):
    """The run's scores by seed, for the seeds that have a finished log."""
    return {seed: s for seed in seeds if (s := scores(run, seed)) is not None}

def mean(done, key):
    values = [s[key] for s in done.values() if s[key] is not None]
    return statistics.fmean(values) if values else None

def summary(done, key):
    values = [100 * s[key] for s in done.values() if s[key] is not None]
    if not values:
        return "-"
    text = f"{statistics.fmean(values):.2f}"
    return text if len(values) == 1 else f"{text} ({min(values):.2f}-{max(values):.2f})"

def cell(done):
    if not done:
        return "not yet run"
    epochs = "/".join(str(s["epochs"]) for s in done.values())
    return (f"{summary(done, 'accuracy')} / {summary(done, 'f1')}; seeds {', '.join(done)}; epochs run {epochs}")

def gap(a, b, key):
    ma, mb = mean(a, key), mean(b, key)
    return "" if ma is None or mb is None else f"{100 * (mb - ma):+.2f}"

pairs = [("SpamAssassin", "bow", "spam", "tc-spam-bow"),
         ("SpamAssassin", "lstm", "spam", "tc-spam-lstm"),
         ("IMDB", "bow", "imdb-bow", "tc-imdb-bow"),
         ("IMDB", "lstm", "imdb-lstm", "tc-imdb-lstm")]
print(f"| corpus | text-classifier --model | recipe | recipe: accuracy / F1 %, mean (range) "
      f"| text-classifier: accuracy / F1 %, mean (range) | difference of the means, accuracy / F1 (points) |")
print("| --- | --- | --- | --- | --- | --- |")
for corpus, model, recipe, tc in pairs:
    a, b = runs(recipe), runs(tc)
    difference = f"{gap(a, b, 'accuracy')} / {gap(a, b, 'f1')}" if a and b else ""
    print(f"| {corpus} | {model} | `{recipe}` | {cell(a)} | {cell(b)} | {difference} |")
EOF
