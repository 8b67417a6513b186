"""Schemas for the content YAML files. Validation errors name the field that is wrong."""

from __future__ import annotations

from typing import Dict, List, Optional

from pydantic import BaseModel, Field, root_validator, validator

COMPONENT_IDS = (
    "strategie_budget",
    "cultuur_competenties",
    "publiek_waarde",
    "data_technologie",
    "processen_structuur",
)


class StrictModel(BaseModel):
    class Config:
        extra = "forbid"
        allow_mutation = False


class ComponentDef(StrictModel):
    id: str
    name: str = Field(..., min_length=1)
    short: str = Field(..., min_length=1)

    @validator("id")
    def known_component(cls, value: str) -> str:
        if value not in COMPONENT_IDS:
            raise ValueError(
                f"unknown component '{value}'; expected one of {', '.join(COMPONENT_IDS)}"
            )
        return value


class LevelDef(StrictModel):
    number: int = Field(..., ge=1, le=5)
    name: str = Field(..., min_length=1)
    min_score: float = Field(..., ge=1.0, le=5.0)
    description: str = Field(..., min_length=1)


class BenchmarkDef(StrictModel):
    source: str = Field(..., min_length=1)
    year: int = Field(..., ge=2000, le=2100)
    url: str = Field(..., regex=r"^https?://\S+$")
    respondents: int = Field(..., gt=0)
    caveat: str
    component_means: Dict[str, float]
    size_class_means: Dict[str, Dict[str, float]] = {}
    level_shares: Dict[str, int] = {}

    @validator("component_means", "size_class_means")
    def known_components(cls, value: dict) -> dict:
        for key in value:
            if key not in COMPONENT_IDS:
                raise ValueError(f"unknown component '{key}'")
        return value


class MaturityModel(StrictModel):
    components: List[ComponentDef]
    min_answers_per_component: int = Field(..., ge=1)
    levels: List[LevelDef]
    benchmark: BenchmarkDef

    @validator("components")
    def all_five(cls, value: List[ComponentDef]) -> List[ComponentDef]:
        ids = [c.id for c in value]
        if sorted(ids) != sorted(COMPONENT_IDS):
            raise ValueError(f"need each of the five components exactly once, got {ids}")
        return value

    @validator("levels")
    def ascending(cls, value: List[LevelDef]) -> List[LevelDef]:
        if [lvl.number for lvl in value] != [1, 2, 3, 4, 5]:
            raise ValueError("levels must be numbered 1 to 5 in order")
        if value[0].min_score != 1.0:
            raise ValueError("the first level must start at 1.0")
        scores = [lvl.min_score for lvl in value]
        if scores != sorted(set(scores)):
            raise ValueError("min_score must rise strictly from level to level")
        return value

    @root_validator(skip_on_failure=True)
    def level_names_known(cls, values: dict) -> dict:
        names = {lvl.name for lvl in values["levels"]}
        for name in values["benchmark"].level_shares:
            if name not in names:
                raise ValueError(f"benchmark.level_shares names unknown level '{name}'")
        return values


class ScaleOption(StrictModel):
    value: int = Field(..., ge=1, le=5)
    label: str = Field(..., min_length=1)


class ChoiceOption(StrictModel):
    value: str = Field(..., min_length=1)
    label: str = Field(..., min_length=1)
    synonyms: List[str] = []


class Condition(StrictModel):
    question: str
    not_in: List[str]


class ProfileQuestion(StrictModel):
    id: str = Field(..., regex=r"^[a-z][a-z0-9_]*$")
    kind: str
    text: str = Field(..., min_length=1)
    explanation: str = Field(..., min_length=1)
    options: List[ChoiceOption] = []
    only_if: Optional[Condition] = None

    @root_validator(skip_on_failure=True)
    def options_match_kind(cls, values: dict) -> dict:
        kind = values["kind"]
        if kind not in ("text", "choice"):
            raise ValueError(f"kind must be 'text' or 'choice', got '{kind}'")
        if kind == "choice" and len(values["options"]) < 2:
            raise ValueError("a choice question needs at least two options")
        return values


class Statement(StrictModel):
    id: str = Field(..., regex=r"^[a-z][a-z0-9_]*$")
    component: str
    text: str = Field(..., min_length=1)
    explanation: str = Field(..., min_length=1)

    @validator("component")
    def known_component(cls, value: str) -> str:
        if value not in COMPONENT_IDS:
            raise ValueError(f"unknown component '{value}'")
        return value


class OpenQuestion(StrictModel):
    id: str = Field(..., regex=r"^[a-z][a-z0-9_]*$")
    text: str = Field(..., min_length=1)
    explanation: str = Field(..., min_length=1)


class QuestionSet(StrictModel):
    scale: List[ScaleOption]
    unknown_label: str
    profile: List[ProfileQuestion]
    statements: List[Statement]
    open_questions: List[OpenQuestion] = []

    @validator("scale")
    def one_to_five(cls, value: List[ScaleOption]) -> List[ScaleOption]:
        if [o.value for o in value] != [1, 2, 3, 4, 5]:
            raise ValueError("the scale must list the values 1 to 5 in order")
        return value

    @root_validator(skip_on_failure=True)
    def unique_ids_and_conditions(cls, values: dict) -> dict:
        ids = [q.id for q in values["profile"]] + [s.id for s in values["statements"]]
        ids += [q.id for q in values["open_questions"]]
        duplicates = sorted({i for i in ids if ids.count(i) > 1})
        if duplicates:
            raise ValueError(f"duplicate question ids: {', '.join(duplicates)}")
        seen: set = set()
        for question in values["profile"]:
            if question.only_if and question.only_if.question not in seen:
                raise ValueError(
                    f"question '{question.id}' depends on '{question.only_if.question}', "
                    "which must come earlier"
                )
            seen.add(question.id)
        for component in COMPONENT_IDS:
            if not any(s.component == component for s in values["statements"]):
                raise ValueError(f"no statements for component '{component}'")
        return values
