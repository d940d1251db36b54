# demo: the disk `exhibit demo` analyses. It runs on users' machines at run time, so it may only use the runtime
# tools (scripts/ensure-deps runtime: dosfstools, mtools, fdisk, e2fsprogs, openssl, coreutils) and must not need
# root: no mounts, no loop devices, no faketime.

readonly DEMO_SECTORS=131072
recipe_demo() {
  need sfdisk:fdisk mkfs.fat:dosfstools mcopy:mtools mkfs.ext4:e2fsprogs debugfs:e2fsprogs openssl:openssl
  fact_str description "Demo disk, 64 MiB MBR: a FAT16 'USB stick' and an ext4 'home' partition with ordinary files, one deleted on each."
  local disk="$WORK/demo.img"
  disk_table "$disk" $DEMO_SECTORS <<'SFDISK'
label: dos
label-id: 0x44454d4f
unit: sectors
start=2048, size=61440, type=e
start=65536, size=63488, type=83
SFDISK
  fact_str volume_system dos
  partition primary 0@0 0 2048 61440 0x0e fat16
  partition primary 0@0 1 65536 63488 0x83 ext4

  clear_deleted
  tree_demo_stick "$WORK/src-stick"
  fat_build "$WORK/p1.img" 16 $((61440 * SECTOR)) ALEX-USB 44450001 "$WORK/src-stick" -h 2048 -s 8
  fs_begin fat16 2048 ALEX-USB "\"serial\": \"44450001\", \"autodetect\": true"
  fs_add_tree "$WORK/src-stick"
  fs_end

  clear_deleted
  tree_demo_home "$WORK/src-home"
  ext4_build "$WORK/p2.img" $((63488 / 2))k alex-home 44454d4f-0000-4000-8000-000000000002 "$WORK/src-home" -b 1024
  fs_begin ext4 65536 alex-home "\"uuid\": \"44454d4f-0000-4000-8000-000000000002\", \"autodetect\": true"
  fs_add_tree "$WORK/src-home" 12
  fs_end

  place "$WORK/p1.img" "$disk" 2048
  place "$WORK/p2.img" "$disk" 65536
  rm -f "$WORK"/p[0-9].img
  single_image demo.img true
}

tree_demo_stick() {
  local d="$1"
  mkdir -p "$d"
  put "$d/Case notes.txt" "Meeting with the supplier moved to Friday. Bring the signed invoice."$'\r\n'
  put "$d/Invoice 2024-117.txt" < <(printf 'INVOICE 2024-117\r\nItem %d: consulting, %d.00 EUR\r\n' 1 1200 2 800 3 450)
  put "$d/Spreadsheets/budget.csv" < <(printf 'month,income,expenses\r\n'; printf '2024-%02d,%d,%d\r\n' 1 5200 4100 2 5100 4900 3 5300 6100)
  put "$d/Photos/beach.jpg" < <(photo_bytes demo-beach 49152)
  put "$d/Photos/receipt.jpg" < <(photo_bytes demo-receipt 18000)
  put "$d/Private/plan.txt" "Move the money before the audit on the 15th."$'\r\n'
  stamp_dirs "$d"
  mark_deleted "Private/plan.txt"
}

tree_demo_home() {
  local d="$1"
  mkdir -p "$d"
  put "$d/etc/hostname" "alex-laptop"$'\n'
  put "$d/home/alex/.bash_history" < <(printf '%s\n' "ls -la" "cp /media/usb/Invoice*.txt ~/Documents/" "shred -u notes.txt" "history -c")
  put "$d/home/alex/Documents/letter.txt" "Dear Sir or Madam, please find the invoice attached."$'\n'
  put "$d/home/alex/Documents/resignation draft.txt" "I hereby resign, effective immediately."$'\n'
  put "$d/home/alex/Pictures/cat.jpg" < <(photo_bytes demo-cat 32768)
  ln -s Documents/letter.txt "$d/home/alex/latest-letter"
  stamp "$d/home/alex/latest-letter"
  stamp_dirs "$d"
  mark_deleted "home/alex/Documents/resignation draft.txt"
}
