"""Compare a scan with the DEN Dashboard figures, naming source and year, inventing nothing."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from bot.assessment.profile import Profile
from bot.assessment.scoring import ComponentScore
from bot.content.schema import BenchmarkDef
from bot.text import benchmark_score


@dataclass(frozen=True)
class Comparison:
    component: str
    sector_mean: Optional[float]
    size_class_mean: Optional[float]
    size_class: Optional[str]

    @property
    def has_figures(self) -> bool:
        return self.sector_mean is not None


def compare(score: ComponentScore, profile: Profile, benchmark: BenchmarkDef) -> Comparison:
    by_size = benchmark.size_class_means.get(score.component, {})
    size_mean = by_size.get(profile.size_class) if profile.size_class else None
    return Comparison(
        component=score.component,
        sector_mean=benchmark.component_means.get(score.component),
        size_class_mean=size_mean,
        size_class=profile.size_class if size_mean is not None else None,
    )


def source_label(benchmark: BenchmarkDef) -> str:
    return f"{benchmark.source}, stand {benchmark.year}"


def describe(comparison: Comparison, benchmark: BenchmarkDef) -> str:
    """One Dutch sentence on how the sector scores on this component."""
    if not comparison.has_figures:
        return "Voor dit onderdeel heb ik geen sectorcijfer."
    sentence = f"In de sector is dat gemiddeld {benchmark_score(comparison.sector_mean)}"  # type: ignore
    if comparison.size_class_mean is not None:
        sentence += (
            f", bij organisaties van {comparison.size_class} fte "
            f"{benchmark_score(comparison.size_class_mean)}"
        )
    return f"{sentence} ({source_label(benchmark)})."
