"""E-mail over a real local SMTP server (aiosmtpd), SMTP down, and no SMTP at all."""

import email
import socket
from datetime import date, timedelta, timezone
from email import policy

import pytest
from aiosmtpd.controller import Controller
from icalendar import Calendar

from bot.db.session import session_scope
from bot.scheduling.booking import book, cancel, reschedule
from bot.scheduling.mail import backoff, deliver, deliver_due
from bot.scheduling.models import OutboxMessage
from bot.scheduling.notifications import queue_consultation_mail
from bot.settings import Settings
from tests.conftest import DATABASES, fresh_database

from .helpers import CONTACT, NOW, at, make_advisor


@pytest.fixture(params=DATABASES)
def database_url(request, tmp_path, monkeypatch):
    """On SQLite and on PostgreSQL (the production database)."""
    yield from fresh_database(request.param, tmp_path, monkeypatch)


START = at(date(2026, 11, 26), 10)
SENDER = "adviesassistent@den.example"


class Inbox:
    def __init__(self, refuse_recipients: bool = False):
        self.messages = []
        self.refuse_recipients = refuse_recipients

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if self.refuse_recipients:
            return f"550 5.1.1 <{address}> unknown user"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(envelope)
        return "250 Message accepted"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _settings(port: int, host: str = "127.0.0.1") -> Settings:
    return Settings(
        smtp_host=host,
        smtp_port=port,
        smtp_starttls=False,
        smtp_timeout=5,
        mail_from=f"DEN adviesassistent <{SENDER}>",
    )


@pytest.fixture()
def smtp_server():
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=_free_port())
    controller.start()
    yield inbox, controller.port
    controller.stop()


def _book_and_queue(settings: Settings) -> tuple:
    with session_scope() as session:
        advisor = make_advisor(session, "Sanne de Vries", "sanne@den.example")
        consultation = book(session, START, advisor.id, now=NOW, **CONTACT)
        message = queue_consultation_mail(session, "booking_confirmation", consultation, settings)
        return consultation.reference, message.id


def _parts(raw: bytes):
    parsed = email.message_from_bytes(raw, policy=policy.default)
    text = parsed.get_body(preferencelist=("plain",)).get_content()
    html = parsed.get_body(preferencelist=("html",)).get_content()
    calendars = [p for p in parsed.iter_attachments() if p.get_content_type() == "text/calendar"]
    return parsed, text, html, calendars


def test_confirmation_is_delivered_with_dutch_text_and_a_valid_invitation(
    database_url, smtp_server
):
    inbox, port = smtp_server
    settings = _settings(port)
    reference, _ = _book_and_queue(settings)

    with session_scope() as session:
        assert deliver_due(session, NOW, settings) == {"sent": 1}
    with session_scope() as session:
        stored = session.execute(
            OutboxMessage.__table__.select().where(OutboxMessage.kind == "booking_confirmation")
        ).one()
        assert stored.status == "sent" and stored.sent_at is not None and stored.attempts == 0

    assert len(inbox.messages) == 1
    envelope = inbox.messages[0]
    assert envelope.rcpt_tos == [CONTACT["contact_email"]]
    parsed, text, html, calendars = _parts(envelope.content)
    assert parsed["Subject"] == (
        "Bevestiging: adviesgesprek met DEN op donderdag 26 november om 10:00"
    )
    assert SENDER in parsed["From"]
    for phrase in (
        "Hallo Jan Jansen,",
        "Wanneer: donderdag 26 november om 10:00 tot 11:00",
        "Online, via video. Sanne de Vries stuurt je de link",
        f"Je code: {reference}",
        "verkennend gesprek",
        "'ik wil mijn afspraak annuleren'",
        f"noem je code {reference}",
    ):
        assert phrase in text, phrase
    assert "gratis" not in text.lower() and "Museum Gouda" in html

    assert len(calendars) == 1
    assert calendars[0].get_param("method") == "REQUEST"
    event = Calendar.from_ical(calendars[0].get_content()).walk("VEVENT")[0]
    assert event.decoded("dtstart") == START.astimezone(timezone.utc)
    assert event.decoded("dtstart").utcoffset() == timedelta(0)
    assert event.decoded("dtend") == START.astimezone(timezone.utc) + timedelta(hours=1)
    assert str(event["uid"]) == f"{reference}@den-adviesassistent"
    assert str(event["organizer"]) == f"mailto:{SENDER}"
    attendees = {str(a): a.params["CN"] for a in event["attendee"]}
    assert attendees == {
        f"mailto:{CONTACT['contact_email']}": "Jan Jansen",
        "mailto:sanne@den.example": "Sanne de Vries",
    }
    assert str(event["status"]) == "CONFIRMED" and event["sequence"] == 0
    assert str(event["summary"]) == "Adviesgesprek met DEN"


def test_smtp_down_keeps_the_message_pending_then_a_later_run_sends_it(database_url):
    port = _free_port()  # nothing listens here yet
    settings = _settings(port)
    _, message_id = _book_and_queue(settings)

    with session_scope() as session:
        assert deliver_due(session, NOW, settings) == {"pending": 1}
    with session_scope() as session:
        message = session.get(OutboxMessage, message_id)
        assert message.status == "pending" and message.attempts == 1
        assert message.next_attempt_at > NOW
        assert message.next_attempt_at == NOW + timedelta(minutes=1)
        assert "ConnectionRefusedError" in message.last_error
        assert "@" not in message.last_error

    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        with session_scope() as session:
            assert deliver_due(session, NOW, settings) == {}  # not due yet: backoff
        with session_scope() as session:
            assert deliver_due(session, NOW + timedelta(minutes=2), settings) == {"sent": 1}
    finally:
        controller.stop()
    assert len(inbox.messages) == 1
    with session_scope() as session:
        message = session.get(OutboxMessage, message_id)
        assert message.status == "sent" and message.last_error is None


def test_a_refused_recipient_is_retried_and_the_error_names_no_address(database_url):
    inbox = Inbox(refuse_recipients=True)
    controller = Controller(inbox, hostname="127.0.0.1", port=_free_port())
    controller.start()
    try:
        settings = _settings(controller.port)
        _, message_id = _book_and_queue(settings)
        with session_scope() as session:
            message = session.get(OutboxMessage, message_id)
            assert deliver(session, message, settings, NOW) == "pending"
            assert message.last_error == "SMTPRecipientsRefused: SMTP 550"
    finally:
        controller.stop()
    assert inbox.messages == []


def test_without_smtp_host_messages_stay_local_for_the_portal(database_url):
    settings = Settings(smtp_host="", mail_from=f"DEN adviesassistent <{SENDER}>")
    _, message_id = _book_and_queue(settings)
    with session_scope() as session:
        assert deliver_due(session, NOW, settings) == {"local": 1}
    with session_scope() as session:
        message = session.get(OutboxMessage, message_id)
        assert message.status == "local" and message.sent_at is None and message.attempts == 0
        assert deliver_due(session, NOW, settings) == {}  # never picked up again


def test_backoff_doubles_up_to_an_hour():
    minutes = [backoff(n).total_seconds() / 60 for n in range(1, 10)]
    assert minutes == [1, 2, 4, 8, 16, 32, 60, 60, 60]


def test_cancellation_mail_cancels_the_same_calendar_event(database_url):
    settings = Settings(smtp_host="", mail_from=f"DEN adviesassistent <{SENDER}>")
    reference, _ = _book_and_queue(settings)
    with session_scope() as session:
        consultation = cancel(session, reference)
        message = queue_consultation_mail(session, "booking_cancellation", consultation, settings)
        assert message.subject.startswith("Geannuleerd: adviesgesprek met DEN op donderdag")
        assert "is geannuleerd" in message.body_text
        calendar = Calendar.from_ical(message.ics)
    event = calendar.walk("VEVENT")[0]
    assert str(calendar["method"]) == "CANCEL" and str(event["status"]) == "CANCELLED"
    assert str(event["uid"]) == f"{reference}@den-adviesassistent" and event["sequence"] == 1


def test_user_text_is_escaped_in_the_html_mail(database_url):
    settings = Settings(smtp_host="", mail_from=f"DEN adviesassistent <{SENDER}>")
    with session_scope() as session:
        advisor = make_advisor(session)
        details = {
            **CONTACT,
            "organisation": "Kunst & Co",
            "topic": "<script>alert(1)</script>",
            "mode": "op_locatie",
        }
        consultation = book(session, START, advisor.id, now=NOW, **details)
        message = queue_consultation_mail(session, "booking_confirmation", consultation, settings)
        assert "<script>" not in message.body_html
        assert "&lt;script&gt;" in message.body_html and "Kunst &amp; Co" in message.body_html
        assert "Kunst & Co" in message.body_text  # plain text is not HTML-escaped
        assert "Op locatie." in message.body_text


def test_update_mail_moves_the_same_calendar_event(database_url):
    settings = Settings(smtp_host="", mail_from=f"DEN adviesassistent <{SENDER}>")
    reference, _ = _book_and_queue(settings)
    new_start = at(date(2026, 11, 27), 14)
    with session_scope() as session:
        consultation = reschedule(session, reference, new_start, now=NOW)
        message = queue_consultation_mail(session, "booking_update", consultation, settings)
        assert message.subject == (
            "Verplaatst: je adviesgesprek met DEN is nu op vrijdag 27 november om 14:00"
        )
        assert f"Je code: {reference}" in message.body_text
        event = Calendar.from_ical(message.ics).walk("VEVENT")[0]
    assert str(event["uid"]) == f"{reference}@den-adviesassistent" and event["sequence"] == 1
    assert event.decoded("dtstart") == new_start.astimezone(timezone.utc)
