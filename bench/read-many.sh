#!/usr/bin/env bash
# Reading many files: the same 100 files of a bench image (testdata/make-bench-image.sh fat32-4g: a sparse 4 GiB
# FAT32 of 2,000 small files in 20 directories) read once with one `exhibit analyze export --list` and once with 100
# `icat` calls, timed by hyperfine (one run each, after the command line is built). The 100 files are every 20th
# regular file fls lists, by inode address; the script checks that both ways give the same bytes (the manifest's
# SHA-256 against each icat output) before timing.
#
# usage: bench/read-many.sh [cat]    with "cat", also 100 `exhibit analyze cat` calls, the way before (minutes)
# The image is built into bench/out/ on first use (under a second, 4 GiB sparse, a few MiB of disk).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="$root/bench/out"
files=100
export TZ=UTC

cd "$root"
scripts/ensure-deps bench >&2
command -v hyperfine >/dev/null || { echo "read-many: hyperfine is missing (apt-get install hyperfine)" >&2; exit 3; }
mkdir -p "$out"
image="$out/fat32-4g.img"
[ -f "$image" ] || testdata/make-bench-image.sh fat32-4g "$out" >&2
./exhibit --version >/dev/null # builds the command line if needed, outside the timings

work="$out/read-many"
rm -rf "$work"
mkdir -p "$work"
list="$work/list.txt"
fls -r -p "$image" | awk -F'\t' '$1 ~ /^r\/r [0-9]+:$/ { sub(/^r\/r /, "", $1); sub(/:$/, "", $1); print $1 }' |
  awk -v n="$files" 'NR % 20 == 0 && c < n { print; c++ }' >"$list"
[ "$(wc -l <"$list")" -eq "$files" ] || { echo "read-many: found only $(wc -l <"$list") files" >&2; exit 1; }

exhibit_cmd="'$root/exhibit' analyze export '$image' '$work/export' --list '$list' >/dev/null"
icat_cmd="mkdir -p '$work/icat' && while read -r a; do icat '$image' \"\$a\" >'$work/icat/'\"\$a\"; done <'$list'"
cat_cmd="mkdir -p '$work/cat' && while read -r a; do '$root/exhibit' analyze cat '$image' --inode \"\$a\" >'$work/cat/'\"\$a\"; done <'$list'"
cases=(-n "exhibit analyze export --list ($files files, one command)" "$exhibit_cmd" -n "icat x $files" "$icat_cmd")
if [ "${1:-}" = cat ]; then
  cases+=(-n "exhibit analyze cat x $files" "$cat_cmd")
fi

echo "checking that both give the same bytes..." >&2
bash -c "$exhibit_cmd"
bash -c "$icat_cmd"
[ "$(wc -l <"$work/export/manifest.jsonl")" -eq "$files" ] || { echo "read-many: the manifest does not list $files files" >&2; exit 1; }
while read -r line; do
  inode="$(sed -n 's/.*"inode":"\([0-9-]*\)".*/\1/p' <<<"$line")"
  sha="$(sed -n 's/.*"sha256":"\([0-9a-f]*\)".*/\1/p' <<<"$line")"
  [ "$(sha256sum <"$work/icat/$inode" | cut -d' ' -f1)" = "$sha" ] || { echo "read-many: inode $inode differs" >&2; exit 1; }
done <"$work/export/manifest.jsonl"

echo "timing (one run each)..." >&2
hyperfine --runs 1 --style basic --export-json "$work/hyperfine.json" \
  --prepare "rm -rf '$work/export' '$work/icat' '$work/cat'" "${cases[@]}"

echo
echo "host: $(nproc) CPUs, load average $(cut -d' ' -f1-3 /proc/loadavg) at the end, $(uname -r); $(fls -V)"
jq -r --argjson n "$files" '.results[] | "\(.command)\t\(.mean)\t\(.user + .system)"' "$work/hyperfine.json" |
  awk -F'\t' -v n="$files" '{ printf "%-55s %7.2f s wall (%.2f s CPU), %6.1f ms per file\n", $1, $2, $3, $2 * 1000 / n }'
