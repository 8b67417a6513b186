"""Sector view for DEN advisors: all completed scans, anonymised, per institution type and size.

The unit is the organisation, not the respondent: each organisation's respondents (its single
scans and its colleagues' team answers) are first averaged into one profile, so a team of twenty
colleagues weighs as much as a one-person scan. A group (all, one institution type, one size
class) is shown only with scans from at least `sector.min_organisations` organisations, and a
component's mean only when that many organisations have a score for it; below that nothing is
computed, so no single organisation can be read from the view. Names are never part of it.
Within a breakdown (types, sizes), the organisations left out of the shown cells of a component
must be none or at least the minimum, else "all organisations" minus the shown cells would give
a small group away; the smallest cells are then left out too (secondary suppression).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field, replace
from datetime import datetime
from statistics import mean
from typing import Dict, Iterable, List, Mapping, Optional, Sequence, Tuple

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.assessment.benchmark import source_label
from bot.assessment.scoring import score_answers
from bot.content.loader import Content
from bot.db.models import Scan
from bot.team.models import Team, TeamResponse


@dataclass(frozen=True)
class SectorRecord:
    """One completed scan (single or a colleague's team answers)."""

    organisation: str  # identifies the organisation inside this module only; never shown
    institution_type: Optional[str]
    size_class: Optional[str]
    scores: Mapping[str, Optional[float]]
    when: datetime


@dataclass(frozen=True)
class Organisation:
    institution_type: Optional[str]
    size_class: Optional[str]
    respondents: int
    means: Dict[str, Optional[float]]


@dataclass(frozen=True)
class GroupAggregate:
    key: str
    label: str
    organisations: int
    respondents: int
    shown: bool  # False: fewer organisations than the minimum; no figures at all
    means: Dict[str, Optional[float]]  # per component; None below the minimum for that component
    den: Dict[str, float]  # DEN Dashboard figure per component for this group, where published
    den_note: str = ""
    counts: Dict[str, int] = field(default_factory=dict)  # organisations with a score, if shown


@dataclass(frozen=True)
class SectorView:
    minimum: int
    organisations: int
    respondents: int
    overall: GroupAggregate
    by_type: Tuple[GroupAggregate, ...]
    by_size: Tuple[GroupAggregate, ...]
    components: Tuple[Tuple[str, str], ...]  # (id, name) in model order
    source: str  # "DEN Dashboard Digitale Transformatie, stand 2025"


def load_records(session: Session, content: Content) -> List[SectorRecord]:
    """Every completed scan, and every colleague's team answers (the initiator's own answers
    are their scan, so they are not counted twice)."""
    records = [
        SectorRecord(
            organisation=scan.organisation_key or f"scan:{scan.id}",
            institution_type=scan.institution_type,
            size_class=scan.size_class,
            scores=dict(scan.scores or {}),
            when=scan.created_at,
        )
        for scan in session.execute(select(Scan)).scalars()
    ]
    rows = session.execute(
        select(TeamResponse, Team)
        .join(Team, TeamResponse.team_id == Team.id)
        .where(TeamResponse.scan_id.is_(None))
    ).all()
    for response, team in rows:
        result = score_answers(response.answers, content)
        records.append(
            SectorRecord(
                organisation=team.organisation_key or f"team:{team.id}",
                institution_type=team.institution_type,
                size_class=team.size_class,
                scores={c.component: c.mean for c in result.components},
                when=response.updated_at,
            )
        )
    return records


def by_organisation(
    records: Iterable[SectorRecord], components: Sequence[str]
) -> List[Organisation]:
    """One profile per organisation; its type and size class are the latest it gave."""
    grouped: Dict[str, List[SectorRecord]] = defaultdict(list)
    for record in records:
        grouped[record.organisation].append(record)
    organisations = []
    for items in grouped.values():
        items.sort(key=lambda r: r.when)
        means: Dict[str, Optional[float]] = {}
        for component in components:
            values = [r.scores.get(component) for r in items]
            numbers = [v for v in values if v is not None]
            means[component] = round(mean(numbers), 2) if numbers else None
        organisations.append(
            Organisation(
                institution_type=_latest(r.institution_type for r in items),
                size_class=_latest(r.size_class for r in items),
                respondents=len(items),
                means=means,
            )
        )
    return organisations


def _latest(values: Iterable[Optional[str]]) -> Optional[str]:
    known = [v for v in values if v]
    return known[-1] if known else None


def aggregate_group(
    key: str,
    label: str,
    organisations: Sequence[Organisation],
    components: Sequence[str],
    minimum: int,
    den: Optional[Dict[str, float]] = None,
    den_note: str = "",
) -> GroupAggregate:
    shown = len(organisations) >= minimum
    means: Dict[str, Optional[float]] = {}
    counts: Dict[str, int] = {}
    if shown:
        for component in components:
            numbers = [o.means[component] for o in organisations if o.means[component] is not None]
            counts[component] = len(numbers)
            means[component] = round(mean(numbers), 2) if len(numbers) >= minimum else None  # type: ignore[arg-type]
    return GroupAggregate(
        key=key,
        label=label,
        organisations=len(organisations),
        respondents=sum(o.respondents for o in organisations) if shown else 0,
        shown=shown,
        means=means,
        den=dict(den or {}),
        den_note=den_note,
        counts=counts,
    )


def suppress_complements(
    groups: Sequence[GroupAggregate],
    overall: GroupAggregate,
    components: Sequence[str],
    minimum: int,
) -> Tuple[GroupAggregate, ...]:
    """Leave out the smallest cells until what the shown cells do not cover is 0 or >= minimum."""
    result = list(groups)
    for component in components:
        if overall.means.get(component) is None:
            continue  # no overall figure to subtract the cells from
        total = overall.counts[component]
        while True:
            cells = [(i, g) for i, g in enumerate(result) if g.means.get(component) is not None]
            left_out = total - sum(g.counts[component] for _, g in cells)
            if not cells or left_out == 0 or left_out >= minimum:
                break
            index, smallest = min(cells, key=lambda cell: (cell[1].counts[component], cell[0]))
            result[index] = replace(smallest, means={**smallest.means, component: None})
    return tuple(result)


def sector_view(records: Sequence[SectorRecord], content: Content, minimum: int) -> SectorView:
    components = [c.id for c in content.model.components]
    organisations = by_organisation(records, components)
    bench = content.model.benchmark
    source = source_label(bench)
    overall = aggregate_group(
        "alle",
        "Alle organisaties",
        organisations,
        components,
        minimum,
        den=dict(bench.component_means),
        den_note=source,
    )
    by_type = tuple(
        aggregate_group(
            option.value,
            option.label,
            [o for o in organisations if o.institution_type == option.value],
            components,
            minimum,
        )
        for option in _options(content, "institution_type")
    )
    by_size = []
    for option in _options(content, "size_class"):
        published = {
            component: sizes[option.value]
            for component, sizes in bench.size_class_means.items()
            if option.value in sizes
        }
        by_size.append(
            aggregate_group(
                option.value,
                option.label,
                [o for o in organisations if o.size_class == option.value],
                components,
                minimum,
                den=published,
                den_note=source if published else "",
            )
        )
    return SectorView(
        minimum=minimum,
        organisations=len(organisations),
        respondents=len(records),
        overall=overall,
        by_type=suppress_complements(by_type, overall, components, minimum),
        by_size=suppress_complements(by_size, overall, components, minimum),
        components=tuple((c.id, c.name) for c in content.model.components),
        source=source,
    )


def _options(content: Content, question_id: str) -> list:
    question = next(q for q in content.questions.profile if q.id == question_id)
    return list(question.options)
