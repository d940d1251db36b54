# types: NTFS whose files' names and contents disagree, for media types and content checks: a JPEG named .dat, a
# JPEG hidden in an alternate data stream, a deleted JPEG, random bytes named .jpg, text named .pdf, a real JPEG,
# and 320 KiB of random data in one contiguous run (room for a bad sector 64 KiB and more into it). Needs root (FUSE).

recipe_types() {
  need mkntfs:ntfs-3g ntfs-3g:ntfs-3g faketime-lib:libfaketime openssl:openssl
  fact_str description "NTFS, 8 MiB: a JPEG named .dat, a JPEG in an alternate data stream, a deleted JPEG, random bytes named .jpg, text named .pdf, a 320 KiB file."
  clear_deleted
  local s="$WORK/src" hidden="$WORK/hidden.bin"
  mkdir -p "$s"
  put "$s/big.bin" < <(prng types-big $((320 << 10)))
  put "$s/gone.jpg" < <(photo_bytes types-gone 6000)
  put "$s/notes.txt" "A plain note; its stream named payload holds a photograph."$'\n'
  put "$s/photo.dat" < <(photo_bytes types-dat 5000)
  put "$s/random.jpg" < <(prng types-random 4000)
  put "$s/real.jpg" < <(photo_bytes types-real 7000)
  put "$s/report.pdf" "Not a PDF at all: plain text under a .pdf name."$'\n'
  stamp_dirs "$s"
  photo_bytes types-hidden 3000 >"$hidden"
  mark_deleted gone.jpg
  ntfs_build "$WORK/types.img" $((8 << 20)) TYPESTEST "$s" 0 "notes.txt:payload=$hidden"
  fs_begin ntfs 0 TYPESTEST "\"autodetect\": true"
  fs_add_tree "$s" 64
  fs_add_stream notes.txt payload "$hidden"
  fs_end
  single_image types.img true
}
