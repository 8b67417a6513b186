"""Dutch texts for the team scan: the invitation, the status, and the team profile lines."""

from __future__ import annotations

from typing import List, Optional

from bot.assessment import benchmark
from bot.assessment.profile import Profile
from bot.assessment.scoring import ComponentScore
from bot.content.loader import Content
from bot.team.codes import display
from bot.team.profile import Disagreement, TeamProfile
from bot.text import score


def invitation(code: str, organisation: Optional[str], chat_url: str) -> str:
    """A short text the initiator can paste into e-mail, Teams, WhatsApp or a note."""
    whose = f" van {organisation}" if organisation else ""
    return (
        f"Doe je mee met onze teamscan{whose}? Met de scan van DEN kijken we samen hoe digitaal "
        "we werken. Je beantwoordt 20 korte stellingen; dat duurt ongeveer 10 minuten. "
        "Niemand ziet jouw antwoorden apart: alleen gemiddelden van minstens twee collega's. "
        f"Ga naar {chat_url} en typ: teamcode {display(code)}"
    )


def colleagues(count: int) -> str:
    return "1 collega" if count == 1 else f"{count} collega's"


def status(respondents: int, needed: int) -> str:
    """How far the team is, before the profile can be shown."""
    if respondents == 0:
        done = "Nog niemand heeft de teamscan ingevuld."
    else:
        verb = "heeft" if respondents == 1 else "hebben"
        done = f"Tot nu toe {verb} {colleagues(respondents)} de teamscan ingevuld."
    return (
        f"{done} Ik laat het teamprofiel zien zodra er minstens {needed} collega's "
        f"hebben meegedaan. Dat is om ieders antwoorden te beschermen."
    )


def ready() -> str:
    return "Het teamprofiel is klaar: vraag 'laat het teamprofiel zien'."


def headline(profile: TeamProfile, content: Content) -> str:
    result = profile.result
    text = f"Teamprofiel op basis van {colleagues(profile.respondents)}."
    if result is None or result.overall_level is None:
        return text + " Er zijn te weinig antwoorden voor een totaalbeeld."
    text += (
        f" Samen komen jullie uit op {score(result.overall_mean)} van 5: "  # type: ignore[arg-type]
        f"niveau {result.overall_level.number} {result.overall_level.name}."
    )
    if result.weakest:
        text += f" Het zwakste onderdeel is {content.component_name(result.weakest)}."
    return text


def component_lines(profile: TeamProfile, org: Profile, content: Content) -> List[str]:
    """One line per component: mean, level, spread between colleagues, count, sector figure."""
    lines = []
    bench = content.model.benchmark
    for item in profile.components:
        if item.mean is None or item.level is None:
            lines.append(f"{item.name}: te weinig antwoorden voor een score.")
            continue
        text = (
            f"{item.name}: gemiddeld {score(item.mean)} van 5, "
            f"niveau {item.level.number} {item.level.name}."
        )
        if item.spread is not None:
            text += (
                f" De scores van collega's liggen {score(item.spread)} punt uit elkaar "
                f"({colleagues(item.count)})."
            )
        as_score = ComponentScore(item.component, item.name, item.mean, item.level, 0, 0, 0)
        text += " " + benchmark.describe(benchmark.compare(as_score, org, bench), bench)
        lines.append(text)
    return lines


def disagreement_line(item: Disagreement, content: Content) -> str:
    """ "Over '<statement>' (Strategie & budget) denken jullie verschillend. ..." """
    component = content.component_name(item.statement.component)
    intro = f"Over '{item.statement.text}' ({component}) denken jullie verschillend."
    if item.kind == "groups":
        high = item.high_label[:1].upper() + item.high_label[1:]
        return (
            f"{intro} {high} geeft gemiddeld {score(item.high)} van 5, "
            f"{item.low_label} gemiddeld {score(item.low)}."
        )
    labels = {o.value: o.label.lower() for o in content.questions.scale}
    return (
        f"{intro} De antwoorden lopen uiteen van {int(item.low)} ({labels[int(item.low)]}) "
        f"tot {int(item.high)} ({labels[int(item.high)]})."
    )


def disagreement_intro(profile: TeamProfile) -> str:
    if not profile.disagreements:
        return "Jullie antwoorden liggen bij geen enkele stelling ver uit elkaar."
    return "Hier verschillen de meningen in jullie team het meest:"


def groups_line(profile: TeamProfile) -> str:
    """Which role groups have their own line, and that smaller groups still count."""
    if profile.groups:
        shown = ", ".join(f"{line.group.label} ({line.count})" for line in profile.groups)
        text = f"Rolgroepen met een eigen lijn: {shown}."
    else:
        text = "Geen rolgroep heeft genoeg collega's voor een eigen lijn."
    if profile.ungrouped:
        text += (
            f" {colleagues(profile.ungrouped).capitalize()} uit kleinere rolgroepen "
            + (
                "telt mee in het gemiddelde, maar krijgt"
                if profile.ungrouped == 1
                else "tellen mee in het gemiddelde, maar krijgen"
            )
            + " geen eigen lijn, zodat niemand herkenbaar is."
        )
    return text
