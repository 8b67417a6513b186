"""Summaries through the outbox: a real SMTP server (aiosmtpd), an outage of an hour, and a
real HTTP webhook endpoint. Nothing is lost; everything arrives once the server is back."""

from __future__ import annotations

import email
import json
import socket
import threading
from datetime import timedelta
from email import policy
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from aiosmtpd.controller import Controller
from sqlalchemy import func, select

from bot.db.session import session_scope
from bot.handoff.service import create_booking_summary, create_request, create_request_summary
from bot.scheduling.mail import deliver_due
from bot.scheduling.models import OutboxMessage
from bot.settings import Settings
from tests.bot.scheduling.helpers import NOW, make_advisor

from .helpers import OWN_WORDS, make_booking

SENDER = "adviesassistent@den.example"


class Inbox:
    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(envelope)
        return "250 Message accepted"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def smtp_settings(port: int, **extra) -> Settings:
    return Settings(
        smtp_host="127.0.0.1",
        smtp_port=port,
        smtp_starttls=False,
        smtp_timeout=5,
        mail_from=f"DEN adviesassistent <{SENDER}>",
        portal_base_url="https://portaal.den.example",
        **extra,
    )


@pytest.fixture()
def smtp_server():
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    yield inbox, controller.port
    controller.stop()


def parts(raw: bytes):
    parsed = email.message_from_bytes(raw, policy=policy.default)
    text = parsed.get_body(preferencelist=("plain",)).get_content()
    html = parsed.get_body(preferencelist=("html",)).get_content()
    return parsed, text, html


def test_the_advisor_receives_the_summary_with_the_right_content(database_url, smtp_server):
    inbox, port = smtp_server
    settings = smtp_settings(port)
    with session_scope() as session:
        consultation = make_booking(session, organisation="Kunst & Co")
        create_booking_summary(session, consultation, settings=settings)
        reference, consultation_id = consultation.reference, consultation.id
    with session_scope() as session:
        assert deliver_due(session, NOW, settings) == {"sent": 1}

    assert len(inbox.messages) == 1
    envelope = inbox.messages[0]
    assert envelope.rcpt_tos == ["sanne@den.example"]
    parsed, text, html = parts(envelope.content)
    assert parsed["Subject"].strip() == (  # a long subject is folded onto the next line
        f"Adviesgesprek {reference}: Kunst & Co, donderdag 26 november 2026 om 10:00"
    )
    for phrase in (
        f"Code: {reference}",
        "Organisatie: Kunst & Co",
        "Omvang: 11 tot 50 fte",
        "Naam: Jan Jansen",
        "E-mail: jan@museumgouda.example",
        "Wanneer: donderdag 26 november 2026 om 10:00 tot 11:00",
        "Hoe: Online (video)",
        "- Strategie & budget: 1,0 van 5, niveau 1 Startend",
        "- Data & technologie: 4,0 van 5, niveau 4 Verbindend",
        "Zwakste onderdeel: Strategie & budget",
        "- Van projectgeld naar structureel budget: Budget hangt aan projecten.",
        "Strategisch moment: Subsidieaanvraag (binnen 6 maanden)",
        OWN_WORDS,
        f"https://portaal.den.example/gesprekken/{consultation_id}",
    ):
        assert phrase in text, phrase
    assert "Kunst &amp; Co" in html
    assert "&lt;tijd&gt;" in html and "<tijd>" not in html
    with session_scope() as session:
        message = session.execute(
            select(OutboxMessage).where(OutboxMessage.kind == "handoff_summary")
        ).scalar_one()
        assert message.status == "sent" and message.sent_at is not None


def test_an_hour_without_smtp_loses_nothing_and_every_summary_arrives_after_restart(database_url):
    port = free_port()  # the mail server is down: nothing listens here
    settings = smtp_settings(port)
    count = 12
    with session_scope() as session:
        advisor = make_advisor(session, "Sanne de Vries", "sanne@den.example")
        for number in range(count):
            request = create_request(
                session,
                kind="callback",
                conversation_id=f"outage-{number}",
                name=f"Bezoeker {number}",
                email=f"bezoeker{number}@example.org",
                phone=None,
                organisation=f"Museum {number}",
                question="Kunnen jullie me terugbellen?",
                paused=False,
            )
            create_request_summary(session, request, now=NOW, settings=settings)
        assert advisor.id

    # an hour of retries: every round the worker would run, with the clock moving on
    rounds = 0
    minute = 0
    while minute <= 60:
        with session_scope() as session:
            counts = deliver_due(session, NOW + timedelta(minutes=minute), settings, limit=100)
        assert "sent" not in counts and "failed" not in counts
        rounds += 1
        minute += 1
    with session_scope() as session:
        pending = session.execute(
            select(func.count(), func.min(OutboxMessage.attempts)).where(
                OutboxMessage.kind == "handoff_summary", OutboxMessage.status == "pending"
            )
        ).one()
    assert pending == (count, 6)  # tried at 0, 1, 3, 7, 15 and 31 minutes: still all there

    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()  # the mail server is back
    try:
        with session_scope() as session:
            assert deliver_due(session, NOW + timedelta(minutes=95), settings, limit=100) == {
                "sent": count
            }
    finally:
        controller.stop()
    assert len(inbox.messages) == count
    subjects = sorted(parts(m.content)[0]["Subject"].strip() for m in inbox.messages)
    assert subjects == sorted(f"Terugbelverzoek: Museum {n}" for n in range(count))
    with session_scope() as session:
        statuses = session.execute(
            select(OutboxMessage.status, func.count()).group_by(OutboxMessage.status)
        ).all()
    assert statuses == [("sent", count)]


class Hook(BaseHTTPRequestHandler):
    received: list = []
    fail_next = 0

    def do_POST(self):  # noqa: N802
        body = self.rfile.read(int(self.headers["Content-Length"]))
        if Hook.fail_next:
            Hook.fail_next -= 1
            self.send_response(503)
            self.end_headers()
            return
        Hook.received.append(json.loads(body))
        self.send_response(200)
        self.end_headers()
        self.wfile.write(b"ok")

    def log_message(self, *args):
        pass


@pytest.fixture()
def webhook_server():
    Hook.received, Hook.fail_next = [], 1
    server = ThreadingHTTPServer(("127.0.0.1", 0), Hook)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/hooks/secret-part"
    server.shutdown()


def test_the_webhook_post_is_retried_after_a_503_and_then_arrives(database_url, webhook_server):
    settings = Settings(
        smtp_host="",  # no SMTP: the e-mail stays local, the webhook still goes out
        handoff_webhook_url=webhook_server,
        handoff_webhook_format="slack",
        portal_base_url="https://portaal.den.example",
    )
    with session_scope() as session:
        consultation = make_booking(session)
        record = create_booking_summary(session, consultation, settings=settings)
        summary_id = record.id
    with session_scope() as session:
        assert deliver_due(session, NOW, settings) == {"local": 1, "pending": 1}
        hook = session.execute(
            select(OutboxMessage).where(OutboxMessage.channel == "webhook")
        ).scalar_one()
        assert hook.last_error == "HTTPError: HTTP 503"  # never the URL: it is a secret
        assert "secret" not in hook.last_error and hook.recipient == "webhook"
    with session_scope() as session:
        assert deliver_due(session, NOW + timedelta(minutes=1), settings) == {"sent": 1}
    assert len(Hook.received) == 1
    section = Hook.received[0]["blocks"][1]["text"]["text"]
    assert "*Organisatie*: Museum Gouda" in section and "jan@museumgouda.example" not in section
    with session_scope() as session:
        messages = session.execute(
            select(OutboxMessage.channel, OutboxMessage.status)
            .where(OutboxMessage.summary_id == summary_id)
            .order_by(OutboxMessage.id)
        ).all()
    assert messages == [("email", "local"), ("webhook", "sent")]
