#!/usr/bin/env bash
# Benchmark of `exhibit timeline --bodyfile` against `mactime -y -d -b` (The Sleuth Kit 4.11.1) on the same body file:
# LINES lines (default 2,500,000) from a seeded generator, each with four different times, so a timeline of 4 x LINES
# events and rows (10,000,000 by default). Both write to /dev/null; wall time and peak RSS from /usr/bin/time -v,
# RUNS runs each (default 1: mactime takes minutes). Before timing, both timelines of the first 100,000 lines are
# compared row for row at whole seconds (mactime's precision).
#
# usage: bench/timeline.sh [LINES] [RUNS]
# The body file goes to bench/out/ (about 110 bytes a line); exhibit's sorted runs to $TMPDIR or /tmp, deleted after.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="$root/bench/out"
lines="${1:-2500000}"
runs="${2:-1}"
target_ratio=5
target_rss_mb=512
export TZ=UTC

cd "$root"
command -v mactime >/dev/null || scripts/ensure-deps bench >&2
mkdir -p "$out"
body="$out/timeline-$lines.body"

# The body file: paths in a few hundred directories, times spread over 32 years (2001 to 2033: every awk
# prints them with %d), all four different; a Park-Miller generator (exact in awk's doubles, so every awk writes the
# same file) seeded with 20261207.
if [ ! -f "$body" ]; then
  echo "generating $body ($lines lines)..." >&2
  awk -v n="$lines" 'BEGIN {
    x = 20261207
    for (i = 0; i < n; i++) {
      printf "0|/home/user%d/project%d/dir%d/file%d.dat|%d|r/rrw-r--r--|%d|100|", i % 50, int(i / 1000) % 100, i % 7, i, i + 16, 1000 + i % 50
      x = (x * 16807) % 2147483647; printf "%d", x % 1048576
      for (t = 0; t < 4; t++) {
        x = (x * 16807) % 2147483647
        printf "|%d", 1000000000 + (x % 250000000) * 4 + t
      }
      printf "\n"
    }
  }' >"$body.tmp"
  mv "$body.tmp" "$body"
fi
./exhibit --version >/dev/null # builds the command line if needed, outside the timings

echo "checking the first 100,000 lines against mactime, to the second..." >&2
head -n 100000 "$body" >"$out/timeline-check.body"
cmp <(./exhibit timeline --bodyfile "$out/timeline-check.body" | tail -n +2 |
  sed -E 's/^([0-9T:-]{19})\.[0-9]{9}Z/\1Z/; s/,"[^"]*",[^,]*$//' | LC_ALL=C sort) \
  <(mactime -y -d -b "$out/timeline-check.body" | tail -n +2 | LC_ALL=C sort)
rm -f "$out/timeline-check.body"

# One timed run: prints "WALL_SECONDS PEAK_RSS_KB".
timed() {
  local log
  log="$(mktemp)"
  /usr/bin/time -v -o "$log" "$@" >/dev/null
  awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, t, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + t[i]; w = s }
              /Maximum resident set size/ { m = $2 } END { printf "%.3f %d\n", w, m }' "$log"
  rm -f "$log"
}

echo "timing ($runs run(s) each)..." >&2
: >"$out/timeline.exhibit.runs"
: >"$out/timeline.mactime.runs"
for ((i = 0; i < runs; i++)); do
  timed ./exhibit timeline --bodyfile "$body" >>"$out/timeline.exhibit.runs"
  timed mactime -y -d -b "$body" >>"$out/timeline.mactime.runs"
done
rows="$(./exhibit timeline --bodyfile "$body" | tail -n +2 | wc -l)"

median() {
  sort -n | awk '{ v[NR] = $1 } END { printf "%.2f", (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
ew="$(cut -d' ' -f1 "$out/timeline.exhibit.runs" | median)"
mw="$(cut -d' ' -f1 "$out/timeline.mactime.runs" | median)"
er="$(cut -d' ' -f2 "$out/timeline.exhibit.runs" | median)"
mr="$(cut -d' ' -f2 "$out/timeline.mactime.runs" | median)"
speedup="$(awk -v a="$mw" -v b="$ew" 'BEGIN { printf "%.1f", a / b }')"
er_mb="$(awk -v k="$er" 'BEGIN { printf "%.0f", k / 1024 }')"
mr_mb="$(awk -v k="$mr" 'BEGIN { printf "%.0f", k / 1024 }')"

echo
echo "exhibit timeline --bodyfile vs mactime -y -d -b ($(mactime -V 2>&1 | sed -n 's/.*ver //p' | head -n1)):"
echo "$lines body lines, $rows rows; $runs run(s) each, median"
echo "host: $(nproc) CPUs, load average $(cut -d' ' -f1-3 /proc/loadavg) at the end, $(uname -r)"
printf '%-9s %10s %14s\n' tool "wall s" "peak RSS MB"
printf '%-9s %10s %14s\n' exhibit "$ew" "$er_mb"
printf '%-9s %10s %14s\n' mactime "$mw" "$mr_mb"
if awk -v s="$speedup" -v t="$target_ratio" -v r="$er_mb" -v m="$target_rss_mb" 'BEGIN { exit !(s >= t && r < m) }'; then
  echo "target met: ${speedup}x mactime's speed (target >= ${target_ratio}x), ${er_mb} MB peak RSS (target < ${target_rss_mb} MB)"
else
  echo "target NOT met: ${speedup}x mactime's speed (target >= ${target_ratio}x), ${er_mb} MB peak RSS (target < ${target_rss_mb} MB)"
fi
