#!/usr/bin/env bash
# Builds a large image for the benchmark scripts (not for tests):
#   testdata/make-bench-image.sh ext4-1m OUTDIR    ext4 holding 1,000,000 empty files in 10,000 directories
#   testdata/make-bench-image.sh fat32-4g OUTDIR   sparse 4 GiB FAT32 holding 2,000 small files in 20 directories
#   testdata/make-bench-image.sh used-2g OUTDIR    2 GiB disk that looks like a used drive: MBR, ext4, NTFS, FAT32
#                                                  about 60% full of text, executables and compressed files (root)
#   testdata/make-bench-image.sh used-256m OUTDIR  the same at 256 MiB
# Writes OUTDIR/NAME.img and OUTDIR/NAME.info.json (what it holds). The source tree is built in TMPDIR (default
# /dev/shm when it exists: a million files are created and removed much faster in memory).
set -euo pipefail

TESTDATA="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=/dev/null
source "$TESTDATA/lib/common.sh"
# shellcheck source=/dev/null
source "$TESTDATA/lib/fs.sh"
# shellcheck source=/dev/null
source "$TESTDATA/lib/used.sh"

readonly EXT4_FILES=1000000 EXT4_DIRS=10000 FAT_FILES=2000 FAT_DIRS=20

usage() {
  echo "usage: $0 ext4-1m|fat32-4g|used-2g|used-256m OUTDIR" >&2
  exit 2
}

# ext4-1m: names d0000/f0000000 ... (100 per directory), empty files, one fixed time; mke2fs -d copies them.
# mke2fs inserts each name by scanning its directory: 100 names per directory build 2.4 times faster than 1,000.
bench_ext4_1m() {
  local out="$1" src="$2"
  need mkfs.ext4:e2fsprogs
  (
    cd "$src"
    seq -f 'd%04g' 0 $((EXT4_DIRS - 1)) | xargs mkdir
    awk -v n=$EXT4_FILES -v per=$((EXT4_FILES / EXT4_DIRS)) \
      'BEGIN { for (i = 0; i < n; i++) printf "d%04d/f%07d\n", int(i / per), i }' |
      xargs -d '\n' touch -d "@$EPOCH"
    find . -mindepth 1 -maxdepth 1 -type d -print0 | xargs -0 touch -d "@$EPOCH"
  )
  rm -f "$out"
  # 4 KiB blocks, room for the inodes and directory blocks; the file is sparse
  mkfs.ext4 -q -F -t ext4 -b 4096 -N $((EXT4_FILES + EXT4_DIRS + 1024)) -L BENCH-1M \
    -U 5eed0000-0000-4000-8000-0000000be001 -E hash_seed=5eed0000-0000-4000-8000-0000000be001,root_owner=0:0 \
    -d "$src" "$out" 2G >/dev/null || die "mkfs.ext4 failed"
  printf '{"name": "ext4-1m", "fs": "ext4", "files": %d, "directories": %d, "size_bytes": %d}\n' \
    $EXT4_FILES $EXT4_DIRS "$(size_of "$out")"
}

# fat32-4g: a sparse 4 GiB FAT32 (about a million 4 KiB clusters, so TSK's orphan search has many slots to scan),
# 100 small files in each of 20 directories, one mcopy per directory.
bench_fat32_4g() {
  local out="$1" src="$2" d i
  need mkfs.fat:dosfstools mcopy:mtools
  for ((d = 0; d < FAT_DIRS; d++)); do
    mkdir -p "$src/DIR$d"
    for ((i = 0; i < FAT_FILES / FAT_DIRS; i++)); do
      printf 'bench file %d of directory %d\r\n' "$i" "$d" >"$src/DIR$d/file$i.txt"
    done
    touch -d "@$EPOCH" "$src/DIR$d"/*
  done
  rm -f "$out"
  truncate -s 4G "$out"
  mkfs.fat -F 32 -s 8 -n BENCH-4G --invariant "$out" >/dev/null || die "mkfs.fat failed"
  for ((d = 0; d < FAT_DIRS; d++)); do
    mmd -i "$out" "::DIR$d"
    mcopy -m -i "$out" "$src/DIR$d"/* "::DIR$d/"
  done
  printf '{"name": "fat32-4g", "fs": "fat32", "files": %d, "directories": %d, "size_bytes": %d}\n' \
    $FAT_FILES $FAT_DIRS "$(size_of "$out")"
}

# used-2g, used-256m: testdata/lib/used.sh.
bench_used_2g() {
  used_disk "$1" "$2" $((2 << 30))
}
bench_used_256m() {
  used_disk "$1" "$2" $((256 << 20))
}

main() {
  [ $# -eq 2 ] || usage
  local name="$1" outdir="$2" tmp
  IMAGE_NAME="$name"
  case "$name" in ext4-1m | fat32-4g | used-2g | used-256m) ;; *) usage ;; esac
  mkdir -p "$outdir"
  tmp="${TMPDIR:-}"
  [ -n "$tmp" ] || { [ -d /dev/shm ] && [ -w /dev/shm ] && tmp=/dev/shm; } || tmp=/tmp
  BENCH_SRC="$(mktemp -d "$tmp/exhibit-bench-$name.XXXXXX")"
  trap 'cleanup_all; rm -rf "$BENCH_SRC"' EXIT
  "bench_${name//-/_}" "$outdir/$name.img" "$BENCH_SRC" >"$outdir/$name.info.json"
  cat "$outdir/$name.info.json"
}

main "$@"
