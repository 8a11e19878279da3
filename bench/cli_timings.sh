#!/usr/bin/env bash
# `insights report` end to end (read files, detect, parse, normalize, compute, print) on generated
# Insights JSON books of 2k, 10k and 50k customers over 30 months. Prints one line per size:
#   customers  MB  seconds  MB/s  peak-RSS-MB
# Usage: bench/cli_timings.sh [SIZES...]   (needs target/release/insights: cargo build --release -p pi-cli)
set -euo pipefail
cd "$(dirname "$0")/.."
exe=target/release/insights
[ -x "$exe" ] || cargo build --release -p pi-cli
sizes=("${@:-2000 10000 50000}")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
printf '%-10s %8s %8s %8s %10s\n' customers MB seconds MB/s peak_MB
for n in ${sizes[*]}; do
  dir="$work/$n"
  "$exe" generate --customers "$n" --months 30 --seed 7 --format insights-json -o "$dir" 2>/dev/null
  mb=$(du -sm "$dir" | cut -f1)
  best=""
  peak=""
  for _ in 1 2 3; do
    out=$( { /usr/bin/time -f '%e %M' "$exe" report "$dir"/*.json >/dev/null; } 2>&1 | tail -1)
    s=${out% *}; kb=${out#* }
    if [ -z "$best" ] || awk "BEGIN{exit !($s < $best)}"; then best=$s; peak=$kb; fi
  done
  printf '%-10s %8s %8s %8.0f %10.0f\n' "$n" "$mb" "$best" "$(awk "BEGIN{print $mb/$best}")" "$(awk "BEGIN{print $peak/1024}")"
  rm -rf "$dir"
done
