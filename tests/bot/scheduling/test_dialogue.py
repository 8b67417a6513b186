"""What a reply to "wanneer past het?" means, against a real (temporary) database."""

from __future__ import annotations

from datetime import datetime, timedelta

from bot.db.session import session_scope
from bot.scheduling import advisors
from bot.scheduling.dialogue import choose_time, parse_start
from bot.scheduling.slots import AMSTERDAM

NOW = datetime(2026, 11, 25, 10, 0, tzinfo=AMSTERDAM)  # a Wednesday


def test_no_advisors_means_nothing_free(database_url):
    with session_scope() as session:
        assert choose_time(session, NOW, "dinsdag", None).kind == "none_free"


def test_everyone_absent_means_nothing_free(database_url):
    with session_scope() as session:
        seeded, _ = advisors.seed(session)
        for advisor in seeded:
            advisors.add_absence(session, advisor, NOW, NOW + timedelta(days=60), "vakantie")
        assert choose_time(session, NOW, "", None).kind == "none_free"


def test_button_typed_exact_moment_and_vague_wish(database_url):
    with session_scope() as session:
        advisors.seed(session)
        picked = choose_time(session, NOW, "", None)
        assert picked.kind == "options" and picked.reason == "not_understood"
        first = picked.options[0].start
        assert choose_time(session, NOW, "", first.isoformat()).kind == "picked"
        typed = first.strftime("%d-%m om %H:%M")
        confirm = choose_time(session, NOW, typed, None)
        assert confirm.kind == "confirm" and confirm.start == first
        afternoon = choose_time(session, NOW, "donderdagmiddag", None)
        assert afternoon.kind == "options" and afternoon.reason == "matches"
        assert all(o.start.weekday() == 3 and o.start.hour >= 12 for o in afternoon.options)


def test_a_stale_button_offers_fresh_times(database_url):
    with session_scope() as session:
        advisors.seed(session)
        gone = datetime(2026, 12, 25, 10, 0, tzinfo=AMSTERDAM)  # Christmas: never offered
        choice = choose_time(session, NOW, "", gone.isoformat())
        assert choice.kind == "options" and choice.reason == "taken" and choice.options


def test_parse_start_only_accepts_aware_iso_times():
    assert parse_start("2026-12-01T10:00:00+01:00") is not None
    assert parse_start("2026-12-01T10:00:00") is None
    assert parse_start("morgen") is None and parse_start(None) is None
