"""A running portal (python -m bot.portal) on a free port, over a seeded, migrated database.

Started once per test module as a real subprocess, so tests go through HTTP, cookies and
Sanic's routing exactly as a browser would. A tiny fake Rasa HTTP API records "resume" calls.
"""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from datetime import datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Dict, Iterator, List

import pytest
import requests

from bot.db import migrate
from bot.db.models import utcnow
from bot.db.session import get_engine, session_scope
from bot.handoff.service import create_booking_summary, create_request, create_request_summary
from bot.portal.accounts import set_password
from bot.scheduling.models import Consultation
from bot.scheduling.slots import AMSTERDAM
from bot.settings import Settings
from tests.bot.handoff.helpers import make_scan
from tests.bot.scheduling.helpers import make_advisor

ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "correct horse battery staple"
API_TOKEN = "test-api-token-0123456789abcdef"
SCRIPT_NAME = "<script>alert('xss')</script> de Vries"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class FakeRasa(BaseHTTPRequestHandler):
    calls: List[Dict] = []

    def do_POST(self):  # noqa: N802
        length = int(self.headers.get("Content-Length") or 0)
        FakeRasa.calls.append({"path": self.path, "body": json.loads(self.rfile.read(length))})
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(b"{}")

    def log_message(self, *args):
        pass


@dataclass
class Portal:
    url: str
    ids: Dict[str, int]

    def login(self, email: str = "sanne@den.example", password: str = PASSWORD) -> requests.Session:
        browser = requests.Session()
        form = browser.get(f"{self.url}/login")
        reply = browser.post(
            f"{self.url}/login",
            data={"email": email, "password": password, "csrf_token": csrf_of(form.text)},
            allow_redirects=False,
        )
        assert reply.status_code == 302, reply.text
        return browser


def csrf_of(html: str) -> str:
    return re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)


def local_day(days_ahead: int, hour: int) -> datetime:
    day = (datetime.now(AMSTERDAM) + timedelta(days=days_ahead)).date()
    return datetime(day.year, day.month, day.day, hour, tzinfo=AMSTERDAM)


def _consultation(session, advisor, reference, start, **extra) -> Consultation:
    values = dict(
        reference=reference,
        advisor_id=advisor.id,
        start=start,
        end=start + timedelta(hours=1),
        mode="video",
        organisation="Museum Gouda",
        contact_name="Jan Jansen",
        contact_email="jan@museumgouda.example",
        contact_phone=None,
        topic="Adviesgesprek na de scan",
        status="booked",
        consent=True,
        sequence=0,
    )
    values.update(extra)
    consultation = Consultation(**values)
    session.add(consultation)
    session.flush()
    return consultation


def seed(url: str) -> Dict[str, int]:
    settings = Settings(smtp_host="", handoff_webhook_url="", portal_base_url="http://portal.test")
    with session_scope(url) as session:
        sanne = make_advisor(session, "Sanne de Vries", "sanne@den.example")
        joris = make_advisor(session, "Joris Bakker", "joris@den.example")
        make_advisor(session, "Amira El Idrissi", "amira@den.example")  # no portal login
        set_password(session, "sanne@den.example", PASSWORD)
        set_password(session, "joris@den.example", PASSWORD)
        scan = make_scan(session)
        with_scan = _consultation(
            session, sanne, "DEN-AAA111", local_day(2, 10), scan_public_id=scan.public_id
        )
        create_booking_summary(session, with_scan, settings=settings)
        script = _consultation(
            session,
            sanne,
            "DEN-BBB222",
            local_day(3, 14),
            contact_name=SCRIPT_NAME,
            organisation="<b>Theater</b> & Co",
            mode="op_locatie",
        )
        create_booking_summary(session, script, settings=settings)
        cancelled = _consultation(session, sanne, "DEN-CCC333", local_day(4, 9), status="cancelled")
        other = _consultation(
            session, joris, "DEN-DDD444", local_day(5, 11), organisation="Archief Noord"
        )
        past = _consultation(session, sanne, "DEN-EEE555", local_day(-3, 10), status="done")
        handover = create_request(
            session,
            kind="handover",
            conversation_id="paused-conversation-1",
            name="Eva <i>Smit</i>",
            email="eva@example.org",
            phone=None,
            organisation="Bibliotheek Oost",
            question="Ik wil hulp bij onze subsidieaanvraag",
            paused=True,
        )
        create_request_summary(session, handover, now=utcnow(), settings=settings)
        return {
            "sanne": sanne.id,
            "joris": joris.id,
            "with_scan": with_scan.id,
            "script": script.id,
            "cancelled": cancelled.id,
            "other": other.id,
            "past": past.id,
            "handover": handover.id,
        }


@pytest.fixture(scope="module")
def fake_rasa() -> Iterator[str]:
    FakeRasa.calls = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), FakeRasa)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


@pytest.fixture(scope="module")
def portal(tmp_path_factory, fake_rasa) -> Iterator[Portal]:
    folder = tmp_path_factory.mktemp("portal")
    url = f"sqlite:///{folder / 'portal.db'}"
    migrate.upgrade(url)
    ids = seed(url)
    get_engine(url).dispose()
    port = free_port()
    env = {
        **os.environ,
        "BOT_DATABASE_URL": url,
        "PORTAL_PORT": str(port),
        "PORTAL_HOST": "127.0.0.1",
        "ADVISOR_API_TOKEN": API_TOKEN,
        "RASA_URL": fake_rasa,
        "RASA_API_TOKEN": "rasa-secret",
        "SMTP_HOST": "",
        "PYTHONPATH": str(ROOT),
    }
    with open(folder / "portal.log", "w") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "bot.portal"], cwd=ROOT, env=env, stdout=log, stderr=log
        )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            if requests.get(f"{base}/health", timeout=1).status_code == 200:
                break
        except requests.ConnectionError:
            pass
        if time.monotonic() > deadline or process.poll() is not None:
            process.kill()
            raise RuntimeError((folder / "portal.log").read_text())
        time.sleep(0.2)
    try:
        yield Portal(base, ids)
    finally:
        process.terminate()
        process.wait(timeout=10)
