"""Outbox worker: sends queued e-mails (and handoff webhooks) and retries failures with backoff
(python -m bot.scheduling.worker). It looks for due messages every POLL_SECONDS (an indexed
query), so a confirmation written by a conversation goes out within a second or two of its
commit; each round drains everything that is due, one message per commit (bot.scheduling.mail),
so a backlog after an SMTP outage goes out in one round. Run as many workers as you like.
The privacy jobs (bot.privacy) run every PRIVACY_SECONDS."""

from __future__ import annotations

import logging
import signal
import time

from bot.db.models import utcnow
from bot.db.session import session_scope
from bot.privacy import jobs as privacy_jobs
from bot.scheduling.mail import deliver_due
from bot.settings import get_settings

log = logging.getLogger(__name__)
POLL_SECONDS = 1
PRIVACY_SECONDS = 15
BATCH = 50


def run_once() -> dict:
    totals: dict = {}
    while True:
        with session_scope() as session:
            counts = deliver_due(session, utcnow(), get_settings(), limit=BATCH)
        for status, number in counts.items():
            totals[status] = totals.get(status, 0) + number
        if sum(counts.values()) < BATCH:
            return totals


def main() -> None:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    stopping = []
    signal.signal(signal.SIGTERM, lambda *_: stopping.append(True))
    next_privacy = 0.0
    while not stopping:
        try:
            counts = run_once()
            if any(counts.values()):
                log.info("outbox: %s", counts)
        except Exception:  # keep the worker alive; the next round tries again
            log.exception("outbox round failed")
        if time.monotonic() >= next_privacy:
            next_privacy = time.monotonic() + PRIVACY_SECONDS
            try:  # finish 'verwijder mijn gegevens' requests; retention once a day (bot.privacy)
                done = privacy_jobs.run_due()
                if any(done.values()):
                    log.info("privacy: %s", done)
            except Exception:
                log.exception("privacy round failed")
        time.sleep(POLL_SECONDS)


if __name__ == "__main__":
    main()
