"""Schema for answer_phrases.yml (free-text answer lexicon)."""

from __future__ import annotations

import re
from typing import Dict, List

from pydantic import Field, validator

from bot.content.schema import StrictModel


class ValuePhrases(StrictModel):
    strong: List[str] = []
    weak: List[str] = []


class AnswerPhrases(StrictModel):
    unknown: List[str] = Field(..., min_items=1)
    unknown_patterns: List[str] = []
    intensifiers: List[str] = []
    hedges: List[str] = []
    values: Dict[int, ValuePhrases]
    number_words: Dict[str, int]

    @validator("unknown_patterns", each_item=True)
    def compiles(cls, value: str) -> str:
        try:
            re.compile(value)
        except re.error as exc:
            raise ValueError(f"pattern '{value}' is not a valid regular expression: {exc}") from exc
        return value

    @validator("values")
    def one_to_five(cls, value: Dict[int, ValuePhrases]) -> Dict[int, ValuePhrases]:
        if sorted(value) != [1, 2, 3, 4, 5]:
            raise ValueError("values must have the keys 1 to 5")
        seen: Dict[str, int] = {}
        for number, phrases in value.items():
            for phrase in phrases.strong + phrases.weak:
                if phrase in seen:
                    raise ValueError(
                        f"phrase '{phrase}' is listed under {seen[phrase]} and {number}"
                    )
                seen[phrase] = number
        return value

    @validator("number_words")
    def in_range(cls, value: Dict[str, int]) -> Dict[str, int]:
        for word, number in value.items():
            if not 1 <= number <= 5:
                raise ValueError(f"number word '{word}' maps to {number}, outside 1-5")
        return value
