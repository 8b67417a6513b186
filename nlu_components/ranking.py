"""Combine the intent rankings of several classifiers into one (plain Python, no Rasa import)."""

from __future__ import annotations

from typing import Dict, List, Sequence

Ranking = List[Dict[str, object]]  # [{"name": "greet", "confidence": 0.93}, ...]


def average_rankings(rankings: Sequence[Ranking], length: int = 10) -> Ranking:
    """Mean confidence per intent over all rankings, best first, at most `length` entries.

    An intent missing from a ranking counts as confidence 0 there, so a model that did not rank
    it pulls the mean down. Ties are broken by name, so the result does not depend on the order
    in which the models answered. `length` 0 keeps every intent.
    """
    if not rankings:
        return []
    totals: Dict[str, float] = {}
    for ranking in rankings:
        for entry in ranking:
            name = str(entry["name"])
            totals[name] = totals.get(name, 0.0) + float(entry["confidence"])  # type: ignore[arg-type]
    averaged = [
        {"name": name, "confidence": total / len(rankings)} for name, total in totals.items()
    ]
    averaged.sort(key=lambda entry: (-float(entry["confidence"]), str(entry["name"])))
    return averaged[:length] if length > 0 else averaged
