"""Retention: remove conversations and personal data older than RETENTION_DAYS (default 365).

    python -m bot.privacy.retention            # once, now (prints counts only)
    python -m bot.privacy.retention --days 30  # another period for this run

What goes, per run:
- Rasa tracker store: every conversation whose last message is older than the period;
- completed scans made before it, and paused scans not touched since;
- consultations that ended before it: anonymised (name, e-mail, phone removed; kept for
  DEN's counts) and their e-mails deleted; other sent or failed e-mails older than it;
- handoff summaries, call-back requests and team answers older than it (`linked`), and the
  portal's audit events; wrong-code tries after an hour (`bot.db.attempts`).
The outbox worker runs this once a day (`jobs.run_due`); a cron line works as well (README).
"""

from __future__ import annotations

import argparse
import sys
from datetime import datetime, timedelta
from typing import Dict, Optional, Sequence

from sqlalchemy import delete, select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from bot.db import attempts, audit, idempotency
from bot.db.idempotency import default_cutoff
from bot.db.models import Scan, ScanProgress, utcnow
from bot.privacy import linked, tracker_events
from bot.privacy.deletion import REMOVED_NAME, anonymise_consultations, delete_scans
from bot.privacy.models import RetentionRun
from bot.scheduling.models import Consultation, OutboxMessage
from bot.settings import get_settings

BATCH = 500


def run_retention(
    session: Session,
    days: Optional[int] = None,
    now: Optional[datetime] = None,
    tracker: Optional[Engine] = None,
) -> Dict[str, int]:
    """Remove everything older than `days`; returns counts (also stored as a RetentionRun)."""
    now = now or utcnow()
    days = days or get_settings().retention_days
    cutoff = now - timedelta(days=days)
    counts = {"conversations": 0, "tracker_events": 0}
    tracker = tracker or tracker_events.get_tracker_engine()
    while True:
        with tracker.begin() as connection:
            senders = tracker_events.idle_conversations(connection, cutoff.timestamp(), BATCH)
            for sender in senders:
                counts["tracker_events"] += tracker_events.delete_events(connection, sender)
        counts["conversations"] += len(senders)
        if len(senders) < BATCH:
            break
    old_scans = select(Scan.public_id).where(Scan.created_at < cutoff)
    counts["scans"] = delete_scans(session, list(session.execute(old_scans).scalars()))
    counts["scan_progress"] = session.execute(
        delete(ScanProgress).where(ScanProgress.updated_at < cutoff)
    ).rowcount
    ended = session.execute(
        select(Consultation).where(
            Consultation.end < cutoff, Consultation.contact_name != REMOVED_NAME
        )
    ).scalars()
    counts.update(anonymise_consultations(session, list(ended), notify=False))
    counts["emails"] = session.execute(
        delete(OutboxMessage).where(
            OutboxMessage.created_at < cutoff, OutboxMessage.status != "pending"
        )
    ).rowcount
    counts.update(linked.purge_before(session, cutoff))
    # idempotency keys only matter while a request can be repeated: a month at most
    counts["request_keys"] = idempotency.forget_before(session, max(cutoff, default_cutoff(now)))
    counts["code_attempts"] = attempts.forget_before(session, now - attempts.WINDOW)
    counts["audit_events"] = audit.forget_before(session, cutoff)
    session.add(RetentionRun(started_at=now, cutoff=cutoff, retention_days=days, counts=counts))
    session.flush()
    return counts


def last_run(session: Session) -> Optional[datetime]:
    return session.execute(
        select(RetentionRun.started_at).order_by(RetentionRun.started_at.desc()).limit(1)
    ).scalar_one_or_none()


def main(argv: Optional[Sequence[str]] = None) -> int:
    from bot.db import migrate
    from bot.db.session import session_scope

    parser = argparse.ArgumentParser(prog="python -m bot.privacy.retention", description=__doc__)
    parser.add_argument("--days", type=int, help="bewaartermijn in dagen (anders RETENTION_DAYS)")
    args = parser.parse_args(argv)
    if args.days is not None and args.days < 1:
        parser.error("--days moet 1 of meer zijn")
    migrate.upgrade()
    with session_scope() as session:
        counts = run_retention(session, args.days)
    days = args.days or get_settings().retention_days
    print(f"Bewaartermijn {days} dagen. Verwijderd of geanonimiseerd:")
    for key, value in counts.items():
        print(f"  {key}: {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
