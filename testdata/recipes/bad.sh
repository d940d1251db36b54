# Inputs a forensic tool must refuse or survive: random bytes, nothing, a cut disk, a looping partition chain.

recipe_garbage() {
  need openssl:openssl
  fact_str description "1 MiB of pseudo-random bytes: no volume system, no file system."
  prng garbage $((1 << 20)) >"$WORK/garbage.img"
  single_image garbage.img true
  fact_str volume_system none
}

recipe_empty() {
  fact_str description "A 0-byte file."
  : >"$WORK/empty.img"
  single_image empty.img true
  fact_str volume_system none
}

# The mbr disk cut to its first half (sector 18432): the FAT16 partition lies wholly inside, the ext4 partition
# is cut, the extended partition and its logicals lie beyond the end. The partition table itself is unchanged.
recipe_truncated() {
  local TRUNCATED_SECTORS=$((MBR_SECTORS / 2))
  need sfdisk:fdisk
  fact_str description "The mbr disk cut in half: the table names partitions that end (or start) past the end of the image."
  build_mbr_disk "$WORK/truncated.img"
  truncate -s $((TRUNCATED_SECTORS * SECTOR)) "$WORK/truncated.img"
  single_image truncated.img true
  fact truncated_at_sector $TRUNCATED_SECTORS
  fact original_media_size_bytes $((MBR_SECTORS * SECTOR))
}

# mbr-loop, 4 MiB: a primary FAT12 and an extended partition whose chain loops. EBR 1 (sector 4096) holds logical 1
# and links to EBR 2 (sector 6144); EBR 2 holds logical 2 and links to itself again. A reader that follows links
# without remembering where it has been never ends.
readonly LOOP_SECTORS=8192 LOOP_EXT=4096
recipe_mbr_loop() {
  need sfdisk:fdisk mkfs.fat:dosfstools mcopy:mtools openssl:openssl
  fact_str description "MBR whose extended-partition chain links back to itself (EBR at sector 6144 points to 6144)."
  local disk="$WORK/mbr-loop.img"
  disk_table "$disk" $LOOP_SECTORS <<SFDISK
label: dos
label-id: 0x4c4f4f50
unit: sectors
start=2048, size=2048, type=1
start=$LOOP_EXT, size=4096, type=5
SFDISK
  # EBR entries: logical partitions are relative to their EBR, links relative to the extended partition's start
  ebr_write "$disk" $LOOP_EXT 0x01 1024 1024 0x05 2048 2048
  ebr_write "$disk" $((LOOP_EXT + 2048)) 0x01 256 1024 0x05 2048 2048
  fact_str volume_system dos
  partition primary 0@0 0 2048 2048 0x01 fat12
  partition extended 0@0 1 $LOOP_EXT 4096 0x05 ""
  partition logical 1@$LOOP_EXT 0 $((LOOP_EXT + 1024)) 1024 0x01 fat12
  partition logical 2@$((LOOP_EXT + 2048)) 0 $((LOOP_EXT + 2048 + 256)) 1024 0x01 fat12
  fact loop "{\"ebr_sector\": $((LOOP_EXT + 2048)), \"links_to_sector\": $((LOOP_EXT + 2048))}"
  fat_volume "$WORK/p1.img" 12 $((2048 * SECTOR)) LOOP-P1 4c500001 loop-p1 2048 true
  fat_volume "$WORK/p5.img" 12 $((1024 * SECTOR)) LOOP-L1 4c500005 loop-l1 $((LOOP_EXT + 1024)) true
  fat_volume "$WORK/p6.img" 12 $((1024 * SECTOR)) LOOP-L2 4c500006 loop-l2 $((LOOP_EXT + 2048 + 256)) true
  place "$WORK/p1.img" "$disk" 2048
  place "$WORK/p5.img" "$disk" $((LOOP_EXT + 1024))
  place "$WORK/p6.img" "$disk" $((LOOP_EXT + 2048 + 256))
  rm -f "$WORK"/p[0-9].img
  single_image mbr-loop.img true
}

# ebr_write DISK SECTOR TYPE1 START1 SIZE1 TYPE2 START2 SIZE2: an extended boot record with two entries (no CHS).
ebr_write() {
  local disk="$1" sector="$2" entries
  entries="$(mbr_entry "$3" "$4" "$5")$(mbr_entry "$6" "$7" "$8")"
  printf "%b" "$entries" | dd of="$disk" bs=1 seek=$((sector * SECTOR + 446)) conv=notrunc status=none
  printf '\x55\xaa' | dd of="$disk" bs=1 seek=$((sector * SECTOR + 510)) conv=notrunc status=none
}

# mbr_entry TYPE START SIZE: a 16-byte partition entry as printf escapes.
mbr_entry() {
  local esc
  printf -v esc '\\x00\\x00\\x00\\x00\\x%02x\\x00\\x00\\x00' "$1"
  printf '%s%s%s' "$esc" "$(le32_esc "$2")" "$(le32_esc "$3")"
}
