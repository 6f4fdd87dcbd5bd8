# Sourced by the launcher: JVM options that have C2 compile the engine's hot kernels sooner.
#
# The kernels that every workload runs, and that `KernelWarmUp` calls while the data loads, go to C2
# after a tenth of HotSpot's usual calls and loop iterations. Until C2 has compiled a kernel, its Vector
# API code runs the API's Java fallback, many times slower: the first MNIST epoch took 1.26 s against
# 1.66 s without these options (medians of eight alternating runs, docs/PERFORMANCE.md, "Start-up");
# later epochs are unchanged. `quiet` keeps HotSpot from echoing each command on standard output.

# The classes of org.neurite.kernels compiled sooner (LauncherKernelCompileOptionsTest checks they exist).
NEURITE_EARLY_KERNELS="Gemm GemmPacking GemmMicroKernel SimdMathKernels"

# neurite_kernel_compile_options: prints the options, one a line.
neurite_kernel_compile_options() {
  local kernels
  printf '%s\n' -XX:CompileCommand=quiet
  for kernels in $NEURITE_EARLY_KERNELS; do
    printf '%s\n' "-XX:CompileCommand=CompileThresholdScaling,org/neurite/kernels/$kernels.*,0.1"
  done
}
