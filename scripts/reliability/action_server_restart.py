"""Restart the action servers in the middle of the scan form; the form must resume.

Conversations are parked mid-scan ("Vraag 3 van 20"). Then, each time followed by one more
answer per conversation that must get exactly the next question:
  1. rolling restart: actions-1 stopped (actions-2 serves), started again; then actions-2;
  2. full restart: both action servers killed (SIGKILL) and started again;
  3. no action server at all: the answer must be "even geduld" (not an empty reply); after the
     restart the same answer, sent again, must get the next question.
Finally the tracker events must be complete and in order, and apart from step 3 no answer may
be "even geduld" (nginx routes around a stopped action server; the form state is in the tracker).

    python scripts/reliability/action_server_restart.py [--conversations 10]
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import uuid
from pathlib import Path
from typing import List

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


async def scenario(conversations: int) -> tuple[List[str], List[str]]:
    problems: List[str] = []
    figures: List[str] = []
    run = uuid.uuid4().hex[:6]
    chats = [Conversation(f"rel-act-{run}-{n}") for n in range(conversations)]
    script = scan_script("Bibliotheek Herstart", 6)
    position = 10  # steps 0..9 done: "Vraag 3 van 20" is open

    async def one_more_answer(phase: str) -> None:
        nonlocal position
        message, expect = script[position]
        results = await asyncio.gather(*(chat.step(client, message, expect) for chat in chats))
        ok = sum(results)
        figures.append(f"{phase}: {ok}/{len(chats)} forms continued ('{expect}')")
        if ok != len(chats):
            problems.extend(f"{phase}: {c.sender}: {c.errors}" for c in chats if c.errors)
        position += 1

    async with client_session(120) as client:
        for chat in chats:
            for message, expect in script[:position]:
                if not await chat.step(client, message, expect):
                    problems.append(f"{chat.sender}: could not start: {chat.errors}")
        if problems:
            return problems, figures

        stop("actions-1")
        await one_more_answer("actions-1 stopped, actions-2 serving")
        seconds = await asyncio.to_thread(start, "actions-1")
        stop("actions-2")
        await one_more_answer(f"actions-1 back ({seconds:.0f} s), actions-2 stopped")
        await asyncio.to_thread(start, "actions-2")

        stop("actions-1", "actions-2", kill=True)
        seconds = await asyncio.to_thread(start, "actions-1", "actions-2")
        await one_more_answer(f"both action servers killed and restarted ({seconds:.0f} s)")

        stop("actions-1", "actions-2")
        message, _ = script[position]
        replies = await asyncio.gather(*(chat.post(client, message) for chat in chats))
        patient = sum(r.status == 200 and r.text.startswith(EVEN_GEDULD) for r in replies)
        figures.append(f"no action server: {patient}/{len(chats)} answers 'even geduld'")
        if patient != len(chats):
            problems.append(f"no action server: answers {[r.text[:60] for r in replies]}")
        for chat in chats:  # Rasa stored the message; its action failed; the user sends it again
            chat.sent.append(message)
            chat.unanswered.add(len(chat.sent) - 1)
        seconds = await asyncio.to_thread(start, "actions-1", "actions-2")
        await one_more_answer(f"action servers back ({seconds:.0f} s), same answer sent again")

    unavailable = sum(chat.unavailable_answers for chat in chats)
    if unavailable:
        problems.append(f"{unavailable} 'even geduld' answers")
    events = tracker_events([chat.tracker_id for chat in chats])
    tracker_ok = 0
    for chat in chats:
        found = check_tracker(chat, events[chat.tracker_id])
        problems += [f"{chat.sender}: {problem}" for problem in found]
        tracker_ok += not found
    figures.append(f"tracker check: {tracker_ok}/{len(chats)} conversations complete and in order")
    return problems, figures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--conversations", type=int, default=10)
    args = parser.parse_args()
    try:
        problems, figures = asyncio.run(scenario(args.conversations))
    finally:
        for name in ("actions-1", "actions-2"):  # leave both running, whatever happened
            if pid_of(name) is None:
                start(name)
    return verdict("action servers restarted mid-form", problems, figures)


if __name__ == "__main__":
    sys.exit(main())
