#!/usr/bin/env bash
# The table of bench/e01.sh, from WORK/runs.tsv: medians, ratios, floors and the issue's targets, printed and written
# to WORK/results.md and WORK/results.json. bench/e01.sh runs it at its end, with what it knows of the run as JSON;
# to print it again: bench/e01-report.sh WORK "$(jq -c .meta WORK/results.json)"
#
#   bench/e01-report.sh WORK META_JSON
set -euo pipefail
[ $# -eq 2 ] || { echo "usage: $0 WORK META_JSON" >&2; exit 2; }
work="$1" meta="$2"

# runs.tsv -> results.json: every run, the medians of each command, the floors and the targets.
read -r -d '' summary <<'JQ' || true
def median: sort | if length == 0 then null elif length % 2 == 1 then .[(length - 1) / 2]
                   else (.[length / 2 - 1] + .[length / 2]) / 2 end;
def r(n): if . == null then null else (. * pow(10; n) | round) / pow(10; n) end;
def ratio(a; b): if a == null or b == null or b == 0 then null else a / b end;

(split("\n") | map(select(length > 0) | split("\t")
  | {phase: .[0], source: .[1], tool: .[2], image: .[3], round: (.[4] | tonumber), wall_s: (.[5] | tonumber),
     tool_s: (.[6] | tonumber), flush_s: (.[7] | tonumber), peak_rss_kb: (.[8] | tonumber),
     out_bytes: (.[9] | tonumber), exit_status: (.[10] | tonumber)})) as $runs
| {used: $meta.size, random: $meta.size, sparse: $meta.sparse_size} as $bytes
| {used: "used drive", random: "incompressible", sparse: "sparse"} as $name
| def ok(p; s; t; i): [$runs[] | select((.phase | IN(p)) and .source == s and .tool == t and .image == i)];
  def med(p; s; t; i; f): [ok(p; s; t; i)[] | select(.exit_status == 0) | .[f]] | median;
  def failed(p; s; t; i): [ok(p; s; t; i)[] | select(.exit_status != 0) | .exit_status] | first;
  def rss(s; t): [ok("acquire", "rss"; s; t; "-")[] | select(.exit_status == 0) | .peak_rss_kb] | max;
  def row(p; s; t; i): med(p; s; t; i; "wall_s") as $w
    | {source: s, tool: t, image: i, runs: (ok(p; s; t; i) | length), wall_s: ($w | r(2)),
       mb_s: (if $w then $bytes[s] / $w / 1e6 | r(1) else null end), failed_exit_status: failed(p; s; t; i)};
  def w(s; t; i): med("acquire", "verify"; s; t; i; "wall_s");

([("used", "random") as $s | ("ewfacquire", "exhibit-e01", "exhibit-raw") as $t
  | row("acquire"; $s; $t; "-") + {out_bytes: med("acquire"; $s; $t; "-"; "out_bytes"), peak_rss_kb: rss($s; $t)}
  | .out_ratio = (ratio(.out_bytes; $bytes[.source]) | r(4)) | select(.runs > 0)]) as $acquire
| ([("used", "random") as $s | ("ewf", "exhibit") as $i
    | ("ewfverify", "exhibit-verify-file", "exhibit-verify-dir") as $t
    | row("verify"; $s; $t; $i) | select(.runs > 0)]) as $verify
| ([("ewfacquire", "exhibit-e01") as $t | {tool: $t, used_kb: rss("used"; $t), sparse_kb: rss("sparse"; $t)}
    | .ratio = (ratio(.sparse_kb; .used_kb) | r(3)) | select(.used_kb or .sparse_kb)]) as $rss
| ($meta.floor | [scan("(MD5|SHA-1|SHA-256) +([0-9.]+) MB/s")]
   | map({key: .[0], value: (.[1] | tonumber)}) | from_entries) as $one
# The least wall time on the machine's cores: one thread per digest (MD5 cannot be split), the rest spread evenly.
| (if $one["MD5"] then
    (1 / $one["MD5"]) as $md5 | ($md5 + 1 / $one["SHA-1"] + 1 / $one["SHA-256"]) as $all
    | {one_core_mb_s: $one, cores: $meta.cpus,
       serial_mb_s: (1 / $all | r(1)),
       floor_mb_s: (1 / ([$md5, $all / $meta.cpus] | max) | r(1)),
       floor_with_window_mb_s: (1 / ([$md5, ($all + 1 / $one["SHA-256"]) / $meta.cpus] | max) | r(1))}
    # an E01 writer also deflates chunks, and a verifier inflates them
    + {chunks: (($meta.deflate // {}) | to_entries | map(.key as $k | .value as $d | ($meta.size / 1e6) as $mb
        | def floor(cpu; peer): ([$mb * $md5, cpu / $meta.cpus] | max) as $t
            | {s: ($t | r(2)), mb_s: ($mb / $t | r(1)), peer_x: (ratio(peer; $t) | r(2))};
          med("acquire"; $k; "ewfacquire"; "-"; "wall_s") as $ewfacquire
        | med("verify"; $k; "ewfverify"; "ewf"; "wall_s") as $ewfverify
        | {source: $k, deflate_zero_s: ($d.zero.deflate_s | r(2)), deflate_shrinks_s: ($d.shrinks.deflate_s | r(2)),
           deflate_stored_raw_s: ($d.stored_raw.deflate_s | r(2)),
           inflate_s: ($d.zero.inflate_s + $d.shrinks.inflate_s | r(2)),
           chunks: {zero: $d.zero.chunks, shrinks: $d.shrinks.chunks, stored_raw: $d.stored_raw.chunks},
           acquire_every_chunk:
             floor($mb * $all + $d.zero.deflate_s + $d.shrinks.deflate_s + $d.stored_raw.deflate_s; $ewfacquire),
           acquire_shrinking_chunks: floor($mb * $all + $d.shrinks.deflate_s; $ewfacquire),
           verify: floor($mb * ($md5 + 1 / $one["SHA-1"]) + $d.zero.inflate_s + $d.shrinks.inflate_s; $ewfverify)}))}
  else null end) as $floor
| def target(n; v; goal; met): {target: n, measured: v, goal: goal, met: (if v == null then null else (v | met) end)};
  [target("acquire used drive: exhibit / ewfacquire throughput";
          ratio(w("used"; "ewfacquire"; "-"); w("used"; "exhibit-e01"; "-")) | r(2); ">= 2.5"; . >= 2.5),
   target("acquire used drive: exhibit / ewfacquire output size";
          ratio(med("acquire"; "used"; "exhibit-e01"; "-"; "out_bytes");
                med("acquire"; "used"; "ewfacquire"; "-"; "out_bytes")) | r(4); "<= 1.02"; . <= 1.02),
   target("acquire incompressible: exhibit / ewfacquire throughput";
          ratio(w("random"; "ewfacquire"; "-"); w("random"; "exhibit-e01"; "-")) | r(2); ">= 1.5"; . >= 1.5),
   (("used", "random") as $s | ("ewf", "exhibit") as $i
    | target("verify \($name[$s]), E01 by \($i): exhibit verify FILE / ewfverify throughput";
             ratio(w($s; "ewfverify"; $i); w($s; "exhibit-verify-file"; $i)) | r(2); ">= 2"; . >= 2)),
   target("peak RSS of exhibit acquire --format e01, sparse / used drive";
          ratio(rss("sparse"; "exhibit-e01"); rss("used"; "exhibit-e01")) | r(3); "<= 1.10 (flat)"; . <= 1.10)
  ] as $targets
| {meta: $meta, acquire: $acquire, verify: $verify, peak_rss: $rss, digest_floor: $floor, targets: $targets,
   runs: $runs}
JQ

# results.json -> Markdown.
read -r -d '' table <<'JQ' || true
def show: if . == null then "n/a" else tostring end;
def mib: if . == null then "n/a" else (. / 1024 | round | tostring) end;
def pct(n): (. * 1000 / n | round) / 10 | tostring + "%";
def cells: "| " + (map(show) | join(" | ")) + " |";
def cell: if .failed_exit_status and .wall_s == null then "failed (exit \(.failed_exit_status))" else .wall_s end;
def fl: "\(.s) s, \(.mb_s) MB/s" + (if .peer_x then ", \(.peer_x)x" else "" end);
{"ewfacquire": "ewfacquire -f encase6 -c fast -d sha1,sha256 -S 1500MiB",
 "exhibit-e01": "exhibit acquire --format e01 --compression fast", "exhibit-raw": "exhibit acquire (raw, reference)",
 "ewfverify": "ewfverify -q -d sha1,sha256 FILE.E01", "exhibit-verify-file": "exhibit verify FILE.E01",
 "exhibit-verify-dir": "exhibit verify OUTDIR (with the log)"} as $command
| .meta as $m | $m.used_info as $u
| def ran(p): ($m.only // "") as $o | $o == "" or $o == p;
  def skipped: "Not run (--only \($m.only)).";
  def share(f): $u[f] | pct($u.size_bytes);
  "# E01 benchmark, \($m.date)", "",
  "Host: \($m.cpus) CPUs (\($m.cpu)), Linux \($m.kernel), load average \($m.load_start) at the start, "
    + "\($m.load_end) at the end.",
  "Exhibit: \($m.exhibit); E01 acquisition "
    + (if $m.e01_acquire then "available" else "**not available** (acquire --help lists no --format e01)" end)
    + ", E01 verification " + (if $m.e01_verify then "available" else "**not available**" end)
    + ". Peer: \($m.ewf).",
  "Runs: \($m.rounds) per command, medians; page cache: \($m.cache)"
    + (if $m.loop then "; sources read through read-only loop devices" else "" end)
    + ". Wall time = the whole process + fsync of its output; MB = 10^6 bytes.", "",
  "## Sources", "",
  "| source | bytes | what |", "|---|---|---|",
  (["used drive (\($m.used))", $u.size_bytes,
    "MBR: " + ($u.partitions | split(" ") | map(split(":") | {ext4: "ext4", ntfs: "NTFS", fat: "FAT32"}[.[0]]
      + " \(.[1])%") | join(", ")) + " of the disk; written: text \(share("text_bytes")), logs \(share("logs_bytes")), "
      + "executables \(share("bin_bytes")), photos/music/video \(share("media_bytes")), "
      + "gzip archives \(share("archive_bytes")); all-zero 4 KiB blocks \(share("zero_4k_block_bytes")); "
      + "gzip -1 of the whole disk \(share("gzip1_bytes")) of its size; SHA-256 \($u.sha256[0:16])..."] | cells),
  (["incompressible", $m.size, "AES-256-CTR keystream, seeded"] | cells),
  (["sparse", $m.sparse_size, "12 MiB of keystream (4 MiB at the start, middle and end), the rest a hole"] | cells),
  "",
  "## Acquire (MD5, SHA-1, SHA-256 on both sides)", "",
  (if ran("acquire") then
    "| source | command | wall s | MB/s | output bytes | output / source | peak RSS MiB |",
    "|---|---|---:|---:|---:|---:|---:|",
    (.acquire[] | [.source, $command[.tool], cell, .mb_s, .out_bytes, .out_ratio, (.peak_rss_kb | mib)] | cells),
    (if $m.e01_acquire then empty else ["both", $command["exhibit-e01"], "not available", "", "", "", ""] | cells end)
   else skipped end), "",
  "## Verify (of the same E01: the one each tool wrote)", "",
  (if ran("verify") then
    "| source | E01 by | command | wall s | MB/s |", "|---|---|---|---:|---:|",
    (.verify[] | [.source, .image, $command[.tool], cell, .mb_s] | cells),
    (if $m.e01_verify then empty else ["both", "", $command["exhibit-verify-file"], "not available", ""] | cells end)
   else skipped end), "",
  "## Peak RSS of the acquisition", "",
  (if ran("rss") then
    "| tool | used drive MiB | sparse MiB | sparse / used |", "|---|---:|---:|---:|",
    (.peak_rss[] | [.tool, (.used_kb | mib), (.sparse_kb | mib), .ratio] | cells),
    (if $m.e01_acquire then empty else ["exhibit-e01", "not available", "", ""] | cells end)
   else skipped end), "",
  "## Floors: digests (bench/DigestSpeed.java, this JVM), deflate and inflate", "",
  (if .digest_floor then .digest_floor as $f
    | "One core: MD5 \($f.one_core_mb_s["MD5"]) MB/s, SHA-1 \($f.one_core_mb_s["SHA-1"]) MB/s, "
      + "SHA-256 \($f.one_core_mb_s["SHA-256"]) MB/s; all three in one thread \($f.serial_mb_s) MB/s. "
      + "On \($f.cores) cores, one thread per digest (MD5 cannot be split), no writer can pass \($f.floor_mb_s) MB/s "
      + "with MD5, SHA-1 and SHA-256, or \($f.floor_with_window_mb_s) MB/s with Exhibit's window SHA-256 as well.",
      "",
      (if ($f.chunks | length) > 0 then
        "zlib level 1 over 32 KiB chunks (python3), CPU seconds on one core; then the least wall time on "
          + "\($f.cores) cores (one thread per digest, the rest spread evenly), as MB/s and as a multiple of the "
          + "peer's median throughput:", "",
        "| source | deflate: zero / shrinking / incompressible chunks | write, deflating every chunk "
          + "| write, deflating only the chunks that shrink | inflate | verify (MD5, SHA-1, inflate) |",
        "|---|---|---|---|---|---|",
        ($f.chunks[] | [.source, "\(.deflate_zero_s) / \(.deflate_shrinks_s) / \(.deflate_stored_raw_s) s "
            + "(\(.chunks.zero) / \(.chunks.shrinks) / \(.chunks.stored_raw) chunks)",
          (.acquire_every_chunk | fl), (.acquire_shrinking_chunks | fl), "\(.inflate_s) s", (.verify | fl)] | cells)
       else "Deflate not measured (no python3)." end)
   else "Measured with the acquire phase only." end), "",
  "## Targets (issue 9)", "",
  "| target | measured | goal | result |", "|---|---:|---:|---|",
  (.targets[] | [.target, .measured, .goal,
    if .met != null then (if .met then "met" else "**NOT met**" end)
    elif ($m.e01_acquire | not) then "not available (no E01 in exhibit)" else "not measured" end] | cells)
JQ

jq -R -s --argjson meta "$meta" "$summary" "$work/runs.tsv" >"$work/results.json"
jq -r "$table" "$work/results.json" | tee "$work/results.md"
echo
echo "written: $work/results.md, $work/results.json (every run: $work/runs.tsv, logs in $work/logs/)"
