"""A quiet local HTTP server for a built site, shared by the benchmarks and the tests.

Like the servers the handbook is deployed to (GitHub Pages, nginx or Apache with their usual
settings), it gzips text files for browsers that accept it, so that page weight and Lighthouse
figures describe what a reader downloads.
"""

from __future__ import annotations

import contextlib
import functools
import gzip
import http.server
import io
import threading
from collections.abc import Iterator
from pathlib import Path


COMPRESSIBLE = frozenset({".html", ".css", ".js", ".json", ".svg", ".txt", ".xml"})


@functools.lru_cache(maxsize=512)
def _gzipped(path: str, modified: int) -> bytes:
    """A file's bytes gzipped as web servers do (level 6); cached until the file changes."""
    with open(path, "rb") as handle:
        return gzip.compress(handle.read(), compresslevel=6, mtime=0)


def accepts_gzip(header: str) -> bool:
    """Whether an Accept-Encoding header allows gzip (``gzip;q=0`` forbids it)."""
    for part in header.split(","):
        coding, _, parameters = part.partition(";")
        if coding.strip().lower() in ("gzip", "*"):
            quality = parameters.strip().lower()
            try:
                return not quality.startswith("q=") or float(quality[2:]) > 0
            except ValueError:
                return False
    return False


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Serves files, gzipped when the browser accepts it, without logging every request."""

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib name
        pass

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        """A missing address gets the site's own 404 page, of its language edition (as hosts are
        set up to do: GitHub Pages for the root, nginx's error_page for each edition)."""
        root = Path(self.directory)
        edition = root / "en" if self.path.startswith("/en/") else root
        page = edition / "404.html"
        if code != 404 or not page.is_file():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def send_head(self) -> io.BufferedIOBase | None:  # type: ignore[override]
        path = Path(self.translate_path(self.path))
        if path.is_dir() and self.path.split("?", 1)[0].endswith("/"):
            path = path / "index.html"
        if not (accepts_gzip(self.headers.get("Accept-Encoding", "")) and path.suffix in COMPRESSIBLE
                and path.is_file()):
            return super().send_head()
        stat = path.stat()
        body = _gzipped(str(path), stat.st_mtime_ns)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Last-Modified", self.date_time_string(int(stat.st_mtime)))
        self.send_header("Vary", "Accept-Encoding")
        self.end_headers()
        return io.BytesIO(body)


@contextlib.contextmanager
def serve(root: Path) -> Iterator[str]:
    """Serve ``root`` on a free loopback port; yields the base URL (ending in /)."""
    handler = functools.partial(QuietHandler, directory=str(root))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_port}/"
    finally:
        httpd.shutdown()
        httpd.server_close()
