"""Stop PostgreSQL for 10 seconds in the middle of scans.

While it is down, every message must get a clear Dutch "even geduld" answer (REST-shaped JSON),
never an empty answer, a bare 5xx or a dropped connection, and no process may crash. Once it is
back, every conversation must continue at the question where it was, and the tracker events
must be complete and in order (messages answered with "even geduld" are not stored; the user
sends them again).

    python scripts/reliability/postgres_outage.py [--conversations 10] [--outage 10]
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import time
import uuid
from pathlib import Path
from typing import List, Optional

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import (  # noqa: E402
    EVEN_GEDULD,
    Conversation,
    check_tracker,
    client_session,
    pid_of,
    scan_script,
    start,
    stop,
    tracker_events,
    verdict,
)

PROCESSES = ["nginx", "rasa-1", "rasa-2", "actions-1", "actions-2", "web", "worker", "redis"]


async def scenario(conversations: int, outage: float) -> tuple[List[str], List[str]]:
    problems: List[str] = []
    run = uuid.uuid4().hex[:6]
    chats = [
        Conversation(f"rel-pg-{run}-{n}", via_web_page=n < max(1, conversations // 5))
        for n in range(conversations)
    ]
    script = scan_script("Archief Stroomuitval", 4)
    before, during_step, after = 9, 9, 11  # "Vraag 2 van 20" before; then 3 and 4 after
    async with client_session(60) as client:
        for chat in chats:
            for message, expect in script[:before]:
                if not await chat.step(client, message, expect):
                    problems.append(f"{chat.sender}: could not start: {chat.errors}")
        if problems:
            return problems, []

        stop("postgres")
        down_at = time.monotonic()
        outage_answers = 0
        message, _ = script[during_step]
        while time.monotonic() - down_at < outage:
            replies = await asyncio.gather(*(chat.post(client, message) for chat in chats))
            for chat, reply in zip(chats, replies, strict=True):
                outage_answers += 1
                if reply.status not in (200, 503) or EVEN_GEDULD not in reply.text:
                    problems.append(
                        f"{chat.sender} during the outage: HTTP {reply.status} {reply.text[:100]!r}"
                    )
            await asyncio.sleep(1.0)
        down_seconds = time.monotonic() - down_at
        start("postgres")
        up_at = time.monotonic()

        async def resume(chat: Conversation) -> Optional[float]:
            for message, expect in script[during_step:after]:
                if not await chat.step(client, message, expect, retry_seconds=60):
                    problems.append(f"{chat.sender} after the outage: {chat.errors}")
                    return None
            return next(r.at for r in chat.replies if r.at > up_at and not r.unavailable) - up_at

        resumed = await asyncio.gather(*(resume(chat) for chat in chats))
        first_ok = [seconds for seconds in resumed if seconds is not None]

    crashed = [name for name in PROCESSES if pid_of(name) is None]
    if crashed:
        problems.append(f"processes gone after the outage: {crashed}")
    events = tracker_events([chat.tracker_id for chat in chats])
    tracker_ok = 0
    for chat in chats:
        found = check_tracker(chat, events[chat.tracker_id])
        problems += [f"{chat.sender}: {problem}" for problem in found]
        tracker_ok += not found
    unavailable_after = sum(1 for c in chats for r in c.replies if r.at > up_at and r.unavailable)
    figures = [
        f"conversations: {len(chats)} ({sum(c.via_web_page for c in chats)} through the chat page),"
        f" each at 'Vraag 2 van 20' when PostgreSQL stopped",
        f"PostgreSQL down for {down_seconds:.1f} s; {outage_answers} messages sent meanwhile, all "
        f"answered 'even geduld': {'yes' if not problems else 'no'}",
        f"after the restart: {len(first_ok)}/{len(chats)} conversations continued at the right "
        f"question; first correct answer {min(first_ok, default=0):.2f} s after PostgreSQL was "
        f"back, last {max(first_ok, default=0):.2f} s; 'even geduld' answers after the restart: "
        f"{unavailable_after}",
        f"processes still running: {len(PROCESSES) - len(crashed)}/{len(PROCESSES)}",
        f"tracker check: {tracker_ok}/{len(chats)} conversations complete and in order",
    ]
    return problems, figures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--conversations", type=int, default=10)
    parser.add_argument("--outage", type=float, default=10.0, help="seconds PostgreSQL is down")
    args = parser.parse_args()
    try:
        problems, figures = asyncio.run(scenario(args.conversations, args.outage))
    finally:
        start("postgres")  # whatever happened, leave PostgreSQL running (no-op when it is)
    return verdict(f"PostgreSQL down for {args.outage:.0f} s", problems, figures)


if __name__ == "__main__":
    sys.exit(main())
