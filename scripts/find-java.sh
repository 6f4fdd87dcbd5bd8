# Sourced by the project's scripts: sets JAVA_HOME to a JDK >= 25 or stops with a message.
# Order: JAVA_HOME, then the usual install folders. The default `java` on many machines is older.

neurite_java_major() {
  # Prints the major version of the JDK at $1, or nothing when it is not a JDK. The JDK's `release`
  # file says it without starting a JVM (each start costs 0.1-0.4 s, and the launcher probes every
  # JDK it passes on every command); a JDK without one is asked.
  [ -x "$1/bin/java" ] && [ -x "$1/bin/javac" ] || return 0
  local version
  if [ -f "$1/release" ]; then
    version=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$1/release" | head -n 1)
    if [ -n "$version" ]; then
      echo "$version"
      return 0
    fi
  fi
  "$1/bin/java" -XshowSettings:properties -version 2>&1 \
    | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p' | head -n 1
}

neurite_find_java() {
  local candidate major
  for candidate in "${JAVA_HOME:-}" /usr/lib/jvm/* /opt/java/* /opt/*jdk* "$HOME"/.sdkman/candidates/java/* "$HOME"/.jdks/*; do
    [ -n "$candidate" ] && [ -d "$candidate" ] || continue
    major=$(neurite_java_major "$candidate")
    if [ -n "$major" ] && [ "$major" -ge 25 ]; then
      export JAVA_HOME="$candidate"
      export PATH="$JAVA_HOME/bin:$PATH"
      return 0
    fi
  done
  echo "neurite: no JDK 25 or newer found (looked at JAVA_HOME, /usr/lib/jvm, /opt, ~/.sdkman, ~/.jdks)." >&2
  echo "neurite: install one (for example Debian's or Temurin's JDK 25) and set JAVA_HOME to it." >&2
  return 1
}

# Maven itself calls sun.misc.Unsafe, which JDK 25 warns about on every run; the warning is not ours.
export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"
