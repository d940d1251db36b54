#!/usr/bin/env bash
# Issue 3 benchmark: a 1 GiB faulty block device (testkit FaultyDevice: FUSE + loop, reads touching a bad sector fail
# with EIO through the real kernel path) with 1000 scattered bad sectors, read in one run by
#   exhibit acquire (md5, sha1, sha256), GNU ddrescue (defaults: no hashes) and dc3dd (hash=md5 hash=sha1 hash=sha256).
# For each: wall time, bad sectors reported, sectors recovered, and the reads of the device that failed.
#
#   bench/badsectors.sh [--bad-delay DURATION] [--bad SPEC] [--size SIZE] [--rounds N]
#
# --bad-delay 10ms makes each failing read take that long first, as a failing drive retrying does (default: none).
# Each tool gets a fresh device (cold page cache), whose server is warmed up first with large and one-sector reads;
# only the tool itself is timed. Wall times include exhibit's JVM start-up. With --rounds N (default 1)
# the median wall time is reported. Environment: BENCH_DIR (default /var/tmp/exhibit-bench-bad; about 3 GiB).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
size=1GiB
bad="1000@random:42"
delay=""
rounds=1
while [ $# -gt 0 ]; do
  case "$1" in
    --bad-delay) delay="$2"; shift 2 ;;
    --bad) bad="$2"; shift 2 ;;
    --size) size="$2"; shift 2 ;;
    --rounds) rounds="$2"; shift 2 ;;
    *) echo "usage: $0 [--bad-delay DURATION] [--bad SPEC] [--size SIZE] [--rounds N]" >&2; exit 2 ;;
  esac
done
dir="${BENCH_DIR:-/var/tmp/exhibit-bench-bad}"
mkdir -p "$dir"
"$root/scripts/ensure-deps" bench
"$root/exhibit" --version >/dev/null # builds the command line when needed, outside the timings
export JAVA_HOME="${JAVA_HOME:-$(ls -d /usr/lib/jvm/temurin-25* | head -n1)}"
if [ ! -d "$root/testkit/target/classes" ] || [ ! -d "$root/core/target/test-classes" ]; then
  (cd "$root" && ./mvnw -B -q -pl testkit -am verify -DskipTests)
fi
cp="$root/testkit/target/classes:$root/core/target/classes:$root/core/target/test-classes"
cp="$cp:$(find "$root/cli/target/lib" -name 'jackson-*.jar' | tr '\n' ':')"
device_args=(--size "$size" --pattern 7 --bad "$bad")
[ -n "$delay" ] && device_args+=(--bad-delay "$delay")

# run NAME COMMAND...: starts a fresh faulty device, runs COMMAND with $DEV set, and appends
# "NAME seconds failed-reads bad-sectors" to $dir/times.txt; the device's report goes to $dir/NAME.device.
run() {
  local name="$1"; shift
  rm -rf "$dir/exhibit" "$dir/ddrescue.img" "$dir/ddrescue.map" "$dir/dc3dd.img" "$dir/dc3dd.log"
  coproc DEVICE { exec "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -cp "$cp" \
    dev.exhibit.testkit.FaultyDevice "${device_args[@]}" 2>"$dir/$name.device"; }
  local dev
  read -r dev <&"${DEVICE[0]}" || { echo "faulty device failed:" >&2; cat "$dir/$name.device" >&2; exit 3; }
  # warm the device's server (a JVM) up with large and one-sector reads, so no tool pays for its JIT
  dd if="$dev" of=/dev/null bs=1M count=64 iflag=direct conv=noerror 2>/dev/null || true
  dd if="$dev" of=/dev/null bs=512 count=20000 iflag=direct conv=noerror 2>/dev/null || true
  blockdev --flushbufs "$dev"
  blockdev --getsz "$dev" >"$dir/sectors" # 512-byte sectors
  local start end status=0
  start=$(date +%s.%N)
  DEV="$dev" "$@" >"$dir/$name.out" 2>&1 || status=$?
  end=$(date +%s.%N)
  exec {DEVICE[1]}>&- # closing its stdin detaches the loop device and unmounts
  wait "$DEVICE_PID" || true
  # ddrescue exits 0 with bad sectors; dc3dd exits 1 when it replaced some; exhibit exits 0
  if [ "$status" -gt 1 ]; then echo "$name failed ($status):" >&2; cat "$dir/$name.out" >&2; exit 1; fi
  local failed
  failed=$(sed -n 's/.*: [0-9]* reads logged, \([0-9]*\) failed; closing/\1/p' "$dir/$name.device")
  echo "$name $(echo "$end - $start" | bc) $((failed - warmup_failed)) $(bad_sectors "$name")" >>"$dir/times.txt"
}

# The bad sectors a tool reported, as it reports them.
bad_sectors() {
  case "$1" in
    exhibit) ddrescuelog -l- -b512 "$dir/exhibit/badsectors.map" | wc -l ;;
    ddrescue) ddrescuelog -l'-*/?' -b512 "$dir/ddrescue.map" | wc -l ;;
    dc3dd) sed -n 's/^ *\([0-9]*\) bad sectors replaced by zeros.*/\1/p' "$dir/dc3dd.log" | tail -1 ;;
    warmup) echo 0 ;;
  esac
}

rm -f "$dir/times.txt"
# The warm-up's own failed reads (the same on every fresh device), left out of each tool's count.
warmup_failed=0
run warmup true
warmup_failed=$(awk '$1 == "warmup" {print $3}' "$dir/times.txt")

for ((i = 1; i <= rounds; i++)); do
  echo "round $i of $rounds" >&2
  run exhibit sh -c '"$0" acquire --hash md5,sha1,sha256 "$DEV" "$1"' "$root/exhibit" "$dir/exhibit"
  run ddrescue sh -c 'ddrescue -q "$DEV" "$0" "$1"' "$dir/ddrescue.img" "$dir/ddrescue.map"
  run dc3dd sh -c 'dc3dd if="$DEV" of="$0" log="$1" hash=md5 hash=sha1 hash=sha256' "$dir/dc3dd.img" "$dir/dc3dd.log"
done
rm -rf "$dir/exhibit" "$dir/ddrescue.img" "$dir/dc3dd.img"

median() { sort -n | awk '{a[NR] = $1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }
col() { awk -v n="$1" -v c="$2" '$1 == n {print $c}' "$dir/times.txt" | median; }
sectors=$(cat "$dir/sectors")
echo
echo "faulty device: $size, bad sectors $bad, bad-read delay ${delay:-none}; $rounds round(s), medians"
printf '  %-9s %9s %12s %18s %13s\n' tool "wall s" "bad sectors" "sectors recovered" "reads failed"
for n in exhibit ddrescue dc3dd; do
  printf '  %-9s %9.2f %12s %18s %13s\n' "$n" "$(col "$n" 2)" "$(col "$n" 4)" \
    "$((sectors - $(col "$n" 4)))" "$(col "$n" 3)"
done
awk -v e="$(col exhibit 2)" -v d="$(col ddrescue 2)" -v eb="$(col exhibit 4)" -v db="$(col ddrescue 4)" 'BEGIN {
  printf "exhibit vs ddrescue (defaults): %.2fx the wall time (target <= 1), %d vs %d sectors not recovered (target: no more)\n", e / d, eb, db }'
echo "(ddrescue's count includes sectors it left non-trimmed or non-scraped; raw figures: $dir/times.txt)"
