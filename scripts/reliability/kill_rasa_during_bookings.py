"""SIGKILL one Rasa process while 50 users are confirming their booking (issue 16).

Each user goes through the booking form over REST (through nginx) and answers the last
question ("Klopt dit?") with "ja". When a good share of them has sent that "ja", rasa-1 is
killed. A user whose reply was lost ("even geduld", an error, no answer) sends "ja" again, like
a person would; the other process takes over the conversation. Afterwards, in the database:

- every user has exactly one booked consultation and exactly one confirmation in the outbox;
- the code each user was told is the code of that consultation.

A repeated "ja" must answer with the same code and book nothing new (the idempotency key of
the form run, bot.db.idempotency). Then rasa-1 is started again.

    python scripts/reliability/kill_rasa_during_bookings.py [--users 50]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path
from typing import Dict, List, Optional

import aiohttp
from sqlalchemy import create_engine, func, select

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from common import REST_URL, client_session, pid_of, press, start, stop, verdict  # noqa: E402

from bot.scheduling.models import Consultation, OutboxMessage  # noqa: E402

VICTIM = "rasa-1"
CODE = re.compile(r"afspraakcode is (DEN-[A-Z0-9-]+)")
MAX_STEPS = 40  # a moment taken by someone else costs two steps each time
RETRY_SECONDS = 120


class User:
    def __init__(self, number: int) -> None:
        self.number = number
        self.sender = f"rel-book-{os.getpid()}-{number}"
        self.email = f"deelnemer{number}.{os.getpid()}@rel-test.nl"
        self.code: Optional[str] = None
        self.confirm_sent = False
        self.resent = 0
        self.choices = 0  # moments chosen so far
        self.errors: List[str] = []

    async def say(self, client: aiohttp.ClientSession, message: str) -> List[dict]:
        """Send until a real answer comes back (a patient user); the bot's messages."""
        deadline = time.monotonic() + RETRY_SECONDS
        first = True
        while True:
            if not first:
                self.resent += 1
            first = False
            try:
                async with client.post(
                    REST_URL, json={"sender": self.sender, "message": message}
                ) as reply:
                    body = await reply.text()
                    status = reply.status
            except (aiohttp.ClientError, asyncio.TimeoutError):
                status, body = 0, ""
            messages = _messages(body) if status == 200 else []
            text = " ".join(m.get("text", "") for m in messages)
            if messages and not text.startswith("Even geduld"):
                return messages
            if time.monotonic() > deadline:
                self.errors.append(f"no answer to {message!r} after {RETRY_SECONDS} s")
                return []
            await asyncio.sleep(1.0)

    async def book(self, client: aiohttp.ClientSession) -> None:
        replies = await self.say(client, "ik wil een adviesgesprek plannen met een adviseur")
        for _ in range(MAX_STEPS):
            text = " ".join(m.get("text", "") for m in replies)
            found = CODE.search(text)
            if found:
                self.code = found.group(1)
                return
            message = self._next(text, replies)
            if message is None:
                self.errors.append(f"unexpected reply: {text[:100]!r}")
                return
            if "Klopt dit?" in text:
                self.confirm_sent = True
            replies = await self.say(client, message)
        last = " ".join(m.get("text", "") for m in replies)
        found = CODE.search(last)
        if found:
            self.code = found.group(1)
            return
        self.errors.append(f"no code after {MAX_STEPS} steps (last answer: {last[:160]!r})")

    def _next(self, text: str, replies: List[dict]) -> Optional[str]:
        times = [
            b["payload"]
            for m in replies
            for b in m.get("buttons") or []
            if re.search(r"\d{4}-\d\d-\d\dT", b.get("payload", ""))
        ]
        if times:  # 50 users want the same few moments: after "net iemand anders", the next one
            self.choices += 1
            return times[(self.number + self.choices - 1) % len(times)]
        steps = [
            ("Klopt dit?", press("yes")),
            ("Klopt dat?", press("yes")),
            ("Wat is je naam", f"Deelnemer {self.number}"),
            ("e-mailadres wil je", self.email),
            ("Voor welke organisatie", "Museum Betrouwbaar"),
            ("Mogen we je naam", press("yes")),  # before "telefoonnummer": it names it too
            ("telefoonnummer", press("none")),
            ("online (video) of op locatie", press("video")),
        ]
        return next((answer for cue, answer in steps if cue in text), None)


def seed_advisors() -> None:
    """The demo advisors (safe to repeat): the loopback profile may have none to book with."""
    subprocess.run([sys.executable, "-m", "bot.admin", "seed"], check=True, capture_output=True)


def _messages(body: str) -> List[dict]:
    try:
        data = json.loads(body)
    except ValueError:
        return []
    return [m for m in data if isinstance(m, dict)] if isinstance(data, list) else []


async def run(users: List[User], kill_at: int) -> Dict[str, float]:
    killed: Dict[str, float] = {}

    async def killer() -> None:
        while sum(u.confirm_sent for u in users) < kill_at:
            if all(u.code or u.errors for u in users):
                return
            await asyncio.sleep(0.05)
        await asyncio.to_thread(stop, VICTIM, kill=True)
        killed["at"] = time.monotonic()
        killed["confirming"] = sum(u.confirm_sent and not u.code for u in users)
        print(f"killed {VICTIM}; {killed['confirming']:.0f} users were confirming", flush=True)

    started = time.monotonic()
    async with client_session(RETRY_SECONDS + 60) as client:
        await asyncio.gather(killer(), *(u.book(client) for u in users))
    killed["elapsed"] = time.monotonic() - started
    return killed


def check(users: List[User]) -> List[str]:
    problems = [f"{u.email}: {e}" for u in users for e in u.errors]
    engine = create_engine(os.environ["BOT_DATABASE_URL"], future=True)
    with engine.connect() as connection:
        for user in users:
            booked = (
                connection.execute(
                    select(Consultation.reference).where(
                        func.lower(Consultation.contact_email) == user.email,
                        Consultation.status == "booked",
                    )
                )
                .scalars()
                .all()
            )
            mails = connection.execute(
                select(func.count(OutboxMessage.id)).where(
                    OutboxMessage.recipient == user.email,
                    OutboxMessage.kind == "booking_confirmation",
                )
            ).scalar_one()
            if len(booked) != 1 or mails != 1:
                problems.append(f"{user.email}: {len(booked)} bookings, {mails} confirmations")
            elif user.code != booked[0]:
                problems.append(f"{user.email}: told {user.code}, booked {booked[0]}")
    engine.dispose()
    return problems


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--kill-at", type=int, default=15, help="users who sent their last 'ja'")
    args = parser.parse_args()
    if pid_of(VICTIM) is None:
        print(f"{VICTIM} is not running; start the profile first (make run-prod)")
        return 1
    seed_advisors()
    users = [User(number) for number in range(args.users)]
    killed = asyncio.run(run(users, args.kill_at))
    problems = check(users)
    if "at" not in killed:
        problems.append("every booking finished before the kill")
    restart = start(VICTIM) if "at" in killed else 0.0
    figures = [
        f"{args.users} users, wall time {killed['elapsed']:.1f} s; {VICTIM} killed while"
        f" {killed.get('confirming', 0):.0f} were confirming",
        f"messages sent again after a lost reply: {sum(u.resent for u in users)}",
        f"users with exactly one booking and one confirmation:"
        f" {sum(1 for u in users if not any(p.startswith(u.email) for p in problems))}"
        f" of {args.users}",
        f"{VICTIM} restarted and ready in {restart:.0f} s",
    ]
    return verdict("kill one Rasa process while 50 users confirm bookings", problems, figures)


if __name__ == "__main__":
    sys.exit(main())
