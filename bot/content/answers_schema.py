"""Schema for the answer model's training data in bot/content/answers/*.yml.

One file per author (or per source, such as corrections from the improvement inbox). Each typed
answer names the value a careful rater gives it: 1-5, `unknown` ("weet ik niet") or `none` (not
an answer: a question, a remark, a request), with `also` for an equally right neighbour.
"""

from __future__ import annotations

from typing import Dict, List, Optional, Union

from pydantic import Field, root_validator, validator

from bot.content.schema import StrictModel

UNKNOWN = "unknown"
NONE = "none"
SPECIAL_LABELS = (UNKNOWN, NONE)
NON_ANSWER_KINDS = ("question", "remark", "request", "nonsense", "faq")


class TypedAnswer(StrictModel):
    text: str = Field(..., min_length=1, max_length=1000)
    value: Union[int, str]
    also: Optional[int] = None
    kind: Optional[str] = None

    @validator("value", pre=True)
    def known_value(cls, value: object) -> Union[int, str]:
        if isinstance(value, bool):
            raise ValueError("value must be 1-5, 'unknown' or 'none'")
        if isinstance(value, int) or (isinstance(value, str) and value.isdigit()):
            number = int(value)
            if not 1 <= number <= 5:
                raise ValueError(f"value {number} is outside 1-5")
            return number
        if value not in SPECIAL_LABELS:
            raise ValueError(f"value '{value}' must be 1-5, 'unknown' or 'none'")
        return str(value)

    @validator("kind")
    def known_kind(cls, value: Optional[str]) -> Optional[str]:
        if value is not None and value not in NON_ANSWER_KINDS:
            raise ValueError(f"kind '{value}' must be one of {', '.join(NON_ANSWER_KINDS)}")
        return value

    @root_validator(skip_on_failure=True)
    def neighbour_only(cls, values: dict) -> dict:
        also, value = values.get("also"), values["value"]
        if also is not None and (not isinstance(value, int) or abs(also - value) != 1):
            raise ValueError("also must be a neighbour (one apart) of a 1-5 value")
        return values


class ProfileAnswer(StrictModel):
    text: str = Field(..., min_length=1, max_length=1000)
    value: str
    kind: Optional[str] = None


class AnswerFile(StrictModel):
    author: str = Field(..., min_length=1)
    source: Optional[str] = None
    statements: Dict[str, List[TypedAnswer]] = {}
    profile: Dict[str, List[ProfileAnswer]] = {}
