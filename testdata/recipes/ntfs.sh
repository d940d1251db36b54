# NTFS: mkntfs with a zero clock (fixed serial and times), an ntfs-3g mount under a frozen clock for directories,
# alternate data streams and deletions. Needs root (FUSE).

# ntfs_volume OUT SIZE_BYTES LABEL TAG START_SECTOR [hidden]: a standard tree plus two alternate data streams; with
# "hidden", two more where streams hide best: on the empty file empty.dat and on the directory Documents. Adds the facts.
ntfs_volume() {
  local out="$1" size="$2" label="$3" tag="$4" start="$5" hidden="${6:-}"
  local zone="$WORK/zone-$tag.txt" thumb="$WORK/thumb-$tag.bin" secret="$WORK/secret-$tag.txt"
  local note="$WORK/note-$tag.txt" extra=()
  need mkntfs:ntfs-3g ntfs-3g:ntfs-3g faketime-lib:libfaketime openssl:openssl
  clear_deleted
  tree_standard "$WORK/src-$tag" "$tag"
  printf '[ZoneTransfer]\r\nZoneId=3\r\nReferrerUrl=https://example.invalid/%s\r\n' "$tag" >"$zone"
  prng "$tag-thumb" 3000 >"$thumb"
  if [ -n "$hidden" ]; then
    printf 'hidden in a stream of an empty file (%s)\n' "$tag" >"$secret"
    printf 'hidden in a stream of a directory (%s)\n' "$tag" >"$note"
    extra=("empty.dat:secret.txt=$secret" "Documents:folder.note=$note")
  fi
  ntfs_build "$out" "$size" "$label" "$WORK/src-$tag" "$start" \
    "Documents/notes.md:Zone.Identifier=$zone" "Photos/IMG_0001.JPG:thumbnail=$thumb" "${extra[@]}"
  fs_begin ntfs "$start" "$label" "\"autodetect\": true"
  # ntfs-3g gives new files the MFT entries from 64 on, in creation (= recipe) order
  fs_add_tree "$WORK/src-$tag" 64
  fs_add_stream "Documents/notes.md" Zone.Identifier "$zone"
  fs_add_stream "Photos/IMG_0001.JPG" thumbnail "$thumb"
  if [ -n "$hidden" ]; then
    fs_add_stream "empty.dat" secret.txt "$secret"
    fs_add_stream "Documents" folder.note "$note"
  fi
  fs_end
}

recipe_ntfs() {
  fact_str description "NTFS, 8 MiB: alternate data streams (on an empty file and a directory too), deleted files, a non-ASCII name."
  ntfs_volume "$WORK/ntfs.img" $((8 << 20)) NTFSTEST ntfs 0 hidden
  single_image ntfs.img true
}

# ntfs-runs: NTFS data stored in pieces, as a run list describes it: two files written in turns, 8 KiB at a time (12
# fragments each), a sparse file (data, a hole, data, a hole, three bytes), and a file grown past its data: 20,480
# bytes written, cut to 20,000, then extended to 200,000, so its initialized size (20,000) ends inside a cluster that
# still holds the cut bytes on disk, and the rest is a sparse run. The same bytes are written to the source tree the
# facts describe. Needs root (FUSE).
recipe_ntfs_runs() {
  need mkntfs:ntfs-3g ntfs-3g:ntfs-3g faketime-lib:libfaketime openssl:openssl python3:python3
  fact_str description "NTFS, 8 MiB: two fragmented files, a sparse file, a file whose initialized size ends before its size."
  clear_deleted
  local s="$WORK/src" empty="$WORK/empty" out="$WORK/ntfs-runs.img" mnt="$WORK/ntfs-runs.img.mnt" f
  mkdir -p "$s" "$empty"
  ntfs_runs_write "$s"
  stamp_dirs "$s"
  ntfs_build "$out" $((8 << 20)) NTFSRUNS "$empty" 0
  fuse_mount "$mnt" frozen ntfs-3g -o no_detach "$out" "$mnt"
  ntfs_runs_write "$mnt"
  for f in "$s"/*; do
    touch -d "@$(stat -c %Y "$f")" "$mnt/${f##*/}"
  done
  fuse_unmount "$mnt"
  rmdir "$mnt"
  fs_begin ntfs 0 NTFSRUNS "\"autodetect\": true"
  fs_add_tree "$s" 64
  fs_end
  single_image ntfs-runs.img true
}

# ntfs_runs_write DIR: ntfs-runs' files, created in name order (ntfs-3g numbers them so from 64), each stamped.
ntfs_runs_write() {
  python3 - "$1" <<'PY' || die "cannot write the ntfs-runs files into $1"
import os, random, sys
d = sys.argv[1]
r = random.Random("ntfs-runs")
a, b = open(f"{d}/frag1.bin", "wb"), open(f"{d}/frag2.bin", "wb")
for _ in range(12):
    for f in (a, b):
        f.write(r.randbytes(8192))
        f.flush()
        os.fsync(f.fileno())
a.close()
b.close()
with open(f"{d}/grown.bin", "wb") as f:
    f.write(r.randbytes(20480))
os.truncate(f"{d}/grown.bin", 20000)
os.truncate(f"{d}/grown.bin", 200000)
with open(f"{d}/sparse.bin", "wb") as f:
    f.write(r.randbytes(5000))
    f.seek(300000)
    f.write(r.randbytes(7000))
    f.seek(900000)
    f.write(b"end")
PY
  local f
  for f in frag1.bin frag2.bin grown.bin sparse.bin; do stamp "$1/$f"; done
}
