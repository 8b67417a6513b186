"""Privacy work for the outbox worker: finish deletion requests, and retention once a day."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Dict, Optional

from bot.db.models import utcnow
from bot.db.session import session_scope
from bot.privacy import purge, retention

RETENTION_EVERY = timedelta(days=1)


def run_due(now: Optional[datetime] = None) -> Dict[str, int]:
    """Sweep open deletion requests; run retention when the last run is a day old or more."""
    now = now or utcnow()
    done: Dict[str, int] = {}
    with session_scope() as session:
        done["tracker_events_deleted"] = purge.sweep(session, now=now)
    with session_scope() as session:
        last = retention.last_run(session)
        if last is None or now - last >= RETENTION_EVERY:
            counts = retention.run_retention(session, now=now)
            done["retention_removed"] = sum(counts.values())
    return done
