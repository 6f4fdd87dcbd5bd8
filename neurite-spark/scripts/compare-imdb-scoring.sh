#!/usr/bin/env bash
# The issue's scoring target: the 25,000 IMDB test reviews scored by `neurite predict` and by
# `neurite spark predict` on Spark local[2] with the same model file.
#   1. Checks that the outputs are identical (every id, probability as neurite predict prints it, label).
#   2. Times both commands alternately ROUNDS times, each on the whole corpus and on a corpus of one
#      review. The one-review run is the start-up (JVM, Spark session for Spark, loading the model,
#      writing the output); whole minus one-review is the scoring. Prints the medians and the ratio
#      Spark/neurite of the scoring parts (the target: at most 1.5), and the two start-ups apart.
# Timings are wall-clock and mean something only on an otherwise idle machine.
#
#   neurite-spark/scripts/compare-imdb-scoring.sh [MODEL] [ROUNDS]
#   (MODEL: default out/imdb-bow/model.neurite, from ./neurite train imdb-bow; ROUNDS: default 3)
#
# Needs neurite-spark-app.jar (scripts/test.sh -pl neurite-spark -am -DskipTests package) and the IMDB
# reviews (fetched on first use, as for ./neurite train imdb-bow). Spark comes through
# spark-submit-local.sh: $SPARK_HOME's spark-submit when set, else Spark's jars from Maven.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$root"
model=${1:-out/imdb-bow/model.neurite}
rounds=${2:-3}
jar=neurite-spark/target/neurite-spark-app.jar
submit=neurite-spark/scripts/spark-submit-local.sh
work=neurite-spark/target/imdb-scoring
[ -f "$jar" ] || { echo "no $jar: scripts/test.sh -pl neurite-spark -am -DskipTests package" >&2; exit 1; }
[ -f "$model" ] || { echo "no model $model: ./neurite train imdb-bow" >&2; exit 1; }
mkdir -p "$work"
if [ ! -s "$work/reviews.jsonl" ]; then
  "$submit" --master 'local[1]' --class org.neurite.spark.examples.ImdbScoringCheck "$jar" export "$work" \
      2>"$work/export.log"
fi
head -n 1 "$work/reviews.txt" > "$work/one.txt"
head -n 1 "$work/reviews.jsonl" > "$work/one.jsonl"

neurite_predict() {   # INPUT OUTPUT
  ./neurite predict --model "$model" --input "$1" > "$2"
}
spark_predict() {     # INPUT OUTPUT
  "$submit" --master 'local[2]' --conf spark.ui.enabled=false "$jar" \
      predict --model "$model" --data "$1" --text text --out "$2" 2>"$work/spark.log"
}
millis() {            # runs the command, prints its wall-clock milliseconds
  local start
  start=$(date +%s%N)
  "$@"
  echo $((($(date +%s%N) - start) / 1000000))
}
median() {
  printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : int((a[NR/2]+a[NR/2+1])/2)}'
}

echo "checking outputs on all $(wc -l < "$work/reviews.txt") reviews..."
neurite_predict "$work/reviews.txt" "$work/neurite.csv"
spark_predict "$work/reviews.jsonl" "$work/spark.parquet"
"$submit" --master 'local[1]' --class org.neurite.spark.examples.ImdbScoringCheck "$jar" \
    compare "$work/neurite.csv" "$work/spark.parquet" 2>"$work/compare.log"

n_all=(); n_one=(); s_all=(); s_one=()
for round in $(seq 1 "$rounds"); do
  n_all+=("$(millis neurite_predict "$work/reviews.txt" "$work/neurite.csv")")
  s_all+=("$(millis spark_predict "$work/reviews.jsonl" "$work/spark.parquet")")
  n_one+=("$(millis neurite_predict "$work/one.txt" "$work/one.csv")")
  s_one+=("$(millis spark_predict "$work/one.jsonl" "$work/one.parquet")")
  echo "round $round: neurite predict ${n_all[-1]} ms (one review ${n_one[-1]} ms)," \
       "spark local[2] ${s_all[-1]} ms (one review ${s_one[-1]} ms)"
done
na=$(median "${n_all[@]}"); no=$(median "${n_one[@]}"); sa=$(median "${s_all[@]}"); so=$(median "${s_one[@]}")
echo "medians over $rounds rounds:"
echo "  neurite predict: whole ${na} ms, start-up ${no} ms, scoring $((na - no)) ms"
echo "  spark local[2]:  whole ${sa} ms, start-up ${so} ms, scoring $((sa - so)) ms"
awk -v s=$((sa - so)) -v n=$((na - no)) 'BEGIN {
  if (n > 0 && s > 0) printf "  scoring ratio spark/neurite: %.2f\n", s / n
  else print "  no ratio: a one-review run took longer than the whole corpus (a loaded machine?)" }'
