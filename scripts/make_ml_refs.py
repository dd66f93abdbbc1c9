#!/usr/bin/env python3
"""Reference values for the ML runtime's parity tests (Tests/NZRuntimeTests/MLParityTests.swift).

Run from the repository root with the peers' venv, after `swift build -c release`:

    /tmp/nzs-peers-venv/bin/python scripts/make_ml_refs.py [--nzs .build/release/nzs]

The feature matrix comes from the bundled real data through the NZS CLI, with the exact command
(the expressions are the lines of Tests/Fixtures/ml/features.txt, in order):

    nzs eval --data data/BTCUSDT_1d.csv --expr close --expr 'rsi(close, 14)' --expr 'roc(close, 10)' \
        --expr 'atr(14) / close' --expr 'stddev(close, 20) / close' --expr 'close / sma(close, 50) - 1' \
        --expr 'macd(close, 12, 26, 9).hist / close' --expr 'adx(14)' --expr 'volume / sma(volume, 20)'

The Swift tests run the same command in-process, so both sides read the very same numbers (the
CSV is not committed: ~560 KB). Labels, on both sides: r = close[t+5] / close[t] - 1 (the 5-bar
forward return; na on the last 5 bars) for regression, and r > 0 for classification. Rows with
an na feature or label are dropped. Chronological split: bars with index < SPLIT_BAR train, the
rest test.

Writes into Tests/Fixtures/ml/:
  linear.csv     scikit-learn LinearRegression, Ridge, Lasso, LogisticRegression (tightly
                 converged) intercept and coefficients, fitted on the training rows
  accuracy.csv   out-of-sample accuracy of RandomForestClassifier (mean, min, max over 10 seeds)
                 and LGBMClassifier (deterministic: no bagging), with their hyperparameters
  kmeans.csv     KMeans inertia (k-means++, n_init 10) on the z-scored training features
"""
import argparse
import csv
import io
import os
import subprocess
import sys

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
FIXTURES = os.path.join(ROOT, "Tests", "Fixtures", "ml")
DATA = "data/BTCUSDT_1d.csv"
HORIZON = 5
SPLIT_BAR = 2000
RIDGE_ALPHA = 1.0
LOGISTIC_C = 1.0
LASSO_FRACTION = 0.05  # alpha = this fraction of the smallest alpha that zeroes every coefficient
FOREST = dict(trees=300, max_depth=8, min_leaf=5, max_features="sqrt")
FOREST_SEEDS = range(10)
BOOSTING = dict(trees=100, max_depth=4, num_leaves=15, learning_rate=0.05, min_leaf=20)
KMEANS_K = 4


def features():
    with open(os.path.join(FIXTURES, "features.txt")) as f:
        return [line.strip() for line in f if line.strip()]


def load(nzs):
    exprs = ["close"] + features()
    args = [nzs, "eval", "--data", DATA]
    for e in exprs:
        args += ["--expr", e]
    out = subprocess.run(args, cwd=ROOT, capture_output=True, text=True, check=True).stdout
    rows = list(csv.reader(io.StringIO(out)))
    assert rows[0] == ["time"] + exprs, rows[0]
    table = np.array([[float(v) if v != "" else np.nan for v in row[1:]] for row in rows[1:]])
    close, x = table[:, 0], table[:, 1:]
    forward = np.full(len(close), np.nan)
    forward[:-HORIZON] = close[HORIZON:] / close[:-HORIZON] - 1
    return x, forward


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--nzs", default=os.path.join(ROOT, ".build", "release", "nzs"))
    a = ap.parse_args()
    import lightgbm as lgb
    import sklearn
    from sklearn.cluster import KMeans
    from sklearn.ensemble import RandomForestClassifier
    from sklearn.linear_model import Lasso, LinearRegression, LogisticRegression, Ridge

    x, forward = load(a.nzs)
    bars = np.arange(len(forward))
    complete = ~np.isnan(x).any(axis=1) & ~np.isnan(forward)
    train, test = complete & (bars < SPLIT_BAR), complete & (bars >= SPLIT_BAR)
    xtr, rtr, xte, rte = x[train], forward[train], x[test], forward[test]
    ytr, yte = (rtr > 0).astype(float), (rte > 0).astype(float)
    print(f"{train.sum()} training rows, {test.sum()} test rows, {x.shape[1]} features; "
          f"scikit-learn {sklearn.__version__}, LightGBM {lgb.__version__}", file=sys.stderr)

    xc = xtr - xtr.mean(axis=0)
    lasso_alpha = LASSO_FRACTION * np.max(np.abs(xc.T @ (rtr - rtr.mean()))) / len(rtr)
    models = [
        ("linear", 0.0, LinearRegression().fit(xtr, rtr)),
        ("ridge", RIDGE_ALPHA, Ridge(alpha=RIDGE_ALPHA).fit(xtr, rtr)),
        ("lasso", lasso_alpha, Lasso(alpha=lasso_alpha, tol=1e-15, max_iter=10_000_000).fit(xtr, rtr)),
        ("logistic", LOGISTIC_C, LogisticRegression(C=LOGISTIC_C, solver="newton-cholesky", tol=1e-14,
                                                    max_iter=1000).fit(xtr, ytr)),
    ]
    with open(os.path.join(FIXTURES, "linear.csv"), "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["model", "parameter", "intercept"] + [f"w{i}" for i in range(x.shape[1])])
        for name, parameter, model in models:
            coef = np.ravel(model.coef_)
            intercept = float(np.ravel([model.intercept_])[0])
            w.writerow([name, repr(float(parameter)), repr(intercept)] + [repr(float(c)) for c in coef])

    accuracies = []
    for seed in FOREST_SEEDS:
        forest = RandomForestClassifier(n_estimators=FOREST["trees"], max_depth=FOREST["max_depth"],
                                        min_samples_leaf=FOREST["min_leaf"], max_features=FOREST["max_features"],
                                        random_state=seed, n_jobs=2).fit(xtr, ytr)
        accuracies.append(float(np.mean(forest.predict(xte) == yte)))
    booster = lgb.LGBMClassifier(n_estimators=BOOSTING["trees"], max_depth=BOOSTING["max_depth"],
                                 num_leaves=BOOSTING["num_leaves"], learning_rate=BOOSTING["learning_rate"],
                                 min_child_samples=BOOSTING["min_leaf"], subsample=1.0, colsample_bytree=1.0,
                                 reg_lambda=0.0, max_bin=255, verbose=-1, num_threads=1).fit(xtr, ytr)
    boosted = float(np.mean((booster.predict_proba(xte)[:, 1] > 0.5) == yte))
    with open(os.path.join(FIXTURES, "accuracy.csv"), "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["model", "accuracy", "min", "max", "trees", "max_depth", "min_leaf", "max_features_or_leaves",
                    "learning_rate", "split_bar", "test_rows"])
        w.writerow(["random_forest", repr(float(np.mean(accuracies))), repr(min(accuracies)), repr(max(accuracies)),
                    FOREST["trees"], FOREST["max_depth"], FOREST["min_leaf"], FOREST["max_features"], "", SPLIT_BAR,
                    int(test.sum())])
        w.writerow(["lightgbm", repr(boosted), repr(boosted), repr(boosted), BOOSTING["trees"], BOOSTING["max_depth"],
                    BOOSTING["min_leaf"], BOOSTING["num_leaves"], BOOSTING["learning_rate"], SPLIT_BAR, int(test.sum())])

    z = (xtr - xtr.mean(axis=0)) / xtr.std(axis=0)
    km = KMeans(n_clusters=KMEANS_K, init="k-means++", n_init=10, algorithm="lloyd", tol=0, max_iter=1000,
                random_state=0).fit(z)
    with open(os.path.join(FIXTURES, "kmeans.csv"), "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["k", "n_init", "inertia"])
        w.writerow([KMEANS_K, 10, repr(float(km.inertia_))])
    print(f"forest accuracies {accuracies}, lightgbm {boosted}, kmeans inertia {km.inertia_}", file=sys.stderr)


if __name__ == "__main__":
    main()
