# Partitioned disks: file systems built as separate images, written at their partition offsets into a sparse disk
# whose table sfdisk writes (fixed disk identifier and partition UUIDs).

# disk_table DISK SECTORS: creates the sparse disk and writes the sfdisk script read from stdin.
disk_table() {
  local disk="$1" sectors="$2"
  rm -f "$disk"
  truncate -s $((sectors * SECTOR)) "$disk"
  sfdisk -q --no-reread --no-tell-kernel "$disk" >"$disk.log" 2>&1 || die "sfdisk failed: $(cat "$disk.log")"
  rm -f "$disk.log"
}

# MBR, 18 MiB: FAT16 and ext4 primaries, an extended partition with NTFS and FAT12 logicals, gaps between.
readonly MBR_SECTORS=36864
recipe_mbr() {
  need sfdisk:fdisk
  fact_str description "MBR disk, 18 MiB: FAT16 + ext4 primaries, extended partition with NTFS and FAT12 logicals, unallocated gaps."
  build_mbr_disk "$WORK/mbr.img"
  single_image mbr.img true
}

build_mbr_disk() {
  local disk="$1"
  disk_table "$disk" $MBR_SECTORS <<'SFDISK'
label: dos
label-id: 0x45584842
unit: sectors
start=2048, size=8192, type=e
start=12288, size=8192, type=83
start=20480, size=14336, type=5
start=22528, size=8192, type=7
start=32768, size=2048, type=1
SFDISK
  fact_str volume_system dos
  # sfdisk puts the first EBR at the start of the extended partition and each next one right after the previous
  # logical partition
  partition primary 0@0 0 2048 8192 0x0e fat16
  partition primary 0@0 1 12288 8192 0x83 ext4
  partition extended 0@0 2 20480 14336 0x05 ""
  partition logical 1@20480 0 22528 8192 0x07 ntfs
  partition logical 2@30720 0 32768 2048 0x01 fat12
  fat_volume "$WORK/p1.img" 16 $((8192 * SECTOR)) MBR-FAT16 4d420001 mbr-fat16 2048 true -s 1
  ext4_volume "$WORK/p2.img" 4M MBR-EXT4 5eed0000-0000-4000-8000-0000000b0002 mbr-ext4 12288 -b 1024
  ntfs_volume "$WORK/p5.img" $((8192 * SECTOR)) MBR-NTFS mbr-ntfs 22528
  fat_volume "$WORK/p6.img" 12 $((2048 * SECTOR)) MBR-FAT12 4d420006 mbr-fat12 32768 true
  place "$WORK/p1.img" "$disk" 2048
  place "$WORK/p2.img" "$disk" 12288
  place "$WORK/p5.img" "$disk" 22528
  place "$WORK/p6.img" "$disk" 32768
  rm -f "$WORK"/p[0-9].img
}

# GPT, 20 MiB: FAT16 (EFI system type), ext4, NTFS and exFAT, gaps between; one partition name is not ASCII.
readonly GPT_SECTORS=40960
readonly GPT_EFI=C12A7328-F81F-11D2-BA4B-00A0C93EC93B
readonly GPT_LINUX=0FC63DAF-8483-4772-8E79-3D69D8477DE4
readonly GPT_BASIC=EBD0A0A2-B9E5-4433-87C0-68B6B72699C7
recipe_gpt() {
  need sfdisk:fdisk
  fact_str description "GPT disk, 20 MiB: FAT16 (EFI system), ext4, NTFS and exFAT partitions with gaps; a non-ASCII partition name."
  build_gpt_disk "$WORK/gpt.img"
  single_image gpt.img true
}

build_gpt_disk() {
  local disk="$1"
  disk_table "$disk" $GPT_SECTORS <<SFDISK
label: gpt
label-id: 45584849-4249-5400-8000-000000000000
unit: sectors
start=2048, size=8192, type=$GPT_EFI, uuid=45584849-4249-5400-8000-000000000001, name="EFI system"
start=12288, size=8192, type=$GPT_LINUX, uuid=45584849-4249-5400-8000-000000000002, name="Linux data"
start=20480, size=8192, type=$GPT_BASIC, uuid=45584849-4249-5400-8000-000000000003, name="Windows data"
start=30720, size=8192, type=$GPT_BASIC, uuid=45584849-4249-5400-8000-000000000004, name="Données exFAT"
SFDISK
  fact_str volume_system gpt
  partition gpt 0@2 0 2048 8192 "$GPT_EFI" fat16 "EFI system"
  partition gpt 0@2 1 12288 8192 "$GPT_LINUX" ext4 "Linux data"
  partition gpt 0@2 2 20480 8192 "$GPT_BASIC" ntfs "Windows data"
  partition gpt 0@2 3 30720 8192 "$GPT_BASIC" exfat "Données exFAT"
  fat_volume "$WORK/p1.img" 16 $((8192 * SECTOR)) GPT-FAT16 47500001 gpt-fat16 2048 true -s 1
  ext4_volume "$WORK/p2.img" 4M GPT-EXT4 45584849-4249-5400-8000-0000000e0002 gpt-ext4 12288 -b 1024
  ntfs_volume "$WORK/p3.img" $((8192 * SECTOR)) GPT-NTFS gpt-ntfs 20480
  exfat_volume "$WORK/p4.img" $((8192 * SECTOR)) GPT-EXFAT gpt-exfat 30720
  place "$WORK/p1.img" "$disk" 2048
  place "$WORK/p2.img" "$disk" 12288
  place "$WORK/p3.img" "$disk" 20480
  place "$WORK/p4.img" "$disk" 30720
  rm -f "$WORK"/p[0-9].img
}
