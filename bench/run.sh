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

echo "== research: 174-pair SMA sweep on 100k bars, 10,000 trade-bootstrap paths (median of 7)"
"$python" - "$nzs" "$out/bars_100000.csv" <<'PY'
import subprocess, sys, time
nzs, data = sys.argv[1], sys.argv[2]
def phases(args):
    runs = []
    for _ in range(7):
        t = time.perf_counter()
        done = subprocess.run([nzs] + args + ["--no-save", "--json", "--timings"], check=True, capture_output=True, text=True)
        wall = time.perf_counter() - t
        timing = {" ".join(line.split()[1:-1]): float(line.split()[-1]) for line in done.stderr.splitlines() if line.startswith("timing: ")}
        runs.append((wall, timing))
    return runs
def median(values):
    values = sorted(values)
    return values[len(values) // 2]
sweep = phases(["optimize", "strategies/sma_cross.nzs", "--data", data])
search = [t["shared columns"] + t["trials"] for _, t in sweep]
print(f"optimize 174 trials, shared columns + trials   {median(search):.4f} s")
print(f"optimize 174 trials, guards (PBO + DSR)        {median([t['guards'] for _, t in sweep]):.4f} s")
print(f"optimize 174 trials, whole process             {median([w for w, _ in sweep]):.4f} s")
mc = phases(["montecarlo", "strategies/sma_cross.nzs", "--data", data, "--param", "fast=20", "--param", "slow=60",
             "--method", "trades", "--runs", "10000"])
print(f"montecarlo trades, 10000 paths x 962 trades   {median([t['paths'] for _, t in mc]):.4f} s")
PY
if [ -x /tmp/nzs-peers-venv/bin/python ]; then
    NZS_PEERS_OUT="$out" /tmp/nzs-peers-venv/bin/python "$shared/peers/bench.py" --only vectorbt_sweep --repeats 3 2>/dev/null
fi

if "$python" -c "import talib" 2>/dev/null; then
    echo "== every indicator against TA-Lib, same 10M values (bench/kernels.py)"
    NZS_BENCH_OUT="$out" "$python" bench/kernels.py "$shared" --repeats 5
fi
