#!/usr/bin/env bash
# bench/duckdb_summary.py on one generated book in each delivery of the Insights datasets (the
# report API's CSV and TSV files, the query preview's JSON): DuckDB SQL against `insights report`,
# both timed end to end, numbers compared. One line per format:
#   format  MB  duckdb_s  insights_s (best wall)  speedup  same_numbers  CPU s (best)  every run's wall s
# Usage: bench/duckdb_summary.sh [CUSTOMERS] [MONTHS] [RUNS]   (default 2000 30 5)
# Needs target/release/insights (built when missing; INSIGHTS=path to use another binary) and the
# duckdb Python package (installed when missing). Exits 1 when a format's numbers differ.
set -euo pipefail
cd "$(dirname "$0")/.."
exe=${INSIGHTS:-target/release/insights}
[ -x "$exe" ] || cargo build --release -p pi-cli
python3 -c 'import duckdb' 2>/dev/null || pip install duckdb || pip install --break-system-packages duckdb
customers=${1:-2000} months=${2:-30} runs=${3:-5}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
status=0
printf '%-5s %7s %9s %11s %8s %5s %10s %12s  %s\n' format MB duckdb_s insights_s speedup same duck_cpu insights_cpu 'runs (duckdb | insights)'
for fmt in csv tsv json; do
  "$exe" generate --customers "$customers" --months "$months" --format "insights-$fmt" -o "$work/$fmt" >/dev/null 2>&1
  python3 bench/duckdb_summary.py "$work/$fmt" --format "$fmt" --insights "$exe" --runs "$runs" >"$work/$fmt.out" || status=1
  python3 - "$work/$fmt.out" <<'EOF'
import json, sys
d = json.load(open(sys.argv[1]))
print(f"{d['format']:<5} {d['input_mb']:>7} {d['duckdb_s']:>9} {d['insights_s']:>11} {d['speedup']:>8} {str(d['same_numbers']).lower():>5} "
      f"{min(d['duckdb_cpu_s']):>10} {min(d['insights_cpu_s']):>12}  "
      f"{' '.join(map(str, d['duckdb_runs_s']))} | {' '.join(map(str, d['insights_runs_s']))}")
EOF
  rm -rf "${work:?}/$fmt"
done
exit $status
