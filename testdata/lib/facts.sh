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

# j_str STRING: a JSON string literal (the input must be valid UTF-8; controls are escaped). j_str_v sets REPLY
# instead of printing (no subshell: facts of large trees call these per entry).
j_str() {
  j_str_v "$1"
  printf '%s' "$REPLY"
}
j_str_v() {
  local LC_ALL=C s="$1" out="" c i
  if [[ "$s" != *[$'\x01'-$'\x1f'$'\x7f''"\']* ]]; then
    REPLY="\"$s\""
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
  REPLY="\"$out\""
}

# j_hex_v STRING: REPLY = the bytes of STRING in lowercase hex.
j_hex_v() {
  local LC_ALL=C s="$1" out="" h i
  for ((i = 0; i < ${#s}; i++)); do
    printf -v h '%02x' "'${s:i:1}"
    out+="${h: -2}"
  done
  REPLY="$out"
}

utf8_valid() {
  local LC_ALL=C
  [[ "$1" != *[$'\x80'-$'\xff']* ]] || printf '%s' "$1" | iconv -f UTF-8 -t UTF-8 >/dev/null 2>&1
}

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

# partition ROLE TABLE@SECTOR ENTRY START LENGTH TYPE FS [NAME]: one volume-system entry. ROLE is primary,
# extended, logical (MBR) or gpt. TABLE/ENTRY locate the entry: the MBR is table 0, each EBR of the chain the next
# table (TSK's "table:entry" slot), and SECTOR is where that table lies; GPT has table 0 and the entry index. TYPE is
# the MBR type byte ("0x0e") or the GPT type GUID; FS the file system written into it ("" when none).
partition() {
  local role="$1" table="${2%@*}" table_sector="${2#*@}" entry="$3" start="$4" length="$5" type="$6" fs="$7"
  local name="${8:-}" json
  json="{\"role\": $(j_str "$role"), \"table\": $table, \"table_sector\": $table_sector, \"entry\": $entry"
  json+=", \"start_sector\": $start"
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

# entry_head_v PATH: REPLY = the members every entry has: the path (when it is UTF-8), its raw bytes in hex, their
# count and the depth.
entry_head_v() {
  local p="$1" slashes head
  slashes="${p//[!\/]/}"
  if utf8_valid "$p"; then
    j_str_v "$p"
    head="\"path\": $REPLY, "
  else
    head="\"path\": null, "
  fi
  j_hex_v "$p"
  head+="\"path_hex\": \"$REPLY\", \"path_bytes\": $((${#REPLY} / 2)), \"depth\": $((${#slashes} + 1))"
  REPLY="$head"
}

# fs_add_tree SRC [FIRST_INODE]: one entry per file, directory and symlink below SRC (depth-first, byte order),
# marked deleted when DELETED says so; with FIRST_INODE, entries are numbered in that order (mke2fs -d allocation).
fs_add_tree() {
  local src="$1" first="${2:-}" line i=0
  while IFS= read -r line; do
    if [ -n "$first" ]; then line="${line%\}}, \"inode\": $((first + i))}"; fi
    CUR_ENTRIES+=("  $line,")
    i=$((i + 1))
  done < <(cd "$src" && tree_json "" "" "" true 0)
}

# tree_json PREFIX HEX JSON VALID DEPTH: the entries of the current directory's subtree, one JSON object per line.
# PREFIX is the directory's path with a trailing '/' ("" at the top), HEX/JSON its hex and escaped forms, VALID
# whether it is UTF-8, DEPTH its depth: each name is encoded once, not each full path (paths may exceed 4 KiB).
# Works directory by directory (cd), so paths longer than PATH_MAX are described too; run it in a subshell.
tree_json() {
  local prefix="$1" phex="$2" pjson="$3" pvalid="$4" depth=$(($5 + 1)) n rel json deleted size mtime sha
  local nhex njson nvalid head
  while IFS= read -r -d '' n; do
    rel="$prefix$n"
    deleted=false
    [ -z "${DELETED[$rel]+x}" ] || deleted=true
    j_hex_v "$n"
    nhex="$phex$REPLY"
    j_str_v "$n"
    njson="$pjson${REPLY:1:${#REPLY}-2}"
    nvalid=false
    if $pvalid && utf8_valid "$n"; then nvalid=true; fi
    if $nvalid; then head="\"path\": \"$njson\""; else head="\"path\": null"; fi
    json="{$head, \"path_hex\": \"$nhex\", \"path_bytes\": $((${#nhex} / 2)), \"depth\": $depth"
    json+=", \"deleted\": $deleted"
    if [ -L "$n" ]; then
      j_str_v "$(readlink -- "$n")"
      json+=", \"kind\": \"symlink\", \"target\": $REPLY"
    elif [ -d "$n" ]; then
      json+=", \"kind\": \"dir\""
    else
      read -r size mtime < <(stat -c '%s %Y' -- "$n")
      read -r sha _ < <(sha256sum <"$n")
      json+=", \"kind\": \"file\", \"size_bytes\": $size, \"sha256\": \"$sha\", \"mtime\": $mtime"
    fi
    printf '%s}\n' "$json"
    if [ -d "$n" ] && [ ! -L "$n" ]; then
      # same shell, physical cd: a subshell per level made deep trees slow
      cd -P -- "$n" || die "cannot enter $rel"
      tree_json "$rel/" "${nhex}2f" "$njson/" "$nvalid" "$depth"
      cd -P .. || die "cannot leave $rel"
    fi
  done < <(find . -mindepth 1 -maxdepth 1 -printf '%f\0' | LC_ALL=C sort -z)
}

# fs_add_stream PATH STREAM FILE: a named data stream (NTFS ADS) of PATH holding FILE's bytes.
fs_add_stream() {
  entry_head_v "$1"
  CUR_ENTRIES+=("  {$REPLY, \"deleted\": false, \"kind\": \"stream\", \"stream\": $(j_str "$2"), \"size_bytes\": $(size_of "$3"), \"sha256\": \"$(sha256_of "$3")\"},")
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
