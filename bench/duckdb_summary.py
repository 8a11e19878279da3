#!/usr/bin/env python3
"""The summary section of metrics.md computed by DuckDB from Insights JSON exports, side by side
with `insights report` on the same files: both timed end to end, and their numbers compared.

    pip install duckdb
    python3 bench/duckdb_summary.py DIR [--insights target/release/insights] [--runs 3]

DIR holds CustomersAndTenants.json, SeatsSubscriptionsAndRevenue.json and OfficeUsage.json as
`insights generate --format insights-json` writes them. This is an independent implementation of
the same definitions (is_customer, new/returning/churned, active, subscriptions), so agreement is
also a cross-check of the engine. Prints one JSON object; exits 1 when the numbers differ.
"""
import argparse
import json
import os
import subprocess
import sys
import time

import duckdb

SQL = """
WITH
ct AS (SELECT unnest(value, recursive := true) FROM read_json('{d}/CustomersAndTenants.json', maximum_object_size=2147483647)),
ss AS (SELECT unnest(value, recursive := true) FROM read_json('{d}/SeatsSubscriptionsAndRevenue.json', maximum_object_size=2147483647)),
ou AS (SELECT unnest(value, recursive := true) FROM read_json('{d}/OfficeUsage.json', maximum_object_size=2147483647)),
-- month index = year * 12 + month - 1, from 'YYYY-MM...' strings
act AS (
  SELECT lower(CAST(CustomerTenantId AS VARCHAR)) AS c, CAST(substr(CAST("Month" AS VARCHAR), 1, 4) AS INT) * 12 + CAST(substr(CAST("Month" AS VARCHAR), 6, 2) AS INT) - 1 AS m, NULL AS s
  FROM ct WHERE lower(CAST(CustomerStatus AS VARCHAR)) = 'active' AND coalesce(CAST(IsDuplicateRowForPGA AS VARCHAR), '0') NOT IN ('1', 'true')
  UNION ALL
  SELECT lower(CAST(CustomerTenantId AS VARCHAR)), CAST(substr(CAST("Month" AS VARCHAR), 1, 4) AS INT) * 12 + CAST(substr(CAST("Month" AS VARCHAR), 6, 2) AS INT) - 1, lower(CAST(SubscriptionId AS VARCHAR))
  FROM ss WHERE lower(CAST(SubscriptionState AS VARCHAR)) = 'active'
),
use AS (
  SELECT DISTINCT lower(CAST(CustomerTenantId AS VARCHAR)) AS c, CAST(substr(CAST("Month" AS VARCHAR), 1, 4) AS INT) * 12 + CAST(substr(CAST("Month" AS VARCHAR), 6, 2) AS INT) - 1 AS m
  FROM ou WHERE TRY_CAST(MonthlyActiveUsers AS BIGINT) > 0 AND coalesce(CAST(IsDuplicateRowForPGA AS VARCHAR), '0') NOT IN ('1', 'true')
),
bounds AS (SELECT min(m) AS t0, max(m) AS last FROM (SELECT m FROM act UNION ALL SELECT m FROM use)),
cm AS (SELECT DISTINCT c, m FROM act),
seq AS (
  SELECT c, m, lag(m) OVER (PARTITION BY c ORDER BY m) AS prev, lead(m) OVER (PARTITION BY c ORDER BY m) AS nxt
  FROM cm
),
months AS (SELECT unnest(range(t0, last + 1)) AS m FROM bounds),
monthly AS (
  SELECT months.m,
    (SELECT count(*) FROM seq WHERE seq.m = months.m) AS total,
    (SELECT count(*) FROM seq, bounds WHERE seq.m = months.m AND seq.prev IS NULL AND seq.m > bounds.t0) AS new,
    (SELECT count(*) FROM seq WHERE seq.m = months.m AND seq.prev < seq.m - 1) AS returning,
    (SELECT count(*) FROM seq WHERE seq.m + 1 = months.m AND (seq.nxt IS NULL OR seq.nxt > seq.m + 1)) AS churned,
    (SELECT count(*) FROM cm JOIN use USING (c, m) WHERE cm.m = months.m) AS active,
    (SELECT count(DISTINCT s) FROM act WHERE act.m = months.m AND s IS NOT NULL) AS subscriptions
  FROM months
)
SELECT monthly.*, bounds.t0, bounds.last FROM monthly, bounds ORDER BY m
"""


def pct_change(new, old):
    return None if old == 0 else (new - old) / abs(old) * 100


def duckdb_summary(d):
    rows = duckdb.connect().execute(SQL.format(d=d)).fetchall()
    by = {r[0]: dict(total=r[1], new=r[2], returning=r[3], churned=r[4], active=r[5], subs=r[6]) for r in rows}
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
        "last_month_churn": [by[b]["churned"], None if by[base]["total"] == 0 else churn_sum / by[base]["total"] * 100],
    }


def engine_summary(exe, d):
    files = [os.path.join(d, f) for f in ("CustomersAndTenants.json", "SeatsSubscriptionsAndRevenue.json", "OfficeUsage.json")]
    out = subprocess.run([exe, "report", *files], check=True, capture_output=True).stdout
    s = json.loads(out)["summary"]
    return {
        k: [s[k]["value"], s[k]["churn_pct" if k == "last_month_churn" else "change_pct"]]
        for k in ("customers", "active_customers", "subscriptions", "net_added", "last_month_churn")
    }


def timed(f, runs):
    best, value = None, None
    for _ in range(runs):
        t = time.perf_counter()
        value = f()
        dt = time.perf_counter() - t
        best = dt if best is None else min(best, dt)
    return best, value


def same(x, y):
    return all(
        (a is None and b is None) or (a is not None and b is not None and abs(a - b) < 1e-9)
        for k in x for a, b in zip(x[k], y[k])
    )


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("dir")
    p.add_argument("--insights", default="target/release/insights")
    p.add_argument("--runs", type=int, default=3)
    a = p.parse_args()
    mb = sum(os.path.getsize(os.path.join(a.dir, f)) for f in os.listdir(a.dir) if f.endswith(".json")) / 1e6
    t_duck, s_duck = timed(lambda: duckdb_summary(a.dir), a.runs)
    t_eng, s_eng = timed(lambda: engine_summary(a.insights, a.dir), a.runs)
    ok = same(s_duck, s_eng)
    print(json.dumps({
        "input_mb": round(mb, 1), "duckdb_version": duckdb.__version__,
        "duckdb_s": round(t_duck, 3), "insights_s": round(t_eng, 3), "speedup": round(t_duck / t_eng, 2),
        "same_numbers": ok, "duckdb": s_duck, "insights": s_eng,
    }, indent=1))
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
