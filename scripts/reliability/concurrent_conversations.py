"""200 conversations at the same time through nginx against the two Rasa processes.

Each conversation is a scan: greeting, start, organisation, five profile questions, then
statements; every reply must be the expected next question. Afterwards the tracker events of
every conversation are read from PostgreSQL: the user messages must be exactly the ones sent,
in order, each answered by the bot (nothing lost, duplicated or reordered). Each REST
conversation must have been served by one Rasa process only (stickiness), and both processes
must have served conversations. A tenth of the conversations go through the chat page's
/api/chat (nginx -> web page -> nginx -> Rasa).

    python scripts/reliability/concurrent_conversations.py [--conversations 200] [--statements 3]
"""

from __future__ import annotations

import argparse
import asyncio
import random
import sys
import time
import uuid
from collections import Counter
from pathlib import Path
from typing import Awaitable, Callable, List, Optional

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import (  # noqa: E402
    Conversation,
    check_tracker,
    client_session,
    percentile,
    resend_duplicates,
    scan_script,
    tracker_events,
    verdict,
)


async def run_load(
    conversations: int,
    statements: int,
    retry_seconds: float = 0.0,
    web_share: float = 0.1,
    during: Optional[Callable[[List[Conversation]], Awaitable[None]]] = None,
) -> tuple[List[Conversation], float]:
    run = uuid.uuid4().hex[:6]
    chats = [
        Conversation(f"rel-{run}-{n:03d}", via_web_page=n < conversations * web_share)
        for n in range(conversations)
    ]

    async def talk(client, chat: Conversation, number: int) -> None:  # type: ignore[no-untyped-def]
        await asyncio.sleep(random.uniform(0, 2))  # everybody starts within two seconds
        for message, expect in scan_script(f"Museum Druk {number}", statements):
            if not await chat.step(client, message, expect, retry_seconds):
                return

    started = time.monotonic()
    async with client_session() as client:
        tasks = [asyncio.create_task(talk(client, chat, n)) for n, chat in enumerate(chats)]
        if during is not None:
            tasks.append(asyncio.create_task(during(chats)))
        await asyncio.gather(*tasks)
    return chats, time.monotonic() - started


def check(
    chats: List[Conversation], statements: int, allow_resend_duplicates: bool = False
) -> tuple[List[str], List[str]]:
    """Problems and figures shared by the load scripts."""
    problems: List[str] = []
    expected_steps = len(scan_script("x", statements))
    for chat in chats:
        problems += [f"{chat.sender}: {error}" for error in chat.errors]
        if not chat.errors and len(chat.sent) != expected_steps:
            problems.append(f"{chat.sender}: {len(chat.sent)} of {expected_steps} steps")
    events = tracker_events([chat.tracker_id for chat in chats])
    tracker_ok = 0
    for chat in chats:
        found = check_tracker(chat, events[chat.tracker_id], allow_resend_duplicates)
        problems += [f"{chat.sender}: {problem}" for problem in found]
        tracker_ok += not found
    answered = [r for chat in chats for r in chat.replies if r.status == 200 and not r.unavailable]
    seconds = [r.seconds for r in answered]
    figures = [
        f"conversations: {len(chats)} ({sum(c.via_web_page for c in chats)} through the chat page),"
        f" completed: {sum(1 for c in chats if not c.errors and len(c.sent) == expected_steps)}",
        f"messages answered: {len(answered)}; 'even geduld' answers: "
        f"{sum(c.unavailable_answers for c in chats)}",
        f"latency per message: p50 {percentile(seconds, 0.5):.2f} s, p95 "
        f"{percentile(seconds, 0.95):.2f} s, max {max(seconds, default=0):.2f} s",
        f"tracker check (all user events present, in order, each answered): "
        f"{tracker_ok}/{len(chats)} conversations",
        f"events stored: {sum(len(events[c.tracker_id]) for c in chats)}, of which user messages: "
        f"{sum(1 for c in chats for event in events[c.tracker_id] if event[1] == 'user')}",
    ]
    if allow_resend_duplicates:
        duplicates = sum(
            resend_duplicates(
                [data.get("text") for _, kind, _, data in events[c.tracker_id] if kind == "user"], c
            )
            or 0
            for c in chats
        )
        figures.append(
            f"messages stored twice because they were sent again after 'even geduld' although the"
            f" killed process had handled them (its answer never left): {duplicates}"
        )
    return problems, figures


def stickiness(chats: List[Conversation]) -> tuple[List[str], List[str], Counter]:
    problems: List[str] = []
    per_replica: Counter = Counter()
    for chat in chats:
        if chat.via_web_page:
            continue
        replicas = {r.replica for r in chat.replies if r.status == 200}
        if len(replicas) != 1:
            problems.append(f"{chat.sender}: served by {sorted(replicas)} (not sticky)")
        per_replica.update(replicas)
    if len(per_replica) < 2:
        problems.append(f"only one Rasa process served conversations: {dict(per_replica)}")
    figures = [f"REST conversations per Rasa process: {dict(sorted(per_replica.items()))}"]
    return problems, figures, per_replica


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--conversations", type=int, default=200)
    parser.add_argument("--statements", type=int, default=3)
    args = parser.parse_args()
    chats, elapsed = asyncio.run(run_load(args.conversations, args.statements))
    problems, figures = check(chats, args.statements)
    sticky_problems, sticky_figures, _ = stickiness(chats)
    answered = sum(1 for c in chats for r in c.replies if r.status == 200)
    figures.insert(0, f"wall time {elapsed:.1f} s, throughput {answered / elapsed:.1f} messages/s")
    return verdict(
        f"{args.conversations} concurrent conversations through nginx",
        problems + sticky_problems,
        figures + sticky_figures,
    )


if __name__ == "__main__":
    sys.exit(main())
