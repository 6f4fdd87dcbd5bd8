# Sourced by the launcher: a filter for the JVM's standard error.
#
# The JVM prints "WARNING: Using incubator modules: jdk.incubator.vector" on every start, and the JDK has
# no option to turn that off; standard error is kept for the program's own messages by dropping that one
# line. Lines the JVM prints before it (VM warnings) are passed on; from the first other line on, `cat`
# copies everything as it comes, so nothing is delayed, reordered or lost, a last line without a newline
# included.
neurite_drop_incubator_warning() {
  local line
  while IFS= read -r line || { [ -n "$line" ] && printf '%s' "$line"; false; }; do
    case "$line" in
      "WARNING: Using incubator modules: "*) break ;;
    esac
    printf '%s\n' "$line"
    case "$line" in
      "WARNING: "* | *"VM warning"*) ;;
      *) break ;;
    esac
  done
  exec cat
}
