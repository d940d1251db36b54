#!/usr/bin/env bash
# Benchmark of `exhibit analyze files --hash` against fiwalk (The Sleuth Kit 4.11.1, MD5 and SHA-1 by default):
#   - ext4 with 100,002 files of pseudo-random content, 0.99 GB (testdata/make-bench-image.sh ext4-100k)
#   - NTFS with 20,001 files, 0.23 GB (ntfs-20k; building it needs root), where fixed start-up costs weigh most
#   - NTFS holding ext4-100k's very tree, 100,002 files, 0.99 GB (ntfs-100k; root)
# Cases per image: exhibit --hash md5,sha1 (JSON Lines), fiwalk -X (DFXML), exhibit --hash md5,sha1,sha256. Runs
# are interleaved after one untimed warm-up of each (the image is then in the page cache); for each case the median,
# min and max wall time (/usr/bin/time), then fiwalk/exhibit as a ratio of medians (target >= 2) and what SHA-256
# adds to exhibit's median (target < 30 %). Before timing, every file's MD5 and SHA-1 are compared with fiwalk's.
#
# usage: bench/file-hashes.sh [RUNS [IMAGE...]]   RUNS per case, default 5; IMAGEs among ext4-100k ntfs-20k
#                                                ntfs-100k, default all three
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="$root/bench/out"
runs="${1:-5}"
shift $(($# > 0 ? 1 : 0))
images=("$@")
[ ${#images[@]} -gt 0 ] || images=(ext4-100k ntfs-20k ntfs-100k)
export TZ=UTC

cd "$root"
scripts/ensure-deps bench >&2
mkdir -p "$out"
for name in "${images[@]}"; do
  [ -f "$out/$name.img" ] || testdata/make-bench-image.sh "$name" "$out" >&2
done
./exhibit --version >/dev/null # builds the command line if needed, outside the timings

exhibit=("$root/exhibit" analyze files --json --hash)
fiwalk=(fiwalk -Z -X "$out/fiwalk.xml")

# Every file fiwalk hashed has the same MD5 and SHA-1 in exhibit's listing, as one of the inode's streams (fiwalk
# hashes the default one, which for NTFS's $Secure is the named $SDS).
check() {
  local image="$1"
  "${exhibit[@]}" md5,sha1 "$image" >"$out/hashes.jsonl"
  "${fiwalk[@]}" "$image" >/dev/null 2>&1
  python3 - "$out/hashes.jsonl" "$out/fiwalk.xml" <<'PY'
import json, sys, xml.etree.ElementTree as ET
ours = {}
for line in open(sys.argv[1], encoding="utf-8"):
    r = json.loads(line)
    if "md5" in r:
        ours.setdefault(r["inode"].split("-")[0], set()).add((r["md5"], r["sha1"]))
ns = "{http://www.forensicswiki.org/wiki/Category:Digital_Forensics_XML}"
checked = wrong = 0
for fo in ET.parse(sys.argv[2]).getroot().iter(ns + "fileobject"):
    digests = {h.get("type").lower(): h.text for h in fo.findall(ns + "hashdigest")}
    inode = fo.findtext(ns + "inode")
    if "md5" not in digests or fo.findtext(ns + "name_type") != "r":
        continue
    checked += 1
    if (digests["md5"], digests["sha1"]) not in ours.get(inode, set()):
        wrong += 1
        print("differs:", fo.findtext(ns + "filename"), inode, file=sys.stderr)
print(f"{checked} files hashed by fiwalk, {wrong} differ", file=sys.stderr)
sys.exit(1 if wrong or checked == 0 else 0)
PY
}

# One timed run, its output written to a file as a user would: prints the wall time in seconds.
timed() {
  local log
  log="$(mktemp)"
  /usr/bin/time -f %e -o "$log" "$@" >"$out/timed.out" 2>/dev/null
  cat "$log"
  rm -f "$log"
}

# Median, min and max of the numbers on stdin.
stats() {
  sort -n | awk '{ v[NR] = $1 } END { m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2;
                                     printf "%.2f %.2f %.2f\n", m, v[1], v[NR] }'
}

declare -A wall
bench_image() {
  local name="$1" image="$out/$1.img" i
  echo "checking $name against fiwalk..." >&2
  check "$image"
  "${exhibit[@]}" md5,sha1,sha256 "$image" >/dev/null # warm-up of the third case
  : >"$out/$name.md5sha1.runs"; : >"$out/$name.fiwalk.runs"; : >"$out/$name.sha256.runs"
  for ((i = 0; i < runs; i++)); do
    timed "${exhibit[@]}" md5,sha1 "$image" >>"$out/$name.md5sha1.runs"
    timed "${fiwalk[@]}" "$image" >>"$out/$name.fiwalk.runs"
    timed "${exhibit[@]}" md5,sha1,sha256 "$image" >>"$out/$name.sha256.runs"
  done
  for c in md5sha1 fiwalk sha256; do
    wall["$name.$c"]="$(stats <"$out/$name.$c.runs")"
  done
}

echo "timing ($runs runs of each case, interleaved)..." >&2
for name in "${images[@]}"; do
  bench_image "$name"
done

echo
echo "exhibit analyze files --hash vs fiwalk -X ($(fiwalk -V 2>&1 | head -1)), $runs runs each"
echo "host: $(nproc) CPUs, load average $(cut -d' ' -f1-3 /proc/loadavg) at the end, $(uname -r)"
printf '%-10s %-36s %26s\n' image case "wall s: median (min-max)"
for name in "${images[@]}"; do
  read -r e emin emax <<<"${wall[$name.md5sha1]}"
  read -r f fmin fmax <<<"${wall[$name.fiwalk]}"
  read -r s smin smax <<<"${wall[$name.sha256]}"
  printf '%-10s %-36s %10.2f (%.2f-%.2f)\n' "$name" "exhibit --hash md5,sha1" "$e" "$emin" "$emax"
  printf '%-10s %-36s %10.2f (%.2f-%.2f)\n' "" "fiwalk (MD5, SHA-1)" "$f" "$fmin" "$fmax"
  printf '%-10s %-36s %10.2f (%.2f-%.2f)\n' "" "exhibit --hash md5,sha1,sha256" "$s" "$smin" "$smax"
  speed="$(awk -v a="$f" -v b="$e" 'BEGIN { printf "%.2f", a / b }')"
  extra="$(awk -v a="$s" -v b="$e" 'BEGIN { printf "%.0f", (a / b - 1) * 100 }')"
  verdict() { awk -v v="$1" -v t="$2" -v op="$3" 'BEGIN { ok = op == ">=" ? v >= t : v < t; print ok ? "met" : "NOT met" }'; }
  echo "  $name: exhibit ${speed}x fiwalk's speed (target >= 2: $(verdict "$speed" 2 ">=")); SHA-256 adds ${extra} % (target < 30: $(verdict "$extra" 30 "<"))"
done
