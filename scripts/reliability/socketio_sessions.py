"""socket.io sessions (the website widget's channel) through nginx against the two Rasa processes.

Each client connects the way the widget does (HTTP long-polling first, then the upgrade to a
websocket), asks for a session, and chats: greeting, start of the scan, organisation. Without
stickiness the polling requests of one client would land on both processes and the second one
would not know the session. nginx gives every new client a den_route cookie and hashes on it.
Checks: every client connects, upgrades, and gets each expected answer; both Rasa processes
served sessions (nginx access log). `--without-cookie` is the control experiment: clients that
drop the cookie are not sticky and are expected to fail.

    python scripts/reliability/socketio_sessions.py [--clients 20] [--without-cookie]
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import re
import sys
import time
import uuid
from collections import Counter
from pathlib import Path
from typing import List

import aiohttp
import socketio

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import HTTP_PORT, percentile, verdict  # noqa: E402

if not hasattr(aiohttp, "ClientWSTimeout"):
    # python-engineio 4.15's websocket upgrade passes aiohttp.ClientWSTimeout(ws_close=...),
    # which the locked aiohttp 3.9 (Rasa's pin) lacks; 3.9's ws_connect takes the same value as
    # a plain number of seconds. Test-client only: the browser widget needs no such thing.
    aiohttp.ClientWSTimeout = lambda ws_close=None, **_: ws_close  # type: ignore[attr-defined]

URL = f"http://localhost:{HTTP_PORT}"  # a host name: aiohttp keeps no cookies for bare IPs
STEPS = [
    ("hoi", "assistent van DEN"),
    ("ik wil weten hoe digitaal volwassen we zijn", "Hoe heet jullie organisatie?"),
    ("Festival Socket", "Wat voor instelling zijn jullie?"),
]


async def session(number: int, keep_cookie: bool) -> tuple[List[str], List[float], str]:
    """Problems, seconds per answer, and the transport after connecting."""
    jar = aiohttp.CookieJar() if keep_cookie else aiohttp.DummyCookieJar()
    http = aiohttp.ClientSession(cookie_jar=jar)
    client = socketio.AsyncClient(http_session=http, reconnection=False)
    answers: asyncio.Queue = asyncio.Queue()
    confirmed = asyncio.Event()
    session_id = uuid.uuid4().hex
    problems: List[str] = []
    seconds: List[float] = []
    transport = ""
    client.on("session_confirm", lambda *_: confirmed.set())
    client.on("bot_uttered", lambda data: answers.put_nowait(data.get("text", "")))
    try:
        await asyncio.sleep(number * 0.05)
        await client.connect(URL, transports=["polling", "websocket"], wait_timeout=20)
        await client.emit("session_request", {"session_id": session_id})
        await asyncio.wait_for(confirmed.wait(), 20)
        await asyncio.sleep(1.0)  # polling -> websocket upgrade
        transport = client.transport()
        for message, expect in STEPS:
            started = time.monotonic()
            await client.emit("user_uttered", {"message": message, "session_id": session_id})
            text = ""
            while expect not in text:
                text += "\n" + await asyncio.wait_for(answers.get(), 90)
            seconds.append(time.monotonic() - started)
    except Exception as exc:  # any failure of this client is a finding, not a crash
        problems.append(f"client {number}: {type(exc).__name__}: {str(exc)[:100]}")
    finally:
        with contextlib.suppress(Exception):
            await client.disconnect()
        await http.close()
    return problems, seconds, transport


def socket_upstreams(log: Path, offset: int) -> Counter:
    """Rasa processes that answered /socket.io/ requests since `offset` in nginx's access log."""
    counts: Counter = Counter()
    with log.open() as handle:
        handle.seek(offset)
        for line in handle:
            match = re.search(r" /socket\.io/ .* upstream=(\S+)", line)
            if match:
                counts[match.group(1).split(",")[-1]] += 1
    return counts


async def run(clients: int, keep_cookie: bool) -> list:
    return await asyncio.gather(*(session(n, keep_cookie) for n in range(clients)))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--without-cookie", action="store_true")
    args = parser.parse_args()
    log = Path(os.environ["PROD_LOG_DIR"]) / "access.log"
    offset = log.stat().st_size if log.exists() else 0
    results = asyncio.run(run(args.clients, not args.without_cookie))
    problems = [problem for found, _, _ in results for problem in found]
    seconds = [value for _, values, _ in results for value in values]
    transports = Counter(transport for _, _, transport in results)
    upstreams = socket_upstreams(log, offset)
    ok = sum(1 for found, _, _ in results if not found)
    if len(upstreams) < 2 and not args.without_cookie:
        problems.append(f"only one Rasa process served socket.io: {dict(upstreams)}")
    cookie = "cookie dropped: control run" if args.without_cookie else "keeping the cookie"
    figures = [
        f"clients: {args.clients} ({cookie}), complete conversations: {ok}",
        f"transport after connecting: {dict(transports)}",
        f"answer time: p50 {percentile(seconds, 0.5):.2f} s, max {max(seconds, default=0):.2f} s",
        f"socket.io requests per Rasa process: {dict(sorted(upstreams.items()))}",
    ]
    return verdict("socket.io sessions through nginx", problems, figures)


if __name__ == "__main__":
    sys.exit(main())
