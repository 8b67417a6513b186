"""Answer sets for team tests: every statement the same value, with a few exceptions."""

from __future__ import annotations

from typing import Dict, Optional

from bot.content import get_content
from bot.team.config import get_team_settings
from bot.team.profile import Respondent

CONTENT = get_content()
SETTINGS = get_team_settings()
IDS = [s.id for s in CONTENT.questions.statements]
BY_COMPONENT = {
    c.id: [s.id for s in CONTENT.questions.statements if s.component == c.id]
    for c in CONTENT.model.components
}


def answers(value: Optional[int], **overrides: Optional[int]) -> Dict[str, Optional[int]]:
    given: Dict[str, Optional[int]] = {i: value for i in IDS}
    given.update(overrides)
    return given


def component(values: Dict[str, list], default: Optional[int] = 3) -> Dict[str, Optional[int]]:
    """Answers per component, e.g. {"strategie_budget": [4, 4, None, "skip"]}; rest = default."""
    given: Dict[str, Optional[int]] = {i: default for i in IDS}
    for name, items in values.items():
        for statement, item in zip(BY_COMPONENT[name], items, strict=True):
            if item == "skip":
                given.pop(statement)
            else:
                given[statement] = item
    return given


def person(role: Optional[str], value: Optional[int] = 3, **overrides) -> Respondent:
    return Respondent(role=role, answers=answers(value, **overrides))
