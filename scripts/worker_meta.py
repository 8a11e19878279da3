#!/usr/bin/env python3
"""Names the engine's Web Worker script in the built page: `<meta name="pi-engine-worker">`.

Trunk builds the `engine-worker` bin (index.html, data-type="worker" with a loader shim) under
a hashed name and adds nothing to the page for it; src/engine.rs reads this meta to start the
worker. Run by Trunk after every build (Trunk.toml [[hooks]], before scripts/csp.py), or by hand:
`python3 scripts/worker_meta.py dist`.
"""
import glob
import os
import re
import sys


def main() -> int:
    out_dir = os.environ.get("TRUNK_STAGING_DIR") or (sys.argv[1] if len(sys.argv) > 1 else "dist")
    shims = sorted(glob.glob(os.path.join(out_dir, "engine-worker*_loader.js")))
    if len(shims) != 1:
        print(f"worker_meta.py: expected one engine-worker loader in {out_dir}, found {shims}", file=sys.stderr)
        return 1
    name = os.path.basename(shims[0])
    index = os.path.join(out_dir, "index.html")
    with open(index, encoding="utf-8") as f:
        html = f.read()
    meta = f'<meta name="pi-engine-worker" content="{name}">'
    html = re.sub(r'<meta name="pi-engine-worker"[^>]*>\s*', "", html)
    html = html.replace("<head>", "<head>\n    " + meta, 1)
    with open(index, "w", encoding="utf-8") as f:
        f.write(html)
    return 0


if __name__ == "__main__":
    sys.exit(main())
