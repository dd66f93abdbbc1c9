#!/usr/bin/env bash
# Renders an `nzs report` page in headless Chromium and checks that the screenshot is not
# blank: a backtest is saved to a scratch store, its report written, screenshotted, and the
# PNG's pixels counted (enough non-white pixels, and the charts' colors present).
# Usage: scripts/check_report.sh [OUT_DIR]   (installs chromium with apt-get when missing and root)
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-/tmp/nzs-report-check}
mkdir -p "$out"
if ! command -v chromium >/dev/null 2>&1; then
    if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
    else
        echo "chromium is not installed (apt-get install chromium)" >&2
        exit 2
    fi
fi
swift build -c release >/dev/null
rm -f "$out/runs.db" "$out/runs.db-wal" "$out/runs.db-shm"
.build/release/nzs run strategies/breakout_trailing.nzs --data data/BTCUSDT_1d.csv --store "$out/runs.db" --save >/dev/null
.build/release/nzs report 1 --html "$out/report.html" --store "$out/runs.db"
chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=1100,2400 \
    --screenshot="$out/report.png" "file://$(cd "$out" && pwd)/report.html" >/dev/null 2>&1
python3 - "$out/report.png" <<'PY'
import struct, sys, zlib
data = open(sys.argv[1], "rb").read()
assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
pos, chunks, width, height, color_type = 8, [], 0, 0, 0
while pos < len(data):
    length, kind = struct.unpack(">I4s", data[pos:pos + 8])
    body = data[pos + 8:pos + 8 + length]
    if kind == b"IHDR":
        width, height, depth, color_type = struct.unpack(">IIBB", body[:10])
        assert depth == 8 and color_type in (2, 6), f"unexpected PNG format {depth}/{color_type}"
    elif kind == b"IDAT":
        chunks.append(body)
    pos += 12 + length
raw = zlib.decompress(b"".join(chunks))
channels = 3 if color_type == 2 else 4
stride = width * channels
rows, previous, offset = [], bytearray(stride), 0
for _ in range(height):
    kind, line = raw[offset], bytearray(raw[offset + 1:offset + 1 + stride])
    offset += 1 + stride
    for i in range(stride):
        left = line[i - channels] if i >= channels else 0
        up, corner = previous[i], previous[i - channels] if i >= channels else 0
        if kind == 1: line[i] = (line[i] + left) & 255
        elif kind == 2: line[i] = (line[i] + up) & 255
        elif kind == 3: line[i] = (line[i] + (left + up) // 2) & 255
        elif kind == 4:
            p = left + up - corner
            pa, pb, pc = abs(p - left), abs(p - up), abs(p - corner)
            line[i] = (line[i] + (left if pa <= pb and pa <= pc else up if pb <= pc else corner)) & 255
    rows.append(line)
    previous = line
inked = colors = 0
seen = set()
for line in rows[::2]:
    for x in range(0, stride, channels * 2):
        r, g, b = line[x], line[x + 1], line[x + 2]
        if (r, g, b) != (255, 255, 255):
            inked += 1
            seen.add((r >> 4, g >> 4, b >> 4))
sampled = (height // 2 + 1) * (width // 2 + 1)
share = inked / sampled
print(f"screenshot {width}x{height}: {share:.1%} of sampled pixels are not white, {len(seen)} distinct colors")
assert share > 0.03, "the screenshot is (nearly) blank"
assert len(seen) > 20, "too few colors for the charts"
print("report renders: ok")
PY
