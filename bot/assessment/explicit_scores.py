"""Explicit scores in a typed answer: "3", "drie", "4/5", "een 8", "zo'n 6 op 10", "80 procent".

Only a short reply that is nothing but a score (and a few filler words, answer_reading.yml) is
read by rule; "we zijn met 3 mensen" or "sinds 2019" are left to the answer model. A bare 1-5
(also "een 4") is a value on the scan's own scale, which the buttons show; "N/10", "N op 10" and
6-10 ("een 8") are marks out of ten; a percentage is a share. The mapping onto 1-5 is content
(answer_reading.yml).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Optional

from bot.assessment.answer_features import normalise
from bot.content.answer_reading_schema import AnswerReading
from bot.content.loader import CONTENT_DIR, read_yaml

MAX_WORDS = 8
_SCORE = re.compile(
    r"^(?P<article>een |n )?(?P<number>\d{1,3}(?:[.,]\d)?)\s*"
    r"(?:(?P<out_of>/|op|van de|van|uit)\s*(?P<scale>\d{1,3})|(?P<percent>procent))?$"
)


@lru_cache(maxsize=1)
def reading_content() -> AnswerReading:
    return read_yaml(CONTENT_DIR / "answer_reading.yml", AnswerReading)


def _core(text: str, reading: AnswerReading) -> Optional[str]:
    plain = re.sub(r"[^a-z0-9'/.,\s]", " ", normalise(text))
    plain = re.sub(r"(?<!\d)[.,]|[.,](?!\d)", " ", plain)
    words = plain.split()
    if not words or len(words) > MAX_WORDS:
        return None
    if len(words) == 1 and reading.number_words.get(words[0]) == 1:
        return "1"  # "een", "eentje" alone
    # "een" before a number is the article of a school mark ("een 8"), not the number one.
    words = [
        w if reading.number_words.get(w) == 1 else str(reading.number_words.get(w, w))
        for w in words
    ]
    fillers = {normalise(f) for f in reading.score_fillers} - {
        "een",
        "n",
        "procent",
        "op",
        "van",
        "uit",
        "de",
    }
    kept = [w for w in words if w not in fillers]
    core = " ".join(kept)
    core = re.sub(r"(\d)\s*/\s*(\d)", r"\1/\2", core)
    core = re.sub(r"^(?:een |n )+(?=een |n )", "", core)
    return core or None


def explicit_score(text: str) -> Optional[int]:
    """The 1-5 value a reply that is only a score stands for, else None."""
    reading = reading_content()
    core = _core(text, reading)
    if core is None:
        return None
    match = _SCORE.match(core)
    if not match:
        return None
    number = float(match.group("number").replace(",", "."))
    if match.group("percent"):
        return _percent(number, reading)
    scale = match.group("scale")
    if scale is not None:
        return _out_of(number, int(scale), reading)
    if number > 5:  # "een 8", "7": a school mark; the buttons show 1-5, so "een 4" is a 4
        return _out_of(number, 10, reading)
    if number == int(number) and 1 <= number <= 5:
        return int(number)
    return None


def _out_of(number: float, scale: int, reading: AnswerReading) -> Optional[int]:
    if scale == 5 and 1 <= number <= 5:
        return int(number + 0.5)
    if scale == 10 and 0 <= number <= 10:
        return reading.ten_point_scale[int(number + 0.5)]
    if scale == 100 and 0 <= number <= 100:
        return _percent(number, reading)
    return None


def _percent(number: float, reading: AnswerReading) -> Optional[int]:
    if not 0 <= number <= 100:
        return None
    return next(value for bound, value in sorted(reading.percent_scale.items()) if number <= bound)
