"""Schema for answer_reading.yml (explicit scores and the answer model's decision thresholds)."""

from __future__ import annotations

from typing import Dict, List

from pydantic import Field, root_validator, validator

from bot.content.schema import StrictModel


class Thresholds(StrictModel):
    take: float = Field(..., gt=0, le=1)
    pair: float = Field(..., gt=0, le=1)
    offer: float = Field(..., gt=0, le=1)
    not_an_answer: float = Field(..., gt=0, le=1)

    @root_validator(skip_on_failure=True)
    def ordered(cls, values: dict) -> dict:
        if values["offer"] > values["take"]:
            raise ValueError("offer must not be above take: a value worth taking is worth offering")
        return values


class AnswerReading(StrictModel):
    ten_point_scale: Dict[int, int]
    percent_scale: Dict[int, int]
    number_words: Dict[str, int]
    score_fillers: List[str] = []
    thresholds: Thresholds  # answers to statements (1-5)
    profile_thresholds: Thresholds  # answers to the profile's choice questions

    @validator("ten_point_scale")
    def covers_ten(cls, value: Dict[int, int]) -> Dict[int, int]:
        if sorted(value) != list(range(0, 11)) or not set(value.values()) <= {1, 2, 3, 4, 5}:
            raise ValueError("ten_point_scale must map every mark 0-10 onto 1-5")
        return value

    @validator("percent_scale")
    def covers_percent(cls, value: Dict[int, int]) -> Dict[int, int]:
        if max(value) != 100 or sorted(value.values()) != [1, 2, 3, 4, 5]:
            raise ValueError("percent_scale must end at 100 and map onto 1-5 once each")
        return value

    @validator("number_words")
    def number_range(cls, value: Dict[str, int]) -> Dict[str, int]:
        for word, number in value.items():
            if not 0 <= number <= 10:
                raise ValueError(f"number word '{word}' maps to {number}, outside 0-10")
        return value
