#!/usr/bin/env bash
# Builds a large image for the benchmark scripts (not for tests):
#   testdata/make-bench-image.sh ext4-1m OUTDIR    ext4 holding 1,000,000 empty files in 10,000 directories
#   testdata/make-bench-image.sh fat32-4g OUTDIR   sparse 4 GiB FAT32 holding 2,000 small files in 20 directories
#   testdata/make-bench-image.sh used-2g OUTDIR    2 GiB disk that looks like a used drive: MBR, ext4, NTFS, FAT32
#                                                  about 60% full of text, executables and compressed files (root)
#   testdata/make-bench-image.sh used-256m OUTDIR  the same at 256 MiB
#   testdata/make-bench-image.sh ext4-100k OUTDIR  ext4 holding 100,000 files of pseudo-random content (0.9 GB)
#   testdata/make-bench-image.sh ntfs-20k OUTDIR   NTFS holding 20,000 files of pseudo-random content (0.3 GB; root)
#   testdata/make-bench-image.sh ntfs-100k OUTDIR  NTFS holding 100,000 such files, ext4-100k's tree (0.99 GB; root)
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
readonly CONTENT_FILES=100000 CONTENT_DIRS=1000 NTFS_FILES=20000 NTFS_DIRS=200

usage() {
  echo "usage: $0 ext4-1m|fat32-4g|used-2g|used-256m|ext4-100k|ntfs-20k|ntfs-100k OUTDIR" >&2
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

# content_tree SRC FILES DIRS BIG SEED: FILES files of pseudo-random bytes in DIRS directories, sizes log-normal
# (median 4 KiB, sigma 1.2, at most 16 MiB: most files small, a few large, as on a real disk) plus BIG files of
# 64 MiB at the top; all from one seeded generator, so the same tree every time. One fixed time.
content_tree() {
  local src="$1" files="$2" dirs="$3" big="$4" seed="$5"
  need python3:python3
  python3 - "$src" "$files" "$dirs" "$big" "$seed" <<'PY'
import math, os, random, sys
src, files, dirs, big, seed = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
r = random.Random(seed)
per = files // dirs
for d in range(dirs):
    os.mkdir(f"{src}/d{d:04d}")
for i in range(files):
    size = min(int(r.lognormvariate(math.log(4096), 1.2)), 16 << 20)
    with open(f"{src}/d{i // per:04d}/f{i:07d}.bin", "wb") as f:
        f.write(r.randbytes(size))
for k in range(big):
    with open(f"{src}/big{k}.bin", "wb") as f:
        f.write(r.randbytes(64 << 20))
PY
  find "$src" -mindepth 1 -print0 | xargs -0 touch -d "@$EPOCH"
}

# ext4-100k: what hashing costs, against fiwalk (bench/file-hashes.sh).
bench_ext4_100k() {
  local out="$1" src="$2"
  need mkfs.ext4:e2fsprogs
  content_tree "$src" $CONTENT_FILES $CONTENT_DIRS 2 ext4-100k
  rm -f "$out"
  mkfs.ext4 -q -F -t ext4 -b 4096 -L BENCH-100K -U 5eed0000-0000-4000-8000-0000000be100 \
    -E hash_seed=5eed0000-0000-4000-8000-0000000be100,root_owner=0:0 -d "$src" "$out" 2G >/dev/null ||
    die "mkfs.ext4 failed"
  printf '{"name": "ext4-100k", "fs": "ext4", "files": %d, "directories": %d, "content_bytes": %d, "size_bytes": %d}\n' \
    $((CONTENT_FILES + 2)) $CONTENT_DIRS "$(du -sb --apparent-size "$src" | cut -f1)" "$(size_of "$out")"
}

# ntfs-20k, ntfs-100k: the same kind of tree on NTFS (mkntfs, then an ntfs-3g mount: root is needed). ntfs-100k
# holds ext4-100k's very tree (same generator, seed and counts), so the two file systems compare like for like.
bench_ntfs_20k() {
  ntfs_tree "$1" "$2" ntfs-20k BENCH-20K $NTFS_FILES $NTFS_DIRS 1 ntfs-20k 1G
}
bench_ntfs_100k() {
  ntfs_tree "$1" "$2" ntfs-100k BENCH-100K $CONTENT_FILES $CONTENT_DIRS 2 ext4-100k 2G
}

# ntfs_tree OUT SRC NAME LABEL FILES DIRS BIG SEED SIZE
ntfs_tree() {
  local out="$1" src="$2" name="$3" label="$4" files="$5" dirs="$6" big="$7" seed="$8" size="$9" mnt
  need mkntfs:ntfs-3g ntfs-3g:ntfs-3g
  [ "$(id -u)" -eq 0 ] || die "$name needs root (an ntfs-3g mount)"
  content_tree "$src" "$files" "$dirs" "$big" "$seed"
  rm -f "$out"
  truncate -s "$size" "$out"
  mkntfs -q -F -Q -T -L "$label" "$out" >/dev/null 2>&1 || die "mkntfs failed"
  mnt="$(mktemp -d)"
  ntfs-3g "$out" "$mnt" || die "ntfs-3g mount failed"
  cp -a "$src"/. "$mnt"/
  umount "$mnt"
  rmdir "$mnt"
  printf '{"name": "%s", "fs": "ntfs", "files": %d, "directories": %d, "content_bytes": %d, "size_bytes": %d}\n' \
    "$name" $((files + big)) "$dirs" "$(du -sb --apparent-size "$src" | cut -f1)" "$(size_of "$out")"
}

main() {
  [ $# -eq 2 ] || usage
  local name="$1" outdir="$2" tmp
  IMAGE_NAME="$name"
  case "$name" in ext4-1m | fat32-4g | used-2g | used-256m | ext4-100k | ntfs-20k | ntfs-100k) ;; *) usage ;; esac
  mkdir -p "$outdir"
  tmp="${TMPDIR:-}"
  [ -n "$tmp" ] || { [ -d /dev/shm ] && [ -w /dev/shm ] && tmp=/dev/shm; } || tmp=/tmp
  BENCH_SRC="$(mktemp -d "$tmp/exhibit-bench-$name.XXXXXX")"
  trap 'cleanup_all; rm -rf "$BENCH_SRC"' EXIT
  "bench_${name//-/_}" "$outdir/$name.img" "$BENCH_SRC" >"$outdir/$name.info.json"
  cat "$outdir/$name.info.json"
}

main "$@"
