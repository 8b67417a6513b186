"""A mail server that hangs for 60 s per connection slows no conversation (issue 16).

First 20 users book an adviesgesprek with the profile as it runs (baseline answer times). Then a
"mail server" that accepts connections and never answers is started, and the action servers and
the outbox worker are restarted with SMTP_HOST pointing at it and SMTP_TIMEOUT=60: if anything
on the action path talked to SMTP, every confirmation would now wait a minute. 20 other users
book again while the worker hangs. It passes when their answer times stay those of the baseline
(p95 at most twice the baseline's plus one second, no answer over 10 s) and their confirmations
wait in the outbox (pending) instead of being lost. Afterwards the services are restarted
without the hanging server.

    python scripts/reliability/smtp_hang.py [--users 20]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import socket
import sys
import threading
import time
from pathlib import Path
from typing import List, Tuple

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from common import client_session, percentile, start, stop, verdict  # noqa: E402
from kill_rasa_during_bookings import User, seed_advisors  # noqa: E402
from sqlalchemy import create_engine, func, select  # noqa: E402

from bot.scheduling.models import OutboxMessage  # noqa: E402

SERVICES = ("actions-1", "actions-2", "worker")
HANG_SECONDS = 60


class HangingServer:
    """Accepts TCP connections and says nothing (no SMTP greeting) until closed."""

    def __init__(self) -> None:
        self.socket = socket.socket()
        self.socket.bind(("127.0.0.1", 0))
        self.socket.listen(50)
        self.port = self.socket.getsockname()[1]
        self.connections: List[socket.socket] = []
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                connection, _ = self.socket.accept()
            except OSError:
                return
            self.connections.append(connection)  # keep it open, silent

    def close(self) -> None:
        for connection in self.connections:
            connection.close()
        self.socket.close()


async def _book_all(users: List[User]) -> float:
    started = time.monotonic()
    async with client_session(120) as client:
        await asyncio.gather(*(u.book(client) for u in users))
    return time.monotonic() - started


def _timed(users: List[User]) -> Tuple[List[float], float]:
    """Book with every answer timed (the User class records nothing itself)."""
    seconds: List[float] = []
    original = User.say

    async def say(self: User, client, message):  # type: ignore[no-untyped-def]
        began = time.monotonic()
        replies = await original(self, client, message)
        seconds.append(time.monotonic() - began)
        return replies

    User.say = say  # type: ignore[method-assign]
    try:
        wall = asyncio.run(_book_all(users))
    finally:
        User.say = original  # type: ignore[method-assign]
    return seconds, wall


def _pending_confirmations(emails: List[str]) -> int:
    engine = create_engine(os.environ["BOT_DATABASE_URL"], future=True)
    with engine.connect() as connection:
        count = connection.execute(
            select(func.count(OutboxMessage.id)).where(
                OutboxMessage.recipient.in_(emails),
                OutboxMessage.kind == "booking_confirmation",
                OutboxMessage.status == "pending",
            )
        ).scalar_one()
    engine.dispose()
    return int(count)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--users", type=int, default=20)
    args = parser.parse_args()
    seed_advisors()
    baseline_users = [User(n) for n in range(args.users)]
    baseline, baseline_wall = _timed(baseline_users)
    server = HangingServer()
    os.environ.update(
        SMTP_HOST="127.0.0.1",
        SMTP_PORT=str(server.port),
        SMTP_STARTTLS="false",
        SMTP_TIMEOUT=str(HANG_SECONDS),
    )
    problems: List[str] = []
    try:
        stop(*SERVICES)
        start(*SERVICES)
        hang_users = [User(n) for n in range(1000, 1000 + args.users)]
        during, during_wall = _timed(hang_users)
        pending = _pending_confirmations([u.email for u in hang_users])
        hung = len(server.connections)
    finally:
        for name in ("SMTP_HOST", "SMTP_PORT", "SMTP_STARTTLS", "SMTP_TIMEOUT"):
            os.environ.pop(name, None)
        stop(*SERVICES)
        start(*SERVICES)
        server.close()
    problems += [f"{u.email}: {e}" for u in baseline_users + hang_users for e in u.errors]
    limit = 2 * percentile(baseline, 0.95) + 1.0
    if percentile(during, 0.95) > limit:
        problems.append(f"p95 during the hang {percentile(during, 0.95):.2f} s > {limit:.2f} s")
    if max(during, default=0.0) > 10:
        problems.append(f"slowest answer during the hang {max(during):.1f} s")
    if hung == 0:
        problems.append("the worker never connected to the hanging server (not tested)")
    booked = sum(1 for u in hang_users if u.code)
    if pending < booked - 1:  # the one the worker is stuck on may be claimed, still pending
        problems.append(f"only {pending} of {booked} confirmations wait in the outbox")
    figures = [
        f"baseline: {len(baseline)} answers, p50 {percentile(baseline, 0.5):.2f} s,"
        f" p95 {percentile(baseline, 0.95):.2f} s, wall {baseline_wall:.1f} s",
        f"SMTP hanging {HANG_SECONDS} s per connection: {len(during)} answers,"
        f" p50 {percentile(during, 0.5):.2f} s, p95 {percentile(during, 0.95):.2f} s,"
        f" max {max(during, default=0.0):.2f} s, wall {during_wall:.1f} s",
        f"worker connections held by the hanging server: {hung}; confirmations waiting:"
        f" {pending} of {booked} booked",
    ]
    return verdict("a hanging mail server slows no conversation", problems, figures)


if __name__ == "__main__":
    sys.exit(main())
