"""The HTTP engine: asyncio and httpx, polite per host, strict about addresses.

Every host gets its own `httpx.AsyncClient` whose pool holds exactly as many
connections as the per-host limit allows, and a per-host semaphore that every
request to it (redirect hops included) passes, so the limit is never exceeded
and httpx's pool never queues (a pool holding many waiting requests is what
makes httpx slow; see benchmarks/README.md).  Each connection goes to an IP
the address policy approved: the name is resolved here, every address checked,
and the request pinned to an approved one (Host header and TLS SNI keep the name).

Time is bounded at every level: each request (name lookup, connection, the
whole answer up to the end of its headers) within `timeout` of wall time, so a
server trickling headers cannot hold a link; waits between attempts (backoff
and `Retry-After`) within `retry_after_cap` per URL in total; the requests of
one URL, all hops and attempts together, within `request_time` (timeout x
(retries + 2)).  A run without a deadline therefore ends; `deadline` bounds it
more tightly.  A URL that cannot
be parsed or sent is that link's `broken` result, never a stopped worker.
"""

from __future__ import annotations

import asyncio
import email.utils
import ipaddress
import json
import random
import re
import socket
import sys
import time
from collections.abc import Awaitable, Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import TypeVar
from urllib.parse import SplitResult, urljoin, urlsplit, urlunsplit

import httpx

from .. import __version__
from ._model import LinkResult, Status
from ._policy import AddressPolicy

_REDIRECTS = {301, 302, 303, 307, 308}
_PERMANENT = {301, 308}
_HEAD_REFUSED = {403, 405, 501}
_T = TypeVar("_T")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


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
    """Total seconds one URL may spend waiting between attempts (backoff and Retry-After)."""
    max_redirects: int = 10
    accept: frozenset[int] = frozenset(range(200, 300))
    user_agent: str = f"citenorm/{__version__} (link checker; +https://pypi.org/project/citenorm/)"
    headers: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    policy: AddressPolicy = field(default_factory=AddressPolicy)


def request_time(options: CheckOptions) -> float:
    """Seconds of requests one URL may use in all, every hop and attempt: timeout x (retries + 2).

    Counted only while a request runs (not while it waits for a free slot), so
    a busy run never cuts a link short; with the waits cap it bounds each URL.
    """
    return options.timeout * (options.retries + 2)


class _Blocked(Exception):
    pass


class _InvalidURL(ValueError):
    pass


@dataclass
class _Budget:
    """What one URL may still spend: waiting between attempts, and on requests."""

    left: float
    requests_left: float
    note: str = ""


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
        deadline = self.options.deadline or 0.0

        async def worker(queue: list[str]) -> None:
            while queue:
                url = queue.pop()
                try:
                    result = await self.check(url)
                except Exception as error:  # a bug or a library surprise: this link only
                    result = LinkResult(url, "broken", message=f"could not be checked: {error!r}")
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
            message = f"not checked within the {deadline:g} s deadline"
            results.setdefault(url, LinkResult(url, "timeout", message=message))
        return results

    async def close(self) -> None:
        """Close every client."""
        for host in self._hosts.values():
            await host.client.aclose()
        self._hosts.clear()

    async def check(self, url: str) -> LinkResult:
        """Follow one URL through its redirects to exactly one status."""
        current, seen, permanent = url, {url}, False
        budget = _Budget(self.options.retry_after_cap, request_time(self.options))
        for _ in range(self.options.max_redirects + 1):
            try:
                response_status, location = await self._fetch(current, budget)
            except _Blocked as refusal:
                where = "" if current == url else f" (redirected to {current})"
                return LinkResult(url, "blocked", message=f"{refusal}{where}")
            except httpx.TimeoutException:
                message = f"timed out after {self.options.timeout:g} s"
                if budget.requests_left <= 0:
                    total = request_time(self.options)
                    message = f"no answer in {total:g} s of requests in all"
                return LinkResult(url, "timeout", message=message)
            except (ValueError, httpx.InvalidURL) as error:
                where = "" if current == url else f" (redirected to {current!r})"
                return LinkResult(url, "broken", message=f"invalid URL: {error}{where}")
            except (httpx.HTTPError, OSError) as error:
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
            result = _classify(url, response_status, current, permanent, self.options.accept)
            if budget.note and result.status not in ("ok", "redirected"):
                result = LinkResult(
                    url,
                    result.status,
                    result.http_status,
                    result.final_url,
                    message=f"{result.message}; {budget.note}",
                )
            return result
        return LinkResult(url, "broken", final_url=current, message="too many redirects")

    async def _fetch(self, url: str, budget: _Budget) -> tuple[int, str | None]:
        """One hop: HEAD (GET when HEAD is refused), retried; (status, Location)."""
        status, location = await self._retrying("HEAD", url, budget)
        if status in _HEAD_REFUSED:
            status, location = await self._retrying("GET", url, budget)
        return status, location

    async def _retrying(self, method: str, url: str, budget: _Budget) -> tuple[int, str | None]:
        options = self.options
        for attempt in range(options.retries + 1):
            last = attempt == options.retries
            try:
                status, location, retry_after = await self._send(method, url, budget)
            except (httpx.TimeoutException, httpx.TransportError):
                if last or budget.requests_left <= 0:
                    raise
                if not await _wait(budget, self._backoff(attempt)):
                    raise
                continue
            if status in (429, 503) and not last:
                if retry_after is None:
                    wait = self._backoff(attempt)
                elif retry_after > budget.left:
                    budget.note = (
                        f"asked to retry after {retry_after:g} s, past the "
                        f"{options.retry_after_cap:g} s a link may wait"
                    )
                    return status, location
                else:
                    wait = retry_after
                if await _wait(budget, wait):
                    continue
                return status, location
            if status >= 500 and not last and await _wait(budget, self._backoff(attempt)):
                continue
            return status, location
        raise AssertionError("unreachable")  # pragma: no cover

    def _backoff(self, attempt: int) -> float:
        return float(self.options.backoff * 2**attempt * random.uniform(0.5, 1.5))

    async def _send(
        self, method: str, url: str, budget: _Budget
    ) -> tuple[int, str | None, float | None]:
        response, _ = await self._exchange(method, url, None, budget)
        return response.status_code, response.headers.get("location"), _retry_after(response)

    async def get_json(self, url: str, limit: int) -> object:
        """GET `url` under the policy and limits, reading at most `limit` bytes of JSON.

        Raises httpx.HTTPError, OSError or ValueError (a body over the limit or
        not JSON included), or the engine's refusal when the address is blocked.
        """
        _, body = await self._exchange("GET", url, limit, None)
        return json.loads(body)

    async def _exchange(
        self, method: str, url: str, read: int | None, budget: _Budget | None
    ) -> tuple[httpx.Response, bytes]:
        """One request: its address approved and pinned, the whole of it within `timeout`.

        The body is read (up to `read` bytes) only when `read` is given; the
        time taken is charged to `budget`, which also shortens the bound.
        """
        parts = _parse(url)
        scheme, hostname = parts.scheme, str(parts.hostname)
        host = self._host(url)
        headers = {"User-Agent": self.options.user_agent, "Host": parts.netloc.rpartition("@")[2]}
        headers.update(self.options.headers.get(hostname, {}))

        async def exchange() -> tuple[httpx.Response, bytes]:
            address = await self._approved_address(hostname, parts.port or _default_port(scheme))
            request = host.client.build_request(method, _pin(parts, address), headers=headers)
            if scheme == "https":
                request.extensions["sni_hostname"] = hostname
            if read is None:
                return await _answer(host.client, request), b""
            return await _body(host.client, request, read)

        async with host.slots, self._global:
            bound = self.options.timeout
            if budget is not None:
                bound = min(bound, budget.requests_left)
            started = time.monotonic()
            try:
                if bound <= 0:
                    raise TimeoutError
                response, body = await _within(exchange(), bound)
            except TimeoutError:
                raise httpx.TimeoutException(f"no complete answer within {bound:g} s") from None
            finally:
                if budget is not None:
                    budget.requests_left -= time.monotonic() - started
        host.client.cookies.clear()
        return response, body

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
            try:
                refusal = self.options.policy.refusal(address)
            except ValueError:
                refusal = f"{address} is not an IP address"
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
    """scheme://host:port, the unit the per-host limit counts in ("" when it does not parse)."""
    try:
        parts = urlsplit(url)
        port = parts.port or _default_port(parts.scheme)
    except ValueError:
        return ""
    return f"{parts.scheme}://{(parts.hostname or '').lower()}:{port}"


def _parse(url: str) -> SplitResult:
    """The parts of an http(s) URL that can be sent; raises _InvalidURL (a ValueError)."""
    if _CONTROL.search(url):
        raise _InvalidURL("it contains a control character")
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError for a port that is not one
    except ValueError as error:
        raise _InvalidURL(str(error)) from None
    if parts.scheme not in ("http", "https"):
        raise _InvalidURL(f"{parts.scheme or 'no'} scheme is not fetched")
    if not parts.hostname:
        raise _InvalidURL("no host name")
    return parts


if sys.version_info >= (3, 11):

    async def _within(awaitable: Awaitable[_T], seconds: float) -> _T:
        """`awaitable` finished within `seconds` of wall time, else TimeoutError."""
        async with asyncio.timeout(seconds):
            return await awaitable

else:  # pragma: no cover

    async def _within(awaitable: Awaitable[_T], seconds: float) -> _T:
        """`awaitable` finished within `seconds` of wall time, else TimeoutError."""
        try:
            return await asyncio.wait_for(awaitable, seconds)
        except asyncio.TimeoutError:
            raise TimeoutError from None


async def _answer(client: httpx.AsyncClient, request: httpx.Request) -> httpx.Response:
    """Send and take the status and headers, never the body of a GET."""
    try:
        response = await client.send(request, stream=True)
    except (httpx.InvalidURL, httpx.RemoteProtocolError) as error:
        # httpx parses a Location header even when it does not follow it.
        if isinstance(error, httpx.RemoteProtocolError) and "location" not in str(error):
            raise
        raise _InvalidURL(f"the server redirects to a URL that cannot be used ({error})") from None
    if request.method == "HEAD":
        # Nothing to read, but reading it lets the connection go back to the pool.
        await response.aread()
    await response.aclose()
    return response


async def _body(
    client: httpx.AsyncClient, request: httpx.Request, limit: int
) -> tuple[httpx.Response, bytes]:
    """The answer and its body, refused (ValueError) past `limit` bytes or when not 200."""
    response = await client.send(request, stream=True)
    try:
        if response.status_code != 200:
            raise ValueError(f"HTTP {response.status_code}")
        chunks, size = [], 0
        async for chunk in response.aiter_raw():
            size += len(chunk)
            if size > limit:
                raise ValueError(f"answer larger than {limit} bytes")
            chunks.append(chunk)
    finally:
        await response.aclose()
    return response, b"".join(chunks)


async def _wait(budget: _Budget, seconds: float) -> bool:
    """Sleep `seconds` if the URL's waiting budget allows it; False when it does not."""
    if seconds > budget.left:
        budget.note = budget.note or "waits between attempts used up"
        return False
    budget.left -= seconds
    await asyncio.sleep(seconds)
    return True


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
        return float(value.strip())
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
        return LinkResult(url, "rate-limited", status, final_url, message="HTTP 429")
    return LinkResult(url, "broken", status, final_url, message=f"HTTP {status}")


def _describe(error: BaseException) -> str:
    """The reason a request failed, in the words a report gives."""
    text = str(error) or type(error).__name__
    if re.search(r"ssl|certificate|tls", text, re.IGNORECASE):
        return f"TLS failure: {text}"
    for cause in _causes(error):
        if isinstance(cause, ConnectionRefusedError) or "refused" in str(cause).lower():
            return "connection refused"
        if isinstance(cause, ConnectionResetError):
            return "connection reset"
    return text


def _causes(error: BaseException) -> Iterable[BaseException]:
    """The error and what caused it, in order (at most 10 links of the chain)."""
    current: BaseException | None = error
    for _ in range(10):
        if current is None:
            return
        yield current
        current = current.__cause__ or current.__context__
