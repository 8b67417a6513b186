"""Kill one Rasa process (SIGKILL) in the middle of a load of concurrent conversations.

The conversations must all finish on the other process: every reply the expected next
question, the tracker events complete and in order. A message that was in flight on the killed
process gets "even geduld" from nginx and is sent again by the (patient) client, like a user
would. When the killed process had already stored that turn (its answer died with it), the
tracker holds the message twice: that is allowed here and counted (at-least-once delivery; see
README "Reliability scenarios"), anything else lost, extra or out of order fails. Afterwards
the killed process is started again and must serve conversations again.

All conversations use Rasa's REST channel directly (through nginx), so every answer says which
process served it.

    python scripts/reliability/kill_rasa_mid_load.py [--conversations 100] [--statements 3]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import time
from pathlib import Path
from typing import List

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import Conversation, client_session, pid_of, start, stop, verdict  # noqa: E402
from concurrent_conversations import check, run_load  # noqa: E402

VICTIM = "rasa-1"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--conversations", type=int, default=100)
    parser.add_argument("--statements", type=int, default=3)
    parser.add_argument("--kill-at", type=float, default=0.3, help="share of messages answered")
    args = parser.parse_args()
    if pid_of(VICTIM) is None:
        print(f"{VICTIM} is not running; start the profile first (make run-prod)")
        return 1
    victim_address = f"127.0.0.1:{os.environ['PROD_RASA_PORTS'].split()[0]}"
    total_steps = args.conversations * (8 + args.statements)
    killed: dict = {}

    async def killer(chats: List[Conversation]) -> None:
        while sum(len(c.sent) for c in chats) < args.kill_at * total_steps:
            await asyncio.sleep(0.2)
        killed["answered_before"] = sum(len(c.sent) for c in chats)
        killed["served_before"] = {
            c.sender for c in chats if any(r.replica == victim_address for r in c.replies)
        }
        await asyncio.to_thread(stop, VICTIM, kill=True)  # returns once the process is gone
        killed["at"] = time.monotonic()
        print(f"killed {VICTIM} after {killed['answered_before']} answered messages", flush=True)

    chats, elapsed = asyncio.run(
        run_load(args.conversations, args.statements, 120, web_share=0, during=killer)
    )
    finished_at = time.monotonic()
    problems, figures = check(chats, args.statements, allow_resend_duplicates=True)
    if "at" not in killed:
        problems.append("the load ended before the kill")
        return verdict("kill one Rasa process mid-load", problems, figures)

    def answered_after_kill(chat: Conversation) -> list:
        return [
            r for r in chat.replies if r.at > killed["at"] and r.status == 200 and not r.unavailable
        ]

    from_victim = sum(
        1 for c in chats for r in answered_after_kill(c) if r.replica == victim_address
    )
    if from_victim:
        problems.append(f"{from_victim} answers came from the killed process after the kill")
    moved = [
        c
        for c in chats
        if c.sender in killed["served_before"] and not c.errors and answered_after_kill(c)
    ]
    if not moved:
        problems.append(f"no conversation of {VICTIM} continued on the other process")
    restart_seconds = start(VICTIM)
    probe = asyncio.run(_probe_both_processes(victim_address))
    if not probe:
        problems.append(f"{VICTIM} did not serve conversations again after its restart")
    figures = [
        f"wall time {elapsed:.1f} s; {VICTIM} killed after {killed['answered_before']} of "
        f"{total_steps} messages; load finished {finished_at - killed['at']:.1f} s after the kill",
        f"conversations that {VICTIM} had served and that finished on the other process: "
        f"{len(moved)}",
        *figures,
        f"{VICTIM} restarted and ready in {restart_seconds:.0f} s,"
        f" serving again: {'yes' if probe else 'no'}",
    ]
    return verdict("kill one Rasa process mid-load", problems, figures)


async def _probe_both_processes(victim_address: str) -> bool:
    """After the restart, new conversations are spread over both processes again."""
    async with client_session(60) as client:
        chats = [Conversation(f"rel-probe-{os.getpid()}-{n}") for n in range(20)]
        for chat in chats:
            await chat.step(client, "hoi", "assistent van DEN", retry_seconds=30)
    return any(r.replica == victim_address for c in chats for r in c.replies if r.status == 200)


if __name__ == "__main__":
    sys.exit(main())
