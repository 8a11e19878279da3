#!/usr/bin/env python3
"""A static file server for the e2e tests that sends the page's Content-Security-Policy.

    python3 scripts/serve.py PORT SITE_DIR CSP_FILE FRAME_ANCESTORS...

Every response carries the policy of CSP_FILE (read afresh each time) (written by scripts/csp.py at build time) plus
`frame-ancestors` with the given origins, so every e2e test runs the page exactly as a strict
host would serve it: a violation breaks the page and the tests. Binds to 127.0.0.1 only.
"""
import functools
import http.server
import sys


def main() -> None:
    port, site, csp_file, *ancestors = sys.argv[1:]
    frame = "frame-ancestors " + " ".join(ancestors or ["'self'"])

    class Handler(http.server.SimpleHTTPRequestHandler):
        def end_headers(self) -> None:
            # the example host page (embed/) is the portal, not the product: no policy there
            if "/embed/" not in self.path:
                # read per response: a rebuild changes the start-up script's hash
                with open(csp_file, encoding="utf-8") as f:
                    csp = f.read().strip()
                self.send_header("Content-Security-Policy", f"{csp}; {frame}")
            super().end_headers()

        def log_message(self, fmt, *args) -> None:  # quiet
            pass

    handler = functools.partial(Handler, directory=site)
    http.server.ThreadingHTTPServer(("127.0.0.1", int(port)), handler).serve_forever()


if __name__ == "__main__":
    main()
