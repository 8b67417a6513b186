"""Outbox worker: sends queued e-mails and retries failures with backoff (python -m ...)."""

from __future__ import annotations

import logging
import signal
import time

from bot.db.models import utcnow
from bot.db.session import session_scope
from bot.scheduling.mail import deliver_due
from bot.settings import get_settings

log = logging.getLogger(__name__)
INTERVAL_SECONDS = 15


def run_once() -> dict:
    with session_scope() as session:
        return deliver_due(session, utcnow(), get_settings())


def main() -> None:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    stopping = []
    signal.signal(signal.SIGTERM, lambda *_: stopping.append(True))
    while not stopping:
        try:
            counts = run_once()
            if any(counts.values()):
                log.info("outbox: %s", counts)
        except Exception:  # keep the worker alive; the next round tries again
            log.exception("outbox round failed")
        for _ in range(INTERVAL_SECONDS):
            if stopping:
                break
            time.sleep(1)


if __name__ == "__main__":
    main()
