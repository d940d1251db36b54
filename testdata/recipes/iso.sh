# ISO 9660 with Joliet and Rock Ridge: xorriso, times from SOURCE_DATE_EPOCH and the tree. No deletions: the
# format has none.

recipe_iso9660() {
  need xorriso:xorriso openssl:openssl
  fact_str description "ISO 9660 with Joliet and Rock Ridge: long, non-ASCII and nested names (no deleted files)."
  local s="$WORK/src"
  clear_deleted
  tree_standard "$s" iso9660
  local rel
  for rel in "${DELETE_ORDER[@]}"; do rm "$s/$rel"; done
  clear_deleted
  stamp_dirs "$s"
  iso_build "$WORK/iso9660.iso" EXHIBIT_ISO "$s"
  fs_begin iso9660 0 EXHIBIT_ISO "\"autodetect\": true"
  fs_add_tree "$s"
  fs_end
  single_image iso9660.iso true
}
