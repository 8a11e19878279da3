#!/usr/bin/env python3
"""Writes scripts/worldmap/iso3166_numeric.json: ISO 3166-1 numeric code -> alpha-2, from the
pycountry package (pip install pycountry), the same source as crates/metrics/src/country_table.rs.
scripts/build_worldmap.mjs reads it to name the Natural Earth shapes. Run from the repository root;
the output is sorted, so re-running it with the same pycountry is a no-op."""
import json
import pycountry

table = {c.numeric: c.alpha_2 for c in pycountry.countries}
with open("scripts/worldmap/iso3166_numeric.json", "w", encoding="utf-8") as f:
    json.dump(dict(sorted(table.items())), f, indent=0, sort_keys=True)
    f.write("\n")
print(len(table), "codes")
