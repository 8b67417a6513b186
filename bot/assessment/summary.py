"""Plain-Dutch summary of a scan result for the chat and the results page."""

from __future__ import annotations

from dataclasses import dataclass
from typing import List, Optional, Tuple

from bot.assessment import benchmark
from bot.assessment.profile import Profile
from bot.assessment.scoring import ScanResult
from bot.content.loader import Content
from bot.text import score


@dataclass(frozen=True)
class ComponentLine:
    component: str
    name: str
    text: str  # what the chat shows
    benchmark_text: str


def component_lines(result: ScanResult, profile: Profile, content: Content) -> List[ComponentLine]:
    lines = []
    model_benchmark = content.model.benchmark
    for item in result.components:
        if item.sufficient:
            level = item.level
            text = (
                f"{item.name}: {score(item.mean)} van 5, niveau {level.number} {level.name}. "  # type: ignore
                f"{level.description}"  # type: ignore[union-attr]
            )
        else:
            text = (
                f"{item.name}: te weinig antwoorden voor een score "
                f"({item.answered} van {item.total} beantwoord)."
            )
        comparison = benchmark.compare(item, profile, model_benchmark)
        lines.append(
            ComponentLine(
                component=item.component,
                name=item.name,
                text=text,
                benchmark_text=benchmark.describe(comparison, model_benchmark),
            )
        )
    return lines


def headline(result: ScanResult, content: Content) -> str:
    if result.overall_level is None:
        return "Er zijn te weinig antwoorden om een totaalbeeld te geven."
    text = (
        f"Gemiddeld komen jullie uit op {score(result.overall_mean)} van 5: "  # type: ignore
        f"niveau {result.overall_level.number} {result.overall_level.name}."
    )
    if result.weakest:
        text += f" Het zwakste onderdeel is {content.component_name(result.weakest)}."
    if result.spread is not None and result.spread >= 1.5:
        text += (
            f" De verschillen tussen onderdelen zijn groot ({score(result.spread)} punt)."
            " Dat vraagt om een aanpak voor de hele organisatie."
        )
    return text


def level_share_note(content: Content) -> str:
    shares = content.model.benchmark.level_shares
    parts = [f"{pct}% op niveau {name}" for name, pct in shares.items()]
    bench = content.model.benchmark
    return (
        f"Ter vergelijking: van de {bench.respondents} mensen die de DEN-scan invulden, zit "
        f"{' en '.join(parts)} ({benchmark.source_label(bench)}). {bench.caveat}"
    )


def changes_since(
    result: ScanResult, previous_scores: Optional[dict]
) -> List[Tuple[str, float, float]]:
    """(component name, before, now) for components scored both times."""
    if not previous_scores:
        return []
    changes = []
    for item in result.components:
        before = previous_scores.get(item.component)
        if item.mean is not None and before is not None:
            changes.append((item.name, float(before), item.mean))
    return changes
