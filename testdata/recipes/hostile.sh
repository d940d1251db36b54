# hostile: ext4 (names may hold any byte but NUL and '/') with names that attack whatever displays them: markup,
# quotes, a path that reads "</script>", bidi overrides, terminal escapes, invalid UTF-8, C0/C1 controls; plus a
# path longer than 4096 bytes and a directory chain 130 levels deep, beyond libtsk's walk limits (4096-byte path
# buffer, depth 128), which libtsk skips silently.

readonly HOSTILE_DEEP_LEVELS=130

recipe_hostile() {
  need mkfs.ext4:e2fsprogs debugfs:e2fsprogs
  fact_str description "ext4 with hostile names (markup, quotes, </script>, RLO, escapes, invalid UTF-8, controls), a >4096-byte path and a 130-level chain."
  clear_deleted
  local s="$WORK/src"
  mkdir -p "$s"
  hostile_names "$s"
  # "</script><script>alert(1)</script>.txt" as a path: '/' cannot be in a name, so the path is three names.
  put "$s/</script><script>alert(1)</script>.txt" "a path that closes a script element"$'\n'
  mkdir -p "$s/<dir onmouseover=alert(1)>"
  put "$s/<dir onmouseover=alert(1)>/inner.txt" "inside a hostile directory name"$'\n'
  # 17 levels of 254-byte names: directory paths of 255k - 1 bytes, 4079 at level 16 (listed with its content),
  # 4334 at level 17 (listed, but libtsk does not enter it). 255-byte names would give a 4095-byte directory path,
  # which overflows libtsk's buffer: that case is the image path-overflow.
  hostile_long_chain "$s" 17 254
  hostile_deep_chain "$s"
  stamp_dirs "$s"
  mark_deleted 'deleted <b>bold<b>.txt'
  EXT4_LATE=("$(cd "$s" && ls -d long01_*)")
  ext4_build "$WORK/hostile.img" 8M HOSTILE 5eed0000-0000-4000-8000-0000000bad00 "$s" -b 1024 -N 1024
  fs_begin ext4 0 HOSTILE "\"uuid\": \"5eed0000-0000-4000-8000-0000000bad00\", \"autodetect\": true"
  fs_add_tree "$s"
  fs_end
  fact tsk_walk_limits '{"path_buffer_bytes": 4096, "max_depth": 128}'
  single_image hostile.img true
}

# hostile_names DIR: one file per name that attacks a display (markup, quotes, bidi override, terminal escapes,
# invalid UTF-8, C0/C1 controls, zero width, path tricks, entities, spaces).
hostile_names() {
  local name names=(
    '<img src=x onerror=alert(1)>.html'
    "\"double\" 'single' \`back\` quotes.txt"
    $'invoice\u202etxt.exe'
    $'\e[31mred\e[0m and \e]0;pwned\a title.txt'
    $'bad_\xff\xfe_utf8.txt'
    $'line1\nline2.txt'
    $'cr\rreturn.txt'
    $'del\x7fchar.txt'
    $'c1_csi_\u009b31m.txt'
    $'zero\u200bwidth.txt'
    '..\..\Windows\System32\evil.dll'
    'javascript:alert(document.domain)'
    '&amp;&lt;entities&gt;.txt'
    ' leading and trailing space '
    'deleted <b>bold<b>.txt'
  )
  for name in "${names[@]}"; do
    put "$1/$name" "content of a file with a hostile name"$'\n'
  done
}

# hostile-gpt: a GPT disk whose partition names and file-system label attack whatever displays them, with the
# hostile names inside: the evidence strings an acquired, analysed and reported image carries into a report.
readonly HOSTILE_GPT_SECTORS=24576
readonly HOSTILE_GPT_NAME1='<img src=x onerror=alert(1)>'
readonly HOSTILE_GPT_NAME2=$'invoice\u202etxt.exe \e[31mred'
readonly HOSTILE_GPT_LABEL='</script><b>x'
recipe_hostile_gpt() {
  need sfdisk:fdisk mkfs.ext4:e2fsprogs debugfs:e2fsprogs
  fact_str description "GPT disk whose partition names (markup; RLO and a terminal escape) and ext4 label (</script>) attack displays; the hostile names in the ext4, the standard tree in a FAT12."
  clear_deleted
  local s="$WORK/src" disk="$WORK/hostile-gpt.img"
  mkdir -p "$s"
  hostile_names "$s"
  stamp_dirs "$s"
  # sfdisk reads \xNN escapes in a name: the escape character goes in as \x1b.
  disk_table "$disk" $HOSTILE_GPT_SECTORS <<SFDISK
label: gpt
label-id: 45584849-4249-5400-8000-0000000bad01
unit: sectors
start=2048, size=16384, type=$GPT_LINUX, uuid=45584849-4249-5400-8000-0000000bad02, name="$HOSTILE_GPT_NAME1"
start=18432, size=4096, type=$GPT_BASIC, uuid=45584849-4249-5400-8000-0000000bad03, name="${HOSTILE_GPT_NAME2//$'\e'/\\x1b}"
SFDISK
  fact_str volume_system gpt
  partition gpt 0@2 0 2048 16384 "$GPT_LINUX" ext4 "$HOSTILE_GPT_NAME1"
  partition gpt 0@2 1 18432 4096 "$GPT_BASIC" fat12 "$HOSTILE_GPT_NAME2"
  ext4_build "$WORK/p1.img" 8M "$HOSTILE_GPT_LABEL" 5eed0000-0000-4000-8000-0000000bad04 "$s" -b 1024
  fs_begin ext4 2048 "$HOSTILE_GPT_LABEL" "\"uuid\": \"5eed0000-0000-4000-8000-0000000bad04\", \"autodetect\": true"
  fs_add_tree "$s"
  fs_end
  fat_volume "$WORK/p2.img" 12 $((4096 * SECTOR)) HOSTILE 4b0a0002 hostile-gpt-fat12 18432 true
  place "$WORK/p1.img" "$disk" 2048
  place "$WORK/p2.img" "$disk" 18432
  rm -f "$WORK/p1.img" "$WORK/p2.img"
  single_image hostile-gpt.img true
}
: nested directories with long names, each holding a file. The directory
# at level k has a path of k * (NAME_BYTES + 1) - 1 bytes. Built with relative steps: the full path exceeds
# PATH_MAX (and is added to the image by debugfs, see ext4_add_tree).
hostile_long_chain() {
  (
    cd "$1" || exit 1
    local k name
    for ((k = 1; k <= $2; k++)); do
      name="$(printf 'long%02d_' "$k")"
      name="$name$(printf '%*s' $(($3 - ${#name})) '' | tr ' ' 'x')"
      mkdir "$name"
      cd "$name" || exit 1
      put "file-at-level-$k.txt" "level $k of the long chain"$'\n'
    done
  )
}

# 130 nested directories ("deep" then "d"), each but the first holding a file named after its own depth + 1.
hostile_deep_chain() {
  (
    cd "$1" || exit 1
    mkdir deep
    cd deep || exit 1
    local k
    for ((k = 2; k <= HOSTILE_DEEP_LEVELS; k++)); do
      mkdir d
      cd d || exit 1
      put "at-depth-$((k + 1)).txt" "depth $((k + 1))"$'\n'
    done
  )
}

# path-overflow: a directory whose path is exactly 4095 bytes (16 names of 255 bytes). libtsk 4.11.1 appends the
# name and a '/' to its 4096-byte path buffer when it enters that directory: one byte too many. The Debian build
# (FORTIFY_SOURCE) aborts ("*** buffer overflow detected ***", SIGABRT); an unchecked build writes past the buffer.
# For testing that untrusted images are parsed in a process that may die.
recipe_path_overflow() {
  need mkfs.ext4:e2fsprogs debugfs:e2fsprogs
  fact_str description "ext4 with a directory path of exactly 4095 bytes: libtsk 4.11.1 overflows its path buffer entering it (fls aborts)."
  clear_deleted
  local s="$WORK/src"
  mkdir -p "$s"
  put "$s/before.txt" "listed before the walk reaches the long chain"$'\n'
  hostile_long_chain "$s" 16 255
  put "$s/~after.txt" "listed after the long chain, if the walk survives it"$'\n'
  stamp_dirs "$s"
  EXT4_LATE=("$(cd "$s" && ls -d long01_*)")
  ext4_build "$WORK/path-overflow.img" 4M OVERFLOW 5eed0000-0000-4000-8000-00000000f10f "$s" -b 1024
  fs_begin ext4 0 OVERFLOW "\"uuid\": \"5eed0000-0000-4000-8000-00000000f10f\", \"autodetect\": true"
  fs_add_tree "$s"
  fs_end
  fact tsk_walk_limits '{"path_buffer_bytes": 4096, "max_depth": 128}'
  single_image path-overflow.img true
}
