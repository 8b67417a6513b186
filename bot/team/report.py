"""Everything the chat and the team page show, built from a stored team."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import List, Optional

from sqlalchemy.orm import Session

from bot.advice.catalogue import Catalogue
from bot.advice.presentation import pathway_text
from bot.assessment.benchmark import source_label
from bot.assessment.chart import render_team_radar
from bot.assessment.summary import level_share_note
from bot.content.loader import Content
from bot.team import codes, wording
from bot.team.advice import TeamAdvice, team_advice, team_org_profile
from bot.team.config import TeamSettings
from bot.team.models import Team
from bot.team.profile import TeamProfile, build_team_profile
from bot.team.progress import ComponentChange, change_text, compare_scores, repeat_suggestion
from bot.team.repository import previous_result, respondents, team_profile_fields


@dataclass(frozen=True)
class PathwayView:
    title: str
    reason: str
    steps: List[str]
    resources: List[tuple]
    chat_text: str


@dataclass(frozen=True)
class TeamReport:
    public_id: str
    code: str  # as shown: TEAM-7K3M9Q
    organisation: Optional[str]
    created_at: str
    profile: TeamProfile
    status: str  # how many answered (always filled)
    headline: str = ""
    component_lines: tuple = ()
    disagreement_intro: str = ""
    disagreement_lines: tuple = ()
    groups_line: str = ""
    level_note: str = ""
    pathways: tuple = ()
    consultation_propose: bool = False
    consultation_reasons: tuple = ()
    consultation_message: str = ""
    changes: tuple = ()  # Dutch lines, one per component scored both times
    previous_date: Optional[str] = None
    previous_kind: Optional[str] = None
    repeat: str = ""

    @property
    def visible(self) -> bool:
        return self.profile.visible


def build_team_report(
    session: Session,
    team: Team,
    content: Content,
    settings: TeamSettings,
    catalogue: Catalogue,
) -> TeamReport:
    profile = build_team_profile(respondents(team), content, settings)
    base = TeamReport(
        public_id=team.public_id,
        code=codes.display(team.code),
        organisation=team.organisation,
        created_at=team.created_at.strftime("%d-%m-%Y"),
        profile=profile,
        status=wording.status(profile.respondents, profile.needed),
    )
    if not profile.visible:
        return base
    org = team_org_profile(team_profile_fields(team), [r.role for r in team.responses])
    advice = team_advice(profile, org, catalogue, content)
    previous = previous_result(session, team, content, settings)
    changes: List[ComponentChange] = compare_scores(
        previous.scores if previous else None, profile.scores(), content
    )
    unchanged = settings.progress.unchanged_below
    return replace(
        base,
        headline=wording.headline(profile, content),
        component_lines=tuple(wording.component_lines(profile, org, content)),
        disagreement_intro=wording.disagreement_intro(profile),
        disagreement_lines=tuple(
            wording.disagreement_line(d, content) for d in profile.disagreements
        ),
        groups_line=wording.groups_line(profile),
        level_note=level_share_note(content),
        pathways=tuple(_pathway_views(advice)),
        consultation_propose=advice.consultation.propose,
        consultation_reasons=advice.consultation.reasons,
        consultation_message=advice.consultation.message,
        changes=tuple(change_text(c, unchanged) for c in changes),
        previous_date=previous.when.strftime("%d-%m-%Y") if previous else None,
        previous_kind=previous.kind if previous else None,
        repeat=repeat_suggestion(
            team.created_at.date(), settings.progress.repeat_after_months, team=True
        ),
    )


def _pathway_views(advice: TeamAdvice) -> List[PathwayView]:
    return [
        PathwayView(
            title=m.pathway.title,
            reason=m.reason,
            steps=list(m.pathway.steps),
            resources=[(r.title, r.url) for r in m.pathway.resources if r.url],
            chat_text=pathway_text(m),
        )
        for m in advice.matches
    ]


def team_chart_png(profile: TeamProfile, content: Content) -> bytes:
    """The team radar: team mean, one line per shown role group, and the sector figures."""
    if not profile.visible:
        raise ValueError("the team profile is not visible yet")
    bench = content.model.benchmark
    components = [c.id for c in content.model.components]
    sector = {
        index: bench.component_means[c]
        for index, c in enumerate(components)
        if c in bench.component_means
    }
    return render_team_radar(
        labels=[c.name for c in content.model.components],
        team=(
            f"Team ({wording.colleagues(profile.respondents)})",
            [profile.component(c).mean for c in components],
        ),
        groups=[
            (f"{line.group.chart_label} ({line.count})", [line.means[c] for c in components])
            for line in profile.groups
        ],
        sector=sector,
        sector_label=f"Sector ({source_label(bench)})",
    )
