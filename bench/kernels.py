#!/usr/bin/env python3
"""Every NZS indicator against its TA-Lib equivalent, on the same 10M values, in one run.

Usage: bench/kernels.py [SHARED_DIR] [--n N] [--repeats R] [--processes P]   (needs numpy and TA-Lib 0.8)

The bars are the shared bench's (`peers/bench.py`'s random_walk_ohlcv, seed 12345). They are
written once as raw float64 columns (open, high, low, close, volume) for `nzs bench --bars`,
so both sides read the very same values. TA-Lib is timed through its Python API (each call
allocates its output array, as numpy does); NZS through `nzs bench --bars` (the batch driver
as `nzs eval` runs it, column buffers reused between repeats). Each TA-Lib function is timed
once per distinct call (MACD's three outputs are one call). The machine is shared and its
speed moves for seconds at a time, so neither side is timed in one stretch: TA-Lib's calls
are timed in P × R interleaved rounds (every call once per round), NZS's in P processes of R
repeats each; each figure is the median (for NZS, of the P processes' medians).
Prints a Markdown table for docs/performance.md.
"""
import argparse
import csv
import importlib.util
import os
import statistics
import subprocess
import sys
import time

import numpy as np
import talib

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)


def load_module(path, name):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def target(column):
    if column.startswith("SMA_"):
        return 0.5
    if column.split("_")[0] in ("EMA", "RSI", "ATR"):
        return 0.9
    return 1.5


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("shared", nargs="?", default=os.path.join(ROOT, "..", "shared"))
    ap.add_argument("--n", type=int, default=10_000_000)
    ap.add_argument("--repeats", type=int, default=7)
    ap.add_argument("--processes", type=int, default=3)
    ap.add_argument("--out", default=os.environ.get("NZS_BENCH_OUT", "/tmp/nzs-bench"))
    a = ap.parse_args()
    peers = os.path.join(a.shared, "peers")
    bench = load_module(os.path.join(peers, "bench.py"), "peer_bench")
    goldens = load_module(os.path.join(peers, "make_goldens.py"), "peer_goldens")
    with open(os.path.join(a.shared, "golden", "talib", "expressions.csv"), newline="") as f:
        expressions = {row["column"]: row["nzs"] for row in csv.DictReader(f)}

    o, h, l, c, v = bench.random_walk_ohlcv(a.n)
    cols = {"open": o, "high": h, "low": l, "close": c, "volume": v}
    os.makedirs(a.out, exist_ok=True)
    raw = os.path.join(a.out, f"bars_{a.n}.f64")
    np.concatenate([o, h, l, c, v]).astype("<f8").tofile(raw)

    # TA-Lib: one timing per distinct call.
    talib_ns = {}
    calls = {}
    for name, fn, params, _, inputs in goldens.SPEC:
        key = (fn, tuple(sorted(params.items())), inputs)
        calls.setdefault(key, []).append(name)
    prepared = []
    for (fn, params, inputs), names in calls.items():
        f = getattr(talib, fn)
        args = [cols[k] for k in inputs]
        kwargs = dict(params)
        f(*args, **kwargs)
        prepared.append((f, args, kwargs, names, []))
    for _ in range(a.repeats * a.processes):
        for f, args, kwargs, _, samples in prepared:
            t0 = time.perf_counter()
            f(*args, **kwargs)
            samples.append(time.perf_counter() - t0)
    for _, _, _, names, samples in prepared:
        for name in names:
            talib_ns[name] = statistics.median(samples) / a.n * 1e9

    # NZS: the same expressions on the same values.
    nzs = os.path.join(ROOT, ".build", "release", "nzs")
    command = [nzs, "bench", "--bars", raw, "--repeats", str(a.repeats)]
    for name, _, _, _, _ in goldens.SPEC:
        command += ["--expr", expressions[name]]
    per_process = {}
    for _ in range(a.processes):
        result = subprocess.run(command, check=True, capture_output=True, text=True, cwd=ROOT)
        for line in result.stdout.splitlines()[1:]:
            expression, _, ns = line.rsplit(None, 2)
            per_process.setdefault(expression.strip(), []).append(float(ns))
    nzs_ns = {expression: statistics.median(values) for expression, values in per_process.items()}

    print("| TA-Lib output | NZS expression | TA-Lib ns/value | NZS ns/value | ratio | target | |")
    print("|---|---|---|---|---|---|---|")
    misses = 0
    for name, _, _, _, _ in goldens.SPEC:
        ours = nzs_ns[expressions[name]]
        ratio = ours / talib_ns[name]
        ok = ratio <= target(name)
        misses += not ok
        print(f"| {name} | `{expressions[name]}` | {talib_ns[name]:.2f} | {ours:.2f} | {ratio:.2f}× | ≤ {target(name)}× | {'ok' if ok else 'MISS'} |")
    print(f"\n{len(goldens.SPEC) - misses} of {len(goldens.SPEC)} within target; TA-Lib {talib.__ta_version__.decode()}, n = {a.n:,}")


if __name__ == "__main__":
    sys.exit(main())
