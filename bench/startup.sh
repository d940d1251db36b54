#!/usr/bin/env bash
# Issue 13 (B.5) benchmark: how long one command takes, exhibit against The Sleuth Kit's tools, on the demo's sample
# disk (64 MiB, MBR, FAT16 and ext4; testdata/make-image.sh demo). With hyperfine, in one run of this script: for each
# command, warm-ups, then RUNS timed runs, output to /dev/null. Prints a table of wall times with the targets
# (--version under 0.3 s, analyze under 1 s) and the ratio of medians to the tool that does the same, and the mean
# CPU time (user and system, all processes), which varies less than wall time on a shared machine.
#
#   bench/startup.sh [RUNS]              RUNS per command, default 20
#
# Environment:
#   EXHIBIT=PATH    the launcher to time (default: this checkout's); point it at another checkout to compare builds
#   BENCH_COLD=1    also time each command with its files (JDK, jars, AOT caches, libraries, image) dropped from the
#                   page cache before every run (posix_fadvise through dd; pages other processes have mapped stay)
#   BENCH_NOAOT=1   also time exhibit without its AOT caches (EXHIBIT_AOT=off), as a user who cannot write beside
#                   the jar and has no cache directory meets it
# The first command after a build trains the AOT caches: that one-off cost is measured once, at the end.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
exhibit="${EXHIBIT:-$root/exhibit}"
runs="${1:-20}"
out="$root/bench/out/startup"
export TZ=UTC

"$root/scripts/ensure-deps" bench >&2
mkdir -p "$out"
img="$out/demo.img"
[ -f "$img" ] || "$root/testdata/make-image.sh" demo "$out" >&2
# builds and trains the caches when needed, outside the timings
"$exhibit" --version >/dev/null
"$exhibit" analyze "$img" >/dev/null

# The file icat and analyze cat read: the largest allocated file on the ext4 partition.
fs_start="$(jq -r '.file_systems[] | select(.type == "ext4") | .start_sector' "$out/demo.facts.json")"
file="$(jq -r '.file_systems[] | select(.type == "ext4") | [.entries[] | select(.kind == "file" and (.deleted | not))]
               | max_by(.size_bytes) | .path' "$out/demo.facts.json")"
inode="$(ifind -o "$fs_start" -n "/$file" "$img")"

# The same bytes, or the comparison means nothing.
cmp -s <("$exhibit" analyze files "$img" --bodyfile) <(tsk_gettimes "$img") ||
  { echo "exhibit analyze files --bodyfile and tsk_gettimes differ on $img" >&2; exit 1; }
cmp -s <("$exhibit" analyze cat "$img" --offset "$fs_start" --inode "$inode") <(icat -o "$fs_start" "$img" "$inode") ||
  { echo "exhibit analyze cat and icat differ on $img, inode $inode" >&2; exit 1; }

names=(version analyze files cat mmls tsk_gettimes icat)
declare -A cmd=(
  [version]="$exhibit --version"
  [analyze]="$exhibit analyze $img"
  [files]="$exhibit analyze files $img --bodyfile"
  [cat]="$exhibit analyze cat $img --offset $fs_start --inode $inode"
  [mmls]="mmls $img"
  [tsk_gettimes]="tsk_gettimes $img"
  [icat]="icat -o $fs_start $img $inode"
)
declare -A label=(
  [version]="exhibit --version"
  [analyze]="exhibit analyze IMAGE"
  [files]="exhibit analyze files IMAGE --bodyfile"
  [cat]="exhibit analyze cat IMAGE --offset S --inode N"
  [mmls]="mmls IMAGE"
  [tsk_gettimes]="tsk_gettimes IMAGE"
  [icat]="icat -o S IMAGE N"
)
declare -A target=([version]=0.3 [analyze]=1.0)
declare -A versus=([analyze]=mmls [files]=tsk_gettimes [cat]=icat)

# What a cold start reads: the JDK, the jars and caches, libtsk and the libraries it needs, the image, the tools.
cold_files() {
  {
    ls /usr/lib/jvm/*/lib/modules /usr/lib/jvm/*/lib/server/*.so /usr/lib/jvm/*/lib/server/*.jsa 2>/dev/null || true
    ls /usr/lib/jvm/*/lib/*.so
    find "$(dirname "$exhibit")/cli/target" -maxdepth 2 \( -name '*.jar' -o -name '*.aot' \)
    find "${XDG_CACHE_HOME:-$HOME/.cache}/exhibit" -name '*.aot' 2>/dev/null || true
    ldd /usr/bin/mmls | awk '$3 ~ /^\// { print $3 }'
    echo /usr/bin/mmls /usr/bin/tsk_gettimes /usr/bin/icat "$img"
  } | sort -u
}
drop="$out/drop-cache.sh"
{
  echo '#!/bin/sh'
  cold_files | while read -r f; do printf "dd if='%s' iflag=nocache count=0 status=none 2>/dev/null || true\n" "$f"; done
} >"$drop"
chmod +x "$drop"

# bench MODE NAME...: hyperfine over the commands, results in $out/MODE.json
bench() {
  local mode="$1" n
  shift
  local -a args=(-N --warmup 3 --runs "$runs" --export-json "$out/$mode.json" --style none)
  case "$mode" in
    cold) args=(--warmup 1 --runs "$runs" --export-json "$out/$mode.json" --style none --prepare "$drop") ;;
  esac
  for n in "$@"; do args+=(-n "$n" "${cmd[$n]}"); done
  echo "timing ($mode): $*" >&2
  if [ "$mode" = noaot ]; then
    EXHIBIT_AOT=off hyperfine "${args[@]}" >/dev/null
  else
    hyperfine "${args[@]}" >/dev/null
  fi
}

# table MODE TITLE: one row per command of MODE's results.
table() {
  local mode="$1" title="$2" n
  echo
  echo "$title"
  printf '%-48s %8s %8s %8s %8s %8s  %s\n' command median mean min max cpu "target / ratio"
  for n in "${names[@]}"; do
    local row
    row="$(jq -r --arg n "$n" '.results[] | select(.command == $n) | [.median, .mean, .min, .max, .user + .system]
                               | @tsv' "$out/$mode.json")"
    [ -n "$row" ] || continue
    read -r median mean min max cpu <<<"$row"
    local note=""
    if [ -n "${target[$n]:-}" ]; then
      note="target < ${target[$n]} s: $(awk -v m="$median" -v t="${target[$n]}" 'BEGIN { print (m < t) ? "met" : "NOT met" }')"
    fi
    if [ -n "${versus[$n]:-}" ]; then
      local theirs
      theirs="$(jq -r --arg n "${versus[$n]}" '.results[] | select(.command == $n) | .median' "$out/$mode.json" \
        2>/dev/null || true)"
      [ -z "$theirs" ] && theirs="$(jq -r --arg n "${versus[$n]}" '.results[] | select(.command == $n) | .median' \
        "$out/warm.json")"
      note="${note:+$note; }$(awk -v a="$median" -v b="$theirs" -v t="${versus[$n]}" \
        'BEGIN { printf "%.1fx %s", a / b, t }')"
    fi
    printf '%-48s %7.3fs %7.3fs %7.3fs %7.3fs %7.3fs  %s\n' "${label[$n]}" "$median" "$mean" "$min" "$max" "$cpu" "$note"
  done
}

bench warm "${names[@]}"
[ "${BENCH_NOAOT:-0}" = 1 ] && bench noaot version analyze files cat
[ "${BENCH_COLD:-0}" = 1 ] && bench cold "${names[@]}"

# One-off: the first command after a build trains the caches (the jar's new time makes them stale).
launcher_dir="$(dirname "$exhibit")"
touch "$launcher_dir/cli/target/exhibit.jar"
first_version="$(/usr/bin/time -f %e "$exhibit" --version 2>&1 >/dev/null | tail -n1)"
first_analyze="$(/usr/bin/time -f %e "$exhibit" analyze "$img" 2>&1 >/dev/null | tail -n1)"

echo
echo "exhibit: $("$exhibit" --version | head -n1), $(nproc) CPUs, load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "image: $img ($(stat -c %s "$img") bytes); cat and icat read /$file (inode $inode, at sector $fs_start)"
table warm "Page cache warm, AOT caches present: $runs runs each after 3 warm-ups"
[ "${BENCH_NOAOT:-0}" = 1 ] && table noaot "Page cache warm, no AOT caches (EXHIBIT_AOT=off): $runs runs each"
[ "${BENCH_COLD:-0}" = 1 ] && table cold "Page cache cold (files dropped before every run): $runs runs each"
echo
echo "First command after a build, training the caches once: --version ${first_version} s, analyze ${first_analyze} s"
