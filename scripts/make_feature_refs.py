#!/usr/bin/env python3
"""Reference values of NZS's model-feature builtins, computed with pandas and SciPy on bundled
real data. Skewness and kurtosis come from scipy.stats (bias-corrected, per window): pandas'
rolling skew/kurt use running power sums, which lose about 1e-9 of relative precision on prices
whose variance is small against their level; SciPy's two-pass moments do not.

Run from the repository root with the peers' virtual environment (pandas 3.1, SciPy 1.17):
    /tmp/nzs-peers-venv/bin/python scripts/make_feature_refs.py
Writes Tests/Fixtures/features/EURUSD_1h.csv: the first 800 hourly EURUSD bars of
data/EURUSD_1h.csv, one column per feature, named by the NZS expression it checks
(Tests/NZRuntimeTests/FeatureParityTests.swift compares them).
"""
import pandas as pd
from scipy import stats

bars = pd.read_csv("data/EURUSD_1h.csv").head(800)
close = bars["close"]
time = pd.to_datetime(bars["time"], utc=True)
def skew(series, n):
    return series.rolling(n).apply(lambda w: stats.skew(w, bias=False), raw=True)


def kurtosis(series, n):
    return series.rolling(n).apply(lambda w: stats.kurtosis(w, fisher=True, bias=False), raw=True)


columns = {
    "skew(close, 20)": skew(close, 20),
    "kurtosis(close, 20)": kurtosis(close, 20),
    "skew(volume, 50)": skew(bars["volume"], 50),
    "kurtosis(volume, 50)": kurtosis(bars["volume"], 50),
    "rank(close, 20)": close.rolling(20).rank(pct=True),
    "autocorr(close, 20, 1)": close.rolling(20).corr(close.shift(1)),
    "autocorr(returns(close, 1), 50, 5)": (close / close.shift(1) - 1).rolling(50).corr((close / close.shift(1) - 1).shift(5)),
    "returns(close, 3)": close / close.shift(3) - 1,
    "hour()": time.dt.hour,
    "weekday()": time.dt.day_of_week,
    "month()": time.dt.month,
}
out = pd.DataFrame({"time": bars["time"], **columns})
out.to_csv("Tests/Fixtures/features/EURUSD_1h.csv", index=False, float_format="%.13g")
