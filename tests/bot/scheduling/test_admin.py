"""`python -m bot.admin` on a temporary database."""

from datetime import date

import pytest
from sqlalchemy import func, select

from bot import admin
from bot.db.models import utcnow
from bot.db.session import session_scope
from bot.scheduling.availability import free_slots
from bot.scheduling.booking import book
from bot.scheduling.models import Advisor, WorkingHours

from .helpers import CONTACT, NOW

SANNE = "sanne.devries@example.org"


def _advisor_count() -> int:
    with session_scope() as session:
        return session.execute(select(func.count()).select_from(Advisor)).scalar_one()


def test_seed_creates_three_advisors_once(database_url, capsys):
    assert admin.main(["seed"]) == 0
    assert _advisor_count() == 3
    assert admin.main(["seed"]) == 0
    assert _advisor_count() == 3
    assert capsys.readouterr().out.count("Bestond al") == 3
    with session_scope() as session:
        slots = free_slots(session, NOW)
        expertise = session.execute(select(Advisor.expertise)).scalars().all()
    assert {s.advisor_name for s in slots} == {"Sanne de Vries", "Joris Bakker", "Amira El Idrissi"}
    assert len({tuple(e) for e in expertise}) == 3


def test_seed_works_on_a_fresh_database(tmp_path, monkeypatch):
    from bot.db.session import get_engine
    from bot.settings import get_settings

    monkeypatch.setenv("BOT_DATABASE_URL", f"sqlite:///{tmp_path / 'nieuw' / 'den.db'}")
    get_settings.cache_clear()
    get_engine.cache_clear()
    try:
        assert admin.main(["seed"]) == 0
        assert _advisor_count() == 3
    finally:
        get_engine().dispose()
        get_settings.cache_clear()
        get_engine.cache_clear()


def test_add_absence_removes_the_slots_in_that_period(database_url, capsys):
    admin.main(["seed"])
    assert (
        admin.main(["add-absence", "--email", SANNE, "--from", "2026-11-30", "--to", "2026-12-01"])
        == 0
    )
    assert "Afwezigheid van Sanne de Vries" in capsys.readouterr().out
    with session_scope() as session:
        sanne = [s for s in free_slots(session, NOW) if s.advisor_name == "Sanne de Vries"]
    days = {s.start.date() for s in sanne}
    assert date(2026, 11, 30) not in days and date(2026, 12, 1) not in days
    assert date(2026, 12, 3) in days  # her next working day is untouched


def test_add_absence_with_times(database_url):
    admin.main(["seed"])
    admin.main(
        ["add-absence", "--email", SANNE, "--from", "2026-11-30T09:00", "--to", "2026-11-30T11:00"]
    )
    with session_scope() as session:
        hours = [
            s.start.hour
            for s in free_slots(session, NOW, on_date=date(2026, 11, 30))
            if s.advisor_name == "Sanne de Vries"
        ]
    assert hours == [11, 13, 14, 15, 16]


def test_add_advisor_set_hours_and_deactivate(database_url, capsys):
    assert (
        admin.main(
            [
                "add-advisor",
                "--name",
                "Kees Smit",
                "--email",
                "kees@example.org",
                "--expertise",
                "data_technologie, publiek_waarde",
            ]
        )
        == 0
    )
    assert (
        admin.main(
            [
                "set-hours",
                "--email",
                "kees@example.org",
                "--weekday",
                "do",
                "--start",
                "09:00",
                "--end",
                "12:00",
            ]
        )
        == 0
    )
    assert (
        admin.main(
            [
                "set-hours",
                "--email",
                "kees@example.org",
                "--weekday",
                "3",
                "--start",
                "13:00",
                "--end",
                "15:00",
            ]
        )
        == 0
    )  # replaces Thursday
    with session_scope() as session:
        rows = session.execute(select(WorkingHours.start_time, WorkingHours.end_time)).all()
        assert rows == [("13:00", "15:00")]
        assert [s.start.hour for s in free_slots(session, NOW, on_date=date(2026, 11, 26))] == [
            13,
            14,
        ]
    assert admin.main(["deactivate-advisor", "--email", "kees@example.org"]) == 0
    with session_scope() as session:
        assert free_slots(session, NOW) == []


@pytest.mark.parametrize(
    "argv,message",
    [
        (
            ["add-advisor", "--name", "Kees", "--email", "kees@example.org", "--expertise", "ict"],
            "Onbekend onderdeel: ict",
        ),
        (["add-advisor", "--name", "Kees", "--email", "geen-adres"], "geen geldig e-mailadres"),
        (
            [
                "set-hours",
                "--email",
                "niemand@example.org",
                "--weekday",
                "ma",
                "--start",
                "09:00",
                "--end",
                "17:00",
            ],
            "Geen adviseur gevonden",
        ),
        (
            ["add-absence", "--email", SANNE, "--from", "morgen", "--to", "2026-12-01"],
            "is geen datum",
        ),
    ],
)
def test_mistakes_get_a_dutch_message_and_exit_code_2(database_url, capsys, argv, message):
    admin.main(["seed"])
    assert admin.main(argv) == 2
    assert message in capsys.readouterr().err


def test_list_consultations_hides_contact_details_by_default(database_url, capsys):
    admin.main(["seed"])
    with session_scope() as session:
        now = utcnow()
        slot = free_slots(session, now, limit=1)[0]
        reference = book(session, slot.start, slot.advisor_id, now=now, **CONTACT).reference
    capsys.readouterr()
    assert admin.main(["list-consultations"]) == 0
    out = capsys.readouterr().out
    assert reference in out and "Museum Gouda" in out and "geboekt" in out
    assert CONTACT["contact_email"] not in out and "Jan Jansen" not in out
    admin.main(["list-consultations", "--show-contact"])
    assert CONTACT["contact_email"] in capsys.readouterr().out
