#!/usr/bin/env bash
# Runs a class of neurite-spark in Spark local mode without a Spark distribution: builds the module,
# asks Maven for Spark's class path (the `provided` dependencies it already fetched), and starts java
# with the JVM options spark-submit would pass. Usage: scripts/spark-local.sh CLASS [ARGS...]
# The master is local[2] unless SPARK_MASTER says otherwise.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
. "$root/scripts/find-java.sh"
neurite_find_java
cd "$root"
classpath_file=$(mktemp)
trap 'rm -f "$classpath_file"' EXIT
# One reactor run, so that neurite-core resolves from this build, not from ~/.m2; each module writes the
# file in turn and neurite-spark, built last, writes it last.
mvn -B -q -ntp -pl neurite-spark -am -DskipTests package dependency:build-classpath \
    -Dmdep.includeScope=provided -Dmdep.outputFile="$classpath_file"
# (Maven colours its output even here; the sed drops the escape sequences.)
flags=$(mvn -B -q -ntp -pl neurite-spark help:evaluate -Dexpression=spark.jvm.flags -DforceStdout \
    | sed 's/\x1b\[[0-9;]*m//g')
# shellcheck disable=SC2086
exec java --add-modules jdk.incubator.vector $flags -Dspark.master="${SPARK_MASTER:-local[2]}" \
    -cp "neurite-spark/target/neurite-spark-app.jar:$(cat "$classpath_file")" "$@"
