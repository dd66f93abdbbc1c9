#!/usr/bin/env python3
"""The ML runtime against scikit-learn and LightGBM, on the same synthetic data, in one run.

Usage: /tmp/nzs-peers-venv/bin/python bench/ml.py [--out DIR] [--repeats R] [--nzs PATH] [--skip-nzs]

Writes the data once as raw little-endian float64 files into DIR (default /tmp/nzs-ml-bench):
  ridge_x.f64 (100,000 x 50, row-major), ridge_y.f64 (100,000),
  gbm_x.f64 (100,000 x 20, row-major),   gbm_y.f64 (100,000, 0/1 labels),
  meta.txt (one `name rows columns` line per matrix)
so `nzs bench --ml DIR` reads the very same values. Times (medians of R repeats, fit only):
  scikit-learn Ridge(alpha=1.0) on 100k x 50 (solver auto = Cholesky on dense data);
  LightGBM LGBMClassifier: 100 trees, max_depth 6, num_leaves 63, min_data_in_leaf 20,
  learning_rate 0.1, max_bin 255, num_threads 2 (and 1), no bagging.
  scikit-learn RandomForestClassifier on the first 10,000 GBM rows: 100 trees, max_depth 8,
  min_samples_leaf 5, max_features sqrt, n_jobs 2 (for reference: no target).
Then runs `nzs bench --ml DIR` (build with `swift build -c release` first) and prints both
sides and the ratios, for docs/performance.md. Both sides run in the same invocation, one after
the other, so they see the same machine; on a shared machine the 2-thread figures of both
swing with the other load (LightGBM's OpenMP threads spin-wait, and a busy core can multiply
its 2-thread time), so the 1-thread pair is the stable comparison.
"""
import argparse
import os
import statistics
import subprocess
import sys
import time

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
SEED = 20261207
ROWS = 100_000


def make_data(out):
    """Ridge: y = X·beta + noise with correlated columns. GBM: a nonlinear rule plus label noise."""
    rng = np.random.default_rng(SEED)
    base = rng.standard_normal((ROWS, 50))
    mix = rng.standard_normal((50, 50)) * 0.2 + np.eye(50)
    xr = base @ mix + rng.uniform(-5, 5, 50)
    beta = rng.standard_normal(50)
    yr = xr @ beta + 3.0 + rng.standard_normal(ROWS)
    xg = rng.standard_normal((ROWS, 20))
    xg[:, 3] = np.round(xg[:, 3] * 2)  # a few distinct values, as a categorical-like feature
    xg[:, 7] = rng.exponential(1.0, ROWS)  # skewed
    score = (np.sin(xg[:, 0] * 1.5) + xg[:, 1] * xg[:, 2] + 0.5 * (xg[:, 3] > 1) - 0.7 * np.log1p(xg[:, 7])
             + 0.3 * xg[:, 4] ** 2 + 0.2 * xg[:, 5] + rng.standard_normal(ROWS) * 0.8)
    yg = (score > np.median(score)).astype(np.float64)
    os.makedirs(out, exist_ok=True)
    for name, array in (("ridge_x", xr), ("ridge_y", yr), ("gbm_x", xg), ("gbm_y", yg)):
        np.ascontiguousarray(array, dtype="<f8").tofile(os.path.join(out, name + ".f64"))
    with open(os.path.join(out, "meta.txt"), "w") as f:
        f.write(f"ridge {ROWS} 50\ngbm {ROWS} 20\n")
    return xr, yr, xg, yg


def median_time(fn, repeats):
    fn()  # warm
    samples = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", default="/tmp/nzs-ml-bench")
    ap.add_argument("--repeats", type=int, default=5)
    ap.add_argument("--nzs", default=os.path.join(ROOT, ".build", "release", "nzs"))
    ap.add_argument("--skip-nzs", action="store_true")
    a = ap.parse_args()
    import lightgbm as lgb
    import sklearn
    from sklearn.linear_model import Ridge

    xr, yr, xg, yg = make_data(a.out)
    peer = {}
    peer["ridge"] = median_time(lambda: Ridge(alpha=1.0).fit(xr, yr), a.repeats)
    params = dict(n_estimators=100, max_depth=6, num_leaves=63, min_child_samples=20, learning_rate=0.1,
                  max_bin=255, subsample=1.0, colsample_bytree=1.0, reg_lambda=0.0, verbose=-1)
    for threads in (2, 1):
        model = lgb.LGBMClassifier(num_threads=threads, **params)
        peer[f"gbm{threads}"] = median_time(lambda: model.fit(xg, yg), a.repeats)
    from sklearn.ensemble import RandomForestClassifier
    forest = RandomForestClassifier(n_estimators=100, max_depth=8, min_samples_leaf=5, max_features="sqrt", n_jobs=2,
                                    random_state=1)
    peer["forest_fit"] = median_time(lambda: forest.fit(xg[:10_000], yg[:10_000]), 3)
    model = lgb.LGBMClassifier(num_threads=2, **params).fit(xg, yg)
    peer["gbm_train_accuracy"] = float(np.mean((model.predict_proba(xg)[:, 1] > 0.5) == yg))
    print(f"scikit-learn {sklearn.__version__}, LightGBM {lgb.__version__}, numpy {np.__version__}")
    print(f"peer ridge 100k x 50 fit             {peer['ridge'] * 1e3:9.2f} ms")
    print(f"peer lightgbm 100k x 20, 2 threads   {peer['gbm2'] * 1e3:9.2f} ms")
    print(f"peer lightgbm 100k x 20, 1 thread    {peer['gbm1'] * 1e3:9.2f} ms")
    print(f"peer lightgbm training accuracy      {peer['gbm_train_accuracy']:.4f}")
    print(f"peer random forest 10k x 20 fit      {peer['forest_fit'] * 1e3:9.2f} ms")
    if a.skip_nzs:
        return
    result = subprocess.run([a.nzs, "bench", "--ml", a.out, "--repeats", str(a.repeats)],
                            capture_output=True, text=True, cwd=ROOT)
    sys.stdout.write(result.stdout)
    sys.stderr.write(result.stderr)
    if result.returncode != 0:
        sys.exit(result.returncode)
    ours = {}
    for line in result.stdout.splitlines():
        parts = line.split()
        if len(parts) >= 2 and (parts[0] in ("ridge", "gbm1", "gbm2", "gbm_train_accuracy", "forest_fit", "forest_deep_fit")
                                or parts[0].startswith("predict_")):
            ours[parts[0]] = float(parts[1])
    print()
    print("| measurement | target | NZS | peer | ratio |")
    print("|---|---|---|---|---|")
    if "ridge" in ours:
        print(f"| Ridge fit, 100k x 50 | <= 30 ms | {ours['ridge'] * 1e3:.2f} ms | scikit-learn {peer['ridge'] * 1e3:.2f} ms | {ours['ridge'] / peer['ridge']:.2f}x |")
    for threads in (2, 1):
        key = f"gbm{threads}"
        if key in ours:
            print(f"| GBM fit, 100 trees depth 6, 100k x 20, {threads} thread(s) | <= LightGBM | {ours[key] * 1e3:.1f} ms "
                  f"| LightGBM {peer[key] * 1e3:.1f} ms | {ours[key] / peer[key]:.2f}x |")
    if "gbm_train_accuracy" in ours:
        print(f"| GBM training accuracy | | {ours['gbm_train_accuracy']:.4f} | LightGBM {peer['gbm_train_accuracy']:.4f} | |")
    if "forest_fit" in ours:
        print(f"| random forest fit, 100 trees depth 8, 10k x 20, 2 threads | | {ours['forest_fit'] * 1e3:.0f} ms "
              f"| scikit-learn {peer['forest_fit'] * 1e3:.0f} ms | {ours['forest_fit'] / peer['forest_fit']:.2f}x |")
    for key, what in (("predict_ridge", "ridge, 50 features"), ("predict_gbm", "GBM, 100 trees depth 6"),
                      ("predict_forest", "random forest, 100 trees depth 8"),
                      ("predict_forest_deep", "random forest, 100 trees, no depth limit")):
        if key in ours:
            print(f"| predict one row: {what} | <= 2 us | {ours[key] * 1e9:.0f} ns | | |")


if __name__ == "__main__":
    main()
