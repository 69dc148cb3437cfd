"""Build the HTML once, serve it on localhost, and open pages in headless Debian Chromium.

No browser is downloaded: Playwright drives the system `chromium` (Debian package), found at
RUNBOOK_CHROMIUM or /usr/bin/chromium. The launch flags keep it off the network and quiet.
"""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
import sys
import threading
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
PAGES = ["low-latency-streaming-cluster-config.html", "sources.html", "evidence.html"]
WIDTHS = [1400, 400]
SCHEMES = ["light", "dark"]
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def chromium_path() -> str:
    path = os.environ.get("RUNBOOK_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
    if not Path(path).is_file():
        raise RuntimeError(f"no Chromium at {path}: install the Debian package (apt-get install -y chromium)")
    return path


def build_html(out: Path) -> Path:
    """The docs env's build (same flags), into `out`; incremental when `out` already holds one."""
    command = [
        sys.executable,
        "-m",
        "sphinx",
        "-W",
        "--keep-going",
        "-q",
        "-b",
        "html",
        "-c",
        str(REPO_ROOT),
        "-d",
        str(out.parent / "doctrees"),
        str(REPO_ROOT / "docs"),
        str(out),
    ]
    completed = subprocess.run(command, capture_output=True, text=True, cwd=REPO_ROOT, check=False)
    if completed.returncode:
        raise RuntimeError(f"docs build failed:\n{completed.stdout}{completed.stderr}")
    return out


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format, *args) -> None:  # keep pytest output clean
        pass


@contextmanager
def serve(root: Path):
    """The built site on an ephemeral localhost port, as a reader's browser would fetch it."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(root)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@dataclass
class LoadedPage:
    page: object
    console_errors: list[str] = field(default_factory=list)


def record_console(loaded: LoadedPage, message) -> None:
    url = message.location.get("url", "")
    # Chromium asks every site for /favicon.ico on its own; the docs do not link one.
    if message.type == "error" and not url.endswith("/favicon.ico"):
        loaded.console_errors.append(f"{message.text} ({url})")


def open_page(browser, url: str, width: int, scheme: str) -> LoadedPage:
    context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)
    page = context.new_page()
    loaded = LoadedPage(page)
    page.on("console", lambda message: record_console(loaded, message))
    page.on("pageerror", lambda error: loaded.console_errors.append(str(error)))
    page.goto(url, wait_until="load")
    return loaded
