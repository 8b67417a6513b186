"""An advisor exports everything about one person, found by e-mail address."""

from __future__ import annotations

import json
from datetime import date

from bot import admin
from bot.db.session import session_scope
from bot.scheduling.booking import book
from tests.bot.scheduling.helpers import CONTACT, NOW, at, make_advisor

from .conftest import add_events, turn
from .test_deletion import _scan

EMAIL = CONTACT["contact_email"]


def test_export_has_bookings_conversations_and_scans_of_that_person_only(tracker, tmp_path):
    add_events(tracker, "conv-jan", turn(100, "Jan Jansen", {"contact_email": EMAIL.upper()}))
    add_events(tracker, "conv-piet", turn(100, "Piet", {"contact_email": "piet@example.org"}))
    with session_scope() as session:
        advisor = make_advisor(session)
        book(session, at(date(2026, 11, 26), 10), advisor.id, now=NOW, **CONTACT)
        book(
            session,
            at(date(2026, 11, 26), 11),
            advisor.id,
            now=NOW,
            **{**CONTACT, "contact_email": "piet@example.org", "contact_name": "Piet Pieters"},
        )
        jan_scan = _scan(session, "conv-jan").public_id
        _scan(session, "conv-piet")
    out = tmp_path / "export.json"
    assert admin.main(["export-user", "--email", EMAIL, "--out", str(out)]) == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    assert [c["naam"] for c in data["adviesgesprekken"]] == ["Jan Jansen"]
    assert [g["gesprek"] for g in data["gesprekken"]] == ["conv-jan"]
    assert data["gesprekken"][0]["berichten"][0]["text"] == "Jan Jansen"
    assert [s["id"] for s in data["scans"]] == [jan_scan]
    assert "Piet" not in out.read_text(encoding="utf-8")


def test_export_refuses_something_that_is_no_address(database_url, capsys):
    assert admin.main(["export-user", "--email", "geen adres"]) == 2
    assert "geen geldig e-mailadres" in capsys.readouterr().err
