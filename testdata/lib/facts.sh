# Facts files: what each recipe knows about the image it built (layout, names, content hashes, deletions), written
# as JSON from the recipe's own inputs, never from a reading of the image. Schema: docs/testdata.md.
# Pure bash + coreutils (the runtime `demo` recipe writes facts too).

declare -a FACT_KEYS=()
declare -A FACT_VAL=()
declare -a FACT_PARTS=()
declare -a FACT_FS=()
declare -a CUR_ENTRIES=()
CUR_FS_HEAD=
# Paths (relative to a tree) that the recipe deletes after copying the tree into a file system.
declare -A DELETED=()

# j_str STRING: a JSON string literal (the input must be valid UTF-8; controls are escaped).
j_str() {
  local LC_ALL=C s="$1" out="" c i
  if [[ "$s" != *[$'\x01'-$'\x1f'$'\x7f''"\']* ]]; then
    printf '"%s"' "$s"
    return
  fi
  for ((i = 0; i < ${#s}; i++)); do
    c="${s:i:1}"
    case "$c" in
      '"') out+='\"' ;;
      '\') out+='\\' ;;
      [$'\x01'-$'\x1f'$'\x7f']) printf -v c '\\u%04x' "'$c"; out+="$c" ;;
      *) out+="$c" ;;
    esac
  done
  printf '"%s"' "$out"
}

j_hex() { printf '%s' "$1" | od -An -v -tx1 | tr -d ' \n'; }

utf8_valid() { printf '%s' "$1" | iconv -f UTF-8 -t UTF-8 >/dev/null 2>&1; }

# fact KEY JSON-VALUE: a top-level fact, in insertion order; a repeated key replaces the earlier value.
fact() {
  [ -n "${FACT_VAL[$1]+x}" ] || FACT_KEYS+=("$1")
  FACT_VAL[$1]="$2"
}
fact_str() { fact "$1" "$(j_str "$2")"; }

facts_reset() {
  FACT_KEYS=() FACT_PARTS=() FACT_FS=() CUR_ENTRIES=() CUR_FS_HEAD=
  FACT_VAL=() DELETED=()
}

# partition ROLE TABLE ENTRY START LENGTH TYPE FS [NAME]: one volume-system entry. ROLE is primary, extended,
# logical (MBR) or gpt. TABLE/ENTRY locate the entry: the MBR is table 0, each EBR of the chain the next table
# (TSK's "table:entry" slot); GPT has table 0 and the entry index. TYPE is the MBR type byte ("0x0e") or the GPT
# type GUID; FS the file system written into it ("" when none).
partition() {
  local role="$1" table="$2" entry="$3" start="$4" length="$5" type="$6" fs="$7" name="${8:-}" json
  json="{\"role\": $(j_str "$role"), \"table\": $table, \"entry\": $entry, \"start_sector\": $start"
  json+=", \"length_sectors\": $length, \"type\": $(j_str "$type")"
  json+=", \"fs\": $(if [ -n "$fs" ]; then j_str "$fs"; else echo null; fi)"
  [ -z "$name" ] || json+=", \"name\": $(j_str "$name")"
  FACT_PARTS+=("$json}")
}

# fs_begin TYPE START_SECTOR LABEL [EXTRA-JSON-MEMBERS]: opens the facts of one file system.
fs_begin() {
  local type="$1" start="$2" label="$3" extra="${4:-}"
  CUR_FS_HEAD="\"type\": $(j_str "$type"), \"start_sector\": $start, \"label\": $(j_str "$label")"
  [ -z "$extra" ] || CUR_FS_HEAD+=", $extra"
  CUR_ENTRIES=()
}
fs_end() {
  local IFS=$'\n'
  FACT_FS+=("{$CUR_FS_HEAD, \"entries\": [
${CUR_ENTRIES[*]}
]}")
  CUR_FS_HEAD= CUR_ENTRIES=()
}

# entry_head PATH: the members every entry has: the path (when it is UTF-8), its raw bytes in hex, length and depth.
entry_head() {
  local p="$1" depth slashes
  slashes="${p//[!\/]/}"
  depth=$((${#slashes} + 1))
  local LC_ALL=C
  local bytes=${#p}
  if utf8_valid "$p"; then
    printf '"path": %s, ' "$(j_str "$p")"
  else
    printf '"path": null, '
  fi
  printf '"path_hex": "%s", "path_bytes": %d, "depth": %d' "$(j_hex "$p")" "$bytes" "$depth"
}

# fs_add_tree SRC [FIRST_INODE]: one entry per file, directory and symlink below SRC (depth-first, byte order),
# marked deleted when DELETED says so; with FIRST_INODE, entries are numbered in that order (mke2fs -d allocation).
fs_add_tree() {
  local src="$1" first="${2:-}" line i=0
  while IFS= read -r line; do
    if [ -n "$first" ]; then line="${line%\}}, \"inode\": $((first + i))}"; fi
    CUR_ENTRIES+=("  $line,")
    i=$((i + 1))
  done < <(cd "$src" && tree_json "")
}

# tree_json PREFIX: the entries of the current directory's subtree, one JSON object per line. Works directory by
# directory (cd), so paths longer than PATH_MAX are described too.
tree_json() {
  local prefix="$1" n rel json deleted
  while IFS= read -r -d '' n; do
    rel="$prefix$n"
    deleted=false
    [ -z "${DELETED[$rel]+x}" ] || deleted=true
    json="{$(entry_head "$rel"), \"deleted\": $deleted"
    if [ -L "$n" ]; then
      json+=", \"kind\": \"symlink\", \"target\": $(j_str "$(readlink -- "$n")")"
    elif [ -d "$n" ]; then
      json+=", \"kind\": \"dir\""
    else
      json+=", \"kind\": \"file\", \"size_bytes\": $(size_of "$n"), \"sha256\": \"$(sha256_of "$n")\""
      json+=", \"mtime\": $(stat -c %Y -- "$n")"
    fi
    printf '%s}\n' "$json"
    if [ -d "$n" ] && [ ! -L "$n" ]; then (cd -- "$n" && tree_json "$rel/") || exit 1; fi
  done < <(find . -mindepth 1 -maxdepth 1 -printf '%f\0' | LC_ALL=C sort -z)
}

# fs_add_stream PATH STREAM FILE: a named data stream (NTFS ADS) of PATH holding FILE's bytes.
fs_add_stream() {
  CUR_ENTRIES+=("  {$(entry_head "$1"), \"deleted\": false, \"kind\": \"stream\", \"stream\": $(j_str "$2"), \"size_bytes\": $(size_of "$3"), \"sha256\": \"$(sha256_of "$3")\"},")
}

# facts_write FILE: the collected facts as one JSON object.
facts_write() {
  local out="$1" k i n
  {
    echo "{"
    for k in "${FACT_KEYS[@]}"; do
      printf '"%s": %s,\n' "$k" "${FACT_VAL[$k]}"
    done
    echo "\"partitions\": ["
    n=${#FACT_PARTS[@]}
    for ((i = 0; i < n; i++)); do
      printf '  %s%s\n' "${FACT_PARTS[i]}" "$([ $i -lt $((n - 1)) ] && echo ,)"
    done
    echo "],"
    echo "\"file_systems\": ["
    n=${#FACT_FS[@]}
    for ((i = 0; i < n; i++)); do
      # the last entry of each list carries a trailing comma from fs_add_*: drop it
      printf '%s%s\n' "$(printf '%s' "${FACT_FS[i]}" | sed -z 's/},\n]}$/}\n]}/')" "$([ $i -lt $((n - 1)) ] && echo ,)"
    done
    echo "]"
    echo "}"
  } >"$out"
}
