"""Shared parts of the reliability scripts: a scripted scan conversation over REST through nginx,
the check of the tracker events in PostgreSQL, and control of the production profile's processes.

The scripts run against `make run-prod` (loopback only); scripts/reliability/run_all.sh sets the
environment with scripts/prod_env.sh. Every script prints a summary and exits 1 on failure.
"""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, List, Optional, Sequence, Tuple

import aiohttp
import psycopg2

ROOT = Path(__file__).resolve().parents[2]
EVEN_GEDULD = "Even geduld"
HTTP_PORT = int(os.environ.get("PROD_HTTP_PORT", "23080"))
BASE_URL = f"http://127.0.0.1:{HTTP_PORT}"
REST_URL = f"{BASE_URL}/webhooks/rest/webhook"
WEB_CHAT_URL = f"{BASE_URL}/api/chat"
Event = Tuple[int, str, float, dict]  # id, type_name, timestamp, data of a tracker event


def press(value: str) -> str:
    return "/inform" + json.dumps({"answer": value})


# (message, text the reply must contain). The scan: greeting, start, organisation, the five
# profile questions by button, then statements answered 1..5 ("Vraag n van 20" each time).
def scan_script(organisation: str, statements: int) -> List[Tuple[str, str]]:
    steps = [
        ("hoi", "assistent van DEN"),
        ("ik wil weten hoe digitaal volwassen we zijn", "Hoe heet jullie organisatie?"),
        (organisation, "Wat voor instelling zijn jullie?"),
        (press("museum"), "Hoeveel mensen werken er"),
        (press("11-50"), "Wat is jouw rol"),
        (press("digitaal_marketing"), "Waar komt jullie geld"),
        (press("fondsen"), "Komt er een belangrijk moment"),
        (press("geen"), "Vraag 1 van 20"),
    ]
    for number in range(1, statements + 1):
        steps.append((press(str(1 + (number - 1) % 5)), f"Vraag {number + 1} van 20"))
    return steps


@dataclass
class Reply:
    status: int
    texts: List[str]
    replica: str
    seconds: float
    at: float = field(default_factory=time.monotonic)  # when the reply arrived

    @property
    def text(self) -> str:
        return "\n".join(self.texts)

    @property
    def unavailable(self) -> bool:
        return self.status in (502, 503, 504) or (
            len(self.texts) == 1 and self.texts[0].startswith(EVEN_GEDULD)
        )


@dataclass
class Conversation:
    sender: str
    via_web_page: bool = False
    sent: List[str] = field(default_factory=list)  # messages the assistant answered properly
    replies: List[Reply] = field(default_factory=list)
    unavailable_answers: int = 0
    errors: List[str] = field(default_factory=list)
    # positions in `sent` of messages the tracker keeps without a bot answer: Rasa stored them,
    # but an action failed and the user got "even geduld" (and sent the message again)
    unanswered: set = field(default_factory=set)
    # positions in `sent` of messages sent again after "even geduld" (their first copy may
    # have been handled by a process that died before its answer left)
    resent: set = field(default_factory=set)
    # the chat page's conversation id: issued by the web app in its HttpOnly cookie
    chat_cookie: str = ""

    @property
    def tracker_id(self) -> str:
        """The conversation's sender id in Rasa's tracker store."""
        return f"chat:{self.chat_cookie}" if self.via_web_page else self.sender

    async def post(self, client: aiohttp.ClientSession, message: str) -> Reply:
        url = WEB_CHAT_URL if self.via_web_page else REST_URL
        headers = {"Cookie": f"den_chat={self.chat_cookie}"} if self.chat_cookie else {}
        started = time.monotonic()
        try:
            body_json = {"sender": self.sender, "message": message}
            async with client.post(url, json=body_json, headers=headers) as res:
                body = await res.text()
                replica = res.headers.get("X-Den-Replica", "")
                status = res.status
                issued = res.cookies.get("den_chat")
                if self.via_web_page and issued is not None and not self.chat_cookie:
                    self.chat_cookie = issued.value
        except (aiohttp.ClientError, asyncio.TimeoutError) as exc:
            return Reply(0, [f"client error: {type(exc).__name__}"], "", time.monotonic() - started)
        try:
            data = json.loads(body)
            texts = [m.get("text", "") for m in data if isinstance(m, dict)]
        except (ValueError, TypeError, AttributeError):
            texts = [f"not JSON: {body[:80]!r}"]
        return Reply(status, texts, replica, time.monotonic() - started)

    async def step(
        self,
        client: aiohttp.ClientSession,
        message: str,
        expect: str,
        retry_seconds: float = 0.0,
    ) -> bool:
        """Send one message; when the assistant says "even geduld" (or is unreachable), send it
        again every second for up to retry_seconds, as a patient user would."""
        deadline = time.monotonic() + retry_seconds
        while True:
            reply = await self.post(client, message)
            self.replies.append(reply)
            if reply.status == 200 and not reply.unavailable:
                if expect in reply.text:
                    self.sent.append(message)
                    return True
                self.errors.append(f"{message!r}: expected {expect!r}, got {reply.text[:120]!r}")
                self.sent.append(message)
                return False
            if reply.unavailable:
                self.unavailable_answers += 1
                self.resent.add(len(self.sent))
                if reply.status not in (200, 503) or EVEN_GEDULD not in reply.text:
                    self.errors.append(f"{message!r}: HTTP {reply.status} {reply.text[:120]!r}")
                    return False
            elif reply.status != 200:
                self.errors.append(f"{message!r}: HTTP {reply.status} {reply.text[:120]!r}")
                return False
            if time.monotonic() >= deadline:
                self.errors.append(f"{message!r}: still unavailable after {retry_seconds:.0f} s")
                return False
            await asyncio.sleep(1.0)


def client_session(timeout_seconds: float = 180.0) -> aiohttp.ClientSession:
    return aiohttp.ClientSession(
        timeout=aiohttp.ClientTimeout(total=timeout_seconds),
        connector=aiohttp.TCPConnector(limit=0, force_close=True),
        cookie_jar=aiohttp.DummyCookieJar(),  # each conversation keeps its own chat cookie
    )


# --- the tracker store --------------------------------------------------------------------


def tracker_connection():  # type: ignore[no-untyped-def]
    return psycopg2.connect(
        host=os.environ["TRACKER_DB_HOST"],
        port=os.environ["TRACKER_DB_PORT"],
        dbname=os.environ["TRACKER_DB_NAME"],
        user=os.environ["TRACKER_DB_USER"],
        password=os.environ["TRACKER_DB_PASSWORD"],
        connect_timeout=5,
    )


def tracker_events(senders: Sequence[str]) -> Dict[str, List[Event]]:
    """sender -> [(id, type_name, timestamp, data)] in the order the tracker store returns them."""
    events: Dict[str, List[Event]] = {s: [] for s in senders}
    with tracker_connection() as connection, connection.cursor() as cursor:
        cursor.execute(
            "SELECT id, sender_id, type_name, timestamp, data FROM events"
            " WHERE sender_id = ANY(%s) ORDER BY id",
            (list(senders),),
        )
        for event_id, sender, type_name, timestamp, data in cursor:
            events[sender].append((event_id, type_name, timestamp, json.loads(data)))
    return events


def resend_duplicates(user_texts: List[str], conversation: Conversation) -> Optional[int]:
    """How many stored user messages are the first copy of a message that was sent again after
    "even geduld" (handled, but its answer died with the process); None when the stored
    messages are not the sent ones in order with only such duplicates."""
    stored, duplicates = 0, 0
    sent = conversation.sent
    for position, text in enumerate(sent):
        again = position + 1 < len(sent) and sent[position + 1] == text
        if (
            position in conversation.resent
            and not again
            and user_texts[stored : stored + 2] == [text, text]
        ):
            stored, duplicates = stored + 1, duplicates + 1
        if user_texts[stored : stored + 1] != [text]:
            return None
        stored += 1
    return duplicates if stored == len(user_texts) else None


def check_tracker(
    conversation: Conversation, events: List[Event], allow_resend_duplicates: bool = False
) -> List[str]:
    """The user messages in the tracker are exactly the acknowledged ones, in the same order,
    each followed by an answer of the bot, and the event timestamps never go back. With
    allow_resend_duplicates, a message sent again after "even geduld" may be stored twice."""
    problems = []
    user_texts = [data.get("text") for _, kind, _, data in events if kind == "user"]
    sent = conversation.sent
    if allow_resend_duplicates and resend_duplicates(user_texts, conversation):
        pass
    elif user_texts != sent:
        pairs = zip(user_texts, sent, strict=False)
        first = next(
            (i for i, (a, b) in enumerate(pairs) if a != b), min(len(user_texts), len(sent))
        )
        problems.append(
            f"user events differ: {len(user_texts)} stored, {len(sent)} sent, first difference at"
            f" message {first + 1}"
        )
    stamps = [timestamp for _, _, timestamp, _ in events]
    if any(later < earlier for earlier, later in zip(stamps, stamps[1:], strict=False)):
        problems.append("event timestamps go back in time")
    kinds = [kind for _, kind, _, _ in events]
    positions = [i for i, kind in enumerate(kinds) if kind == "user"] + [len(kinds)]
    for number, (first, end) in enumerate(zip(positions, positions[1:], strict=False), 1):
        if "bot" not in kinds[first:end] and number - 1 not in conversation.unanswered:
            problems.append(f"no bot answer stored after user message {number}")
            break
    return problems


# --- the production profile's processes -------------------------------------------------------


def run_dir() -> Path:
    return Path(os.environ["PROD_RUN_DIR"])


def pid_of(name: str) -> Optional[int]:
    try:
        pid = int((run_dir() / f"{name}.pid").read_text().strip())
        os.kill(pid, 0)
        return pid
    except (OSError, ValueError):
        return None


def stop(*names: str, kill: bool = False) -> None:
    flags = ["--quiet", *(["--kill"] if kill else [])]
    subprocess.run([str(ROOT / "scripts" / "stop_prod.sh"), *flags, *names], check=True)


def start(*names: str) -> float:
    """(Re)start services with scripts/run_prod.sh and wait until they answer; seconds taken."""
    started = time.monotonic()
    subprocess.run([str(ROOT / "scripts" / "run_prod.sh"), "start", *names], check=True)
    return time.monotonic() - started


def percentile(values: Sequence[float], share: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return 0.0
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def verdict(name: str, problems: List[str], figures: List[str]) -> int:
    print()
    print(f"== {name}: {'PASS' if not problems else 'FAIL'}")
    for line in figures:
        print(f"   {line}")
    for problem in problems[:20]:
        print(f"   FAIL: {problem}")
    if len(problems) > 20:
        print(f"   ... and {len(problems) - 20} more problems")
    return 0 if not problems else 1
