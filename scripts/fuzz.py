#!/usr/bin/env python
"""Bad input against the running stack: Rasa's REST channel and the chat page's /api/chat.

    python scripts/fuzz.py                       # 520 cases x 2 targets = 1040 requests
    python scripts/fuzz.py --cases 100 --logs var/test/log

Sends empty messages, 10,000 characters, emoji only, right-to-left text, HTML and script,
SQL-looking text, control characters, lone surrogates, invalid UTF-8 bytes, broken JSON,
JSON that is no object, wrong field types and wrong content types. Fails (exit 1) when:
- any request gets a 5xx or no answer;
- a 200 from the REST channel or the chat page is not a JSON list of messages;
- a too long or empty message does not get the friendly Dutch answer;
- the server logs written during the run contain a traceback or an unhandled exception;
- a marker sent inside the messages (a stand-in for personal data) shows up in those logs.
Loopback only; the whole run takes well under two minutes on two cores.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import time
import uuid
from collections import Counter, defaultdict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Dict, List, Optional, Tuple

import requests

ROOT = Path(__file__).resolve().parent.parent
JSON = "application/json"
TOO_LONG_WORDS = "te lang"
EMPTY_WORDS = "geen tekst"
LOG_PROBLEMS = ("Traceback (most recent call last)", "Exception occurred while handling uri")
MARKER = "fuzzmarker" + uuid.uuid4().hex[:10]  # unique per run; must never reach a log


@dataclass(frozen=True)
class Case:
    kind: str
    body: bytes
    content_type: str = JSON
    expect_words: Optional[str] = None  # a 200 must contain these words


def _json(sender: str, message: object, **extra: object) -> bytes:
    return json.dumps({"sender": sender, "message": message, **extra}).encode("utf-8")


TEXTS: Dict[str, Callable[[random.Random], str]] = {
    "emoji": lambda r: "".join(r.choice("😀🎨🏛️📚🎭👋🏽🤖❤️‍🔥🇳🇱") for _ in range(r.randint(1, 30))),
    "rtl": lambda r: r.choice(
        [
            "مرحبا، أريد إجراء الفحص",
            "שלום, אני רוצה לדעת יותר",
            "\u202eesrever\u202c txet",
            "سلام ✋",
        ]
    ),
    "html": lambda r: r.choice(
        [
            "<script>alert('x')</script>",
            '<img src=x onerror="alert(1)">',
            "<b>vet</b> <i>schuin</i> &amp; &lt;tag&gt;",
            "<iframe src='javascript:alert(1)'></iframe>",
            "{{7*7}} ${7*7} <%= 7*7 %>",
        ]
    ),
    "sql": lambda r: r.choice(
        [
            "'; DROP TABLE events; --",
            "1 OR 1=1",
            '" UNION SELECT * FROM consultations --',
            "Robert'); DELETE FROM scans WHERE ('1'='1",
        ]
    ),
    "control": lambda r: "".join(chr(r.randint(0, 31)) for _ in range(r.randint(1, 20)))
    + r.choice(["", "hoi", "start de scan"]),
    "nonsense": lambda r: "".join(
        r.choice("abcdefghijklmnopqrstuvwxyz  éëïöü?!.,;") for _ in range(r.randint(1, 300))
    ),
    "zalgo": lambda r: "h\u0337\u0321e\u0335\u0322l\u0336\u031bp" * r.randint(1, 20),
    "payload": lambda r: r.choice(
        [
            "/inform{broken",
            '/inform{"answer": "<script>alert(1)</script>"}',
            '/inform{"answer": ' + "9" * 400 + "}",
            "/no_such_intent",
            "/affirm" * 50,
            "/",
        ]
    ),
    "dutch": lambda r: r.choice(
        ["hoi", "doe de scan", "wat doet DEN?", "ik wil een adviesgesprek", "verder met de scan"]
    ),
}


def cases(count: int, seed: int) -> List[Case]:
    """`count` cases, every kind several times, in a shuffled but repeatable order."""
    r = random.Random(seed)
    senders = [f"fuzz-{i}-{uuid.uuid4().hex[:6]}" for i in range(40)]
    made: List[Case] = []
    fixed: List[Callable[[str], Case]] = [
        lambda s: Case("empty", _json(s, ""), expect_words=EMPTY_WORDS),
        lambda s: Case("whitespace", _json(s, " \n\t "), expect_words=EMPTY_WORDS),
        lambda s: Case("10000 chars", _json(s, MARKER + "a" * 10_000), expect_words=TOO_LONG_WORDS),
        lambda s: Case("2001 chars", _json(s, MARKER + "b" * 1991), expect_words=TOO_LONG_WORDS),
        lambda s: Case("lone surrogate", f'{{"sender": "{s}", "message": "a\\ud800b"}}'.encode()),
        lambda s: Case("NUL", _json(s, f"hoi\x00{MARKER}\x00")),
        lambda s: Case(
            "invalid utf-8", b'{"sender": "' + s.encode() + b'", "message": "\xff\xfe\xc3"}'
        ),
        lambda s: Case("broken json", b'{"sender": "' + s.encode() + b'", "message": "hoi"'),
        lambda s: Case("broken json", b"{sender: hoi}"),
        lambda s: Case("empty body", b""),
        lambda s: Case("json list", b'["hoi"]'),
        lambda s: Case("json string", b'"hoi"'),
        lambda s: Case("json number", b"42"),
        lambda s: Case("json null", b"null"),
        lambda s: Case("no sender", json.dumps({"message": "hoi"}).encode()),
        lambda s: Case(
            "sender object", json.dumps({"sender": {"a": 1}, "message": "hoi"}).encode()
        ),
        lambda s: Case("sender 300 chars", _json("x" * 300, "hoi")),
        lambda s: Case("message number", _json(s, 12345)),
        lambda s: Case("message object", _json(s, {"text": "hoi"})),
        lambda s: Case("message list", _json(s, ["hoi"])),
        lambda s: Case("message null", _json(s, None)),
        lambda s: Case("metadata string", _json(s, "hoi", metadata="x", input_channel=7)),
        lambda s: Case("text/plain", b"hoi", "text/plain"),
        lambda s: Case(
            "form", f"sender={s}&message=hoi".encode(), "application/x-www-form-urlencoded"
        ),
        lambda s: Case("xml", b"<message>hoi</message>", "application/xml"),
        lambda s: Case("json as text/plain", _json(s, "hoi"), "text/plain"),
        lambda s: Case("deep json", b"[" * 5000 + b"]" * 5000),
    ]
    while len(made) < count:
        for make in fixed:
            made.append(make(r.choice(senders)))
        for kind, text in TEXTS.items():
            for _ in range(2):
                message = text(r)
                if r.random() < 0.3:
                    message = f"{message} {MARKER}"
                made.append(Case(kind, _json(r.choice(senders), message)))
    r.shuffle(made)
    return made[:count]


def send(url: str, case: Case, timeout: float) -> Tuple[Optional[int], str]:
    try:
        reply = requests.post(
            url, data=case.body, headers={"Content-Type": case.content_type}, timeout=timeout
        )
    except requests.RequestException as exc:
        return None, type(exc).__name__
    return reply.status_code, reply.text


def check(target: str, case: Case, status: Optional[int], text: str) -> Optional[str]:
    if status is None:
        return f"{target} {case.kind}: no answer ({text})"
    if status >= 500:
        return f"{target} {case.kind}: HTTP {status}"
    if status != 200:
        return None  # a 4xx for a malformed request is the right answer
    try:
        replies = json.loads(text)
    except ValueError:
        return f"{target} {case.kind}: 200 without JSON"
    if not isinstance(replies, list) or not all(isinstance(m, dict) for m in replies):
        return f"{target} {case.kind}: 200 but not a list of messages"
    said = " ".join(str(m.get("text") or "") for m in replies)
    if case.expect_words and case.expect_words not in said:
        return f"{target} {case.kind}: expected an answer with '{case.expect_words}', got {said!r}"
    return None


def log_dir() -> Path:
    if os.environ.get("VAR_LOG"):
        return Path(os.environ["VAR_LOG"])
    if os.environ.get("VAR_RUN"):
        return Path(os.environ["VAR_RUN"].rstrip("/").removesuffix("/run") + "/log")
    return ROOT / "var" / "log"


def log_sizes(directory: Path) -> Dict[Path, int]:
    return {path: path.stat().st_size for path in sorted(directory.glob("*.log"))}


def new_log_problems(before: Dict[Path, int], directory: Path) -> List[str]:
    problems = []
    for path in sorted(directory.glob("*.log")):
        with path.open("rb") as handle:
            handle.seek(before.get(path, 0))
            added = handle.read().decode("utf-8", "replace")
        for line_no, line in enumerate(added.splitlines(), 1):
            if any(p in line for p in LOG_PROBLEMS) or MARKER in line:
                what = "personal-data marker" if MARKER in line else line.strip()[:160]
                problems.append(f"{path.name} (+{line_no}): {what}")
    return problems


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rasa-url", default=os.environ.get("RASA_URL", "http://localhost:5005"))
    parser.add_argument(
        "--web-url", default=os.environ.get("PUBLIC_BASE_URL", "http://localhost:8080")
    )
    parser.add_argument("--cases", type=int, default=520, help="cases; each goes to both targets")
    parser.add_argument("--workers", type=int, default=6)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--timeout", type=float, default=60.0)
    parser.add_argument("--logs", type=Path, default=None, help="server log directory")
    args = parser.parse_args(argv)
    logs = args.logs or log_dir()
    if not logs.is_dir():
        print(f"FAIL: no log directory {logs} (set --logs or VAR_LOG)", file=sys.stderr)
        return 1
    targets = {
        "rest": args.rasa_url.rstrip("/") + "/webhooks/rest/webhook",
        "web": args.web_url.rstrip("/") + "/api/chat",
    }
    for name, url in targets.items():
        status, text = send(url, Case("probe", _json("fuzz-probe", "hoi")), args.timeout)
        if status != 200:
            print(f"FAIL: {name} at {url} is not answering ({status}: {text[:80]})")
            return 1
    todo = [
        (name, url, case) for case in cases(args.cases, args.seed) for name, url in targets.items()
    ]
    before = log_sizes(logs)
    started = time.monotonic()
    with ThreadPoolExecutor(max_workers=args.workers) as pool:
        results = list(pool.map(lambda job: (job, send(job[1], job[2], args.timeout)), todo))
    seconds = time.monotonic() - started
    time.sleep(1.0)  # let the servers flush their logs
    failures: List[str] = []
    statuses: Dict[str, Counter] = defaultdict(Counter)
    for (name, _url, case), (status, text) in results:
        statuses[name][status] += 1
        problem = check(name, case, status, text)
        if problem:
            failures.append(problem)
    log_problems = new_log_problems(before, logs)
    kinds = Counter(case.kind for _name, _url, case in todo)
    print(f"fuzz: {len(todo)} requests ({len(kinds)} kinds) in {seconds:.1f} s")
    for name in targets:
        summary = ", ".join(f"{s}: {n}" for s, n in sorted(statuses[name].items(), key=str))
        print(f"  {name:4} {summary}")
    print(f"  logs checked: {', '.join(p.name for p in log_sizes(logs)) or 'none'} in {logs}")
    for problem in (failures + log_problems)[:30]:
        print(f"  FAIL {problem}")
    if failures or log_problems:
        print(f"FAIL: {len(failures)} bad answers, {len(log_problems)} log problems")
        return 1
    print("OK: no 5xx, every answer well-formed, no traceback or marker in the logs")
    return 0


if __name__ == "__main__":
    sys.exit(main())
