#!/usr/bin/env python3
"""The summary section of metrics.md computed by DuckDB from Insights exports, side by side with
`insights report` on the same files: both timed end to end, and their numbers compared.

    pip install duckdb        # Debian's pip may need --break-system-packages
    cargo build --release -p pi-cli
    target/release/insights generate --customers 2000 --months 30 --format insights-csv -o /tmp/duck/csv
    python3 bench/duckdb_summary.py DIR [--format csv|tsv|json] [--insights target/release/insights] [--runs 3]

DIR holds the Insights datasets as `insights generate --format insights-csv | insights-tsv |
insights-json` writes them: CustomersAndTenants, SeatsSubscriptionsAndRevenue, OfficeUsage,
EMSUsage, DynamicsUsage, PowerBIUsage and AzureUsage, one <Dataset>.csv / .tsv / .json each (the
report API's CSV and TSV files with the published headers, or the query preview's
{"value": [...]} envelope). Datasets missing from DIR are left out (both sides see the same
files); at least CustomersAndTenants or SeatsSubscriptionsAndRevenue is needed. --format is
detected from the files present when not given.

This is an independent implementation of the same definitions (formats.md section 1, metrics.md:
is_customer from Active CustomersAndTenants / SeatsSubscriptionsAndRevenue rows, PGA duplicates
skipped; new/returning/churned; active from usage facts with active > 0 or Azure consumption;
subscriptions), so agreement is also a cross-check of the engine. Both sides are timed end to end
(DuckDB: connect + read the files + query, on DuckDB's default threads; `insights report`: the
subprocess, which prints the whole report), runs interleaved, best of --runs, every run listed.
Prints one JSON object; `speedup` is DuckDB's time over insights' (above 1: insights is faster).
Exits 1 when the numbers differ.
"""
import argparse
import json
import os
import re
import resource
import subprocess
import sys
import time

try:
    import duckdb
except ImportError:
    sys.exit("duckdb is missing: pip install duckdb (add --break-system-packages if pip refuses)")

DATASETS = ("CustomersAndTenants", "SeatsSubscriptionsAndRevenue", "OfficeUsage", "EMSUsage",
            "DynamicsUsage", "PowerBIUsage", "AzureUsage")
EXT = {"csv": "csv", "tsv": "tsv", "json": "json"}
DELIM = {"csv": ",", "tsv": "\\t"}

# Every used column is read as VARCHAR (CSV/TSV: all_varchar; JSON: see source()) and converted
# here; column names bind case-insensitively in DuckDB, so the Seats file's `month` is `Month` here.
MACROS = """
-- month index = year * 12 + month - 1, from ISO 'YYYY-MM...' values
CREATE MACRO mi(x) AS CAST(substr(CAST(x AS VARCHAR), 1, 4) AS INT) * 12 + CAST(substr(CAST(x AS VARCHAR), 6, 2) AS INT) - 1;
CREATE MACRO id(x) AS nullif(lower(trim(CAST(x AS VARCHAR))), '');
CREATE MACRO num(x) AS TRY_CAST(trim(CAST(x AS VARCHAR)) AS DOUBLE);
CREATE MACRO yes(x) AS coalesce(lower(trim(CAST(x AS VARCHAR))) IN ('1', 'true', 'yes', 'y'), false);
CREATE MACRO is_active(x) AS coalesce(lower(trim(CAST(x AS VARCHAR))) = 'active', false);
"""

# Activity snapshots: (customer, month, subscription id or NULL, active?).
SNAP = {
    "CustomersAndTenants": "SELECT id(CustomerTenantId) AS c, mi(Month) AS m, NULL::VARCHAR AS s, is_active(CustomerStatus) AS on_ FROM {src} WHERE NOT yes(IsDuplicateRowForPGA)",
    "SeatsSubscriptionsAndRevenue": "SELECT id(CustomerTenantId), mi(Month), id(SubscriptionId), is_active(SubscriptionState) FROM {src} WHERE NOT yes(IsDuplicateRowForPGA)",
}
# Usage, deployment and consumption facts: (customer, month, kind, active > 0?). kind 'deploy'
# (Seats' TotalSoldSeats / TotalAssignedSeats) only extends the timeline.
FACTS = {
    "SeatsSubscriptionsAndRevenue": "SELECT id(CustomerTenantId) AS c, mi(Month) AS m, 'deploy' AS k, false AS a FROM {src} WHERE NOT yes(IsDuplicateRowForPGA) AND (num(TotalSoldSeats) IS NOT NULL OR num(TotalAssignedSeats) IS NOT NULL)",
    "OfficeUsage": "SELECT id(CustomerTenantId), mi(Month), 'usage', coalesce(num(MonthlyActiveUsers) > 0, false) FROM {src} WHERE NOT yes(IsDuplicateRowForPGA)",
    # one fact per service with a value (AADP, Intune, Azip); a row with none of them: the row's own counts
    "EMSUsage": """SELECT id(CustomerTenantId), mi(Month), 'usage',
        CASE WHEN coalesce(num(AADPPaidAvailableUnits), num(AADPMonthlyActiveUsers), num(IntunePaidAvailableUnits),
                           num(IntuneMonthlyActiveUsers), num(AzipPaidAvailableUnits), num(AzipMonthlyActiveUsers)) IS NOT NULL
             THEN coalesce(num(AADPMonthlyActiveUsers) > 0, false) OR coalesce(num(IntuneMonthlyActiveUsers) > 0, false)
                  OR coalesce(num(AzipMonthlyActiveUsers) > 0, false)
             ELSE coalesce(num(MonthlyActiveUsers) > 0, false) END
      FROM {src}""",
    "DynamicsUsage": "SELECT id(CustomerTenantId), mi(Month), 'usage', coalesce(num(ActiveSeats) > 0, false) FROM {src}",
    "PowerBIUsage": "SELECT id(CustomerTenantId), mi(Month), 'usage', coalesce(num(ActiveSeats) > 0, false) FROM {src}",
    # a consumption fact is a row that consumed something; it makes its customer active that month
    "AzureUsage": "SELECT id(CustomerTenantId), mi(Month), 'consumption', true FROM {src} WHERE NOT yes(IsACRDuplicateAtPGALevel) AND (num(UsageQuantity) > 0 OR num(MonthlySubscriptionLevelACR) > 0)",
}

QUERY = """
WITH
{read},
snap AS ({snap}),
facts AS ({facts}),
act AS (SELECT c, m, s FROM snap WHERE on_),
cm AS (SELECT DISTINCT c, m FROM act),
use AS (SELECT DISTINCT c, m FROM facts WHERE a),
-- T0: first month with an active activity fact or any usage / consumption fact; the as-of month:
-- the latest Month read
bounds AS (
  SELECT least((SELECT min(m) FROM act), (SELECT min(m) FROM facts)) AS t0,
         greatest((SELECT max(m) FROM snap), (SELECT max(m) FROM facts)) AS last
),
seq AS (
  SELECT c, m, lag(m) OVER (PARTITION BY c ORDER BY m) AS prev, lead(m) OVER (PARTITION BY c ORDER BY m) AS nxt
  FROM cm
),
months AS (SELECT unnest(range(t0, last + 1)) AS m FROM bounds),
counts AS (
  SELECT m, count(*) AS total,
    count(*) FILTER (WHERE prev IS NULL AND m > (SELECT t0 FROM bounds)) AS new,
    count(*) FILTER (WHERE prev < m - 1) AS ret
  FROM seq GROUP BY m
),
churn AS (SELECT m + 1 AS m, count(*) AS churned FROM seq WHERE nxt IS NULL OR nxt > m + 1 GROUP BY m),
active AS (SELECT m, count(*) AS active FROM cm JOIN use USING (c, m) GROUP BY m),
subs AS (SELECT m, count(DISTINCT s) AS subscriptions FROM act WHERE s IS NOT NULL GROUP BY m)
SELECT months.m, coalesce(total, 0), coalesce(new, 0), coalesce(ret, 0), coalesce(churned, 0),
  coalesce(active, 0), coalesce(subscriptions, 0), bounds.t0, bounds.last,
  (SELECT count(*) FROM snap WHERE s IS NOT NULL) > 0 AS any_subscription_id,
  (SELECT count(*) FROM facts WHERE k <> 'deploy') > 0 AS any_usage
FROM months CROSS JOIN bounds
  LEFT JOIN counts USING (m) LEFT JOIN churn USING (m) LEFT JOIN active USING (m) LEFT JOIN subs USING (m)
ORDER BY months.m
"""


def files_of(d, fmt):
    """The dataset files of DIR in this format, in DATASETS order: {dataset: path}."""
    return {ds: os.path.join(d, f"{ds}.{EXT[fmt]}") for ds in DATASETS
            if os.path.isfile(os.path.join(d, f"{ds}.{EXT[fmt]}"))}


def detect_format(d):
    found = [f for f in EXT if files_of(d, f)]
    if len(found) != 1:
        sys.exit(f"{d}: {'no Insights dataset files' if not found else 'several formats: ' + ', '.join(found)}"
                 f" ({', '.join(DATASETS)} as .csv, .tsv or .json); pass --format")
    return found[0]


# The columns each dataset's SQL reads (published spellings).
COLUMNS = {
    "CustomersAndTenants": ["CustomerTenantId", "Month", "CustomerStatus", "IsDuplicateRowForPGA"],
    "SeatsSubscriptionsAndRevenue": ["CustomerTenantId", "month", "SubscriptionId", "SubscriptionState",
                                     "IsDuplicateRowForPGA", "TotalSoldSeats", "TotalAssignedSeats"],
    "OfficeUsage": ["CustomerTenantId", "Month", "MonthlyActiveUsers", "IsDuplicateRowForPGA"],
    "EMSUsage": ["CustomerTenantId", "Month", "MonthlyActiveUsers", "AADPPaidAvailableUnits", "IntunePaidAvailableUnits",
                 "AzipPaidAvailableUnits", "AADPMonthlyActiveUsers", "IntuneMonthlyActiveUsers", "AzipMonthlyActiveUsers"],
    "DynamicsUsage": ["CustomerTenantId", "Month", "ActiveSeats"],
    "PowerBIUsage": ["CustomerTenantId", "Month", "ActiveSeats"],
    "AzureUsage": ["CustomerTenantId", "Month", "UsageQuantity", "MonthlySubscriptionLevelACR", "IsACRDuplicateAtPGALevel"],
}


def json_shape(path):
    """(envelope?, the first row's keys) from the head of a JSON file: {"value": [ROW, ...], ...} or [ROW, ...]."""
    with open(path, encoding="utf-8-sig") as f:
        head = f.read(1 << 20)
    envelope = not head.lstrip().startswith("[")
    m = re.search(r'"value"\s*:\s*\[' if envelope else r"\[", head, re.I)
    try:
        row, _ = json.JSONDecoder().raw_decode(head, head.index("{", m.end()))
        return envelope, list(row)
    except (AttributeError, ValueError):
        return envelope, []


def source(path, fmt, ds):
    p = path.replace("'", "''")
    if fmt == "json":
        # Every used field read as VARCHAR: numbers and flags arrive both as JSON numbers and as
        # strings in one file (`"TotalSoldSeats": 63` and `"63"`), which read_json's inference
        # types as JSON (strings then keep their quotes when cast). The JSON-to-STRUCT transform
        # matches keys case-sensitively: take the file's own spelling of each key, from its
        # first row (keys not asked for are skipped). read_text + from_json rather than
        # read_json: a whole export is one JSON object of 20-55 MB, which read_json parses
        # about 10x slower (and unnest must not take from_json's result directly: it then
        # re-evaluates it per output chunk).
        envelope, keys = json_shape(path)
        spelled = {k.strip().lower(): k for k in keys}
        row = {spelled.get(c.lower(), c): "VARCHAR" for c in COLUMNS[ds]}
        shape = json.dumps({"value": [row]} if envelope else [row]).replace("'", "''")
        rows = "from_json(ltrim(content, chr(65279)), '{}'){}".format(shape, ".value" if envelope else "")
        return f"(SELECT unnest(v, recursive := true) FROM (SELECT {rows} AS v FROM read_text('{p}')))"
    # RFC 4180 quoting in both (the generator quotes names with separators or quotes, TSV included);
    # headers bind case-insensitively (the Seats file's `month`)
    return f"read_csv('{p}', delim='{DELIM[fmt]}', header=true, quote='\"', escape='\"', all_varchar=true)"


def build_sql(files, fmt):
    # one CTE per file with the columns used, so that each file is read once (Seats feeds both
    # snapshots and deployment facts)
    read = [f"{ds} AS (SELECT {', '.join(COLUMNS[ds])} FROM {source(p, fmt, ds)})" for ds, p in files.items()]
    snap = [SNAP[ds].format(src=ds) for ds in files if ds in SNAP]
    facts = [FACTS[ds].format(src=ds) for ds in files if ds in FACTS]
    if not snap:
        sys.exit("needs CustomersAndTenants or SeatsSubscriptionsAndRevenue")
    if not facts:  # keeps the query's shape; no rows
        facts = ["SELECT NULL::VARCHAR AS c, NULL::INT AS m, NULL::VARCHAR AS k, NULL::BOOLEAN AS a WHERE false"]
    return QUERY.format(read=",\n".join(read), snap="\n  UNION ALL ".join(snap), facts="\n  UNION ALL ".join(facts))


def pct_change(new, old):
    return None if old is None or new is None or old == 0 else (new - old) / abs(old) * 100


def duckdb_summary(files, fmt):
    con = duckdb.connect()
    con.execute(MACROS)
    rows = con.execute(build_sql(files, fmt)).fetchall()
    con.close()
    any_subs, any_usage = rows[0][9], rows[0][10]
    by = {r[0]: dict(total=r[1], new=r[2], returning=r[3], churned=r[4],
                     active=r[5] if any_usage else None, subs=r[6] if any_subs else None) for r in rows}
    t0, last = rows[0][7], rows[0][8]
    b = last
    a = max(t0, b - 11)
    base = a - 1 if a > t0 else t0
    rng = range(a, b + 1)
    length = b - a + 1
    net = {m: by[m]["new"] + by[m]["returning"] - by[m]["churned"] if m > t0 else 0 for m in by}
    net_value = sum(net[m] for m in rng)
    prev = sum(net[m] for m in range(a - length, a)) if a - length >= t0 else None
    churn_sum = sum(by[m]["churned"] if m > t0 else 0 for m in rng)
    return {
        "customers": [by[b]["total"], pct_change(by[b]["total"], by[base]["total"])],
        "active_customers": [by[b]["active"], pct_change(by[b]["active"], by[base]["active"])],
        "subscriptions": [by[b]["subs"], pct_change(by[b]["subs"], by[base]["subs"])],
        "net_added": [net_value, None if prev is None else pct_change(net_value, prev)],
        "last_month_churn": [by[b]["churned"] if b > t0 else 0,
                             None if by[base]["total"] == 0 else churn_sum / by[base]["total"] * 100],
    }


def engine_summary(exe, files):
    out = subprocess.run([exe, "report", *files.values()], check=True, capture_output=True).stdout
    s = json.loads(out)["summary"]
    return {
        k: [s[k]["value"], s[k]["churn_pct" if k == "last_month_churn" else "change_pct"]]
        for k in ("customers", "active_customers", "subscriptions", "net_added", "last_month_churn")
    }


def cpu():
    """CPU seconds (user + system) used so far by this process and by its waited-for children."""
    return [sum(resource.getrusage(who)[:2]) for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)]


def timed(fs, runs):
    """Run each of fs `runs` times, interleaved (the machine is shared: both sides see the same
    load); per f its wall times, its CPU times (this process's plus its children's: less
    sensitive to other load than wall time) and its last value."""
    times, cpus, values = [[] for _ in fs], [[] for _ in fs], [None] * len(fs)
    for _ in range(runs):
        for i, f in enumerate(fs):
            c, t = cpu(), time.perf_counter()
            values[i] = f()
            times[i].append(time.perf_counter() - t)
            cpus[i].append(sum(cpu()) - sum(c))
    return list(zip(times, cpus, values))


def same(x, y):
    return all(
        (a is None and b is None) or (a is not None and b is not None and abs(a - b) < 1e-9)
        for k in x for a, b in zip(x[k], y[k])
    )


def main():
    p = argparse.ArgumentParser(description=" ".join(__doc__.split("\n\n")[0].split()))
    p.add_argument("dir")
    p.add_argument("--format", choices=sorted(EXT), help="csv, tsv or json (default: from the files in DIR)")
    p.add_argument("--insights", default="target/release/insights")
    p.add_argument("--runs", type=int, default=3)
    a = p.parse_args()
    fmt = a.format or detect_format(a.dir)
    files = files_of(a.dir, fmt)
    if not files:
        sys.exit(f"{a.dir}: no {', '.join(DATASETS)} .{EXT[fmt]} files")
    mb = sum(os.path.getsize(f) for f in files.values()) / 1e6
    (t_duck, c_duck, s_duck), (t_eng, c_eng, s_eng) = timed([lambda: duckdb_summary(files, fmt),
                                              lambda: engine_summary(a.insights, files)], a.runs)
    threads = duckdb.connect().execute("SELECT current_setting('threads')").fetchone()[0]
    ok = same(s_duck, s_eng)
    print(json.dumps({
        "format": fmt, "datasets": list(files), "input_mb": round(mb, 1),
        "duckdb_version": duckdb.__version__, "duckdb_threads": threads, "runs": a.runs,
        "duckdb_s": round(min(t_duck), 3), "insights_s": round(min(t_eng), 3),
        "speedup": round(min(t_duck) / min(t_eng), 2),
        "duckdb_runs_s": [round(t, 3) for t in t_duck], "insights_runs_s": [round(t, 3) for t in t_eng],
        "duckdb_cpu_s": [round(t, 3) for t in c_duck], "insights_cpu_s": [round(t, 3) for t in c_eng],
        "same_numbers": ok, "duckdb": s_duck, "insights": s_eng,
    }, indent=1))
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
