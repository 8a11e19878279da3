#!/usr/bin/env python3
"""Names the engine's Web Worker script in the built page: `<meta name="pi-engine-worker">`.

Trunk builds the `engine-worker` bin (index.html, data-type="worker") as `engine-worker.js` +
`engine-worker_bg.wasm`, without a hash in their names, and adds nothing to the page for it. This
script gives both a content hash (so a browser never pairs a cached old glue with a new wasm),
writes the worker's start script `engine-worker-<hash>_loader.js`, and names it in the page,
where src/engine.rs reads it. Run by Trunk after every build (Trunk.toml [[hooks]], before
scripts/csp.py), or by hand: `python3 scripts/worker_meta.py dist`.
"""
import hashlib
import os
import re
import sys


def main() -> int:
    out_dir = os.environ.get("TRUNK_STAGING_DIR") or (sys.argv[1] if len(sys.argv) > 1 else "dist")
    js = os.path.join(out_dir, "engine-worker.js")
    wasm = os.path.join(out_dir, "engine-worker_bg.wasm")
    if not (os.path.isfile(js) and os.path.isfile(wasm)):
        print(f"worker_meta.py: engine-worker.js / engine-worker_bg.wasm not found in {out_dir}", file=sys.stderr)
        return 1
    h = hashlib.sha256()
    for path in (js, wasm):
        with open(path, "rb") as f:
            h.update(f.read())
    base = "engine-worker-" + h.hexdigest()[:16]
    os.replace(js, os.path.join(out_dir, base + ".js"))
    os.replace(wasm, os.path.join(out_dir, base + "_bg.wasm"))
    loader = base + "_loader.js"
    with open(os.path.join(out_dir, loader), "w", encoding="utf-8") as f:
        f.write(f'importScripts("./{base}.js");wasm_bindgen({{module_or_path:"./{base}_bg.wasm"}});\n')
    index = os.path.join(out_dir, "index.html")
    with open(index, encoding="utf-8") as f:
        html = f.read()
    meta = f'<meta name="pi-engine-worker" content="{loader}">'
    html = re.sub(r'<meta name="pi-engine-worker"[^>]*>\s*', "", html)
    html = html.replace("<head>", "<head>\n    " + meta, 1)
    with open(index, "w", encoding="utf-8") as f:
        f.write(html)
    return 0


if __name__ == "__main__":
    sys.exit(main())
