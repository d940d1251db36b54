#!/usr/bin/env bash
# Issue 2 benchmark: exhibit acquire against dc3dd (three hashes) and against a plain copy (SHA-256 only), on one
# generated 2 GiB incompressible file held in the page cache, side by side in one run; then peak memory (RSS) for a
# 2 GiB and a 16 GiB sparse source.
#
#   bench/acquire.sh [ROUNDS]        (default 3 rounds; medians are reported)
#
# Environment: BENCH_DIR (default /var/tmp/exhibit-bench; needs about 20 GiB free for the 16 GiB run).
# Wall times include each tool's whole process: JVM start-up for exhibit, nothing for dc3dd and cat.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
rounds="${1:-3}"
dir="${BENCH_DIR:-/var/tmp/exhibit-bench}"
mkdir -p "$dir"
"$root/scripts/ensure-deps" bench
"$root/exhibit" --version >/dev/null # builds when needed, outside the timings

src="$dir/source-2g.bin"
if [ ! -f "$src" ] || [ "$(stat -c %s "$src")" -ne 2147483648 ]; then
  echo "generating $src (2 GiB of AES-CTR keystream: incompressible)..." >&2
  # head closes the pipe after 2 GiB and openssl dies of SIGPIPE: that is the normal end here
  (openssl enc -aes-256-ctr -nosalt -pass pass:exhibit-bench -pbkdf2 </dev/zero 2>/dev/null || true) |
    head -c 2147483648 >"$src"
  [ "$(stat -c %s "$src")" -eq 2147483648 ] || { echo "could not generate $src" >&2; exit 1; }
fi
cat "$src" >/dev/null # into the page cache: the benchmark measures CPU and pipeline cost, not the disk

out="$dir/out"
clean() { rm -rf "$out" "$dir/copy.bin" "$dir/dc3dd.img"; sync; }
# timed NAME COMMAND...: wall seconds and peak RSS (KiB) of one run, appended to $dir/times.txt
timed() {
  local name="$1"; shift
  clean
  /usr/bin/time -f "$name %e %M" -a -o "$dir/times.txt" "$@" >/dev/null 2>"$dir/last.err" ||
    { echo "$name failed:" >&2; cat "$dir/last.err" >&2; exit 1; }
}
rm -f "$dir/times.txt"
for ((i = 1; i <= rounds; i++)); do
  echo "round $i of $rounds" >&2
  timed dc3dd dc3dd if="$src" of="$dir/dc3dd.img" hash=md5 hash=sha1 hash=sha256
  timed exhibit-3 "$root/exhibit" acquire --hash md5,sha1,sha256 "$src" "$out"
  timed cat sh -c "cat '$src' > '$dir/copy.bin'"
  timed exhibit-sha256 "$root/exhibit" acquire --hash sha256 "$src" "$out"
done
clean

sparse="$dir/sparse-16g.bin"
truncate -s 16G "$sparse"
timed rss-2g "$root/exhibit" acquire --hash sha256 "$src" "$out"
timed rss-16g "$root/exhibit" acquire --hash sha256 "$sparse" "$out"
clean
rm -f "$sparse"

median() { sort -n | awk '{a[NR] = $1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }
m() { awk -v n="$1" '$1 == n {print $2}' "$dir/times.txt" | median; }
rss() { awk -v n="$1" '$1 == n {print $3}' "$dir/times.txt" | sort -n | tail -1; }
mbps() { awk -v s="$1" 'BEGIN {printf "%.0f", 2147483648 / s / 1e6}'; }

echo
echo "2 GiB source in the page cache, $rounds rounds, median wall time (MB = 10^6 bytes):"
for n in dc3dd exhibit-3 cat exhibit-sha256; do
  printf '  %-16s %6.2f s  %5s MB/s  peak RSS %s KiB\n' "$n" "$(m "$n")" "$(mbps "$(m "$n")")" "$(rss "$n")"
done
awk -v a="$(m dc3dd)" -v b="$(m exhibit-3)" 'BEGIN {printf "exhibit --hash md5,sha1,sha256 vs dc3dd hash=md5 hash=sha1 hash=sha256: %.2fx the throughput (target 3x)\n", a / b}'
awk -v a="$(m cat)" -v b="$(m exhibit-sha256)" 'BEGIN {printf "exhibit --hash sha256 vs cat SOURCE > DEST:                        %.2fx the throughput (target 0.85x)\n", a / b}'
echo "peak RSS, exhibit acquire --hash sha256: 2 GiB source $(rss rss-2g) KiB, 16 GiB sparse source $(rss rss-16g) KiB"
echo "raw timings: $dir/times.txt"

# What the digests alone cost on this machine: the floor under any pipeline, however well it overlaps.
java_home="$(for d in "${JAVA_HOME:-}" /usr/lib/jvm/*; do
  [ -x "$d/bin/java" ] || continue
  sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$d/release" 2>/dev/null | awk -v d="$d" '$1 >= 25 {print d}' || true
done | head -n1)"
echo
echo "one-core digest speed of this JVM, and the floor it sets (bench/DigestSpeed.java):"
"$java_home/bin/java" "$root/bench/DigestSpeed.java" 2147483648
awk -v a="$(m dc3dd)" 'BEGIN {printf "3x dc3dd would need %.2f s of wall time\n", a / 3}'
