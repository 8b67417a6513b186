"""How the assistant fares with typed answers: shared by the CV, calibration and report scripts.

Every answer gets one outcome, seen from the user:

- right_at_once: taken as is and right (or, for a non-answer, treated as one);
- wrong_unchecked: taken as is and wrong (a wrong value in the profile: the costly kind);
- right_after_check: offered back ("Bedoel je ...?") with the right value among the offer;
- wrong_checked: offered back without the right value (the user says no and picks a button);
- missed: not understood, or a real answer treated as no answer (the question is asked again).

"Right" allows the rater's tolerance: the value, or its `also` neighbour.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Dict, Iterable, List, Optional, Sequence

from bot.assessment.reading import Decision, Reading
from bot.content.answers_schema import NONE

OUTCOMES = ("right_at_once", "wrong_unchecked", "right_after_check", "wrong_checked", "missed")


@dataclass(frozen=True)
class Case:
    question: str
    text: str
    label: str
    also: Optional[str] = None


def outcome(reading: Reading, case: Case) -> str:
    right = {case.label} | ({case.also} if case.also else set())
    if reading.decision is Decision.TAKE:
        return (
            "right_at_once" if reading.label in right and case.label != NONE else "wrong_unchecked"
        )
    if reading.decision is Decision.NOT_AN_ANSWER:
        return "right_at_once" if case.label == NONE else "missed"
    if reading.decision is Decision.OFFER_ONE:
        return "right_after_check" if reading.label in right else "wrong_checked"
    if reading.decision is Decision.OFFER_PAIR:
        return "right_after_check" if right & set(reading.pair) else "wrong_checked"
    return "missed"


def totals(outcomes: Sequence[str]) -> Dict[str, float]:
    n = len(outcomes) or 1
    counts = {name: sum(1 for o in outcomes if o == name) for name in OUTCOMES}
    taken = counts["right_at_once"] + counts["wrong_unchecked"]
    return {
        "n": len(outcomes),
        **counts,
        "right_at_once_rate": counts["right_at_once"] / n,
        "wrong_unchecked_rate": counts["wrong_unchecked"] / n,
        "wrong_of_taken": counts["wrong_unchecked"] / taken if taken else 0.0,
        "right_within_one_check_rate": (counts["right_at_once"] + counts["right_after_check"]) / n,
    }


def top_label_right(probabilities: Dict[str, float], case: Case) -> bool:
    best = max(sorted(probabilities), key=lambda k: probabilities[k])
    return best in {case.label} | ({case.also} if case.also else set())


def bootstrap_interval(
    values: Sequence[float], samples: int = 2000, seed: int = 7
) -> tuple[float, float]:
    """95% interval of the mean of `values` (1.0/0.0 per case) by resampling cases."""
    rng = random.Random(seed)
    n = len(values)
    means = sorted(sum(values[rng.randrange(n)] for _ in range(n)) / n for _ in range(samples))
    return means[int(0.025 * samples)], means[int(0.975 * samples) - 1]


def paired_difference(
    a: Sequence[float], b: Sequence[float], samples: int = 2000, seed: int = 7
) -> tuple[float, float, float]:
    """B - A on the same cases: the observed difference and its 95% paired-bootstrap interval."""
    rng = random.Random(seed)
    n = len(a)
    diffs = []
    for _ in range(samples):
        idx = [rng.randrange(n) for _ in range(n)]
        diffs.append(sum(b[i] - a[i] for i in idx) / n)
    diffs.sort()
    return sum(b) / n - sum(a) / n, diffs[int(0.025 * samples)], diffs[int(0.975 * samples) - 1]


def as_cases(examples: Iterable) -> List[Case]:
    return [Case(e.question, e.text, e.label, e.also) for e in examples]
