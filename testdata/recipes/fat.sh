# FAT12/16/32 images: mkfs.fat + mtools, no mounting.

# fat_volume OUT BITS SIZE_BYTES LABEL VOLID TAG START_SECTOR AUTODETECT [mkfs.fat options...]: a FAT file system
# holding the standard tree for TAG, and its facts.
fat_volume() {
  local out="$1" bits="$2" size="$3" label="$4" volid="$5" tag="$6" start="$7" autodetect="$8"
  shift 8
  need mkfs.fat:dosfstools mcopy:mtools openssl:openssl
  clear_deleted
  tree_standard "$WORK/src-$tag" "$tag"
  fat_build "$out" "$bits" "$size" "$label" "$volid" "$WORK/src-$tag" -h "$start" "$@"
  fs_begin "fat$bits" "$start" "$label" "\"serial\": \"$volid\", \"autodetect\": $autodetect"
  fs_add_tree "$WORK/src-$tag"
  fs_end
}

recipe_fat12() {
  fact_str description "FAT12, 4 MiB: long, non-ASCII and deleted names, nested directories."
  fat_volume "$WORK/fat12.img" 12 $((4 << 20)) FAT12TEST 12120001 fat12 0 true
  single_image fat12.img true
}

recipe_fat16() {
  fact_str description "FAT16, 16 MiB with 2 KiB clusters: long, non-ASCII and deleted names."
  fat_volume "$WORK/fat16.img" 16 $((16 << 20)) FAT16TEST 16160001 fat16 0 true -s 4
  single_image fat16.img true
}

# FAT32 must have at least 65,525 clusters to be FAT32 by the specification (and for TSK's autodetection):
# 34 MiB with 512-byte clusters gives about 68,500. The file is sparse.
recipe_fat32() {
  fact_str description "FAT32, 34 MiB with 512-byte clusters (more than 65,525 clusters): autodetected as FAT32."
  fat_volume "$WORK/fat32.img" 32 $((34 << 20)) FAT32TEST 32320001 fat32 0 true -s 1
  single_image fat32.img true
}

# Deliberately below 65,525 clusters. Neither mkfs.fat nor mtools will write such a volume with content (mtools
# then takes it for FAT16), so the recipe builds the 34 MiB FAT32 and cuts the volume to 8 MiB: the boot sector's
# total-sector count shrinks (main and backup copies), the FATs keep their size (larger than needed, which the
# specification allows), the content lies in the first clusters, and the FSInfo free count becomes "unknown".
# TSK's autodetection then gives up ("Cannot determine file system type"); an explicit fat32 type opens it.
recipe_fat32_small() {
  fact_str description "FAT32 cut to 8 MiB (about 15,300 clusters, below 65,525): TSK autodetect fails, -f fat32 works."
  local img="$WORK/fat32-small.img" sectors=$(((8 << 20) / SECTOR)) reserved fat_sectors
  fat_volume "$img" 32 $((34 << 20)) FAT32SMALL 32320002 fat32-small 0 false -s 1
  le32 "$sectors" | dd of="$img" bs=1 seek=32 conv=notrunc status=none
  le32 "$sectors" | dd of="$img" bs=1 seek=$((6 * SECTOR + 32)) conv=notrunc status=none
  printf '\xff\xff\xff\xff' | dd of="$img" bs=1 seek=$((SECTOR + 488)) conv=notrunc status=none
  truncate -s $((sectors * SECTOR)) "$img"
  reserved="$(od -An -tu2 -j14 -N2 "$img" | tr -d ' ')"
  fat_sectors="$(od -An -tu4 -j36 -N4 "$img" | tr -d ' ')"
  fact fat32_cluster_count $((sectors - reserved - 2 * fat_sectors))
  single_image fat32-small.img true
}
