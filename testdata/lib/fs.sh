# File-system builders: each turns a source tree into a file-system image with deterministic identifiers and
# times, copies entries in byte order (so slot and inode numbers do not depend on the host's readdir order), then
# deletes the paths listed in DELETE_ORDER.

declare -a DELETE_ORDER=()

# mark_deleted PATH...: the recipe deletes these after copying (facts mark them deleted).
mark_deleted() {
  local p
  for p in "$@"; do
    DELETED[$p]=1
    DELETE_ORDER+=("$p")
  done
}
clear_deleted() {
  DELETED=()
  DELETE_ORDER=()
}

# fat_build OUT FATBITS SIZE_BYTES LABEL VOLID SRC [mkfs.fat options...]
fat_build() {
  local out="$1" bits="$2" size="$3" label="$4" volid="$5" src="$6" rel
  shift 6
  rm -f "$out"
  truncate -s "$size" "$out"
  # --invariant fixes the times mkfs.fat would take from the clock (it ignores SOURCE_DATE_EPOCH for the label
  # entry) but also the serial; the serial is set afterwards.
  mkfs.fat -F "$bits" -n "$label" --invariant "$@" "$out" >"$out.log" 2>&1 || die "mkfs.fat -F $bits failed: $(cat "$out.log")"
  rm -f "$out.log"
  fat_set_serial "$out" "$bits" "$volid"
  while IFS= read -r -d '' rel; do
    if [ -d "$src/$rel" ]; then
      mmd -i "$out" "::$rel"
    else
      mcopy -m -i "$out" "$src/$rel" "::$rel"
    fi
  done < <(sorted_paths "$src")
  for rel in "${DELETE_ORDER[@]}"; do
    mdel -i "$out" "::$rel"
  done
}

# fat_set_serial IMG BITS HEX8: writes the volume serial (little-endian) into the boot sector and, on FAT32, its
# backup copy (sector 6).
fat_set_serial() {
  local img="$1" bits="$2" hex="$3" off bytes
  bytes="\\x${hex:6:2}\\x${hex:4:2}\\x${hex:2:2}\\x${hex:0:2}"
  if [ "$bits" = 32 ]; then off=67; else off=39; fi
  printf "$bytes" | dd of="$img" bs=1 seek=$off conv=notrunc status=none
  [ "$bits" != 32 ] || printf "$bytes" | dd of="$img" bs=1 seek=$((6 * SECTOR + off)) conv=notrunc status=none
}

# ext4_build OUT SIZE LABEL UUID SRC [mke2fs options...]: mke2fs -d copies the tree (sorted by name), debugfs deletes.
# Top-level names listed in EXT4_LATE are added after mke2fs, by ext4_add_tree (inode numbers then no longer follow
# the name order).
EXT4_LATE=()
ext4_build() {
  local out="$1" size="$2" label="$3" uuid="$4" src="$5" rel late="$1.late"
  shift 5
  rm -rf "$out" "$late"
  mkdir "$late"
  for rel in "${EXT4_LATE[@]}"; do mv -- "$src/$rel" "$late/"; done
  mkfs.ext4 -q -F -t ext4 -L "$label" -U "$uuid" -E "hash_seed=$uuid,root_owner=0:0" "$@" -d "$src" "$out" "$size" \
    >/dev/null || die "mkfs.ext4 failed"
  for rel in "${EXT4_LATE[@]}"; do
    ext4_add_tree "$out" "$late" "$rel"
    mv -- "$late/$rel" "$src/"
  done
  rmdir "$late"
  EXT4_LATE=()
  # mke2fs copies each source inode's change time, which no user can set, and its owner, which depends on who
  # builds: pin both (before deleting, while every inode is still in use).
  ext4_pin_inodes "$out"
  if [ ${#DELETE_ORDER[@]} -gt 0 ]; then
    for rel in "${DELETE_ORDER[@]}"; do
      case "$rel" in *'"'* | *$'\n'*) die "cannot delete $rel with debugfs (quote or newline in name)" ;; esac
      printf 'rm "%s"\n' "$rel"
    done >"$out.debugfs"
    debugfs -w -f "$out.debugfs" "$out" >"$out.debugfs.log" 2>&1 || die "debugfs rm failed: $(cat "$out.debugfs.log")"
    if grep -q 'rm:' "$out.debugfs.log"; then die "debugfs rm failed: $(cat "$out.debugfs.log")"; fi
    rm -f "$out.debugfs" "$out.debugfs.log"
  fi
}

# ext4_add_tree IMG SRC NAME: adds SRC's subtree NAME to the image's root with debugfs, step by step (mkdir, cd,
# write), keeping modification times. For paths longer than PATH_MAX: mke2fs -d builds full source paths in a
# fixed buffer and corrupts its heap on them. Names must not hold '"' or a newline (debugfs quoting).
ext4_add_tree() {
  local img="$1" src="$2" name="$3" cmds="$1.add" n=0
  (cd "$src" && ext4_tree_commands "$name" "$img.files") >"$cmds" || die "cannot walk $name"
  debugfs -w -f "$cmds" "$img" >"$cmds.log" 2>&1 || die "debugfs failed: $(cat "$cmds.log")"
  if grep -qE '^(mkdir|write|cd|set_inode_field|sif): ' "$cmds.log"; then die "debugfs failed: $(cat "$cmds.log")"; fi
  rm -rf "$cmds" "$cmds.log" "$img.files"
}
# ext4_tree_commands NAME FILES_DIR: debugfs commands creating NAME (in the current directory of both the source and
# debugfs); file contents are staged under FILES_DIR (short paths debugfs can open).
ext4_tree_commands() {
  local name="$1" files="$2" n
  case "$name" in *'"'* | *$'\n'*) die "cannot add $name with debugfs (quote or newline in name)" ;; esac
  mkdir -p "$files"
  if [ -d "$name" ]; then
    printf 'mkdir "%s"\ncd "%s"\n' "$name" "$name"
    cd -P -- "$name" || die "cannot enter $name"
    while IFS= read -r -d '' n; do
      ext4_tree_commands "$n" "$files"
    done < <(find . -mindepth 1 -maxdepth 1 -printf '%f\0' | LC_ALL=C sort -z)
    cd -P .. || die "cannot leave $name"
    printf 'cd ..\n'
  else
    local staged
    staged="$files/$(find "$files" -type f | wc -l)"
    cp -- "$name" "$staged"
    printf 'write "%s" "%s"\n' "$staged" "$name"
  fi
  local t
  t="$(stat -c %Y -- "$name")"
  printf 'sif "%s" mtime @%s\nsif "%s" atime @%s\n' "$name" "$t" "$name" "$t"
}

ext4_pin_inodes() {
  local img="$1" count i
  count="$(dumpe2fs -h "$img" 2>/dev/null | sed -n 's/^Inode count: *//p')"
  for ((i = 1; i <= count; i++)); do echo "testi <$i>"; done >"$img.testi"
  debugfs -f "$img.testi" "$img" 2>/dev/null |
    sed -n 's/^Inode \([0-9]*\) is marked in use$/sif <\1> ctime @'"$EPOCH"'\nsif <\1> uid 0\nsif <\1> gid 0/p' >"$img.sif"
  debugfs -w -f "$img.sif" "$img" >/dev/null 2>&1 || die "debugfs sif failed"
  rm -f "$img.testi" "$img.sif"
}

# copy_tree SRC DEST: copies a tree into a mounted file system in byte order, keeping modification times.
copy_tree() {
  local src="$1" dest="$2" rel
  while IFS= read -r -d '' rel; do
    if [ -d "$src/$rel" ]; then
      mkdir "$dest/$rel"
    else
      cp --preserve=timestamps "$src/$rel" "$dest/$rel"
    fi
  done < <(sorted_paths "$src")
  # creating entries changed the directories' times: restore them, deepest first
  while IFS= read -r -d '' rel; do
    if [ -d "$src/$rel" ]; then touch -d "@$(stat -c %Y "$src/$rel")" "$dest/$rel"; fi
  done < <(sorted_paths "$src" | sort -zr)
}

delete_listed() {
  local dest="$1" rel
  for rel in "${DELETE_ORDER[@]}"; do
    rm "$dest/$rel"
  done
}

# ntfs_build OUT SIZE_BYTES LABEL SRC HIDDEN_SECTORS [STREAM-SPEC...]: mkntfs (zero time, so a fixed serial), then an
# ntfs-3g mount under a frozen clock to copy, add alternate data streams (PATH:STREAM=FILE) and delete.
ntfs_build() {
  local out="$1" size="$2" label="$3" src="$4" hidden="$5" spec mnt
  shift 5
  need_root "ntfs-3g mount to create directories, streams and deletions"
  rm -f "$out"
  truncate -s "$size" "$out"
  mkntfs -q -F -Q -T -L "$label" -s $SECTOR -p "$hidden" -H 255 -S 63 "$out" >"$out.log" 2>&1 ||
    die "mkntfs failed: $(cat "$out.log")"
  rm -f "$out.log"
  mnt="$out.mnt"
  fuse_mount "$mnt" frozen ntfs-3g -o no_detach,streams_interface=windows "$out" "$mnt"
  copy_tree "$src" "$mnt"
  for spec in "$@"; do
    cp "${spec#*=}" "$mnt/${spec%%=*}"
    # writing a stream changes the file's modification time: restore the recipe's
    touch -d "@$(stat -c %Y "$src/${spec%%:*}")" "$mnt/${spec%%:*}"
  done
  delete_listed "$mnt"
  fuse_unmount "$mnt"
  rmdir "$mnt"
}

# exfat_build OUT SIZE_BYTES LABEL SRC: mkfs.exfat and an exfat-fuse mount, both under a frozen clock (the volume
# serial comes from the clock); exfat-fuse needs a block device, hence the loop device.
exfat_build() {
  local out="$1" size="$2" label="$3" src="$4" mnt dev
  need_root "loop device and exfat-fuse mount"
  rm -f "$out"
  truncate -s "$size" "$out"
  frozen mkfs.exfat -L "$label" "$out" >/dev/null || die "mkfs.exfat failed"
  dev="$(losetup --find --show "$out")" || die "losetup failed"
  CLEANUP_LOOPS+=("$dev")
  mnt="$out.mnt"
  fuse_mount "$mnt" frozen mount.exfat-fuse -d "$dev" "$mnt"
  copy_tree "$src" "$mnt"
  delete_listed "$mnt"
  fuse_unmount "$mnt"
  rmdir "$mnt"
  losetup -d "$dev"
}

# iso_build OUT VOLID SRC: ISO 9660 with Joliet and Rock Ridge; times from SOURCE_DATE_EPOCH and the tree.
iso_build() {
  local out="$1" volid="$2" src="$3"
  rm -f "$out"
  xorriso -no_rc -report_about SORRY -outdev "$out" -volid "$volid" -joliet on -rockridge on \
    -map "$src" / -commit >/dev/null 2>"$out.log" || die "xorriso failed: $(cat "$out.log")"
  rm -f "$out.log"
}
