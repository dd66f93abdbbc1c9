#!/usr/bin/env bash
# Measures NZS against its targets and its peers on the same synthetic bars, in one run.
# Usage: bench/run.sh [SHARED_DIR]   (default ../shared; needs python3 with numpy)
# Peers (vectorbt, backtesting.py) run when /tmp/nzs-peers-venv exists; create it with
#   python3 -m venv /tmp/nzs-peers-venv && /tmp/nzs-peers-venv/bin/pip install -r ../shared/peers/requirements.txt
# Results belong in docs/performance.md.
set -euo pipefail
cd "$(dirname "$0")/.."
shared=${1:-../shared}
out=${NZS_BENCH_OUT:-/tmp/nzs-bench}
mkdir -p "$out"
python=python3
[ -x /tmp/nzs-peers-venv/bin/python ] && python=/tmp/nzs-peers-venv/bin/python

for n in 1000000 100000; do
    [ -f "$out/bars_$n.csv" ] || "$python" "$shared/peers/bench.py" --write-data "$n" "$out/bars_$n.csv" >/dev/null
done

swift build -c release >/dev/null
nzs=.build/release/nzs

echo "== nzs bench, 1M bars (sma_cross), check of a 300-line script"
$nzs bench --data "$out/bars_1000000.csv" --check bench/check_300.nzs

echo "== whole-process nzs run, 100k bars (median of 9)"
"$python" - "$nzs" "$out/bars_100000.csv" <<'PY'
import subprocess, sys, time
nzs, data = sys.argv[1], sys.argv[2]
samples = []
for _ in range(9):
    t = time.perf_counter()
    subprocess.run([nzs, "run", "strategies/sma_cross.nzs", "--data", data, "--json"], check=True, stdout=subprocess.DEVNULL)
    samples.append(time.perf_counter() - t)
samples.sort()
print(f"nzs run sma_cross 100k bars (process)     {samples[len(samples)//2]:.4f} s")
PY

if [ -x /tmp/nzs-peers-venv/bin/python ]; then
    echo "== peers on the same bars (bench.py)"
    NZS_PEERS_OUT="$out" /tmp/nzs-peers-venv/bin/python "$shared/peers/bench.py" --only vectorbt_single,backtesting_py,talib --repeats 5 --slow-repeats 3 2>/dev/null
fi

if "$python" -c "import talib" 2>/dev/null; then
    echo "== every indicator against TA-Lib, same 10M values (bench/kernels.py)"
    NZS_BENCH_OUT="$out" "$python" bench/kernels.py "$shared" --repeats 5
fi
