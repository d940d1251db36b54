#!/usr/bin/env bash
# Builds one named test image and its facts file from a fixed recipe:
#   testdata/make-image.sh NAME OUTDIR   writes OUTDIR/NAME.<ext> (or several segments) and OUTDIR/NAME.facts.json
#   testdata/make-image.sh --list        prints every image name
# Recipes are deterministic (fixed content, times, serials and UUIDs); docs/testdata.md lists what each image holds
# and which ones are byte-for-byte reproducible. The `demo` recipe uses only the runtime tools
# (scripts/ensure-deps runtime), because `exhibit demo` runs it on users' machines.
set -euo pipefail

TESTDATA="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
for lib in common facts fs trees; do
  # shellcheck source=/dev/null
  source "$TESTDATA/lib/$lib.sh"
done
for recipe in "$TESTDATA"/recipes/*.sh; do
  # shellcheck source=/dev/null
  source "$recipe"
done

# The names are an API (TestImages.get, docs/testdata.md): add, never rename.
readonly IMAGES=(fat12 fat16 fat32 fat32-small exfat ntfs ext4 iso9660 mbr gpt e01 split-raw vhd vmdk
  garbage truncated mbr-loop empty hostile hostile-gpt path-overflow demo timeline types ntfs-runs)

# single_image FILE REPRODUCIBLE [CONTAINER]: facts of an image that is one file whose bytes are the media.
single_image() {
  local file="$1" reproducible="$2"
  fact_str image "$file"
  fact segments "[$(j_str "$file")]"
  fact_str container raw
  media_facts "$WORK/$file"
  fact byte_reproducible "$reproducible"
  OUTPUTS=("$file")
}

# media_facts RAWFILE: size and hashes of the logical media (what an acquisition of it must reproduce).
media_facts() {
  fact sector_size $SECTOR
  fact media_size_bytes "$(size_of "$1")"
  fact_str media_sha256 "$(sha256_of "$1")"
  fact_str media_md5 "$(md5_of "$1")"
}

usage() {
  echo "usage: $0 NAME OUTDIR   (NAME: ${IMAGES[*]})" >&2
  echo "       $0 --list" >&2
  exit 2
}

main() {
  [ "${1:-}" = --list ] && { printf '%s\n' "${IMAGES[@]}"; return; }
  [ $# -eq 2 ] || usage
  local name="$1" out="$2" known=false n f
  for n in "${IMAGES[@]}"; do [ "$n" = "$name" ] && known=true; done
  $known || { echo "make-image: unknown image '$name'" >&2; usage; }
  IMAGE_NAME="$name"
  mkdir -p "$out"
  out="$(cd "$out" && pwd)"
  WORK="$(mktemp -d "$out/.work-$name.XXXXXX")"
  trap 'cleanup_all; rm -rf "$WORK"' EXIT
  trap 'exit 130' INT TERM
  facts_reset
  OUTPUTS=()
  fact_str name "$name"
  declare -F "recipe_${name//-/_}" >/dev/null || die "no recipe for '$name' yet"
  "recipe_${name//-/_}"
  for f in "${OUTPUTS[@]}"; do
    mv -f "$WORK/$f" "$out/$f"
  done
  facts_write "$WORK/$name.facts.json"
  mv -f "$WORK/$name.facts.json" "$out/$name.facts.json"
}

main "$@"
