"""Match free text to the options of a profile question ("we zijn een klein museum")."""

from __future__ import annotations

import re
from typing import Optional, Sequence

from bot.assessment.interpretation import normalise
from bot.content.schema import ChoiceOption, ProfileQuestion

_NUMBER = re.compile(r"\d+")


def match_option(question: ProfileQuestion, text: str) -> Optional[str]:
    """The option value the text names, or None when it names none or several."""
    plain = f" {normalise(text)} "
    for option in question.options:  # an exact value or label (buttons, copy-paste)
        if plain.strip() in (normalise(option.value), normalise(option.label)):
            return option.value
    special = _SPECIAL.get(question.id)
    if special:
        value = special(plain)
        if value:
            return value
    hits = {o.value for o in question.options if _mentions(plain, o)}
    return hits.pop() if len(hits) == 1 else None


def _mentions(plain: str, option: ChoiceOption) -> bool:
    terms = [option.label, *option.synonyms]
    return any(f" {normalise(term)} " in plain for term in terms if normalise(term))


def _size_class(plain: str) -> Optional[str]:
    numbers = [int(n) for n in _NUMBER.findall(plain)]
    about_people = any(word in plain for word in ("fte", "mensen", "medewerkers"))
    if not numbers or not (about_people or plain.strip().isdigit()):
        return None
    size = max(numbers)
    return _bucket(size, ((10, "1-10"), (50, "11-50"), (100, "51-100")), ">100")


def _timing(plain: str) -> Optional[str]:
    match = re.search(r"(\d+)\s*(maand|maanden|week|weken|jaar)", plain)
    if not match:
        return None
    amount, unit = int(match.group(1)), match.group(2)
    months = amount * 12 if unit == "jaar" else amount / 4.3 if unit.startswith("week") else amount
    return _bucket(months, ((6, "binnen_6_maanden"), (12, "6_12_maanden")), "later")


def _bucket(value: float, bounds: Sequence[tuple], above: str) -> str:
    for limit, label in bounds:
        if value <= limit:
            return label
    return above


_SPECIAL = {"size_class": _size_class, "strategic_timing": _timing}
