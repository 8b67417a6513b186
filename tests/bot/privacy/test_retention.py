"""Retention: conversations and personal data older than the period go; recent data stays."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select

from bot.db.models import Scan
from bot.db.session import session_scope
from bot.privacy import jobs, retention
from bot.privacy.deletion import REMOVED_NAME
from bot.privacy.models import RetentionRun
from bot.scheduling.booking import book
from bot.scheduling.mail import queue_mail
from bot.scheduling.models import Consultation, OutboxMessage
from tests.bot.scheduling.helpers import CONTACT, NOW, at, make_advisor

from .conftest import add_events, count_events, turn
from .test_deletion import _scan

LATER = NOW + timedelta(days=400)


def test_old_conversations_scans_bookings_and_mails_go_recent_ones_stay(tracker):
    add_events(tracker, "old", turn(NOW.timestamp(), "hoi"))
    add_events(tracker, "recent", turn(LATER.timestamp() - 86400, "hoi"))
    with session_scope() as session:
        advisor = make_advisor(session)
        old_scan = _scan(session, "old")
        old_scan.created_at = NOW
        recent = _scan(session, "recent")
        recent.created_at = LATER - timedelta(days=1)
        consultation = book(session, at(date(2026, 11, 26), 10), advisor.id, now=NOW, **CONTACT)
        sent = queue_mail(
            session, "booking_confirmation", "jan@x.nl", "s", "t", "h", None, consultation.id
        )
        sent.status, sent.created_at = "sent", NOW
        recent_public_id = recent.public_id
    with session_scope() as session:
        counts = retention.run_retention(session, days=365, now=LATER)
    assert counts["conversations"] == 1 and counts["scans"] == 1
    assert counts["consultations_anonymised"] == 1
    assert count_events(tracker, "old") == 0 and count_events(tracker, "recent") == 4
    with session_scope() as session:
        assert session.execute(select(Scan.public_id)).scalars().all() == [recent_public_id]
        kept = session.execute(select(Consultation)).scalar_one()
        assert kept.contact_name == REMOVED_NAME and kept.status == "booked"
        assert session.execute(select(OutboxMessage)).scalars().all() == []
        run = session.execute(select(RetentionRun)).scalar_one()
        assert run.retention_days == 365 and run.counts["conversations"] == 1


def test_the_worker_runs_retention_once_a_day(tracker):
    assert "retention_removed" in jobs.run_due(NOW)
    assert "retention_removed" not in jobs.run_due(NOW + timedelta(hours=23))
    assert "retention_removed" in jobs.run_due(NOW + timedelta(days=1))


def test_the_command_prints_counts_only(tracker, capsys):
    add_events(tracker, "old", turn(1.0, "mijn naam is Jan Jansen"))
    assert retention.main(["--days", "30"]) == 0
    out = capsys.readouterr().out
    assert "30 dagen" in out and "conversations: 1" in out and "Jan" not in out
