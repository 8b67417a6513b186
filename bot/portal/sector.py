"""Sector view for DEN advisors: the anonymised aggregate of all completed scans per component,
per institution type and per size class, next to the DEN Dashboard 2025 figures.

The aggregation and its privacy rules live in bot.team.sector; this page only shows them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import List, Optional, Tuple

from sanic import Blueprint, response
from sanic.request import Request

from bot.content import get_content
from bot.db.session import session_scope
from bot.portal.web import page, render
from bot.team.config import get_team_settings
from bot.team.sector import GroupAggregate, SectorView, load_records, sector_view
from bot.text import benchmark_score, score

bp = Blueprint("portal_sector")
TEMPLATE = "sector.html"


@dataclass(frozen=True)
class Row:
    label: str
    organisations: str  # "12", or "minder dan 5" for a group that is not shown
    respondents: str
    cells: Tuple[str, ...]  # one per component: "2,4", or "-" when not shown
    den: Tuple[str, ...]  # the DEN Dashboard figure per component, or ""


def _cell(value: Optional[float]) -> str:
    return score(value) if value is not None else "-"


def row(group: GroupAggregate, view: SectorView) -> Row:
    ids = [component for component, _ in view.components]
    if not group.shown:
        count = "0" if group.organisations == 0 else f"minder dan {view.minimum}"
        return Row(group.label, count, "-", tuple("-" for _ in ids), tuple("" for _ in ids))
    return Row(
        label=group.label,
        organisations=str(group.organisations),
        respondents=str(group.respondents),
        cells=tuple(_cell(group.means.get(c)) for c in ids),
        den=tuple(benchmark_score(group.den[c]) if c in group.den else "" for c in ids),
    )


def context(view: SectorView) -> dict:
    """What the template needs; everything already formatted the Dutch way."""
    sections: List[Tuple[str, List[Row]]] = [
        ("Per soort instelling", [row(g, view) for g in view.by_type]),
        ("Per omvang (fte)", [row(g, view) for g in view.by_size]),
    ]
    return {
        "view": view,
        "names": [name for _, name in view.components],
        "overall": row(view.overall, view),
        "sections": sections,
    }


def load_view() -> SectorView:
    content = get_content()
    with session_scope() as session:
        records = load_records(session, content)
    return sector_view(records, content, get_team_settings().sector.min_organisations)


@bp.get("/sector")
@page
async def sector_page(request: Request) -> response.HTTPResponse:
    return render(request, TEMPLATE, **context(load_view()))
