"""The HTTP protocol the server speaks: uvicorn's h11 protocol with Nagle's algorithm off.

When uvicorn runs several worker processes, each worker's listening socket is rebuilt from
the one the supervisor opened, and asyncio no longer recognises it as TCP, so it leaves
Nagle's algorithm on for the connections it accepts. A response written in two pieces
(headers, then body) then waits for the client's delayed acknowledgement: about 40 ms on
every keep-alive request (measured: 44 ms for ``/healthz`` with two workers, 1 ms with one).
This protocol turns the algorithm off on each connection as it is made.
"""

from __future__ import annotations

import asyncio
import contextlib
import socket

from uvicorn.protocols.http.h11_impl import H11Protocol


class NoDelayH11Protocol(H11Protocol):
    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        sock = transport.get_extra_info("socket")
        if sock is not None and sock.family in (socket.AF_INET, socket.AF_INET6):
            with contextlib.suppress(OSError):  # not TCP after all: nothing to turn off
                sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        super().connection_made(transport)
