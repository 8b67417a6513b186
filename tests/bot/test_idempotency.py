"""Idempotency keys: a repeated request answers as the first one did and does nothing again."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.db.idempotency import IdempotencyKey, forget_before, make_key, once
from bot.db.models import utcnow
from bot.db.session import session_scope
from bot.privacy.retention import run_retention


def test_a_repeat_returns_the_first_result_without_running_again(database_url):
    runs = []

    def work():
        runs.append(1)
        return {"reference": f"DEN-{len(runs)}"}

    with session_scope() as session:
        first = once(session, "k", "book", work)
    with session_scope() as session:
        again = once(session, "k", "book", work)
    assert (first.result, again.result) == ({"reference": "DEN-1"}, {"reference": "DEN-1"})
    assert (first.replayed, again.replayed, len(runs)) == (False, True, 1)


def test_a_failed_attempt_stores_nothing_so_it_can_be_retried(database_url):
    def fail():
        raise RuntimeError("slot taken")

    with pytest.raises(RuntimeError), session_scope() as session:
        once(session, "k", "book", fail)
    with session_scope() as session:
        assert once(session, "k", "book", lambda: {"ok": True}).result == {"ok": True}


def test_keys_are_short_and_old_ones_go_with_retention(database_url):
    with pytest.raises(ValueError):
        make_key("book", "x" * 300)
    with session_scope() as session:
        once(session, "old", "book", lambda: {})
        once(session, "new", "book", lambda: {})
        session.get(IdempotencyKey, "old").created_at = utcnow() - timedelta(days=40)
    with session_scope() as session:
        counts = run_retention(session)
    assert counts["request_keys"] == 1
    with session_scope() as session:
        assert session.get(IdempotencyKey, "new") is not None
        assert forget_before(session, utcnow() + timedelta(seconds=1)) == 1
