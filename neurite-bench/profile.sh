#!/usr/bin/env bash
# Where the time goes in one `neurite bench` workload: records it with JDK Flight Recorder (execution
# samples every millisecond, stacks 128 frames deep), then prints the category tables of
# JfrProfile.java for its training epochs and its prediction.
#
#   neurite-bench/profile.sh mlp [--skip-train S]                      # W1
#   neurite-bench/profile.sh lstm [--skip-train S] -- --samples 5000   # W2; after --: the bench's options
#
# --skip-train drops the first seconds of training (the JIT's warm-up) from the table. The recording
# stays in a temporary folder, whose name is printed, for `jfr print` or JDK Mission Control.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
. "$root/scripts/find-java.sh"
neurite_find_java
workload=${1:?usage: $0 mlp|lstm [--skip-train S] [-- BENCH OPTIONS]}
shift
profile_args=()
while [ $# -gt 0 ] && [ "$1" != -- ]; do profile_args+=("$1"); shift; done
[ "${1:-}" = -- ] && shift
out=$(mktemp -d)
jfr="$out/$workload.jfr"
echo "recording $jfr (load $(cut -d' ' -f1-3 /proc/loadavg))" >&2
NEURITE_AOT=0 NEURITE_JAVA_OPTS="-XX:FlightRecorderOptions:stackdepth=128 \
-XX:StartFlightRecording=filename=$jfr,settings=profile,jdk.ExecutionSample#period=1ms" \
  "$root/neurite" bench "$workload" "$@"
"$JAVA_HOME/bin/java" "$root/neurite-bench/JfrProfile.java" "$jfr" "${profile_args[@]}"
