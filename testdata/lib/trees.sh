# Source trees: the files a recipe copies into a file system. Content and times are fixed; TAG makes volumes of one
# disk distinguishable.

MT_NEXT=$((EPOCH - 40 * 86400))

# put PATH [CONTENT]: writes a file (content from stdin unless given) and gives it the next fixed time. Feed stdin
# by redirection, not a pipe: a pipe would run put in a subshell and lose the clock step.
# Times advance by 7 h 2 s steps: even seconds, because FAT keeps modification times in 2-second units.
put() {
  local path="$1"
  mkdir -p "$(dirname "$path")"
  if [ $# -ge 2 ]; then printf '%s' "$2" >"$path"; else cat >"$path"; fi
  stamp "$path"
}
stamp() {
  touch -h -d "@$MT_NEXT" "$1"
  MT_NEXT=$((MT_NEXT + 25202))
}

# Directories get the reference time after their contents are written (-execdir: paths may exceed PATH_MAX).
stamp_dirs() {
  find "$1" -type d -execdir touch -d "@$EPOCH" {} +
}

lines() {
  local tag="$1" n="$2" i
  for ((i = 1; i <= n; i++)); do
    printf 'Line %04d of the %s report: revenue, costs and the figures an examiner will hash.\r\n' "$i" "$tag"
  done
}

# tree_standard DIR TAG: the ordinary files every file-system image carries, two of them deleted afterwards.
tree_standard() {
  local d="$1" tag="$2"
  mkdir -p "$d"
  put "$d/README.TXT" "Exhibit test volume $tag. This file stays allocated."$'\r\n'
  put "$d/Documents/Quarterly report 2024.txt" < <(lines "$tag" 40)
  put "$d/Documents/notes.md" "# Notes ($tag)"$'\n\n'"- call the bank"$'\n'"- shred the drafts"$'\n'
  put "$d/Documents/old draft.txt" < <(lines "$tag-draft" 25)
  put "$d/Photos/IMG_0001.JPG" < <(photo_bytes "$tag-photo" 20000)
  put "$d/Grüße aus Köln.txt" "Grüße, $tag — naïve café, 日本語."$'\n'
  put "$d/empty.dat" ""
  put "$d/deleted.txt" "This file ($tag) was deleted by the recipe."$'\n'
  put "$d/a/b/c/deep.txt" "three directories down ($tag)"$'\n'
  stamp_dirs "$d"
  mark_deleted "deleted.txt" "Documents/old draft.txt"
}
