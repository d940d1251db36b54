# timeline: an MBR disk whose file systems keep times finer than a second, for exhibit timeline: ext4 with times to
# the nanosecond (set with debugfs: mke2fs -d copies whole seconds only), times of one file that coincide and times one
# nanosecond apart; NTFS with times to 100 ns and a hard link, whose second $FILE_NAME holds other times than the
# first (fls gives one $FILE_NAME, the same for both names). Needs root (ntfs-3g mount).

readonly TIMELINE_SECTORS=28672
# 2024-02-10T09:15:30Z, the recipe's reference for the times below
readonly TL_T0=1707556530

recipe_timeline() {
  need sfdisk:fdisk mkfs.ext4:e2fsprogs debugfs:e2fsprogs mkntfs:ntfs-3g ntfs-3g:ntfs-3g faketime-lib:libfaketime
  fact_str description "MBR disk: ext4 with nanosecond times (coinciding and 1 ns apart), NTFS with 100 ns times and a hard link."
  disk_table "$WORK/timeline.img" $TIMELINE_SECTORS <<'SFDISK'
label: dos
label-id: 0x45584854
unit: sectors
start=2048, size=8192, type=83
start=12288, size=16384, type=7
SFDISK
  fact_str volume_system dos
  partition primary 0@0 0 2048 8192 0x83 ext4
  partition primary 0@0 1 12288 16384 0x07 ntfs
  timeline_ext4 "$WORK/p1.img" 2048
  timeline_ntfs "$WORK/p2.img" 12288
  place "$WORK/p1.img" "$WORK/timeline.img" 2048
  place "$WORK/p2.img" "$WORK/timeline.img" 12288
  rm -f "$WORK"/p[0-9].img
  single_image timeline.img true
}

# timeline_ext4 OUT START_SECTOR: four files and a symlink; their times set to the nanosecond afterwards. The facts
# list each file's times as the recipe set them (ns_times).
timeline_ext4() {
  local out="$1" start="$2" s="$WORK/src-tl-ext4" uuid=5eed0000-0000-4000-8000-0000000071e4
  clear_deleted
  mkdir -p "$s/photos"
  put "$s/notes.txt" "call the bank"$'\n'
  put "$s/photos/cat.jpg" < <(photo_bytes timeline-cat 4000)
  put "$s/report.docx" "quarterly figures"$'\n'
  put "$s/secret.txt" "deleted before the seizure"$'\n'
  ln -s notes.txt "$s/link-to-notes"
  stamp "$s/link-to-notes"
  stamp_dirs "$s"
  mark_deleted secret.txt
  ext4_build "$out" 4M TIMELINE-EXT4 "$uuid" "$s" -b 1024
  # path mtime atime ctime crtime, each SECONDS.NANOSECONDS: report.docx modified, read and created at one instant
  # (one row, ma.b), notes.txt modified and read 1 ns apart (two rows within one second)
  local spec=(
    "/report.docx $TL_T0.123456789 $TL_T0.123456789 $((TL_T0 + 1)).000000001 $TL_T0.123456789"
    "/notes.txt $((TL_T0 + 60)).500000000 $((TL_T0 + 60)).500000001 $((TL_T0 + 61)).250000000 $((TL_T0 - 3600)).999999999"
    "/photos/cat.jpg $((TL_T0 - 86400)).000000007 $((TL_T0 + 120)).987654321 $((TL_T0 + 121)).000000000 $((TL_T0 - 86400)).000000007"
  )
  local line path field value times json=""
  for line in "${spec[@]}"; do
    read -r path times <<<"$line"
    set -- $times
    for field in mtime atime ctime crtime; do
      value="$1"
      shift
      printf 'sif "%s" %s @%s\nsif "%s" %s_extra %s\n' "$path" "$field" "${value%.*}" "$path" "$field" \
        $((10#${value#*.} << 2))
    done
    json+="${json:+, }$(j_str "$path"): [$(printf '"%s", ' $times | sed 's/, $//')]"
    # the source tree gets the same modification time: the facts take it from there
    touch -d "@${times%% *}" "$s$path"
  done >"$out.sif"
  debugfs -w -f "$out.sif" "$out" >"$out.sif.log" 2>&1 || die "debugfs sif failed: $(cat "$out.sif.log")"
  if grep -qE '^(set_inode_field|sif): ' "$out.sif.log"; then die "debugfs sif failed: $(cat "$out.sif.log")"; fi
  rm -f "$out.sif" "$out.sif.log"
  fs_begin ext4 "$start" TIMELINE-EXT4 "\"uuid\": \"$uuid\", \"autodetect\": true, \"ns_times\": {$json}"
  fs_add_tree "$s" 12
  fs_end
}

# timeline_ntfs OUT START_SECTOR: Users/alex/report.docx with times to 100 ns, hard-linked as Desktop/report-link.docx
# (the link's $FILE_NAME takes the times of that moment), then modified again; a deleted file.
timeline_ntfs() {
  local out="$1" start="$2" s="$WORK/src-tl-ntfs" mnt="$1.mnt" link="$WORK/tl-link"
  need_root "ntfs-3g mount for times, a hard link and a deletion"
  clear_deleted
  mkdir -p "$s/Users/alex" "$s/Desktop"
  put "$s/Users/alex/report.docx" "quarterly figures, NTFS copy"$'\n'
  put "$s/Users/alex/draft.txt" "an early draft"$'\n'
  touch -d "@$((TL_T0 + 7200)).7654321" "$s/Users/alex/report.docx"
  ln "$s/Users/alex/report.docx" "$s/Desktop/report-link.docx"
  mark_deleted Users/alex/draft.txt
  # the link is made on the volume below, not copied as a second file
  mv "$s/Desktop/report-link.docx" "$link"
  rm -f "$out"
  truncate -s $((16384 * SECTOR)) "$out"
  mkntfs -q -F -Q -T -L TIMELINE-NTFS -s $SECTOR -p "$start" -H 255 -S 63 "$out" >"$out.log" 2>&1 ||
    die "mkntfs failed: $(cat "$out.log")"
  rm -f "$out.log"
  fuse_mount "$mnt" frozen ntfs-3g -o no_detach "$out" "$mnt"
  stamp_dirs "$s"
  copy_tree "$s" "$mnt"
  mv "$link" "$s/Desktop/report-link.docx"
  stamp_dirs "$s"
  touch -d "@$TL_T0.123456789" "$mnt/Users/alex/report.docx"
  ln "$mnt/Users/alex/report.docx" "$mnt/Desktop/report-link.docx"
  touch -d "@$((TL_T0 + 7200)).7654321" "$mnt/Users/alex/report.docx"
  delete_listed "$mnt"
  fuse_unmount "$mnt"
  rmdir "$mnt"
  fs_begin ntfs "$start" TIMELINE-NTFS "\"autodetect\": true, \"hard_links\": [[\"Users/alex/report.docx\", \"Desktop/report-link.docx\"]]"
  # MFT entries follow creation order, which the link breaks: no inode facts
  fs_add_tree "$s"
  fs_end
}
