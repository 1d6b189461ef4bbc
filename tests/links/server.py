"""A real HTTP server on a loopback address, started and stopped by the tests.

Routes cover every status the checker reports; the server counts requests per
path, the most requests it served at once, and the bytes of the huge body.
"""

from __future__ import annotations

import json
import threading
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit


@dataclass
class Stats:
    requests: Counter[str] = field(default_factory=Counter)
    in_flight: int = 0
    most_in_flight: int = 0
    huge_bytes: int = 0
    trickled: int = 0
    times: dict[str, list[float]] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)


class LoopbackServer(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, host: str, redirect_target: str = "") -> None:
        super().__init__((host, 0), Handler)
        self.stats = Stats()
        self.redirect_target = redirect_target
        self.delay = 0.0

    @property
    def base(self) -> str:
        host, port = self.server_address[:2]
        return f"http://{host}:{port}"


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: LoopbackServer

    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_HEAD(self) -> None:
        self._handle(head=True)

    def do_GET(self) -> None:
        self._handle(head=False)

    def _reply(self, status: int, headers: dict[str, str] | None = None, body: bytes = b"") -> None:
        self.send_response(status)
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command == "GET" and body:
            self.wfile.write(body)

    def _handle(self, head: bool) -> None:
        stats = self.server.stats
        path = urlsplit(self.path).path
        with stats.lock:
            stats.requests[path] += 1
            stats.times.setdefault(path, []).append(time.monotonic())
            stats.in_flight += 1
            stats.most_in_flight = max(stats.most_in_flight, stats.in_flight)
            count = stats.requests[path]
        try:
            self._route(path, head, count)
        finally:
            with stats.lock:
                stats.in_flight -= 1

    def _route(self, path: str, head: bool, count: int) -> None:
        if path.startswith("/ok") or path == "/secret":
            if self.server.delay:
                time.sleep(self.server.delay)
            self._reply(200, body=b"fine")
        elif path == "/head-405":
            self._reply(405) if head else self._reply(200, body=b"fine")
        elif path in ("/404", "/410", "/500"):
            self._reply(int(path[1:]))
        elif path in ("/301", "/302"):
            self._reply(int(path[1:]), {"Location": "/ok-after-redirect"})
        elif path == "/loop-a":
            self._reply(302, {"Location": "/loop-b"})
        elif path == "/loop-b":
            self._reply(302, {"Location": "/loop-a"})
        elif path == "/flaky-503":
            self._reply(503, {"Retry-After": "1"}) if count == 1 else self._reply(200)
        elif path == "/flaky-429":
            self._reply(429, {"Retry-After": "0"}) if count == 1 else self._reply(200)
        elif path == "/always-429":
            self._reply(429, {"Retry-After": "0"})
        elif path == "/slow":
            time.sleep(3)
            self._reply(200)
        elif path == "/huge":
            self._huge(head)
        elif path.startswith("/chain/"):
            time.sleep(0.2)
            self._reply(302, {"Location": f"/chain/{int(path.rsplit('/', 1)[1]) + 1}"})
        elif path == "/trickle":
            self._trickle()
        elif path == "/backslash-location":
            self._reply(302, {"Location": "http:\\\\127.0.0.2/"})
        elif path == "/control-location":
            self._reply(302, {"Location": "/a\x01b"})
        elif path == "/retry-after-hour":
            self._reply(429, {"Retry-After": "3600"})
        elif path == "/always-503":
            self._reply(503, {"Retry-After": "1"})
        elif path == "/retry-after-date":
            self._reply(503, {"Retry-After": "Fri, 31 Dec 2100 23:59:59 GMT"})
        elif path == "/wayback/huge":
            self._huge(head)
        elif path == "/to-blocked":
            self._reply(302, {"Location": self.server.redirect_target})
        elif path == "/wayback/available":
            url = parse_qs(urlsplit(self.path).query).get("url", [""])[0]
            closest = {
                "available": True,
                "url": f"http://web.archive.invalid/2019/{url}",
                "timestamp": "2019",
            }
            self._reply(
                200,
                {"Content-Type": "application/json"},
                json.dumps({"archived_snapshots": {"closest": closest}}).encode(),
            )
        else:
            self._reply(404)

    def _trickle(self) -> None:
        """A status line, then one header byte every 50 ms for up to 20 s."""
        try:
            self.wfile.write(b"HTTP/1.1 200 OK\r\nX-Slow: ")
            for _ in range(400):
                self.wfile.write(b"z")
                self.wfile.flush()
                with self.server.stats.lock:
                    self.server.stats.trickled += 1
                time.sleep(0.05)
        except OSError:
            pass
        self.close_connection = True

    def _huge(self, head: bool) -> None:
        if head:
            self._reply(405)
            return
        self.send_response(200)
        self.send_header("Content-Length", str(500 * 1024 * 1024))
        self.end_headers()
        chunk = b"x" * 65536
        try:
            for _ in range(8000):
                self.wfile.write(chunk)
                with self.server.stats.lock:
                    self.server.stats.huge_bytes += len(chunk)
        except OSError:
            pass
        self.close_connection = True


@contextmanager
def serve(host: str = "127.0.0.1", redirect_target: str = "") -> Iterator[LoopbackServer]:
    """Run a server on `host` (a loopback address) for the length of the block."""
    server = LoopbackServer(host, redirect_target)
    thread = threading.Thread(
        target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
    )
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
