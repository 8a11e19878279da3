#!/usr/bin/env node
// Writes data/world.json, the compact world map the dashboard fetches (decoded by crates/worldmap).
//
// Input: Natural Earth 1:110m admin-0 countries (public domain), as TopoJSON in the npm package
// world-atlas@2.0.2 (countries-110m.json), decoded with topojson-client. Both are pinned in
// scripts/worldmap/package.json. Run from the repository root:
//
//   npm ci --prefix scripts/worldmap
//   node scripts/build_worldmap.mjs
//
// Deterministic: the same inputs always give the same bytes (countries sorted by code, integer
// coordinates, no timestamps). ISO 3166-1 numeric -> alpha-2 comes from the committed table
// scripts/worldmap/iso3166_numeric.json (written by scripts/worldmap/gen_numeric.py from pycountry).
//
// Format (documented with the decoder in crates/worldmap/src/lib.rs):
//   {"format":"pi-worldmap","version":1,"scale":100,"source":...,"countries":[
//     {"iso2":"AD","name":"Andorra","polygons":[[ring, hole, ...], ...]}, ...]}
// where a ring is a flat integer array [lon0, lat0, dlon1, dlat1, ...]: the first point in
// hundredths of a degree, each next point as the difference from the previous one. Rings are
// implicitly closed (the closing point is not repeated); the first ring of a polygon is its outer
// boundary, the others are holes.

import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..");
const require = createRequire(join(here, "worldmap", "package.json"));
const topojson = require("topojson-client");
const atlasPkg = require("world-atlas/package.json");
if (atlasPkg.version !== "2.0.2") {
  throw new Error(`expected world-atlas 2.0.2, found ${atlasPkg.version}`);
}
const topology = require("world-atlas/countries-110m.json");
const numeric = JSON.parse(readFileSync(join(here, "worldmap", "iso3166_numeric.json"), "utf8"));

const SCALE = 100; // hundredths of a degree

// Features matched by Natural Earth name rather than by ISO numeric id. Natural Earth gives
// France, Norway and the entities below ISO_N3 = -99 (world-atlas 2.0.2 already patches France
// and Norway to 250 / 578; the table is applied to any feature whose id is missing, -99 or
// unknown, and checked against the id when there is one).
const BY_NAME = {
  France: "FR",
  Norway: "NO",
  // Partner Center and the metrics engine use the user-assigned code XK.
  Kosovo: "XK",
  // Not recognised by ISO 3166 / the UN: merged into the state they are internationally part of
  // (their internal border is dissolved), so a customer billed in CY or SO lights up the whole
  // island / the whole of Somalia.
  "N. Cyprus": "CY",
  Somaliland: "SO",
};
// Dropped: no customers there, and it would stretch the bottom of every world view.
const DROP = new Set(["AQ"]);

const groups = new Map(); // iso2 -> { names: [], geometries: [] }
for (const g of topology.objects.countries.geometries) {
  const name = g.properties && g.properties.name;
  const id = g.id;
  let code;
  if (id !== undefined && id !== null && id !== "-99" && numeric[id]) {
    code = numeric[id];
    if (BY_NAME[name] && BY_NAME[name] !== code) {
      throw new Error(`${name}: id ${id} is ${code} but the name table says ${BY_NAME[name]}`);
    }
  } else if (BY_NAME[name]) {
    code = BY_NAME[name];
  } else {
    throw new Error(`feature ${JSON.stringify(name)} has id ${JSON.stringify(id)} and no name match`);
  }
  if (DROP.has(code)) continue;
  if (!groups.has(code)) groups.set(code, { named: [], geometries: [] });
  const entry = groups.get(code);
  entry.geometries.push(g);
  // The country's name is the one of the feature carrying its ISO id (Cyprus, not N. Cyprus).
  if (numeric[id] === code) entry.named.push(name);
  else if (BY_NAME[name] === code && (name === "France" || name === "Norway" || name === "Kosovo")) {
    entry.named.push(name);
  }
}

// world-atlas 2 stitches the Natural Earth antimeridian cuts back together (d3 draws spherical
// polygons), so a few rings jump from +180 to -180 (Fiji's Vanua Levu, Wrangel Island, Chukotka on
// Russia's mainland ring). The page draws planar polygons, so such a ring is cut at the
// antimeridian again: unwrapped to continuous longitudes, clipped to each side of the 180° line
// (Sutherland-Hodgman against a vertical line) and the far side shifted back by 360°.
function crossesAntimeridian(ring) {
  for (let i = 1; i < ring.length; i++) {
    if (Math.abs(ring[i][0] - ring[i - 1][0]) > 180) return true;
  }
  return false;
}

function clipSide(ring, keep) {
  const out = [];
  for (let i = 0; i < ring.length; i++) {
    const a = ring[i];
    const b = ring[(i + 1) % ring.length];
    const ia = keep(a[0]);
    const ib = keep(b[0]);
    if (ia) out.push(a);
    if (ia !== ib) {
      const t = (180 - a[0]) / (b[0] - a[0]);
      out.push([180, a[1] + t * (b[1] - a[1])]);
    }
  }
  return out;
}

function cutAtAntimeridian(code, ring) {
  if (!crossesAntimeridian(ring)) return [ring];
  // Unwrap around the first point's side: east of 0 stays, west jumps by +360 when needed.
  const unwrapped = [ring[0].slice()];
  for (let i = 1; i < ring.length; i++) {
    let lon = ring[i][0];
    const prev = unwrapped[i - 1][0];
    while (lon - prev > 180) lon -= 360;
    while (prev - lon > 180) lon += 360;
    unwrapped.push([lon, ring[i][1]]);
  }
  const first = unwrapped[0];
  const last = unwrapped[unwrapped.length - 1];
  if (Math.abs(first[0] - last[0]) > 1e-9) throw new Error(`${code}: a ring circles a pole`);
  const open = unwrapped.slice(0, -1); // GeoJSON rings repeat their first point
  const shift = first[0] > 0 ? 0 : 360; // put the ring around +180
  const shifted = open.map(([x, y]) => [x + shift, y]);
  const west = clipSide(shifted, (x) => x <= 180);
  const east = clipSide(shifted, (x) => x >= 180).map(([x, y]) => [x - 360, y]);
  for (const part of [west, east]) {
    // One way in and one way out: the points on the cut form one contiguous (cyclic) run.
    // More runs would mean bridging edges along the cut, which this script does not untangle.
    const onCut = part.map(([x]) => Math.abs(Math.abs(x) - 180) < 1e-9);
    let runs = 0;
    for (let i = 0; i < onCut.length; i++) {
      if (onCut[i] && !onCut[(i + onCut.length - 1) % onCut.length]) runs++;
    }
    if (runs > 1) throw new Error(`${code}: a ring crosses the antimeridian more than twice`);
  }
  return [west, east].filter((r) => r.length >= 3);
}

function quantize(ring) {
  const pts = [];
  for (const [lon, lat] of ring) {
    const p = [Math.round(lon * SCALE), Math.round(lat * SCALE)];
    const last = pts[pts.length - 1];
    if (!last || last[0] !== p[0] || last[1] !== p[1]) pts.push(p);
  }
  while (pts.length > 1) {
    const a = pts[0];
    const b = pts[pts.length - 1];
    if (a[0] === b[0] && a[1] === b[1]) pts.pop();
    else break;
  }
  if (pts.length < 3) return null;
  let area2 = 0;
  for (let i = 0; i < pts.length; i++) {
    const [x0, y0] = pts[i];
    const [x1, y1] = pts[(i + 1) % pts.length];
    area2 += x0 * y1 - x1 * y0;
  }
  if (area2 === 0) return null; // collapsed to a line at this resolution
  const flat = [pts[0][0], pts[0][1]];
  for (let i = 1; i < pts.length; i++) {
    flat.push(pts[i][0] - pts[i - 1][0], pts[i][1] - pts[i - 1][1]);
  }
  return flat;
}

const countries = [];
for (const code of [...groups.keys()].sort()) {
  const { named, geometries } = groups.get(code);
  if (named.length !== 1) throw new Error(`${code}: expected one named feature, got ${named}`);
  const geometry =
    geometries.length === 1
      ? topojson.feature(topology, geometries[0]).geometry
      : topojson.merge(topology, geometries);
  const polys =
    geometry.type === "Polygon" ? [geometry.coordinates] : geometry.type === "MultiPolygon" ? geometry.coordinates : [];
  const polygons = [];
  for (const poly of polys) {
    const outers = cutAtAntimeridian(code, poly[0]);
    const holes = poly.slice(1);
    if (holes.some(crossesAntimeridian)) throw new Error(`${code}: a hole crosses the antimeridian`);
    for (const outerRing of outers) {
      const outer = quantize(outerRing);
      if (!outer) continue;
      const rings = [outer];
      if (outers.length === 1) {
        for (const hole of holes) {
          const q = quantize(hole);
          if (q) rings.push(q);
        }
      } else if (holes.length > 0) {
        throw new Error(`${code}: a polygon with holes crosses the antimeridian`);
      }
      polygons.push(rings);
    }
  }
  if (polygons.length === 0) throw new Error(`${code}: no polygon survives quantization`);
  countries.push({ iso2: code, name: named[0], polygons });
}

// One country per line: small diffs when Natural Earth or the rules change.
const head = {
  format: "pi-worldmap",
  version: 1,
  scale: SCALE,
  source: "Natural Earth 1:110m admin-0 countries (public domain), world-atlas@2.0.2; scripts/build_worldmap.mjs",
};
let out = JSON.stringify(head).slice(0, -1) + ',"countries":[\n';
out += countries.map((c) => JSON.stringify(c)).join(",\n");
out += "\n]}\n";
writeFileSync(join(root, "data", "world.json"), out);
const points = countries.reduce(
  (n, c) => n + c.polygons.reduce((m, p) => m + p.reduce((k, r) => k + r.length / 2, 0), 0),
  0,
);
console.log(`data/world.json: ${countries.length} countries, ${points} points, ${out.length} bytes`);
