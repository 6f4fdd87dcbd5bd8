#!/usr/bin/env python3
"""Neurite's GEMM against NumPy's `a @ b` (OpenBLAS), side by side in one run.

For every shape, `./neurite bench gemm` and a NumPy worker run one after the other, for several
rounds, so that both see the same load on the machine; each keeps its best repetition (the same
statistic GemmBench reports). NumPy runs without OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE, which
would otherwise pin OpenBLAS to a slower kernel; the OpenBLAS kernel in use is printed first.

    neurite-bench/compare_gemm.py                       # all default shapes, 2 rounds
    neurite-bench/compare_gemm.py --shapes 512x512x512,784x128x256:AtB --rounds 3
"""
import argparse
import os
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEFAULT_SHAPES = ("256x256x256,512x512x512,1024x1024x1024,2048x2048x2048,"
                  "128x784x256,128x256x128,32x784x256,"
                  "784x128x256:AtB,128x256x784:ABt,256x128x128:AtB,128x128x256:ABt,"
                  "784x32x256:AtB,32x256x784:ABt")


def numpy_env():
    env = dict(os.environ)
    env.pop("OPENBLAS_CORETYPE", None)
    env.pop("OPENBLAS_L2_SIZE", None)
    return env


def parse(shape):
    dims, _, variant = shape.partition(":")
    m, k, n = (int(x) for x in dims.split("x"))
    return m, k, n, variant or "AB"


def numpy_worker(shape, min_time):
    """Runs in a child process: prints the best GFLOPS of `op(a) @ op(b)` for one shape."""
    import numpy as np
    m, k, n, variant = parse(shape)
    rng = np.random.default_rng(42)
    a = rng.uniform(-1, 1, (k, m) if variant.startswith("At") else (m, k)).astype(np.float32)
    b = rng.uniform(-1, 1, (n, k) if variant.endswith("Bt") else (k, n)).astype(np.float32)
    # Transposed views, not copies: BLAS reads them with its transpose flags.
    a = a.T if variant.startswith("At") else a
    b = b.T if variant.endswith("Bt") else b
    c = np.empty((m, n), np.float32)
    warm_end = time.perf_counter() + 0.3 + 0.5 * min_time
    reps = 0
    while reps < 3 or time.perf_counter() < warm_end:
        np.matmul(a, b, out=c)
        reps += 1
    best, reps, end = float("inf"), 0, time.perf_counter() + min_time
    while reps < 5 or time.perf_counter() < end:
        t0 = time.perf_counter()
        np.matmul(a, b, out=c)
        best = min(best, time.perf_counter() - t0)
        reps += 1
    print(2.0 * m * k * n / best / 1e9)


def openblas_info():
    code = r"""
import ctypes, numpy as np
try:
    from threadpoolctl import threadpool_info
    print("; ".join(f"{i.get('internal_api')} {i.get('version')} {i.get('architecture')} threads={i.get('num_threads')}"
                    for i in threadpool_info()))
except ImportError:
    libs = {l.split()[-1] for l in open('/proc/self/maps') if 'openblas' in l.lower() and l.strip().endswith('.so')}
    for path in sorted(libs):
        lib = ctypes.CDLL(path)
        for prefix in ('scipy_openblas_', 'openblas_'):
            for suffix in ('64_', ''):
                core = getattr(lib, prefix + 'get_corename' + suffix, None)
                if core is not None:
                    core.restype = ctypes.c_char_p
                    threads = getattr(lib, prefix + 'get_num_threads' + suffix)()
                    print(f"numpy {np.__version__}, OpenBLAS kernel {core().decode()}, threads={threads}"
                          " (threadpoolctl not installed; asked the library)")
                    raise SystemExit
"""
    out = subprocess.run([sys.executable, "-c", code], env=numpy_env(), capture_output=True, text=True)
    return (out.stdout or out.stderr).strip()


def neurite_run(shape, min_time):
    out = subprocess.run([os.path.join(ROOT, "neurite"), "bench", "gemm", "--shapes", shape,
                          "--min-time", str(min_time)], capture_output=True, text=True, check=True)
    line = next(l for l in out.stdout.splitlines() if l.startswith("gemm ") and l.endswith(" GFLOPS"))
    return float(line.split()[-2])


def numpy_run(shape, min_time):
    out = subprocess.run([sys.executable, os.path.abspath(__file__), "--numpy-worker", shape,
                          "--min-time", str(min_time)], env=numpy_env(), capture_output=True,
                         text=True, check=True)
    return float(out.stdout.strip())


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shapes", default=DEFAULT_SHAPES, help="comma-separated MxKxN[:AtB|ABt|AtBt]")
    parser.add_argument("--rounds", type=int, default=2, help="alternations per shape; best is kept")
    parser.add_argument("--min-time", type=float, default=1.0, help="measured seconds per run")
    parser.add_argument("--numpy-worker", metavar="SHAPE", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.numpy_worker:
        numpy_worker(args.numpy_worker, args.min_time)
        return
    print(openblas_info())
    print(f"cpus={os.cpu_count()} rounds={args.rounds} min-time={args.min_time}s, best repetition kept")
    print(f"| shape (MxKxN) | variant | Neurite GFLOPS | NumPy GFLOPS | Neurite / NumPy |")
    print(f"| --- | --- | ---: | ---: | ---: |")
    for shape in args.shapes.split(","):
        neurite = numpy = 0.0
        for _ in range(args.rounds):
            neurite = max(neurite, neurite_run(shape, args.min_time))
            numpy = max(numpy, numpy_run(shape, args.min_time))
        dims, variant = parse(shape)[:3], parse(shape)[3]
        print(f"| {'x'.join(map(str, dims))} | {variant} | {neurite:.1f} | {numpy:.1f} | {neurite / numpy:.2f} |",
              flush=True)


if __name__ == "__main__":
    main()
