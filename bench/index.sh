#!/usr/bin/env bash
# Benchmark of `exhibit index` against `tsk_loaddb` (The Sleuth Kit's own case-database loader) on the same bench
# image (default ext4-100k: 100,000 files, testdata/make-bench-image.sh).
#
# tsk_loaddb walks the image with libtsk and writes an SQLite case database (-k: without the block table, which Exhibit
# does not build either). Exhibit's index loads the analysis files of an item into its case database, so two figures
# are given: the load alone (`exhibit index`, the files already made), and the whole way from the image
# (`analyze files --json` + `timeline --format jsonl` + `index`). The target (issue 12) is the load at least 2x faster
# than tsk_loaddb. Both write to a fresh database each run; wall times from /usr/bin/time, RUNS runs (default 3), the
# median reported.
#
# usage: bench/index.sh [IMAGE-NAME] [RUNS] [--db URL]
#   --db URL also times `exhibit index --db URL` (e.g. a PostgreSQL: the database is emptied before each run with
#   DROP SCHEMA public CASCADE through psql, so give a database made for the benchmark).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
name="${1:-ext4-100k}"
runs="${2:-3}"
db=""
if [ "${3:-}" = --db ]; then db="${4:?--db needs a URL}"; fi
out="$root/bench/out"
export TZ=UTC

cd "$root"
command -v tsk_loaddb >/dev/null || scripts/ensure-deps bench >&2
mkdir -p "$out"
image="$out/$name.img"
[ -f "$image" ] || testdata/make-bench-image.sh "$name" "$out" >&2
./exhibit --version >/dev/null # builds the command line if needed, outside the timings

work="$(mktemp -d "$out/index-XXXXXX")"
trap 'rm -rf "$work"' EXIT
case="$work/case"
./exhibit case init "$case" --number BENCH-12 --title "index bench" --examiner bench >/dev/null
analysis="$case/evidence/EV-1/analysis"
mkdir -p "$analysis"

seconds() { # seconds COMMAND...: wall time of one run, in seconds; its CPU time (user + system) goes to $work/cpu
  /usr/bin/time -f '%e %U %S' -o "$work/time" "$@" >/dev/null 2>"$work/stderr" || { cat "$work/stderr" >&2; exit 1; }
  tail -n 1 "$work/time" | awk '{ print $2 + $3 }' >>"$work/cpu-$(basename "$1")"
  tail -n 1 "$work/time" | cut -d' ' -f1
}
median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

echo "analysing $image (once, for the load timings)..." >&2
analyse_start=$(date +%s.%N)
./exhibit analyze files "$image" --json --out "$analysis/files.jsonl"
./exhibit timeline "$image" --format jsonl --out "$analysis/timeline.jsonl" >/dev/null
analyse=$(printf '%.2f' "$(echo "$(date +%s.%N) - $analyse_start" | bc)")
records=$(wc -l <"$analysis/files.jsonl")
events=$(wc -l <"$analysis/timeline.jsonl")

tsk=()
lite=()
pg=()
for _ in $(seq "$runs"); do
  rm -f "$work/tsk.db"
  tsk+=("$(seconds tsk_loaddb -k -d "$work/tsk.db" "$image")")
  rm -f "$case/case.db" "$case/case.db-wal" "$case/case.db-shm" "$case/case-database.json"
  lite+=("$(seconds ./exhibit index "$case" --db "$case/case.db")")
  if [ -n "$db" ]; then
    psql "${db%%\?*}" -q -c 'DROP SCHEMA public CASCADE; CREATE SCHEMA public' >/dev/null
    pg+=("$(seconds ./exhibit index "$case" --db "$db")")
  fi
done
tsk_files=$(sqlite3 "$work/tsk.db" "SELECT count(*) FROM tsk_files")
ours=$(sqlite3 "$case/case.db" "SELECT count(*) FROM file")
t_tsk=$(printf '%s\n' "${tsk[@]}" | median)
t_lite=$(printf '%s\n' "${lite[@]}" | median)

echo
echo "image: $image ($records listing records, $events timeline events; tsk_loaddb: $tsk_files rows in tsk_files,"
echo "exhibit: $ours rows in file)"
printf '%-52s %8s s\n' "tsk_loaddb -k" "$t_tsk"
printf '%-52s %8s s   %.1fx faster\n' "exhibit index (SQLite)" "$t_lite" "$(echo "$t_tsk / $t_lite" | bc -l)"
if [ -n "$db" ]; then
  t_pg=$(printf '%s\n' "${pg[@]}" | median)
  printf '%-52s %8s s   %.1fx faster\n' "exhibit index (PostgreSQL)" "$t_pg" "$(echo "$t_tsk / $t_pg" | bc -l)"
fi
printf '%-52s %8s s\n' "analyze files + timeline (once, before the loads)" "$analyse"
printf '%-52s %8.2f s   %.1fx faster\n' "whole way: analyze files + timeline + index (SQLite)" \
  "$(echo "$analyse + $t_lite" | bc -l)" "$(echo "$t_tsk / ($analyse + $t_lite)" | bc -l)"
printf 'CPU seconds (user + system), median: tsk_loaddb %s, exhibit %s (the machine is shared: CPU time varies less\n' \
  "$(median <"$work/cpu-tsk_loaddb")" "$(median <"$work/cpu-exhibit")"
echo "than wall time under load; exhibit's includes starting its JVM and the PostgreSQL runs when --db is given)"
echo "runs: tsk_loaddb ${tsk[*]}; exhibit index ${lite[*]}${db:+; PostgreSQL ${pg[*]}}"
