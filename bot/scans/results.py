"""Everything the results (chat summary, results page, chart) need, built from a stored scan."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Dict, List, Optional, Tuple

from bot.advice.catalogue import get_catalogue
from bot.advice.presentation import from_record
from bot.assessment import summary
from bot.assessment.benchmark import source_label
from bot.assessment.chart import render_radar
from bot.assessment.profile import Profile
from bot.assessment.scoring import ScanResult, score_answers
from bot.content.loader import Content
from bot.db.models import Scan


@dataclass(frozen=True)
class ScanReport:
    public_id: str
    organisation: Optional[str]
    created_at: str
    result: ScanResult
    headline: str
    lines: List[summary.ComponentLine]
    level_note: str
    changes: List[Tuple[str, float, float]]
    previous_date: Optional[str]
    pathways: List[Dict]
    consultation_reasons: List[str]


def build_report(scan: Scan, previous: Optional[Scan], content: Content) -> ScanReport:
    result = score_answers(scan.answers, content)
    profile = profile_of(scan)
    return ScanReport(
        public_id=scan.public_id,
        organisation=scan.organisation,
        created_at=scan.created_at.strftime("%d-%m-%Y"),
        result=result,
        headline=summary.headline(result, content),
        lines=summary.component_lines(result, profile, content),
        level_note=summary.level_share_note(content),
        changes=summary.changes_since(result, previous.scores if previous else None),
        previous_date=previous.created_at.strftime("%d-%m-%Y") if previous else None,
        pathways=from_record(scan.advice or {}, get_catalogue()),
        consultation_reasons=list((scan.advice or {}).get("consultation", {}).get("reasons", [])),
    )


def profile_of(scan: Scan) -> Profile:
    return Profile.from_record(scan)


def chart_png(scan: Scan, content: Content) -> bytes:
    result = score_answers(scan.answers, content)
    bench = content.model.benchmark
    sector = {
        index: bench.component_means[c.component]
        for index, c in enumerate(result.components)
        if c.component in bench.component_means
    }
    return render_radar(
        labels=[c.name for c in result.components],
        values=[c.mean for c in result.components],
        sector=sector,
        sector_label=f"Sector ({source_label(bench)})",
    )
