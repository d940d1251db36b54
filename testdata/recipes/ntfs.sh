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
