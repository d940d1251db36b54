#!/usr/bin/env bash
# Benchmark of `exhibit analyze files --bodyfile` against `fls -r -m /` (The Sleuth Kit 4.11.1), in one run:
#   - ext4 with 1,000,000 files (testdata/make-bench-image.sh ext4-1m)
#   - a sparse 4 GiB FAT32 (fat32-4g), with the orphan search (as fls does) and without (--no-orphans)
# For each case: wall time and peak RSS of every run (/usr/bin/time -v), runs interleaved with fls's after one
# untimed warm-up of each, then the median, min and max, and exhibit/fls as a ratio of medians. Also: the peak RSS
# summed over exhibit's two processes (supervisor and worker, sampled from /proc), and exhibit's peak on a small
# image, to show that memory does not grow with the number of files. Outputs are compared byte for byte once.
#
# usage: bench/analyze-files.sh [RUNS]          RUNS per tool and case, default 5
# Images are built into bench/out/ on first use (about a minute and 330 MiB of disk for ext4-1m).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="$root/bench/out"
runs="${1:-5}"
target_ratio=1.5
export TZ=UTC

cd "$root"
scripts/ensure-deps bench >&2
mkdir -p "$out"
for name in ext4-1m fat32-4g; do
  [ -f "$out/$name.img" ] || testdata/make-bench-image.sh "$name" "$out" >&2
done
small="$out/small-ext4.img"
if [ ! -f "$small" ]; then
  testdata/make-image.sh ext4 "$out/small" >&2
  cp "$out/small/ext4.img" "$small"
fi
./exhibit --version >/dev/null # builds the command line if needed, outside the timings

# One timed run: prints "WALL_SECONDS PEAK_RSS_KB" (GNU time; for exhibit the largest of its processes).
timed() {
  local log
  log="$(mktemp)"
  /usr/bin/time -v -o "$log" "$@" >/dev/null
  awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, t, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + t[i]; w = s }
              /Maximum resident set size/ { m = $2 } END { printf "%.3f %d\n", w, m }' "$log"
  rm -f "$log"
}

# Peak RSS summed over a command and all its descendants, sampled every 20 ms from /proc (KiB).
tree_peak_kb() {
  "$@" >/dev/null &
  local pid=$! peak=0 sum p kb
  while kill -0 "$pid" 2>/dev/null; do
    sum=0
    for p in $(descendants "$pid"); do
      kb="$(awk '/^VmRSS/ { print $2 }' "/proc/$p/status" 2>/dev/null || true)"
      sum=$((sum + ${kb:-0}))
    done
    [ "$sum" -gt "$peak" ] && peak=$sum
    sleep 0.02
  done
  wait "$pid"
  echo "$peak"
}

descendants() {
  local p
  echo "$1"
  for p in $(cat /proc/"$1"/task/*/children 2>/dev/null); do
    descendants "$p"
  done
}

# Median, min and max of the numbers on stdin.
stats() {
  sort -n | awk '{ v[NR] = $1 } END { m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2;
                                     printf "%.3f %.3f %.3f\n", m, v[1], v[NR] }'
}

declare -A wall rss
# A case: NAME, then the exhibit command, "--", the fls command.
bench_case() {
  local name="$1" i r
  shift
  local -a ours=() theirs=()
  while [ "$1" != "--" ]; do ours+=("$1"); shift; done
  shift
  theirs=("$@")
  "${ours[@]}" >/dev/null; "${theirs[@]}" >/dev/null # warm the page cache and the JVM's files
  : >"$out/$name.exhibit.runs"; : >"$out/$name.fls.runs"
  for ((i = 0; i < runs; i++)); do
    timed "${ours[@]}" >>"$out/$name.exhibit.runs"
    timed "${theirs[@]}" >>"$out/$name.fls.runs"
  done
  for tool in exhibit fls; do
    wall["$name.$tool"]="$(cut -d' ' -f1 "$out/$name.$tool.runs" | stats)"
    rss["$name.$tool"]="$(cut -d' ' -f2 "$out/$name.$tool.runs" | stats)"
  done
}

exhibit=("$root/exhibit" analyze files --bodyfile)
echo "checking that the outputs are identical..." >&2
cmp <("${exhibit[@]}" "$out/ext4-1m.img") <(fls -r -m / "$out/ext4-1m.img")
cmp <("${exhibit[@]}" "$out/fat32-4g.img") <(fls -r -m / "$out/fat32-4g.img")

echo "timing ($runs runs each, interleaved)..." >&2
bench_case ext4-1m "${exhibit[@]}" "$out/ext4-1m.img" -- fls -r -m / "$out/ext4-1m.img"
bench_case fat32-4g "${exhibit[@]}" "$out/fat32-4g.img" -- fls -r -m / "$out/fat32-4g.img"
bench_case fat32-4g-no-orphans "${exhibit[@]}" --no-orphans "$out/fat32-4g.img" -- fls -r -m / "$out/fat32-4g.img"

tree_1m="$(tree_peak_kb "${exhibit[@]}" "$out/ext4-1m.img")"
tree_small="$(tree_peak_kb "${exhibit[@]}" "$small")"

echo
echo "exhibit analyze files --bodyfile vs fls -r -m / ($(fls -V | sed 's/.*ver //')), $runs runs each"
echo "host: $(nproc) CPUs, load average $(cut -d' ' -f1-3 /proc/loadavg) at the end, $(uname -r)"
printf '%-22s %-8s %24s %22s %8s\n' case tool "wall s: median (min-max)" "peak RSS MB: median" "ratio"
for name in ext4-1m fat32-4g fat32-4g-no-orphans; do
  read -r em emin emax <<<"${wall[$name.exhibit]}"
  read -r fm fmin fmax <<<"${wall[$name.fls]}"
  read -r er _ _ <<<"${rss[$name.exhibit]}"
  read -r fr _ _ <<<"${rss[$name.fls]}"
  ratio="$(awk -v a="$em" -v b="$fm" 'BEGIN { printf "%.2f", a / b }')"
  printf '%-22s %-8s %8.2f (%.2f-%.2f) %22.1f %8s\n' "$name" exhibit "$em" "$emin" "$emax" "$(awk -v k="$er" 'BEGIN { print k / 1024 }')" "${ratio}x"
  printf '%-22s %-8s %8.2f (%.2f-%.2f) %22.1f\n' "" fls "$fm" "$fmin" "$fmax" "$(awk -v k="$fr" 'BEGIN { print k / 1024 }')"
done
echo
printf 'exhibit, both processes summed, peak RSS: %.1f MB on 1,000,000 files, %.1f MB on the 8 MiB test ext4 (%s files)\n' \
  "$(awk -v k="$tree_1m" 'BEGIN { print k / 1024 }')" "$(awk -v k="$tree_small" 'BEGIN { print k / 1024 }')" \
  "$(fls -r "$small" | wc -l)"
ratio="$(awk -v a="$(cut -d' ' -f1 <<<"${wall[ext4-1m.exhibit]}")" -v b="$(cut -d' ' -f1 <<<"${wall[ext4-1m.fls]}")" \
  'BEGIN { printf "%.2f", a / b }')"
if awk -v r="$ratio" -v t="$target_ratio" 'BEGIN { exit !(r <= t) }'; then
  echo "target met: ext4-1m at ${ratio}x fls's wall time (target <= ${target_ratio}x)"
else
  echo "target NOT met: ext4-1m at ${ratio}x fls's wall time (target <= ${target_ratio}x)"
fi
