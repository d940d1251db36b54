#!/usr/bin/env bash
# Issue 13 (B.5) benchmark: how long one command takes, exhibit against The Sleuth Kit's tools, on the demo's sample
# disk (64 MiB, MBR, FAT16 and ext4; testdata/make-image.sh demo). With hyperfine, in one run of this script, output
# to /dev/null: ROUNDS rounds, each running every command RUNS times after a warm-up, so that the load of a shared
# machine falls on all commands alike. Prints a table of wall times with the targets (--version under 0.3 s, analyze
# under 1 s) and the ratio of medians to the tool that does the same, and the mean CPU time (user and system, all
# processes), which varies less than wall time on a busy machine.
#
#   bench/startup.sh [ROUNDS [RUNS]]     default 5 rounds of 4 runs: 20 runs per command
#
# Environment:
#   EXHIBIT=PATH         the launcher to time (default: this checkout's)
#   EXHIBIT_BEFORE=PATH  also time another checkout's launcher in the same rounds (before and after a change)
#   BENCH_COLD=1         also time every command with its files (JDK, jars, AOT caches, libraries, image) dropped
#                        from the page cache before each run (posix_fadvise through dd; pages that other processes
#                        have mapped, such as a JDK other JVMs run on, stay)
#   BENCH_NOAOT=1        also time exhibit without its AOT caches (EXHIBIT_AOT=off), in the same rounds
# The first command after a build trains the AOT caches: that one-off cost is measured once, at the end.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
exhibit="${EXHIBIT:-$root/exhibit}"
before="${EXHIBIT_BEFORE:-}"
rounds="${1:-5}"
runs="${2:-4}"
out="$root/bench/out/startup"
export TZ=UTC

"$root/scripts/ensure-deps" bench >&2
mkdir -p "$out"
img="$out/demo.img"
[ -f "$img" ] || "$root/testdata/make-image.sh" demo "$out" >&2
launchers=("$exhibit")
[ -n "$before" ] && launchers+=("$before")
for launcher in "${launchers[@]}"; do
  # builds and trains the caches when needed, outside the timings
  "$launcher" --version >/dev/null
  "$launcher" analyze "$img" >/dev/null
done

# The file icat and analyze cat read: the largest allocated file on the ext4 partition.
facts="$out/demo.facts.json"
fs_start="$(jq -r '.file_systems[] | select(.type == "ext4") | .start_sector' "$facts")"
file="$(jq -r '.file_systems[] | select(.type == "ext4") | [.entries[] | select(.kind == "file" and (.deleted | not))]
               | max_by(.size_bytes) | .path' "$facts")"
inode="$(ifind -o "$fs_start" -n "/$file" "$img")"

# The same bytes, or the comparison means nothing.
cmp -s <("$exhibit" analyze files "$img" --bodyfile) <(tsk_gettimes "$img") ||
  { echo "exhibit analyze files --bodyfile and tsk_gettimes differ on $img" >&2; exit 1; }
cmp -s <("$exhibit" analyze cat "$img" --offset "$fs_start" --inode "$inode") <(icat -o "$fs_start" "$img" "$inode") ||
  { echo "exhibit analyze cat and icat differ on $img, inode $inode" >&2; exit 1; }

# name|label|command; exhibit's rows name the tool they are compared with and their target.
rows=(
  "version|exhibit --version|EXHIBIT --version"
  "analyze|exhibit analyze IMAGE|EXHIBIT analyze $img"
  "files|exhibit analyze files IMAGE --bodyfile|EXHIBIT analyze files $img --bodyfile"
  "cat|exhibit analyze cat IMAGE --offset S --inode N|EXHIBIT analyze cat $img --offset $fs_start --inode $inode"
  "mmls|mmls IMAGE|mmls $img"
  "tsk_gettimes|tsk_gettimes IMAGE|tsk_gettimes $img"
  "icat|icat -o S IMAGE N|icat -o $fs_start $img $inode"
)
declare -A target=([version]=0.3 [analyze]=1.0)
declare -A versus=([analyze]=mmls [files]=tsk_gettimes [cat]=icat)

# What a cold start reads: the JDKs, the jars and caches, libtsk and the libraries it needs, the image, the tools.
drop="$out/drop-cache.sh"
{
  echo '#!/bin/sh'
  {
    ls /usr/lib/jvm/*/lib/modules /usr/lib/jvm/*/lib/*.so /usr/lib/jvm/*/lib/server/* 2>/dev/null || true
    for launcher in "${launchers[@]}"; do
      find "$(dirname "$launcher")/cli/target" -maxdepth 2 \( -name '*.jar' -o -name '*.aot' \)
    done
    find "${XDG_CACHE_HOME:-$HOME/.cache}/exhibit" -name '*.aot' 2>/dev/null || true
    ldd /usr/bin/mmls | awk '$3 ~ /^\// { print $3 }'
    echo /usr/bin/mmls /usr/bin/tsk_gettimes /usr/bin/icat "$img"
  } | sort -u | while read -r f; do printf "dd if='%s' iflag=nocache count=0 status=none 2>/dev/null || true\n" "$f"; done
} >"$drop"
chmod +x "$drop"

# bench MODE: ROUNDS hyperfine runs over every command, results in $out/MODE-ROUND.json.
bench() {
  local mode="$1" r row name cmd
  local -a args
  for ((r = 1; r <= rounds; r++)); do
    echo "timing ($mode): round $r of $rounds" >&2
    args=(-N --warmup 1 --runs "$runs" --export-json "$out/$mode-$r.json" --style none)
    [ "$mode" = cold ] && args+=(--prepare "$drop")
    for row in "${rows[@]}"; do
      IFS='|' read -r name _ cmd <<<"$row"
      if [[ "$cmd" == EXHIBIT* ]]; then
        args+=(-n "$name" "${cmd/EXHIBIT/$exhibit}")
        [ -n "$before" ] && args+=(-n "before-$name" "${cmd/EXHIBIT/$before}")
        [ "$mode" = warm ] && [ "${BENCH_NOAOT:-0}" = 1 ] &&
          args+=(-n "noaot-$name" "env EXHIBIT_AOT=off ${cmd/EXHIBIT/$exhibit}")
      else
        args+=(-n "$name" "$cmd")
      fi
    done
    hyperfine "${args[@]}" >/dev/null
  done
}

# stats MODE NAME: median mean min max cpu of NAME's runs over every round.
stats() {
  jq -rs --arg n "$2" '[.[].results[] | select(.command == $n)] as $r | ($r | map(.times[]) | sort) as $t
    | if ($t | length) == 0 then empty else
      [$t[(($t | length) - 1) / 2 | floor], ($t | add / length), $t[0], $t[-1],
       ($r | map(.user + .system) | add / length)] | @tsv end' "$out/$1"-*.json
}

# table MODE TITLE
table() {
  local mode="$1" row name label label2 stat median mean min max cpu note theirs
  echo
  echo "$2"
  printf '%-64s %8s %8s %8s %8s %8s  %s\n' command median mean min max cpu "target; ratio of medians"
  for row in "${rows[@]}"; do
    IFS='|' read -r name label _ <<<"$row"
    for who in "" before- noaot-; do
      stat="$(stats "$mode" "$who$name")"
      [ -n "$stat" ] || continue
      read -r median mean min max cpu <<<"$stat"
      note=""
      if [ -n "${target[$name]:-}" ]; then
        note="< ${target[$name]} s: $(awk -v m="$median" -v t="${target[$name]}" 'BEGIN { print (m < t) ? "met" : "NOT met" }')"
      fi
      if [ -n "${versus[$name]:-}" ]; then
        theirs="$(stats "$mode" "${versus[$name]}" | cut -f1)"
        [ -n "$theirs" ] || theirs="$(stats warm "${versus[$name]}" | cut -f1)"
        note="${note:+$note; }$(awk -v a="$median" -v b="$theirs" 'BEGIN { printf "%.1fx", a / b }') ${versus[$name]}"
      fi
      if [ -n "$who" ]; then
        note="$note; this/${who%-} $(awk -v a="$(stats "$mode" "$name" | cut -f1)" -v b="$median" \
          'BEGIN { printf "%.2f", a / b }')"
      fi
      case "$who" in
        before-) label2="before: $label" ;;
        noaot-) label2="no AOT caches: $label" ;;
        *) label2="$label" ;;
      esac
      printf '%-64s %7.3fs %7.3fs %7.3fs %7.3fs %7.3fs  %s\n' "$label2" \
        "$median" "$mean" "$min" "$max" "$cpu" "$note"
    done
  done
}

rm -f "$out"/warm-*.json "$out"/cold-*.json
load_start="$(cut -d' ' -f1-3 /proc/loadavg)"
bench warm
[ "${BENCH_COLD:-0}" = 1 ] && bench cold
load_end="$(cut -d' ' -f1-3 /proc/loadavg)"

# One-off: the first command after a build trains the caches (the jar's new time makes them stale).
touch "$(dirname "$exhibit")/cli/target/exhibit.jar"
first_version="$(/usr/bin/time -f %e "$exhibit" --version 2>&1 >/dev/null | tail -n1)"
first_analyze="$(/usr/bin/time -f %e "$exhibit" analyze "$img" 2>&1 >/dev/null | tail -n1)"

echo
echo "exhibit: $("$exhibit" --version | head -n1)${before:+; before: $("$before" --version | head -n1)}"
echo "$(nproc) CPUs, load average $load_start at the start, $load_end at the end"
echo "image: $img ($(stat -c %s "$img") bytes); cat and icat read /$file (inode $inode, at sector $fs_start)"
runs_each=$((rounds * runs))
table warm "Page cache warm: $runs_each runs each ($rounds rounds of $runs, after a warm-up)"
[ "${BENCH_COLD:-0}" = 1 ] && table cold "Page cache cold (files dropped before every run): $runs_each runs each"
echo
echo "First command after a build, training the caches once: --version ${first_version} s, analyze ${first_analyze} s"
