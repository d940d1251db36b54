#!/usr/bin/env bash
# Issue 11 benchmark: the LZFSE decoder (image module, dev.exhibit.image.lzfse) on one core against 7-Zip's decoder
# (7zz x -tdmg -so to a discarding pipe, its whole process) on the same 1 MiB chunks: text, binary-like data and zeros,
# each as bvx2 and as LZVN streams from the tests' encoder, wrapped in a ULFO image for 7-Zip. After 5 s of warm-up on
# the whole mix, each round runs both decoders on a set, so that a shared machine's load falls on both alike; prints
# the medians of ROUNDS in decoded MB/s and their ratio (docs/lzfse.md has the figures).
#
#   bench/lzfse.sh [MIB [ROUNDS]]     default 192 MiB of chunks, 5 rounds
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$root/scripts/ensure-deps" bench >&2
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
(cd "$root" && ./mvnw -B -q -pl image -am -DskipTests package >&2)
exec "$JAVA_HOME/bin/java" -cp "$root/image/target/classes:$root/image/target/test-classes" \
  dev.exhibit.image.lzfse.LzfseThroughput "${1:-192}" "${2:-5}"
