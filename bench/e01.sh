#!/usr/bin/env bash
# Issue 9 benchmark: writing and verifying E01, exhibit against libewf's ewfacquire and ewfverify (Debian's
# ewf-tools), side by side in one run, with MD5, SHA-1 and SHA-256 on both sides:
#   acquire  exhibit acquire --format e01 --compression fast  vs  ewfacquire -c fast -d sha1,sha256 (EnCase 6,
#            32 KiB chunks, 1500 MiB segments), on a 2 GiB disk that looks like a used drive (testdata/lib/used.sh)
#            and on 2 GiB of AES-CTR keystream (incompressible); exhibit's raw acquisition as a reference
#   verify   exhibit verify (the E01 file, and the acquisition directory)  vs  ewfverify -d sha1,sha256, on the E01s
#            both tools wrote
#   rss      peak RSS of both acquisitions of the 2 GiB disk and of a 16 GiB sparse source (a few MiB of data)
# and the floors: how fast this machine computes MD5, SHA-1 and SHA-256 (bench/DigestSpeed.java) and deflates and
# inflates each source's chunks (zlib level 1, through python3 when it is installed), and so the least time any E01
# writer or verifier that does that work could take on this machine's cores. Prints a table of medians, ratios and
# the issue's targets, and writes it to WORK/results.md and WORK/results.json (every run in WORK/runs.tsv).
#
#   bench/e01.sh [--quick] [--only acquire|verify|rss] [--rounds N] [--work DIR] [--cold] [--loop] [--exhibit PATH]
#
# --quick      256 MiB sources (the sparse one 2 GiB), for a smoke run
# --rounds N   runs per command (default 1), interleaved, the order of the tools swapped each round; medians reported
# --work DIR   where sources are generated (once, then reused) and images written (default bench/work/, about 8 GiB)
# --cold       drop the page cache before every run (sync; echo 3 >/proc/sys/vm/drop_caches: slows everyone else on
#              the machine down); by default every run's input is read into the page cache first, for both tools alike
# --loop       read each source through a read-only loop device (losetup -r), the path a disk takes
# --exhibit P  the launcher to time (default: this checkout's ./exhibit)
# Wall times are each tool's whole process (the JVM's start for exhibit) plus an fsync of what it wrote. Until exhibit
# writes E01 (acquire --help lists --format with e01), its side is reported as not available.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=/dev/null
source "$root/testdata/lib/common.sh" # prng, and the pinned locale and zone
usage() {
  sed -n 's/^#   \(bench\/e01.sh .*\)/usage: \1/p' "$0" >&2
  exit 2
}
fail() {
  echo "e01 bench: $*" >&2
  exit 1
}

work="$root/bench/work" quick=0 only="" rounds=1 cold=0 loop=0 exhibit="${EXHIBIT:-$root/exhibit}"
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) quick=1; shift ;;
    --only) only="${2:-}"; case "$only" in acquire | verify | rss) ;; *) usage ;; esac; shift 2 ;;
    --rounds) rounds="${2:-}"; [[ "$rounds" =~ ^[1-9][0-9]*$ ]] || usage; shift 2 ;;
    --work) work="${2:-}"; [ -n "$work" ] || usage; shift 2 ;;
    --cold) cold=1; shift ;;
    --loop) loop=1; shift ;;
    --exhibit) exhibit="${2:-}"; [ -x "$exhibit" ] || usage; shift 2 ;;
    *) usage ;;
  esac
done
phase_on() { [ -z "$only" ] || [ "$only" = "$1" ]; }
[ "$(id -u)" -eq 0 ] || fail "needs root (the used-drive disk is built through an ntfs-3g mount; --cold, --loop)"
mkdir -p "$work"
work="$(cd "$work" && pwd)"

"$root/scripts/ensure-deps" bench >&2
java_home="$(for d in "${JAVA_HOME:-}" /usr/lib/jvm/*; do
  [ -x "$d/bin/java" ] || continue
  sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$d/release" 2>/dev/null | awk -v d="$d" '$1 >= 25 {print d}' || true
done | head -n1)"
[ -n "$java_home" ] || fail "no JDK 25 under JAVA_HOME or /usr/lib/jvm"
export JAVA_HOME="$java_home"
"$exhibit" --version >/dev/null # builds the command line when needed, outside the timings
acquire_help="$("$exhibit" acquire --help 2>&1 || true)"
verify_help="$("$exhibit" verify --help 2>&1 || true)"
e01_acquire=0 e01_verify=0 segment_opt=()
grep -q -- '--format' <<<"$acquire_help" && grep -qi 'e01' <<<"$acquire_help" && e01_acquire=1
grep -qi 'e01' <<<"$verify_help" && e01_verify=1
grep -q -- '--segment-size' <<<"$acquire_help" && segment_opt=(--segment-size 1500MiB)

# Sources: NAME -> path, size in bytes, label; what the tools write from them goes to out_dir.
src_dir="$work/sources"
mkdir -p "$src_dir"
if [ "$quick" = 1 ]; then used_name=used-256m size=$((256 << 20)) sparse_size=$((2 << 30)); else
  used_name=used-2g size=$((2 << 30)) sparse_size=$((16 << 30)); fi
out_dir="$work/out/$used_name"
declare -A src=([used]="$src_dir/$used_name.img" [random]="$src_dir/random-$size.bin"
  [sparse]="$src_dir/sparse-$sparse_size.bin")
declare -A src_label=([used]="used drive $((size >> 20)) MiB" [random]="incompressible $((size >> 20)) MiB"
  [sparse]="sparse $((sparse_size >> 30)) GiB")
if [ ! -s "$src_dir/$used_name.info.json" ] || [ ! -f "${src[used]}" ]; then
  echo "generating ${src[used]} (testdata/make-bench-image.sh $used_name)..." >&2
  "$root/testdata/make-bench-image.sh" "$used_name" "$src_dir" >/dev/null
  rm -rf "$out_dir"/*-used # images of the disk this one replaces
fi
if [ ! -f "${src[random]}" ] || [ "$(size_of "${src[random]}")" -ne "$size" ]; then
  echo "generating ${src[random]} (AES-256-CTR keystream, seeded)..." >&2
  prng exhibit-e01-bench-random "$size" >"${src[random]}.tmp" && mv "${src[random]}.tmp" "${src[random]}"
  rm -rf "$out_dir"/*-random
fi
if [ ! -f "${src[sparse]}" ] || [ "$(size_of "${src[sparse]}")" -ne "$sparse_size" ]; then
  echo "generating ${src[sparse]} (sparse: 4 MiB of keystream at its start, middle and end)..." >&2
  rm -f "${src[sparse]}"
  truncate -s "$sparse_size" "${src[sparse]}"
  for at in 0 $((sparse_size / 2)) $((sparse_size - (4 << 20))); do
    prng "exhibit-e01-bench-sparse-$at" $((4 << 20)) |
      dd of="${src[sparse]}" bs=1M seek=$((at >> 20)) conv=notrunc status=none
  done
fi
declare -A input
loops=()
detach_loops() {
  local l
  for l in "${loops[@]}"; do losetup -d "$l" 2>/dev/null || true; done
}
trap detach_loops EXIT
for s in used random sparse; do
  input[$s]="${src[$s]}"
  if [ "$loop" = 1 ]; then
    input[$s]="$(losetup -r -f --show "${src[$s]}")"
    loops+=("${input[$s]}")
  fi
done

# One timed run: PHASE SOURCE TOOL IMAGE OUT -- COMMAND... with the files to pre-read in WARM. Appends to runs.tsv:
# phase source tool image round wall_s tool_s flush_s peak_rss_kb out_bytes exit_status.
logs="$work/logs" runs="$work/runs.tsv"
mkdir -p "$out_dir" "$logs"
WARM=()
round=0
timed() {
  local phase="$1" source="$2" tool="$3" image="$4" out="$5" tag="$1-$2-$3-$4-$round" rc=0 t0 t1 rss secs bytes
  shift 6
  if [ "$cold" = 1 ]; then sync; echo 3 >/proc/sys/vm/drop_caches; else cat "${WARM[@]}" >/dev/null; sync; fi
  /usr/bin/time -v -o "$logs/$tag.time" "$@" >"$logs/$tag.out" 2>"$logs/$tag.err" || rc=$?
  t0=$(date +%s.%N)
  [ -z "$out" ] || find "$out" -type f -exec sync {} +
  t1=$(date +%s.%N)
  secs="$(awk -F': ' '/Elapsed \(wall clock\)/ {
    n = split($2, t, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + t[i]; print s }' "$logs/$tag.time")"
  rss="$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$logs/$tag.time")"
  bytes="$([ -z "$out" ] ||
    find "$out" -type f \( -name '*.E??' -o -name '*.raw' -o -name '*.[0-9][0-9][0-9]' \) -printf '%s\n' |
    awk '{ s += $1 } END { printf "%.0f\n", s }')"
  [ "$rc" -eq 0 ] || { echo "$tag: exit status $rc:" >&2; tail -n 5 "$logs/$tag.err" >&2; }
  printf '%s\t%s\t%s\t%s\t%d\t%.3f\t%.3f\t%.3f\t%d\t%d\t%d\n' "$phase" "$source" "$tool" "$image" "$round" \
    "$(awk -v a="$secs" -v b="$t0" -v c="$t1" 'BEGIN { print a + c - b }')" "$secs" \
    "$(awk -v b="$t0" -v c="$t1" 'BEGIN { print c - b }')" "$rss" "${bytes:-0}" "$rc" >>"$runs"
}
ewf_acquire() { # PHASE SOURCE
  rm -rf "$out_dir/ewf-$2"
  mkdir -p "$out_dir/ewf-$2"
  WARM=("${input[$2]}")
  timed "$1" "$2" ewfacquire - "$out_dir/ewf-$2" -- \
    ewfacquire -u -q -t "$out_dir/ewf-$2/x" -f encase6 -c fast -d sha1,sha256 -S 1500MiB "${input[$2]}"
}
exhibit_acquire() { # PHASE SOURCE
  [ "$e01_acquire" = 1 ] || return 0
  rm -rf "$out_dir/exhibit-$2"
  WARM=("${input[$2]}")
  timed "$1" "$2" exhibit-e01 - "$out_dir/exhibit-$2" -- "$exhibit" acquire --format e01 --compression fast \
    --hash md5,sha1,sha256 "${segment_opt[@]}" "${input[$2]}" "$out_dir/exhibit-$2"
}
exhibit_raw() { # PHASE SOURCE
  rm -rf "$out_dir/raw-$2"
  WARM=("${input[$2]}")
  timed "$1" "$2" exhibit-raw - "$out_dir/raw-$2" -- \
    "$exhibit" acquire --hash md5,sha1,sha256 "${input[$2]}" "$out_dir/raw-$2"
  rm -rf "$out_dir/raw-$2"
}
rm -f "$logs/digest-speed.txt" "$logs"/deflate-*.json
: >"$runs.new"
runs="$runs.new"
echo "load average at the start: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
load_start="$(cut -d' ' -f1-3 /proc/loadavg)"

if phase_on acquire; then
  for ((round = 1; round <= rounds; round++)); do
    for s in used random; do
      echo "acquire, round $round of $rounds: ${src_label[$s]}..." >&2
      if ((round % 2)); then ewf_acquire acquire "$s"; exhibit_acquire acquire "$s"; else
        exhibit_acquire acquire "$s"; ewf_acquire acquire "$s"; fi
      exhibit_raw acquire "$s"
    done
  done
  echo "digest floor (bench/DigestSpeed.java)..." >&2
  "$java_home/bin/java" "$root/bench/DigestSpeed.java" "$size" >"$logs/digest-speed.txt"
  # zlib (the library Java's Deflater wraps) at level 1, one 32 KiB chunk at a time, as "fast" does: CPU seconds
  # for the all-zero chunks, those deflate makes smaller (and inflating them again), and those it does not
  if command -v python3 >/dev/null; then
    for s in used random; do
      echo "deflate floor: zlib level 1 over the ${src_label[$s]}, 32 KiB chunks..." >&2
      python3 - "${src[$s]}" >"$logs/deflate-$s.json" <<'PY'
import json, sys, time, zlib
CHUNK = 32768
zero = bytes(CHUNK)
kinds = {k: {"chunks": 0, "deflate_s": 0.0, "inflate_s": 0.0} for k in ("zero", "shrinks", "stored_raw")}
with open(sys.argv[1], "rb") as f:
    while chunk := f.read(CHUNK):
        start = time.process_time()
        packed = zlib.compress(chunk, 1)
        spent = time.process_time() - start
        kind = kinds["zero" if chunk == zero else "shrinks" if len(packed) < len(chunk) else "stored_raw"]
        kind["chunks"] += 1
        kind["deflate_s"] += spent
        if len(packed) < len(chunk):
            start = time.process_time()
            zlib.decompress(packed)
            kind["inflate_s"] += time.process_time() - start
print(json.dumps(kinds))
PY
    done
  fi
fi

if phase_on verify; then
  round=0
  for s in used random; do # the E01s to verify, when an earlier run did not leave them
    [ -f "$out_dir/ewf-$s/x.E01" ] || ewf_acquire setup "$s"
    [ "$e01_acquire" = 0 ] || [ -f "$out_dir/exhibit-$s/image.E01" ] || exhibit_acquire setup "$s"
  done
  for ((round = 1; round <= rounds; round++)); do
    for s in used random; do
      echo "verify, round $round of $rounds: ${src_label[$s]}..." >&2
      for image in ewf exhibit; do
        if [ "$image" = ewf ]; then e01="$out_dir/ewf-$s/x.E01"; else e01="$out_dir/exhibit-$s/image.E01"; fi
        [ -f "$e01" ] || continue
        [ "$image" = ewf ] || [ "$e01_acquire" = 1 ] || continue # an E01 another build of exhibit left
        WARM=("$(dirname "$e01")"/*)
        timed verify "$s" ewfverify "$image" "" -- ewfverify -q -d sha1,sha256 "$e01"
        [ "$e01_verify" = 0 ] || timed verify "$s" exhibit-verify-file "$image" "" -- "$exhibit" verify "$e01"
        [ "$image" = ewf ] || [ "$e01_verify" = 0 ] ||
          timed verify "$s" exhibit-verify-dir "$image" "" -- "$exhibit" verify "$(dirname "$e01")"
      done
    done
  done
fi

if phase_on rss; then
  round=1
  echo "peak RSS: ${src_label[sparse]}..." >&2
  ewf_acquire rss sparse
  exhibit_acquire rss sparse
  if ! phase_on acquire; then
    echo "peak RSS: ${src_label[used]}..." >&2
    ewf_acquire rss used
    exhibit_acquire rss used
  fi
  rm -rf "$out_dir/ewf-sparse" "$out_dir/exhibit-sparse"
fi
mv "$runs" "$work/runs.tsv"
runs="$work/runs.tsv"
load_end="$(cut -d' ' -f1-3 /proc/loadavg)"

"$root/bench/e01-report.sh" "$work" "$(jq -n \
  --arg quick "$quick" --arg rounds "$rounds" --arg cache "$([ "$cold" = 1 ] && echo "dropped before every run" ||
    echo "inputs read into the page cache before every run")" \
  --arg only "$only" --arg loop "$loop" --arg e01_acquire "$e01_acquire" --arg e01_verify "$e01_verify" \
  --arg exhibit "$("$exhibit" --version 2>&1 | head -n1)" --arg commit "$(git -C "$root" rev-parse --short HEAD)" \
  --arg ewf "$(ewfacquire -V 2>&1 | head -n1)" --arg cpus "$(nproc)" \
  --arg cpu "$(sed -n 's/^model name\t: //p' /proc/cpuinfo | head -n1)" \
  --arg kernel "$(uname -r)" --arg load_start "$load_start" --arg load_end "$load_end" --arg date "$(date -u +%FT%TZ)" \
  --arg used "$used_name" --argjson used_info "$(cat "$src_dir/$used_name.info.json")" \
  --argjson size "$size" --argjson sparse_size "$sparse_size" \
  --arg floor "$(cat "$logs/digest-speed.txt" 2>/dev/null || true)" \
  --argjson deflate "$(if [ -s "$logs/deflate-used.json" ] && [ -s "$logs/deflate-random.json" ]; then
    jq -s '{used: .[0], random: .[1]}' "$logs/deflate-used.json" "$logs/deflate-random.json"; else echo null; fi)" \
  '$ARGS.named | .quick |= (. == "1") | .loop |= (. == "1") | .e01_acquire |= (. == "1") | .e01_verify |= (. == "1")
   | .cpus |= tonumber | .rounds |= tonumber')"
