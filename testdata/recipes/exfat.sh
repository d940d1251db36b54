# exFAT: mkfs.exfat and an exfat-fuse mount on a loop device, both under a frozen clock. Needs root.

# exfat_volume OUT SIZE_BYTES LABEL TAG START_SECTOR: the standard tree for TAG, and its facts.
exfat_volume() {
  local out="$1" size="$2" label="$3" tag="$4" start="$5"
  need mkfs.exfat:exfatprogs mount.exfat-fuse:exfat-fuse losetup:mount faketime-lib:libfaketime openssl:openssl
  clear_deleted
  tree_standard "$WORK/src-$tag" "$tag"
  exfat_build "$out" "$size" "$label" "$WORK/src-$tag"
  fs_begin exfat "$start" "$label" "\"autodetect\": true"
  fs_add_tree "$WORK/src-$tag"
  fs_end
}

recipe_exfat() {
  fact_str description "exFAT, 8 MiB: non-ASCII and deleted names, nested directories."
  exfat_volume "$WORK/exfat.img" $((8 << 20)) EXFATTEST exfat 0
  single_image exfat.img true
}
