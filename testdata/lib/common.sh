# Shared helpers for the test-image recipes: environment pinning, tool checks, deterministic content, cleanup.
# Sourced by make-image.sh and make-bench-image.sh; uses bash and coreutils only, so the runtime-only `demo` recipe
# can use it too.

# Every recipe sees the same locale, zone, umask and clock so that names sort, encode and stamp the same everywhere.
export LC_ALL=C.UTF-8 TZ=UTC
# mkfs.* live in sbin, which an ordinary user's PATH may lack (the demo recipe runs as that user): add the standard
# ones unless PATH names some sbin directory already.
case ":$PATH:" in */sbin:*) ;; *) PATH="$PATH:/usr/sbin:/sbin" ;; esac
umask 022
# 2024-03-01T12:00:00Z: the recipes' reference time (file times, volume times, faked clocks).
readonly EPOCH=1709294400
export SOURCE_DATE_EPOCH=$EPOCH E2FSPROGS_FAKE_TIME=$EPOCH
# mtools: no user configuration, no geometry checks on image files.
export MTOOLSRC=/dev/null MTOOLS_SKIP_CHECK=1 MTOOLS_NO_VFAT=0

readonly FAKETIME_LIB=/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1
readonly SECTOR=512

die() {
  echo "make-image: ${IMAGE_NAME:-?}: $*" >&2
  exit 1
}

# need TOOL:PACKAGE... fails, naming every missing tool and its Debian package, before anything is built.
need() {
  local spec tool pkg missing=()
  for spec in "$@"; do
    tool="${spec%%:*}" pkg="${spec#*:}"
    if [ "$tool" = faketime-lib ]; then
      [ -r "$FAKETIME_LIB" ] || missing+=("$FAKETIME_LIB (package $pkg)")
    elif ! command -v "$tool" >/dev/null 2>&1; then
      missing+=("$tool (package $pkg)")
    fi
  done
  [ ${#missing[@]} -eq 0 ] || die "missing tools: ${missing[*]}; install them with scripts/ensure-deps test"
}

need_root() {
  [ "$(id -u)" -eq 0 ] || die "needs root ($*)"
}

# Some tools have no option for a fixed clock; run them under libfaketime with a frozen clock instead.
frozen() {
  LD_PRELOAD="$FAKETIME_LIB" FAKETIME="$(date -u -d "@$EPOCH" '+%Y-%m-%d %H:%M:%S')" FAKETIME_DONT_FAKE_MONOTONIC=1 \
    FAKETIME_NO_CACHE=1 "$@"
}

# Deterministic pseudo-random bytes: AES-256-CTR keystream keyed by the SHA-256 of SEED.
prng() {
  local seed="$1" count="$2" key
  key="$(printf '%s' "$seed" | sha256sum | cut -c1-64)"
  head -c "$count" /dev/zero | openssl enc -aes-256-ctr -nosalt -K "$key" -iv 00000000000000000000000000000000
}

# A JPEG-shaped binary (SOI/APP0 header, pseudo-random body, EOI) of COUNT bytes.
photo_bytes() {
  local seed="$1" count="$2"
  printf '\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00'
  prng "$seed" $((count - 22))
  printf '\xff\xd9'
}

# le32 N: N as 4 little-endian bytes; le32_esc N: the same as printf escapes.
le32() {
  printf "$(le32_esc "$1")"
}
le32_esc() {
  printf '\\x%02x\\x%02x\\x%02x\\x%02x' $(($1 & 255)) $((($1 >> 8) & 255)) $((($1 >> 16) & 255)) $((($1 >> 24) & 255))
}

sha256_of() { sha256sum <"$1" | cut -c1-64; }
md5_of() { md5sum <"$1" | cut -c1-32; }
size_of() { stat -c %s -- "$1"; }

# Cleanup of everything a recipe attached or mounted, run on any exit.
CLEANUP_MOUNTS=()
CLEANUP_PIDS=()
CLEANUP_LOOPS=()
cleanup_all() {
  local m p l
  for m in "${CLEANUP_MOUNTS[@]}"; do
    mountpoint -q "$m" 2>/dev/null && { umount "$m" 2>/dev/null || umount -l "$m" 2>/dev/null || true; }
  done
  for p in "${CLEANUP_PIDS[@]}"; do
    kill "$p" 2>/dev/null || true
  done
  for l in "${CLEANUP_LOOPS[@]}"; do
    losetup -d "$l" 2>/dev/null || true
  done
  CLEANUP_MOUNTS=() CLEANUP_PIDS=() CLEANUP_LOOPS=()
}

# fuse_mount MOUNTPOINT COMMAND... starts a FUSE daemon in the foreground (so its end can be awaited) and waits until
# the mount is up. fuse_unmount MOUNTPOINT unmounts and waits until the daemon has written everything and exited.
FUSE_PID=
fuse_mount() {
  local mnt="$1" log="$1.log" i
  shift
  mkdir -p "$mnt"
  "$@" >"$log" 2>&1 &
  FUSE_PID=$!
  CLEANUP_PIDS+=("$FUSE_PID")
  CLEANUP_MOUNTS+=("$mnt")
  for i in $(seq 200); do
    mountpoint -q "$mnt" && return 0
    kill -0 "$FUSE_PID" 2>/dev/null || break
    sleep 0.05
  done
  die "FUSE mount at $mnt did not come up: $(tr '\n' ' ' <"$log")"
}
fuse_unmount() {
  local mnt="$1"
  sync
  umount "$mnt" || die "cannot unmount $mnt"
  wait "$FUSE_PID" || die "FUSE daemon for $mnt failed: $(tr '\n' ' ' <"$mnt.log")"
  FUSE_PID=
}

# sorted_paths DIR: every path below DIR, relative, NUL-terminated, depth-first with siblings in byte order: the
# order in which mke2fs -d allocates inodes, used by every recipe so that entry numbers follow the recipe.
sorted_paths() {
  (cd "$1" && dfs_paths "")
}
dfs_paths() {
  local prefix="$1" n
  while IFS= read -r -d '' n; do
    printf '%s\0' "$prefix$n"
    if [ -d "$n" ] && [ ! -L "$n" ]; then (cd -- "$n" && dfs_paths "$prefix$n/") || exit 1; fi
  done < <(find . -mindepth 1 -maxdepth 1 -printf '%f\0' | LC_ALL=C sort -z)
}

# Writes FS image bytes into a disk image at a sector offset without truncating it.
place() {
  local fs="$1" disk="$2" start_sector="$3"
  dd if="$fs" of="$disk" bs=$SECTOR seek="$start_sector" conv=notrunc,sparse status=none
}
