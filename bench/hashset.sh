#!/usr/bin/env bash
# Benchmark of hash-set lookups: `exhibit hashset lookup` against `hfind` (The Sleuth Kit 4.11.1) on the same set of
# 20,000,000 MD5s, looking up 1,000,000 digests of which half are in the set. The set and the queries come from a
# seeded generator (bench/HashsetData.java), in md5sum's form, which `hfind -i md5sum` indexes (it cannot read NSRL
# RDS v3) and `exhibit hashset import` reads as it is.
#   - building: `hfind -i md5sum` and `exhibit hashset import`, once each (wall time, peak RSS)
#   - lookups: RUNS of each, interleaved, after one untimed warm-up of each; the median wall time, whole processes
#     (start-up, opening the index, reading the queries, writing the answers), and the ratio of lookups per second
#   - the answers are compared: both must find the same digests
#   - the lookup API alone on one thread (bench/HashsetLookupSpeed.java), without process start-up and I/O
#
# usage: [REBUILD=1] bench/hashset.sh [RUNS] [SET_SIZE] [QUERIES]     defaults 3, 20000000, 1000000
# Data goes to bench/out/hashset/ (about 2.2 GB with hfind's index); it is generated on first use.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${1:-3}"
set_size="${2:-20000000}"
queries="${3:-1000000}"
target_ratio=20
out="$root/bench/out/hashset"
data="$out/set-$set_size.md5"
query_file="$out/queries-$set_size-$queries.txt"
store="$out/store-$set_size"

cd "$root"
scripts/ensure-deps bench >&2
mkdir -p "$out"
./exhibit --version >/dev/null # builds the command line if needed, outside the timings
# A JDK 25 or newer, as run-tests picks one (the lookup-speed program runs on Exhibit's classes).
if [ -z "${JAVA_HOME:-}" ] || ! "$JAVA_HOME/bin/java" -version 2>&1 | grep -qE 'version "(2[5-9]|[3-9][0-9])'; then
  JAVA_HOME="$(ls -d /usr/lib/jvm/* | while read -r d; do
    "$d/bin/java" -version 2>&1 | grep -qE 'version "(2[5-9]|[3-9][0-9])' && echo "$d"; done | sort -rV | head -n1)"
fi
java="$JAVA_HOME/bin/java"

if [ ! -f "$data" ] || [ ! -f "$query_file" ]; then
  echo "generating $set_size digests and $queries queries (seeded)..." >&2
  "$java" bench/HashsetData.java "$set_size" "$queries" "$data" "$query_file"
fi

# One timed run: prints "WALL_SECONDS PEAK_RSS_KB CPU_SECONDS" (GNU time; CPU is user plus system time, which a
# shared machine disturbs less than wall time).
timed() {
  local log
  log="$(mktemp)"
  /usr/bin/time -v -o "$log" "$@" >/dev/null
  awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, t, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + t[i]; w = s }
              /User time|System time/ { c += $2 }
              /Maximum resident set size/ { m = $2 } END { printf "%.3f %d %.3f\n", w, m, c }' "$log"
  rm -f "$log"
}

median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2) }'; }

echo "set: $set_size MD5s in md5sum form ($(du -h "$data" | cut -f1)), queries: $queries (half present)"
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "building the index (once each; kept for later runs, REBUILD=1 builds again):"
if [ "${REBUILD:-}" = 1 ] || [ ! -f "$data-md5.idx2" ]; then
  rm -f "$data-md5.idx" "$data-md5.idx2"
  read -r w m c < <(timed hfind -i md5sum "$data")
  printf '  hfind -i md5sum          %8.2f s  %7d MiB peak RSS  %8.2f s CPU\n' "$w" $((m / 1024)) "$c"
else
  echo "  hfind -i md5sum          (built before)"
fi
if [ "${REBUILD:-}" = 1 ] || [ ! -f "$store/bench/manifest.json" ]; then
  rm -rf "$store"
  read -r w m c < <(timed ./exhibit hashset import bench "$data" --kind known --store "$store")
  printf '  exhibit hashset import   %8.2f s  %7d MiB peak RSS  %8.2f s CPU\n' "$w" $((m / 1024)) "$c"
else
  echo "  exhibit hashset import   (built before)"
fi

hfind_run() { hfind -f "$query_file" "$data"; }
exhibit_run() { ./exhibit hashset lookup --set bench --file "$query_file" --store "$store"; }

hfind_run >"$out/hfind.out"
exhibit_run >"$out/exhibit.out"
grep -v 'Hash Not Found' "$out/hfind.out" | cut -f1 | tr 'A-F' 'a-f' | sort -u >"$out/hfind.found"
grep -v "$(printf '\t')-\$" "$out/exhibit.out" | cut -f1 | sort -u >"$out/exhibit.found"
if ! cmp -s "$out/hfind.found" "$out/exhibit.found"; then
  echo "DIFFERENT ANSWERS: hfind found $(wc -l <"$out/hfind.found"), exhibit $(wc -l <"$out/exhibit.found")" >&2
  exit 1
fi
echo
echo "lookups: both found the same $(wc -l <"$out/exhibit.found") digests of $queries"

for f in hfind.times hfind.cpu exhibit.times exhibit.cpu; do : >"$out/$f"; done
for ((i = 1; i <= runs; i++)); do
  read -r w m c < <(timed hfind -f "$query_file" "$data")
  echo "$w" >>"$out/hfind.times"
  echo "$c" >>"$out/hfind.cpu"
  printf '  run %d: hfind -f                %8.3f s  %7d MiB  %7.3f s CPU\n' "$i" "$w" $((m / 1024)) "$c"
  read -r w m c < <(timed ./exhibit hashset lookup --set bench --file "$query_file" --store "$store")
  echo "$w" >>"$out/exhibit.times"
  echo "$c" >>"$out/exhibit.cpu"
  printf '  run %d: exhibit hashset lookup  %8.3f s  %7d MiB  %7.3f s CPU\n' "$i" "$w" $((m / 1024)) "$c"
done
h="$(median <"$out/hfind.times")"
e="$(median <"$out/exhibit.times")"
hc="$(median <"$out/hfind.cpu")"
ec="$(median <"$out/exhibit.cpu")"
awk -v h="$h" -v e="$e" -v hc="$hc" -v ec="$ec" -v q="$queries" -v t="$target_ratio" 'BEGIN {
  printf "median wall: hfind %.3f s (%.0f lookups/s), exhibit %.3f s (%.0f lookups/s): %.1fx (target %dx)\n",
    h, q / h, e, q / e, h / e, t
  printf "median CPU:  hfind %.3f s, exhibit %.3f s: %.1fx\n", hc, ec, hc / ec }'
echo
echo "the lookup API alone, one thread, in one process (no start-up, no I/O):"
"$java" --enable-native-access=ALL-UNNAMED -cp "cli/target/exhibit.jar:cli/target/lib/*" \
  bench/HashsetLookupSpeed.java "$store" bench "$query_file" 5
