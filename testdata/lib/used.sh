# shellcheck shell=bash
# A disk that looks like a used drive, for the E01 benchmark (bench/e01.sh): an MBR with ext4 (a Linux system and
# home), NTFS (a Windows user's files) and FAT32 (a camera card), filled to about 60% with text, executables and
# already-compressed files, the rest free space of zeros. Sourced by make-bench-image.sh after common.sh and fs.sh.
#
# Every byte follows from the image's name (the seed) and this machine's /usr: text is cut from the source code and
# scripts under /usr/include, /usr/share/perl* and /usr/lib/python3*, executables are copies of /usr/bin and the
# multiarch /usr/lib files; logs, photos, music, video and archives are generated from seeded generators (awk's
# srand, AES-CTR keystream, gzip of the text). Installing packages changes /usr, and so the image: its .info.json
# records the SHA-256 of what was built.

# Shares of the whole disk, in percent, by partition and kind: text (source, documents), logs (text too),
# executables, media (random bytes behind a JPEG, MP3 or MP4 header), archives (gzip of text). Each kind totals 20%.
readonly USED_PARTS="ext4:45 ntfs:35 fat:19"
declare -A USED_SHARE=(
  [ext4.text]=6 [ext4.logs]=4 [ext4.bin]=12 [ext4.media]=2 [ext4.archive]=3
  [ntfs.text]=7 [ntfs.logs]=0 [ntfs.bin]=6 [ntfs.media]=5 [ntfs.archive]=3
  [fat.text]=3 [fat.logs]=0 [fat.bin]=2 [fat.media]=7 [fat.archive]=0
)
# Where each kind goes on each partition, and the names it gets.
declare -A USED_DIR=(
  [ext4.text]=home/alex/src [ext4.logs]=var/log [ext4.bin]=usr/lib [ext4.media]=home/alex/Pictures
  [ext4.archive]=var/backups
  [ntfs.text]=Users/alex/Documents [ntfs.bin]=Windows/System32 [ntfs.media]=Users/alex/Videos
  [ntfs.archive]=Users/alex/Downloads
  [fat.text]=DOCS [fat.bin]=TOOLS [fat.media]=DCIM/100CANON
)
declare -A USED_EXT=(
  [ext4.text]="c,h,py,pl,md" [ext4.logs]=log [ext4.bin]=so [ext4.media]=jpg [ext4.archive]=tar.gz
  [ntfs.text]="html,csv,txt,rtf,xml" [ntfs.bin]="dll,exe" [ntfs.media]="mp4,jpg" [ntfs.archive]=gz
  [fat.text]=TXT [fat.bin]=EXE [fat.media]="JPG,MP3"
)
declare -A USED_WRITTEN=()

# used_corpus OUT: the text every text file is cut from (all of it, in path order).
used_corpus() {
  local out="$1"
  find /usr/include /usr/share/perl /usr/share/perl5 /usr/lib/python3* -type f \
    \( -name '*.h' -o -name '*.c' -o -name '*.py' -o -name '*.pm' -o -name '*.pl' \) -size +1k -print0 2>/dev/null |
    sort -z | xargs -0 cat >"$out"
  [ "$(size_of "$out")" -ge $((8 << 20)) ] ||
    die "found only $(size_of "$out") bytes of text under /usr/include, /usr/share/perl*, /usr/lib/python3*;" \
      "install libc6-dev and python3"
}

# used_executables OUT SEED: the executables and libraries of /usr/bin and /usr/lib/*-linux-gnu (ELF files of 16 KiB
# to 32 MiB), one path a line, in a seeded order.
used_executables() {
  local out="$1" seed="$2" f magic
  while IFS= read -r -d '' f; do
    IFS= read -r -n 4 magic <"$f" 2>/dev/null || true
    [ "$magic" = $'\x7fELF' ] && printf '%s\n' "$f"
  done < <(find /usr/bin /usr/lib/*-linux-gnu -maxdepth 1 -type f -size +16k -size -32M -print0 | sort -z) |
    shuf --random-source=<(prng "$seed-shuffle" $((1 << 20)) 2>/dev/null) >"$out"
  [ -s "$out" ] || die "found no executables under /usr/bin"
}

# used_seed TEXT: a number for awk's srand, from TEXT.
used_seed() {
  printf '%s' "$1" | cksum | cut -d' ' -f1
}

# used_text DIR BYTES SEED EXTS CORPUS: files of 4 KiB to 1 MiB (log-uniform) cut line by line from the corpus,
# each starting where the last ended (and the corpus read again from its start when it runs out).
used_text() {
  local dir="$1" bytes="$2" seed="$3" exts="$4" corpus="$5"
  mkdir -p "$dir"
  LC_ALL=C awk -v budget="$bytes" -v dir="$dir" -v exts="$exts" -v corpus="$corpus" -v seed="$(used_seed "$seed")" '
    BEGIN { srand(seed); n = split(exts, ext, ",")
      for (skip = seed % 5000; skip > 0; skip--) getline line <corpus
      for (f = 0; done < budget; f++) {
        size = int(exp(log(4096) + rand() * log(256))); if (size > budget - done) size = budget - done
        name = sprintf("%s/file%05d.%s", dir, f, ext[f % n + 1])
        for (got = 0; got < size; got += length(line) + 1) {
          if ((getline line <corpus) <= 0) { close(corpus); getline line <corpus }
          print line >name
        }
        close(name); done += got
      } }'
}

# used_logs DIR BYTES SEED: syslog-like files of 1 to 16 MiB (services, hosts, users, addresses, ids from srand).
used_logs() {
  local dir="$1" bytes="$2" seed="$3"
  mkdir -p "$dir"
  LC_ALL=C awk -v budget="$bytes" -v dir="$dir" -v seed="$(printf '%s' "$seed" | cksum | cut -d' ' -f1)" '
    function pick(list,   a, k) { k = split(list, a, " "); return a[int(rand() * k) + 1] }
    BEGIN { srand(seed); t = 1704067200
      while (done < budget) {
        name = sprintf("%s/syslog.%d.log", dir, f++); size = int(exp(log(1048576) + rand() * log(16))); got = 0
        while (got < size && done + got < budget) {
          t += int(rand() * 7); svc = pick("sshd cron systemd kernel nginx postfix/smtpd sudo dhclient")
          line = sprintf("%s web%02d %s[%d]: ", strftime("%Y-%m-%dT%H:%M:%S+00:00", t, 1), int(rand() * 12), svc,
                         int(rand() * 30000) + 300)
          r = rand()
          if (r < 0.3)
            line = line sprintf("Accepted publickey for %s from 10.%d.%d.%d port %d ssh2: ED25519 SHA256:%08x%08x",
              pick("alex root deploy backup www-data"), int(rand() * 256), int(rand() * 256), int(rand() * 256),
              int(rand() * 60000) + 1024, rand() * 2^31, rand() * 2^31)
          else if (r < 0.6)
            line = line sprintf("%d.%d.%d.%d - - \"GET /%s?id=%d HTTP/1.1\" %d %d \"-\" \"Mozilla/5.0\"",
              int(rand() * 223) + 1, int(rand() * 256), int(rand() * 256), int(rand() * 256),
              pick("index.html api/v1/items static/app.js login images/logo.png"), int(rand() * 100000),
              pick("200 200 200 304 404 500"), int(rand() * 50000))
          else if (r < 0.8)
            line = line sprintf("(%s) CMD (run-parts --report /etc/cron.%s)", pick("root alex"),
              pick("hourly daily weekly"))
          else
            line = line sprintf("%s: link %s, carrier %s, rx %d tx %d", pick("eth0 wlan0 enp3s0"), pick("up down"),
              pick("acquired lost"), int(rand() * 2^31), int(rand() * 2^31))
          print line >name; got += length(line) + 1
        }
        close(name); done += got
      } }'
}

# used_bin DIR BYTES LIST START EXTS: copies of the executables in LIST from line START on, under names with EXTS
# (the last one cut short at BYTES); prints the next line to take.
used_bin() {
  local dir="$1" bytes="$2" list="$3" line="$4" exts="$5" done=0 f total name
  local -a ext
  mkdir -p "$dir"
  IFS=, read -r -a ext <<<"$exts"
  total="$(wc -l <"$list")"
  while [ "$done" -lt "$bytes" ]; do
    f="$(sed -n "$((line % total + 1))p" "$list")"
    name="$dir/$(basename "$f" | tr -c 'A-Za-z0-9_\n-' _)_$line.${ext[line % ${#ext[@]}]}"
    head -c $((bytes - done)) "$f" >"$name"
    done=$((done + $(size_of "$name")))
    line=$((line + 1))
  done
  echo "$line"
}

# used_media DIR BYTES SEED EXTS: photos, music and video of 256 KiB to 8 MiB (log-uniform): the format's header,
# then keystream.
used_media() {
  local dir="$1" bytes="$2" seed="$3" exts="$4" done=0 i=0 size e name
  local -a ext sizes
  mkdir -p "$dir"
  IFS=, read -r -a ext <<<"$exts"
  mapfile -t sizes < <(used_sizes "$seed" 262144 8388608 $((bytes / 262144 + 1)))
  while [ "$done" -lt "$bytes" ]; do
    size="${sizes[i]}"
    [ "$size" -le $((bytes - done)) ] || size=$((bytes - done))
    [ "$size" -ge 64 ] || break
    e="${ext[i % ${#ext[@]}]}"
    name="$dir/$(printf '%s_%04d' "$(tr '[:lower:]' '[:upper:]' <<<"${e:0:3}")" "$i").$e"
    case "$e" in
      jpg | JPG) photo_bytes "$seed-$i" "$size" >"$name" ;;
      mp3 | MP3) { printf 'ID3\x03\x00\x00\x00\x00\x00\x00'; prng "$seed-$i" $((size - 10)); } >"$name" ;;
      *) { printf '\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom'; prng "$seed-$i" $((size - 24)); } >"$name" ;;
    esac
    done=$((done + size))
    i=$((i + 1))
  done
}

# used_archives DIR BYTES SEED SUFFIX CORPUS: gzip -6 of corpus slices three times SIZE long (1 to 16 MiB,
# log-uniform), until BYTES; the last one may pass it by a little.
used_archives() {
  local dir="$1" bytes="$2" seed="$3" suffix="$4" corpus="$5" done=0 i=0 corpus_size name
  local -a sizes
  mkdir -p "$dir"
  corpus_size="$(size_of "$corpus")"
  mapfile -t sizes < <(used_sizes "$seed" 1048576 16777216 $((bytes / 1048576 + 1)))
  while [ "$done" -lt "$bytes" ]; do
    name="$dir/backup-$i.$suffix"
    dd if="$corpus" iflag=skip_bytes,count_bytes skip=$(((sizes[i] * 7 + i * 1048573) % corpus_size)) \
      count=$((sizes[i] * 3)) status=none | gzip -6 -n >"$name"
    done=$((done + $(size_of "$name")))
    i=$((i + 1))
  done
}

# used_sizes SEED MIN MAX COUNT: COUNT log-uniform sizes in bytes between MIN and MAX, one a line.
used_sizes() {
  LC_ALL=C awk -v seed="$(used_seed "$1")" -v lo="$2" -v hi="$3" -v n="$4" \
    'BEGIN { srand(seed); for (i = 0; i < n; i++) printf "%d\n", exp(log(lo) + rand() * (log(hi) - log(lo))) }'
}

# used_tree PART DIR DISK_BYTES CORPUS EXECUTABLES: fills DIR with PART's share of each kind; sets USED_WRITTEN.
USED_BIN_LINE=0
used_tree() {
  local part="$1" dir="$2" disk="$3" corpus="$4" executables="$5" kind bytes
  for kind in text logs bin media archive; do
    bytes=$((disk * USED_SHARE[$part.$kind] / 100))
    [ "$bytes" -gt 0 ] || continue
    local sub="$dir/${USED_DIR[$part.$kind]}" seed="$IMAGE_NAME-$part-$kind"
    case "$kind" in
      text) used_text "$sub" "$bytes" "$seed" "${USED_EXT[$part.$kind]}" "$corpus" ;;
      logs) used_logs "$sub" "$bytes" "$seed" ;;
      bin) USED_BIN_LINE="$(used_bin "$sub" "$bytes" "$executables" "$USED_BIN_LINE" "${USED_EXT[$part.$kind]}")" ;;
      media) used_media "$sub" "$bytes" "$seed" "${USED_EXT[$part.$kind]}" ;;
      archive) used_archives "$sub" "$bytes" "$seed" "${USED_EXT[$part.$kind]}" "$corpus" ;;
    esac
    USED_WRITTEN[$kind]=$((${USED_WRITTEN[$kind]:-0} +
      $(find "$sub" -type f -printf '%s\n' | awk '{ s += $1 } END { printf "%.0f\n", s }')))
  done
  find "$dir" -exec touch -h -d "@$EPOCH" {} +
}

# used_disk OUT WORKDIR BYTES: the whole disk (the text and the file trees are staged in WORKDIR, the file systems
# beside OUT); prints what it holds as JSON.
used_disk() {
  local out="$1" work="$2" bytes="$3" part share start=2048 sectors size kind
  need sfdisk:fdisk mkfs.ext4:e2fsprogs debugfs:e2fsprogs mkntfs:ntfs-3g ntfs-3g:ntfs-3g mkfs.fat:dosfstools \
    mcopy:mtools openssl:openssl faketime-lib:libfaketime gzip:gzip shuf:coreutils
  need_root "ntfs-3g mount to fill the NTFS partition"
  used_corpus "$work/corpus.txt"
  used_executables "$work/executables.txt" "$IMAGE_NAME"
  local -a table=() images=()
  for part in $USED_PARTS; do
    share="${part#*:}" part="${part%:*}"
    sectors=$((bytes * share / 100 / SECTOR / 2048 * 2048))
    size=$((sectors * SECTOR))
    rm -rf "$work/tree"
    mkdir "$work/tree"
    used_tree "$part" "$work/tree" "$bytes" "$work/corpus.txt" "$work/executables.txt"
    case "$part" in
      ext4)
        ext4_build "$out.$part" $((size / 1024))k used-root 5eed0000-0000-4000-8000-00000000e4e4 "$work/tree"
        table+=("start=$start, size=$sectors, type=83") ;;
      ntfs)
        ntfs_build "$out.$part" "$size" USED-WIN "$work/tree" "$start"
        rm -f "$out.$part.mnt.log"
        table+=("start=$start, size=$sectors, type=7") ;;
      fat)
        # small cards get 512-byte clusters: FAT32 needs at least 65,525 of them
        local cluster=8
        [ "$size" -ge $((512 << 20)) ] || cluster=1
        fat_build "$out.$part" 32 "$size" CANON_DC 5eedfa32 "$work/tree" -h "$start" -s "$cluster"
        table+=("start=$start, size=$sectors, type=c") ;;
    esac
    images+=("$out.$part:$start")
    start=$((start + sectors))
  done
  rm -rf "$work/tree"
  rm -f "$out"
  truncate -s "$bytes" "$out"
  printf '%s\n' "label: dos" "label-id: 0x5eed0e01" "unit: sectors" "${table[@]}" |
    sfdisk -q --no-reread --no-tell-kernel "$out" >"$work/sfdisk.log" 2>&1 ||
    die "sfdisk failed: $(cat "$work/sfdisk.log")"
  for part in "${images[@]}"; do
    place "${part%:*}" "$out" "${part##*:}"
    rm -f "${part%:*}"
  done
  # What the disk holds: bytes written by kind; the all-zero 4 KiB blocks (holes, since the file systems were
  # written into a sparse file with dd conv=sparse); and what gzip -1 (zlib level 1, the E01 "fast" level) makes of it.
  local zero gz
  zero=$((bytes - $(stat -c '%b * %B' "$out")))
  gz="$(gzip -1 -c "$out" | wc -c)"
  # A drive has no holes: neither has its image, so that reading it costs what reading a drive's image costs.
  cp --sparse=never "$out" "$out.dense"
  mv "$out.dense" "$out"
  printf '{"size_bytes": %d, "partitions": "%s",' "$bytes" "$USED_PARTS"
  for kind in text logs bin media archive; do printf ' "%s_bytes": %d,' "$kind" "${USED_WRITTEN[$kind]:-0}"; done
  printf ' "zero_4k_block_bytes": %d, "gzip1_bytes": %d, "sha256": "%s"}\n' "$zero" "$gz" "$(sha256_of "$out")"
}
