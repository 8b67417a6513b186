"""Team scan settings from team.yml, validated when loaded (errors name the file and the field)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Dict, List, Optional, Tuple

from pydantic import Field, root_validator, validator

from bot.content.loader import Content, ContentError, get_content, read_yaml
from bot.content.schema import StrictModel

TEAM_FILE = Path(__file__).resolve().parent / "team.yml"
ROLE_QUESTION = "role"


class RoleGroup(StrictModel):
    id: str = Field(..., regex=r"^[a-z][a-z0-9_]*$")
    label: str = Field(..., min_length=1)
    chart_label: str = Field(..., min_length=1)
    roles: List[str] = Field(..., min_items=1)


class DisagreementSettings(StrictModel):
    group_gap: float = Field(..., gt=0, le=4)
    respondent_range: float = Field(..., gt=0, le=4)
    max_statements: int = Field(..., ge=1, le=20)
    large_component_spread: float = Field(..., gt=0, le=4)


class ProgressSettings(StrictModel):
    unchanged_below: float = Field(..., ge=0, le=4)
    repeat_after_months: Tuple[int, int]

    @validator("repeat_after_months")
    def ordered(cls, value: Tuple[int, int]) -> Tuple[int, int]:
        if not 1 <= value[0] <= value[1] <= 36:
            raise ValueError("give two month counts, the first not larger than the second")
        return value


class SectorSettings(StrictModel):
    min_organisations: int = Field(..., ge=2)


class TeamSettings(StrictModel):
    min_respondents: int = Field(..., ge=2)
    min_role_group_size: int = Field(..., ge=1)
    open_days: int = Field(..., ge=1, le=366)
    role_groups: List[RoleGroup] = Field(..., min_items=2)
    disagreement: DisagreementSettings
    progress: ProgressSettings
    sector: SectorSettings

    @root_validator(skip_on_failure=True)
    def each_role_once(cls, values: dict) -> dict:
        seen: Dict[str, str] = {}
        ids = [g.id for g in values["role_groups"]]
        if len(ids) != len(set(ids)):
            raise ValueError(f"duplicate role group ids: {ids}")
        for group in values["role_groups"]:
            for role in group.roles:
                if role in seen:
                    raise ValueError(f"role '{role}' is in both '{seen[role]}' and '{group.id}'")
                seen[role] = group.id
        return values

    def group_of(self, role: Optional[str]) -> Optional[RoleGroup]:
        return next((g for g in self.role_groups if role in g.roles), None)


def check_roles(settings: TeamSettings, content: Content, path: Path = TEAM_FILE) -> None:
    """Every role option of the scan is in a group, and every group names real role options."""
    question = next(q for q in content.questions.profile if q.id == ROLE_QUESTION)
    options = {o.value for o in question.options}
    grouped = {role for group in settings.role_groups for role in group.roles}
    unknown = sorted(grouped - options)
    missing = sorted(options - grouped)
    if unknown:
        raise ContentError(f"{path}: role_groups name unknown roles: {', '.join(unknown)}")
    if missing:
        raise ContentError(f"{path}: roles without a role group: {', '.join(missing)}")


def load_team_settings(path: Path = TEAM_FILE, content: Optional[Content] = None) -> TeamSettings:
    settings = read_yaml(path, TeamSettings)
    check_roles(settings, content or get_content(), path)
    return settings


@lru_cache(maxsize=1)
def get_team_settings() -> TeamSettings:
    return load_team_settings()
