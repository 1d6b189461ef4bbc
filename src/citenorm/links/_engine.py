"""The HTTP engine: asyncio and httpx, polite per host, strict about addresses.

Every host gets its own `httpx.AsyncClient` whose pool holds exactly as many
connections as the per-host limit allows, and a per-host semaphore that every
request to it (redirect hops included) passes, so the limit is never exceeded
and httpx's pool never queues (a pool holding many waiting requests is what
makes httpx slow; see benchmarks/README.md).  Each connection goes to an IP
the address policy approved: the name is resolved here, every address checked,
and the request pinned to an approved one (Host header and TLS SNI keep the name).
"""

from __future__ import annotations

import asyncio
import email.utils
import ipaddress
import random
import re
import socket
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from urllib.parse import SplitResult, urljoin, urlsplit, urlunsplit

import httpx

from .. import __version__
from ._model import LinkResult, Status
from ._policy import AddressPolicy

_REDIRECTS = {301, 302, 303, 307, 308}
_PERMANENT = {301, 308}
_HEAD_REFUSED = {403, 405, 501}


@dataclass(frozen=True)
class CheckOptions:
    """How external links are checked (lychee's defaults where it has one)."""

    max_concurrency: int = 128
    per_host: int = 8
    timeout: float = 20.0
    deadline: float | None = None
    retries: int = 3
    backoff: float = 1.0
    retry_after_cap: float = 60.0
    max_redirects: int = 10
    accept: frozenset[int] = frozenset(range(200, 300))
    user_agent: str = f"citenorm/{__version__} (link checker; +https://pypi.org/project/citenorm/)"
    headers: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    policy: AddressPolicy = field(default_factory=AddressPolicy)


class _Blocked(Exception):
    pass


@dataclass
class _Host:
    client: httpx.AsyncClient
    slots: asyncio.Semaphore


class Engine:
    """Checks URLs; one engine per run (it owns the clients)."""

    def __init__(self, options: CheckOptions) -> None:
        self.options = options
        self._hosts: dict[str, _Host] = {}
        self._global = asyncio.Semaphore(options.max_concurrency)
        self._tls = httpx.create_ssl_context()

    async def check_all(
        self, urls: Iterable[str], on_result: Callable[[LinkResult], None] | None = None
    ) -> dict[str, LinkResult]:
        """Check every URL (each once); URLs unfinished at the deadline end as `timeout`."""
        unique = list(dict.fromkeys(urls))
        queues: dict[str, list[str]] = {}
        for url in unique:
            queues.setdefault(_host_key(url), []).append(url)
        results: dict[str, LinkResult] = {}

        async def worker(queue: list[str]) -> None:
            while queue:
                url = queue.pop()
                result = await self.check(url)
                results[url] = result
                if on_result is not None:
                    on_result(result)

        workers = [
            asyncio.ensure_future(worker(queue))
            for queue in queues.values()
            for _ in range(min(self.options.per_host, len(queue)))
        ]
        try:
            if workers:
                _, pending = await asyncio.wait(workers, timeout=self.options.deadline)
                for task in pending:
                    task.cancel()
                await asyncio.gather(*pending, return_exceptions=True)
        finally:
            await self.close()
        for url in unique:
            results.setdefault(url, LinkResult(url, "timeout", message="overall deadline passed"))
        return results

    async def close(self) -> None:
        """Close every client."""
        for host in self._hosts.values():
            await host.client.aclose()
        self._hosts.clear()

    async def check(self, url: str) -> LinkResult:
        """Follow one URL through its redirects to exactly one status."""
        current, seen, permanent = url, {url}, False
        for _ in range(self.options.max_redirects + 1):
            try:
                response_status, location = await self._fetch(current)
            except _Blocked as refusal:
                where = "" if current == url else f" (redirected to {current})"
                return LinkResult(url, "blocked", message=f"{refusal}{where}")
            except httpx.TimeoutException:
                return LinkResult(
                    url, "timeout", message=f"timed out after {self.options.timeout:g} s"
                )
            except (httpx.HTTPError, OSError, ValueError) as error:
                return LinkResult(url, "broken", message=_describe(error))
            if response_status in _REDIRECTS and location:
                permanent = permanent or response_status in _PERMANENT
                current = urljoin(current, location)
                if current in seen:
                    return LinkResult(
                        url, "broken", response_status, current, message="redirect loop"
                    )
                seen.add(current)
                continue
            return _classify(url, response_status, current, permanent, self.options.accept)
        return LinkResult(url, "broken", final_url=current, message="too many redirects")

    async def _fetch(self, url: str) -> tuple[int, str | None]:
        """One hop: HEAD (GET when HEAD is refused), retried; (status, Location)."""
        status, location = await self._retrying("HEAD", url)
        if status in _HEAD_REFUSED:
            status, location = await self._retrying("GET", url)
        return status, location

    async def _retrying(self, method: str, url: str) -> tuple[int, str | None]:
        options = self.options
        for attempt in range(options.retries + 1):
            last = attempt == options.retries
            try:
                status, location, retry_after = await self._send(method, url)
            except (httpx.TimeoutException, httpx.TransportError):
                if last:
                    raise
                await asyncio.sleep(self._backoff(attempt))
                continue
            if status in (429, 503) and not last:
                wait = retry_after if retry_after is not None else self._backoff(attempt)
                await asyncio.sleep(min(wait, options.retry_after_cap))
                continue
            if status >= 500 and not last:
                await asyncio.sleep(self._backoff(attempt))
                continue
            return status, location
        raise AssertionError("unreachable")  # pragma: no cover

    def _backoff(self, attempt: int) -> float:
        return float(self.options.backoff * 2**attempt * random.uniform(0.5, 1.5))

    async def _send(self, method: str, url: str) -> tuple[int, str | None, float | None]:
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise httpx.UnsupportedProtocol(f"{parts.scheme or 'no'} scheme is not fetched")
        address = await self._approved_address(
            parts.hostname, parts.port or _default_port(parts.scheme)
        )
        host = self._host(url)
        pinned = _pin(parts, address)
        headers = {"User-Agent": self.options.user_agent, "Host": parts.netloc.rpartition("@")[2]}
        headers.update(self.options.headers.get(parts.hostname, {}))
        async with host.slots, self._global:
            request = host.client.build_request(method, pinned, headers=headers)
            if parts.scheme == "https":
                request.extensions["sni_hostname"] = parts.hostname
            response = await host.client.send(request, stream=True)
            if method == "HEAD":
                # Nothing to read, but reading it lets the connection go back to the pool.
                await response.aread()
            await response.aclose()
        host.client.cookies.clear()
        return response.status_code, response.headers.get("location"), _retry_after(response)

    async def _approved_address(self, hostname: str, port: int) -> str:
        """An address of `hostname` the policy allows; every address it has must pass."""
        try:
            addresses = [str(ipaddress.ip_address(hostname.strip("[]")))]
        except ValueError:
            try:
                infos = await asyncio.get_running_loop().getaddrinfo(
                    hostname, port, type=socket.SOCK_STREAM
                )
            except socket.gaierror as error:
                raise httpx.ConnectError(
                    f"DNS lookup of {hostname} failed: {error.strerror}"
                ) from None
            addresses = list(dict.fromkeys(str(info[4][0]) for info in infos))
        for address in addresses:
            refusal = self.options.policy.refusal(address)
            if refusal:
                raise _Blocked(refusal)
        return addresses[0]

    def _host(self, url: str) -> _Host:
        key = _host_key(url)
        if key not in self._hosts:
            per_host = self.options.per_host
            client = httpx.AsyncClient(
                verify=self._tls,
                timeout=self.options.timeout,
                follow_redirects=False,
                limits=httpx.Limits(max_connections=per_host, max_keepalive_connections=per_host),
                trust_env=False,
            )
            self._hosts[key] = _Host(client, asyncio.Semaphore(per_host))
        return self._hosts[key]


def _host_key(url: str) -> str:
    """scheme://host:port, the unit the per-host limit counts in."""
    parts = urlsplit(url)
    try:
        port = parts.port or _default_port(parts.scheme)
    except ValueError:
        return parts.netloc.lower()
    return f"{parts.scheme}://{(parts.hostname or '').lower()}:{port}"


def _default_port(scheme: str) -> int:
    return 443 if scheme == "https" else 80


def _pin(parts: SplitResult, address: str) -> str:
    """The URL with its host replaced by the approved address (credentials and port kept)."""
    host = f"[{address}]" if ":" in address else address
    userinfo, at, _ = parts.netloc.rpartition("@")
    netloc = f"{userinfo}{at}{host}" + (f":{parts.port}" if parts.port else "")
    return urlunsplit(parts._replace(netloc=netloc))


def _retry_after(response: httpx.Response) -> float | None:
    value = response.headers.get("retry-after")
    if not value:
        return None
    if value.strip().isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(when.timestamp() - time.time(), 0.0)


def _classify(
    url: str, status: int, final: str, permanent: bool, accept: frozenset[int]
) -> LinkResult:
    final_url = final if final != url else None
    if status in accept:
        kind: Status = "redirected" if permanent else "ok"
        message = "moved permanently; update the link" if permanent else ""
        return LinkResult(url, kind, status, final_url, message=message)
    if status == 429:
        return LinkResult(url, "rate-limited", status, final_url, message="429 after retries")
    return LinkResult(url, "broken", status, final_url, message=f"HTTP {status}")


def _describe(error: BaseException) -> str:
    text = str(error) or type(error).__name__
    if re.search(r"ssl|certificate|tls", text, re.IGNORECASE):
        return f"TLS failure: {text}"
    if isinstance(error, httpx.ConnectError) and "refused" in text.lower():
        return "connection refused"
    return text
