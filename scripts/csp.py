#!/usr/bin/env python3
"""Writes dist/csp.txt: the Content-Security-Policy that the built page runs under.

Run by Trunk after every build (Trunk.toml [[hooks]], stage post_build, with TRUNK_STAGING_DIR
set), or by hand: `python3 scripts/csp.py dist`. The policy allows only the page's own files,
WebAssembly compilation ('wasm-unsafe-eval') and Trunk's start-up script, by its SHA-256 hash
(the script names the hashed file names, so the hash changes with every build: take it from the
csp.txt of the build you deploy). A host adds `frame-ancestors` for the portals that may frame
the page, and the origins of any `?data=` URLs to connect-src (README, "Embedding").
"""
import base64
import hashlib
import os
import re
import sys


def policy(index_html: str) -> str:
    scripts = re.findall(r"<script(?![^>]*\bsrc=)[^>]*>(.*?)</script>", index_html, re.S)
    hashes = " ".join(
        "'sha256-%s'" % base64.b64encode(hashlib.sha256(s.encode("utf-8")).digest()).decode()
        for s in scripts
    )
    return "; ".join(
        [
            "default-src 'self'",
            f"script-src 'self' 'wasm-unsafe-eval' {hashes}".strip(),
            "style-src 'self'",
            "img-src 'self' data:",
            "connect-src 'self'",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'none'",
        ]
    )


def main() -> int:
    out_dir = os.environ.get("TRUNK_STAGING_DIR") or (sys.argv[1] if len(sys.argv) > 1 else "dist")
    with open(os.path.join(out_dir, "index.html"), encoding="utf-8") as f:
        csp = policy(f.read())
    with open(os.path.join(out_dir, "csp.txt"), "w", encoding="utf-8") as f:
        f.write(csp + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
