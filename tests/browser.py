"""Helpers for the browser tests: serve a built site under a sub-path, as GitHub Pages does, and launch Chromium.

Kept apart from the tests so that a person can use them by hand too:
`PYTHONPATH=scripts:tests python -c "import browser; browser.serve_forever('site', 8765)"`.
"""

from __future__ import annotations

import functools
import os
import shutil
import socket
import threading
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

# Debian's Chromium; the CHROMIUM variable names another (or a missing one, to try the skip-or-fail rule).
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
# The flags that run Debian's Chromium under Playwright, as ECOSYSTEM.md records; the last ones keep the browser
# itself quiet, so that the only requests a test sees are the page's.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
PREFIX = "/edition/"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class _Handler(SimpleHTTPRequestHandler):
    """Serve `directory` under PREFIX only; anything else is the site's 404 page, as on GitHub Pages."""

    def translate_path(self, path: str) -> str:
        clean = path.split("?", 1)[0].split("#", 1)[0]
        if not clean.startswith(PREFIX):
            return str(Path(self.directory) / "__outside_the_site__")
        return super().translate_path("/" + clean[len(PREFIX) :])

    def send_error(self, code, message=None, explain=None):
        """A missing page gets the site's own 404 page, whatever its depth."""
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def log_message(self, format, *args):
        pass


@contextmanager
def serve(site: Path, port: int | None = None):
    """Serve site/ at http://127.0.0.1:PORT/edition/ from a thread; yields the base URL."""
    port = port or free_port()
    handler = functools.partial(_Handler, directory=str(site))
    server = ThreadingHTTPServer(("127.0.0.1", port), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{port}{PREFIX}"
    finally:
        server.shutdown()
        server.server_close()


def serve_forever(site: str, port: int) -> None:
    with serve(Path(site), port) as url:
        print(url, flush=True)
        threading.Event().wait()


def chromium_path() -> str | None:
    if Path(CHROMIUM).exists():
        return CHROMIUM
    return None if "CHROMIUM" in os.environ else shutil.which("chromium")


def chromium_available() -> bool:
    return chromium_path() is not None


def in_ci() -> bool:
    return os.environ.get("CI") == "true"
