# Sourced by the launcher: JVM options for a command that does one small thing and exits.
#
# `neurite summary`, `neurite predict --text` (one text), `--help` and `--version` are over in well
# under a second of work. C2's compiled code would not pay back its compiling before they end, and
# its compiler threads compete with the command for the machine's cores; the Vector API, fast once
# C2 has compiled it, runs far slower than plain loops before. So these commands run on C1 alone
# (-XX:TieredStopAtLevel=1) with Neurite's scalar kernels (-Dneurite.simd=false, the reference twins
# the SIMD kernels are tested against). Figures: docs/PERFORMANCE.md, "Start-up". Anything longer
# (training, a file of texts, benchmarks) keeps the defaults. NEURITE_JAVA_OPTS comes after these,
# so "-XX:TieredStopAtLevel=4 -Dneurite.simd=true" there restores them.

# neurite_short_command_options ARGS...: prints the options for the command line ARGS, one a line.
neurite_short_command_options() {
  while [ "${1:-}" = --debug ]; do shift; done
  local arg text=false
  case "${1:-}" in
    summary | --version | -V | --help | -h) ;;
    predict)
      for arg in "$@"; do
        case "$arg" in
          --input | --input=* | --files | --files=*) return 0 ;;
          --text | --text=*) text=true ;;
        esac
      done
      $text || return 0 ;;
    *) return 0 ;;
  esac
  printf '%s\n' -XX:TieredStopAtLevel=1 -Dneurite.simd=false
}
