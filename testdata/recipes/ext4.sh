# ext4 images: mkfs.ext4 -d (entries sorted by name, so inode numbers follow the recipe), debugfs for deletions.

# ext4_volume OUT SIZE LABEL UUID TAG START_SECTOR [mke2fs options...]: the standard tree for TAG, and its facts.
ext4_volume() {
  local out="$1" size="$2" label="$3" uuid="$4" tag="$5" start="$6"
  shift 6
  need mkfs.ext4:e2fsprogs debugfs:e2fsprogs openssl:openssl
  clear_deleted
  tree_standard "$WORK/src-$tag" "$tag"
  ext4_build "$out" "$size" "$label" "$uuid" "$WORK/src-$tag" "$@"
  fs_begin ext4 "$start" "$label" "\"uuid\": \"$uuid\", \"autodetect\": true"
  # mke2fs -d allocates inodes depth-first in name order from 12 (11 is lost+found)
  fs_add_tree "$WORK/src-$tag" 12
  fs_end
}

recipe_ext4() {
  need mkfs.ext4:e2fsprogs debugfs:e2fsprogs openssl:openssl
  fact_str description "ext4, 8 MiB: deleted files, non-UTF-8 and control-character names, symlinks, a 40-level directory."
  clear_deleted
  local s="$WORK/src" i p uuid=5eed0000-0000-4000-8000-00000000e4e4
  tree_standard "$s" ext4
  put "$s/"$'latin1_caf\xe9.txt' "ISO-8859-1 name, not UTF-8"$'\n'
  put "$s/"$'bytes_\xff\xfe.bin' "invalid UTF-8 lead bytes in the name"$'\n'
  put "$s/"$'tab\tand\x01ctrl.txt' "a tab and a SOH in the name"$'\n'
  ln -s "Documents/notes.md" "$s/link-to-notes"
  stamp "$s/link-to-notes"
  ln -s "/nonexistent/target" "$s/dangling-link"
  stamp "$s/dangling-link"
  p="$s/deep"
  for ((i = 1; i <= 40; i++)); do p="$p/level$(printf %02d $i)"; done
  put "$p/bottom.txt" "forty directories down"$'\n'
  put "$s/deep/gone-deep.txt" "deleted inside the deep tree"$'\n'
  stamp_dirs "$s"
  mark_deleted "deep/gone-deep.txt"
  ext4_build "$WORK/ext4.img" 8M EXT4TEST "$uuid" "$s" -b 1024 -N 512
  fs_begin ext4 0 EXT4TEST "\"uuid\": \"$uuid\", \"autodetect\": true"
  fs_add_tree "$s" 12
  fs_end
  single_image ext4.img true
}
