"""A loopback server farm for benchmarks: N hosts (127.0.0.11, .12, …) answering after a delay.

Runs in its own process (so it does not compete with the client's event loop),
speaks minimal HTTP/1.1 with keep-alive, and counts the most requests it ever
served at once per host.
"""

from __future__ import annotations

import asyncio
import multiprocessing
from collections.abc import Iterator
from contextlib import contextmanager
from multiprocessing.connection import Connection

RESPONSE = b"HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: keep-alive\r\n\r\n"


async def _serve(hosts: int, latency: float, pipe: Connection) -> None:
    in_flight = [0] * hosts
    most = [0] * hosts

    def handler(index: int):  # type: ignore[no-untyped-def]
        async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
            try:
                while True:
                    head = await reader.readuntil(b"\r\n\r\n")
                    if not head:
                        break
                    in_flight[index] += 1
                    most[index] = max(most[index], in_flight[index])
                    await asyncio.sleep(latency)
                    in_flight[index] -= 1
                    writer.write(RESPONSE)
                    await writer.drain()
            except (asyncio.IncompleteReadError, ConnectionError):
                pass
            finally:
                writer.close()

        return handle

    servers = [
        await asyncio.start_server(handler(i), f"127.0.0.{11 + i}", 0, backlog=1024)
        for i in range(hosts)
    ]
    pipe.send(
        [f"http://127.0.0.{11 + i}:{s.sockets[0].getsockname()[1]}" for i, s in enumerate(servers)]
    )
    loop = asyncio.get_running_loop()
    await loop.run_in_executor(None, pipe.recv)
    pipe.send(max(most))
    for server in servers:
        server.close()


def _main(hosts: int, latency: float, pipe: Connection) -> None:
    asyncio.run(_serve(hosts, latency, pipe))


@contextmanager
def farm(hosts: int = 10, latency: float = 0.1) -> Iterator[tuple[list[str], list[int]]]:
    """Start the farm; yields (base URLs, a list that receives the most-at-once count)."""
    parent, child = multiprocessing.Pipe()
    process = multiprocessing.Process(target=_main, args=(hosts, latency, child), daemon=True)
    process.start()
    bases: list[str] = parent.recv()
    most: list[int] = []
    try:
        yield bases, most
    finally:
        parent.send("stop")
        if parent.poll(10):
            most.append(parent.recv())
        process.join(timeout=10)
        if process.is_alive():
            process.kill()
