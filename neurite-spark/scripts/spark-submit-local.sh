#!/usr/bin/env bash
# spark-submit for neurite-spark, with or without a Spark distribution.
#
# With SPARK_HOME set, this is $SPARK_HOME/bin/spark-submit. Without it, the script stands in for a
# downloaded distribution: Maven copies Spark's jars (spark-sql_2.13 and everything it depends on, at
# the root pom's spark.version, as listed in neurite-spark/scripts/spark-jars.pom.xml) into
# neurite-spark/target/spark-home/jars, once; then it does what bin/spark-submit and bin/spark-class do:
# Spark's own launcher (org.apache.spark.launcher.Main) builds the java command line (class path,
# driver memory, Spark's JVM options from its JavaModuleOptions), and that command starts
# org.apache.spark.deploy.SparkSubmit with the arguments given here.
#
#   neurite-spark/scripts/spark-submit-local.sh --master 'local[2]' \
#       --class org.neurite.spark.examples.SparkQuickstart neurite-spark/target/neurite-spark-app.jar out/spark-quickstart
#
# It does not build neurite-spark-app.jar: `scripts/test.sh -pl neurite-spark -am -DskipTests package` does.
# Only the jars of spark-sql come this way (enough for local mode and a standalone master); a YARN or
# Kubernetes cluster needs a real distribution.
set -euo pipefail
if [ -n "${SPARK_HOME:-}" ]; then
  exec "$SPARK_HOME/bin/spark-submit" "$@"
fi
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
. "$root/scripts/find-java.sh"
neurite_find_java
home="$root/neurite-spark/target/spark-home"
version=$(sed -n 's:.*<spark.version>\(.*\)</spark.version>.*:\1:p' "$root/pom.xml" | head -n 1)
if [ ! -f "$home/RELEASE" ] || [ "$(cat "$home/RELEASE")" != "Spark $version (jars from Maven)" ]; then
  echo "spark-submit-local: copying Spark $version's jars with Maven into $home/jars (once)..." >&2
  rm -rf "$home"
  mvn -B -q -ntp -f "$root/neurite-spark/scripts/spark-jars.pom.xml" dependency:copy-dependencies \
      -Dspark.version="$version" -DincludeScope=runtime -DoutputDirectory="$home/jars" >&2
  # The launcher takes a folder with a RELEASE file for a distribution and then reads jars/ from it.
  echo "Spark $version (jars from Maven)" > "$home/RELEASE"
fi
export SPARK_HOME="$home" SPARK_SCALA_VERSION=2.13
# As bin/spark-class: the launcher prints its messages, a line holding NUL, then the command's
# arguments each ended by NUL; its own exit status comes last.
command=()
delimiter=$'\n'
started=false
while IFS= read -d "$delimiter" -r arg; do
  if [ "$started" = true ]; then
    command+=("$arg")
  elif [ -z "$arg" ]; then   # the NUL line (bash reads NUL as an empty string)
    delimiter=''
    started=true
  else
    echo "$arg" >&2
  fi
done < <("$JAVA_HOME/bin/java" -Xmx128m -cp "$home/jars/*" org.apache.spark.launcher.Main \
    org.apache.spark.deploy.SparkSubmit "$@"; printf '%d\0' $?)
last=$((${#command[@]} - 1))
if [ "$last" -lt 0 ] || [ "${command[$last]}" != 0 ]; then
  exit "${command[$last]:-1}"
fi
exec "${command[@]:0:$last}"
