"""The advisor portal's sector page shows the aggregate, and nothing of small groups."""

from __future__ import annotations

from datetime import datetime, timezone

from bot.portal.app import PAGES
from bot.portal.sector import bp, context
from bot.portal.web import environment
from bot.team.sector import SectorRecord, sector_view
from tests.bot.team.helpers import CONTENT

WHEN = datetime(2026, 1, 1, tzinfo=timezone.utc)


def page(records):
    view = sector_view(records, CONTENT, 5)
    return (
        environment()
        .get_template("sector.html")
        .render(user=None, csrf_token="", nav=[], path="/sector", **context(view))
    )


def museum(n, value):
    scores = {c.id: value for c in CONTENT.model.components}
    return SectorRecord(f"m{n}", "museum", "51-100", scores, WHEN)


def test_the_page_is_registered_in_the_portal_menu():
    assert any(p.blueprint is bp and p.path == "/sector" for p in PAGES)


def test_the_page_shows_group_means_and_the_den_figures():
    html = page([museum(n, 2.0 if n < 3 else 3.0) for n in range(6)])
    assert "Alle organisaties" in html and "<td>6</td>" in html
    assert "<td>2,5</td>" in html
    assert "DEN Dashboard Digitale Transformatie, stand 2025" in html
    assert "(1,69)" in html  # the 51-100 fte figure for Strategie & budget


def test_small_groups_are_marked_and_carry_no_figures():
    records = [museum(n, 3.0) for n in range(5)]
    records.append(SectorRecord("a", "archief", "1-10", {"strategie_budget": 1.0}, WHEN))
    html = page(records)
    assert "minder dan 5" in html
    assert "1,0" not in html  # the lone archive's score appears nowhere
