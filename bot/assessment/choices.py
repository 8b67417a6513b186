"""Rules for the profile's choice questions, for replies that name an option outright.

A reply that is exactly an option's value, label or synonym (a button typed or pasted, "museum")
and a number of staff or months ("ongeveer 25 fte", "over 3 maanden") are read by rule; every
other reply goes to the answer model (bot/assessment/reading.py).
"""

from __future__ import annotations

import re
from typing import Optional, Sequence

from bot.content.schema import ProfileQuestion
from bot.text import normalise

_NUMBER = re.compile(r"\d+")


def exact_option(question: ProfileQuestion, text: str) -> Optional[str]:
    """The option whose value, label or synonym is the whole reply, else None."""
    plain = normalise(text)
    if not plain:
        return None
    for option in question.options:
        if plain in {normalise(t) for t in (option.value, option.label, *option.synonyms)}:
            return option.value
    return None


def number_option(question: ProfileQuestion, text: str) -> Optional[str]:
    """The option a stated number falls in: staff for size_class, months for the timing."""
    special = _SPECIAL.get(question.id)
    return special(f" {normalise(text)} ") if special else None


_STAFF = re.compile(r"(\d+)\s*(?:fte|mensen|medewerkers|personeelsleden|collega's|man)\b")


def _size_class(plain: str) -> Optional[str]:
    """Staff, not volunteers: "60 fte, plus 200 vrijwilligers" is 51-100."""
    staff = [int(n) for n in _STAFF.findall(plain)]
    if not staff and plain.strip().isdigit():
        staff = [int(plain.strip())]
    if not staff:
        return None
    size = max(staff)
    return _bucket(size, ((10, "1-10"), (50, "11-50"), (100, "51-100")), ">100")


def _timing(plain: str) -> Optional[str]:
    match = re.search(r"(\d+)\s*(maand|maanden|week|weken|jaar)", plain)
    if not match:
        return None
    amount, unit = int(match.group(1)), match.group(2)
    months = amount * 12 if unit == "jaar" else amount / 4.3 if unit.startswith("we") else amount
    return _bucket(months, ((6, "binnen_6_maanden"), (12, "6_12_maanden")), "later")


def _bucket(value: float, bounds: Sequence[tuple], above: str) -> str:
    for limit, label in bounds:
        if value <= limit:
            return label
    return above


_SPECIAL = {"size_class": _size_class, "strategic_timing": _timing}
