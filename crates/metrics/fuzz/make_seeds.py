#!/usr/bin/env python3
"""Seed corpora of load_delimited and load_archive from the published fixtures
(tests/fixtures/load/published): run from crates/metrics/fuzz, writes corpus/<target>/seed-*."""
import gzip, io, os, zipfile

PUB = "../tests/fixtures/load/published"
# the order of fuzz_targets/published.rs FILES
FILES = ["azure_usage.csv", "azure_usage_download.csv", "customers_and_tenants.csv",
         "customers_and_tenants.tsv", "customers_and_tenants_download.csv",
         "customers_and_tenants_resaved.csv", "dynamics_usage.csv", "ems_usage.csv",
         "office_usage.tsv", "power_bi_usage.csv", "seats_subscriptions_revenue.csv",
         "seats_subscriptions_revenue_download.csv"]

def write(target, name, data):
    d = f"corpus/{target}"
    os.makedirs(d, exist_ok=True)
    with open(f"{d}/seed-{name}", "wb") as f:
        f.write(data)

def body(data):
    return data.split(b"\n", 1)[1] if b"\n" in data else b""

def sep_of(data):
    line = data.split(b"\n", 1)[0]
    return b"\t" if b"\t" in line else b";" if b";" in line else b","

for i, name in enumerate(FILES):
    data = open(f"{PUB}/{name}", "rb").read()
    sep = sep_of(data)
    write("load_delimited", name, sep + bytes([i]) + body(data))
    # a European re-save of the comma files: `;`, day/month dates, decimal commas
    if sep == b",":
        eu = body(data).replace(b",", b";").replace(b".", b",")
        write("load_delimited", name + "-eu", b";" + bytes([i]) + eu)
    # archives: a zip of the file (deflated), a zip of it in a folder with macOS metadata
    # (stored), a gzip of it
    for method, tag in [(zipfile.ZIP_DEFLATED, "deflated"), (zipfile.ZIP_STORED, "stored")]:
        b = io.BytesIO()
        with zipfile.ZipFile(b, "w", method) as z:
            if tag == "stored":
                z.writestr("exports/", b"")
                z.writestr("__MACOSX/exports/._" + name, b"\0\x05\x16\x07junk")
                z.writestr("exports/" + name, data)
            else:
                z.writestr(name, data)
        write("load_archive", f"{name}.{tag}.zip", b"\x00" + b.getvalue())
    write("load_archive", name + ".gz", b"\x40" + gzip.compress(data, mtime=0))
    # the structured shapes: a built zip of two pieces, a built gzip, with this header
    write("load_archive", name + ".built-zip", b"\x80" + b"\x03" + bytes([i]) + body(data)
          + b"\xfe" + b"\x05" + body(data)[:200])
    write("load_archive", name + ".built-gz", b"\xc0" + b"\x02" + bytes([i]) + body(data))

# a zip holding a gzip and a zip (nested, one level), and a zip of both kinds of dates
b = io.BytesIO()
inner = io.BytesIO()
with zipfile.ZipFile(inner, "w", zipfile.ZIP_DEFLATED) as z:
    z.writestr("c.csv", open(f"{PUB}/customers_and_tenants.csv", "rb").read())
with zipfile.ZipFile(b, "w", zipfile.ZIP_DEFLATED) as z:
    z.writestr("a.csv.gz", gzip.compress(open(f"{PUB}/dynamics_usage.csv", "rb").read(), mtime=0))
    z.writestr("inner.zip", inner.getvalue())
write("load_archive", "nested.zip", b"\x00" + b.getvalue())
