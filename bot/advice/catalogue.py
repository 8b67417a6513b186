"""Schema and loader for bot/content/pathways.yml, the catalogue of advice pathways.

A pathway carries one or more trigger rules. A rule names the slot ("role") it can fill in the
advice and the conditions under which it fits; all conditions of a rule must hold, and a pathway
fits a slot when any of its rules for that slot holds. Evaluation lives in bot.advice.triggers;
the slot logic lives in bot.advice.matcher.

Errors name the file, the pathway id and the field, like the other content files.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from string import Formatter
from typing import Dict, List, Optional, Sequence, Set

from pydantic import Field, root_validator, validator

from bot.content.loader import CONTENT_DIR, Content, ContentError, get_content, read_yaml
from bot.content.schema import COMPONENT_IDS, StrictModel

PATHWAYS_FILE = CONTENT_DIR / "pathways.yml"

# The slots of an advice, in the order they are shown (see bot.advice.matcher).
ROLES = ("foundation", "integral", "weakest", "quick_win", "compliance")
# What a pathway mainly is; descriptive, except that "sector" pathways must be profile-bound.
KINDS = ("integral", "foundation", "weakest", "quick_win", "compliance", "sector", "moment")
# Profile flags a rule can ask for; each maps to a property of bot.assessment.profile.Profile.
PROFILE_FLAGS = ("heritage", "performing_arts", "small", "no_structural_funding")

ID_PATTERN = r"^p[0-9]{2}_[a-z][a-z0-9_]*$"
URL_PATTERN = re.compile(r"^https://[A-Za-z0-9.-]+\.[A-Za-z]{2,}(/\S*)?$")
SENTENCE_BREAK = re.compile(r"[.!?]\s")

# Placeholders a why-template may use, and what a rule needs before it may use them.
ALWAYS = frozenset({"overall", "overall_level"})
WITH_COMPONENT = frozenset({"component", "score", "level", "benchmark"})


def _unknown(what: str, value: str, expected: Sequence[str]) -> str:
    return f"unknown {what} '{value}'; expected one of {', '.join(expected)}"


def placeholders(template: str) -> Set[str]:
    """The {names} in a template; format specs, conversions and attribute access are refused."""
    names = set()
    for _, name, spec, conversion in Formatter().parse(template):
        if name is None:
            continue
        if spec or conversion or not re.fullmatch(r"[a-z_]+", name):
            raise ValueError(f"placeholder '{{{name}}}' must be a plain name like {{score}}")
        names.add(name)
    return names


def check_template(template: str, allowed: Set[str]) -> str:
    """A why-text is one Dutch sentence using only the allowed placeholders."""
    unknown = sorted(placeholders(template) - allowed)
    if unknown:
        raise ValueError(
            f"unknown placeholder(s) {', '.join(unknown)}; "
            f"allowed here: {', '.join(sorted(allowed))}"
        )
    text = template.strip()
    if not text.endswith("."):
        raise ValueError("must be one sentence ending with '.'")
    if SENTENCE_BREAK.search(text[:-1]):
        raise ValueError("must be one sentence, found a sentence break inside")
    return template


class AnswerCondition(StrictModel):
    """A condition on one scan statement; "weet ik niet" is None, a skipped one is absent."""

    statement: str = Field(..., regex=r"^[a-z][a-z0-9_]*$")
    at_least: Optional[int] = Field(None, ge=1, le=5)
    at_most: Optional[int] = Field(None, ge=1, le=5)
    unknown: bool = False  # holds only when the answer was "weet ik niet"

    @root_validator(skip_on_failure=True)
    def one_kind_of_test(cls, values: dict) -> dict:
        bounded = values["at_least"] is not None or values["at_most"] is not None
        if values["unknown"] == bounded:
            raise ValueError("use either 'unknown: true' or at_least/at_most, not both or neither")
        low, high = values["at_least"], values["at_most"]
        if low is not None and high is not None and low > high:
            raise ValueError("at_least is above at_most")
        return values

    @property
    def numeric(self) -> bool:
        return not self.unknown


class ProfileCondition(StrictModel):
    """Conditions on the organisation profile; every listed part must hold."""

    flags_any: List[str] = []  # at least one of these flags holds
    moment_in: List[str] = []  # strategic_moment is one of these (values from questions.yml)
    timing_in: List[str] = []  # strategic_timing is one of these (values from questions.yml)

    @validator("flags_any", each_item=True)
    def known_flag(cls, value: str) -> str:
        if value not in PROFILE_FLAGS:
            raise ValueError(_unknown("profile flag", value, PROFILE_FLAGS))
        return value

    @root_validator(skip_on_failure=True)
    def not_empty(cls, values: dict) -> dict:
        if not (values["flags_any"] or values["moment_in"] or values["timing_in"]):
            raise ValueError("a profile condition needs flags_any, moment_in or timing_in")
        return values


class TriggerRule(StrictModel):
    role: str
    component: Optional[str] = None  # must be scored; the levels/scores below refer to it
    min_level: Optional[int] = Field(None, ge=1, le=5)
    max_level: Optional[int] = Field(None, ge=1, le=5)
    min_score: Optional[float] = Field(None, ge=1.0, le=5.0)
    max_score: Optional[float] = Field(None, ge=1.0, le=5.0)
    overall_max_level: Optional[int] = Field(None, ge=1, le=5)
    min_spread: Optional[float] = Field(None, gt=0.0, le=4.0)
    min_unscored: Optional[int] = Field(None, ge=1, le=5)
    answers: List[AnswerCondition] = []
    profile: Optional[ProfileCondition] = None
    why: str = Field(..., min_length=1)  # declared last: its validator reads the fields above

    @validator("role")
    def known_role(cls, value: str) -> str:
        if value not in ROLES:
            raise ValueError(_unknown("role", value, ROLES))
        return value

    @validator("component")
    def known_component(cls, value: Optional[str]) -> Optional[str]:
        if value is not None and value not in COMPONENT_IDS:
            raise ValueError(_unknown("component", value, COMPONENT_IDS))
        return value

    @validator("why")
    def why_fits_rule(cls, value: str, values: dict) -> str:
        allowed = set(ALWAYS)
        if values.get("component"):
            allowed |= WITH_COMPONENT
        if values.get("min_spread") is not None:
            allowed.add("spread")
        if any(a.numeric for a in values.get("answers") or []):
            allowed.add("answer")
        if values.get("min_unscored") is not None:
            allowed.add("unscored")
        profile = values.get("profile")
        if profile is not None and profile.moment_in:
            allowed.add("moment")
        return check_template(value, allowed)

    @root_validator(skip_on_failure=True)
    def coherent(cls, values: dict) -> dict:
        bounds = ("min_level", "max_level", "min_score", "max_score")
        if values["component"] is None and any(values[b] is not None for b in bounds):
            raise ValueError("levels and scores need a component")
        if values["role"] in ("weakest", "quick_win") and values["component"] is None:
            raise ValueError(f"a '{values['role']}' rule needs a component")
        for low, high in (("min_level", "max_level"), ("min_score", "max_score")):
            if values[low] is not None and values[high] is not None and values[low] > values[high]:
                raise ValueError(f"{low} is above {high}")
        conditions = (
            "component",
            "overall_max_level",
            "min_spread",
            "min_unscored",
            "answers",
            "profile",
        )
        if not any(values[c] for c in conditions):
            raise ValueError("a rule needs at least one condition")
        return values


class Resource(StrictModel):
    title: str = Field(..., min_length=1)
    url: Optional[str] = None  # None: offered inside this assistant (the consultation)

    @validator("url")
    def https_url(cls, value: Optional[str]) -> Optional[str]:
        if value is not None and not URL_PATTERN.match(value):
            raise ValueError(f"bad URL '{value}': use a full https:// address without spaces")
        return value


class Pathway(StrictModel):
    id: str = Field(..., regex=ID_PATTERN)
    title: str = Field(..., min_length=1)
    kind: str
    priority: int = Field(..., ge=1, le=99)  # lower wins when pathways compete for one slot
    components: List[str] = Field(..., min_items=1)
    steps: List[str] = Field(..., min_items=3, max_items=4)
    resources: List[Resource] = Field(..., min_items=1)
    triggers: List[TriggerRule] = Field(..., min_items=1)

    @validator("kind")
    def known_kind(cls, value: str) -> str:
        if value not in KINDS:
            raise ValueError(_unknown("kind", value, KINDS))
        return value

    @validator("components", each_item=True)
    def known_component(cls, value: str) -> str:
        if value not in COMPONENT_IDS:
            raise ValueError(_unknown("component", value, COMPONENT_IDS))
        return value

    @validator("steps", each_item=True)
    def step_text(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("a step needs text")
        return value

    @validator("resources")
    def one_link(cls, value: List[Resource]) -> List[Resource]:
        if not any(r.url for r in value):
            raise ValueError("at least one resource needs a url")
        return value

    @validator("triggers")
    def rules_fit_pathway(cls, value: List[TriggerRule], values: dict) -> List[TriggerRule]:
        components = values.get("components")  # None when that field failed on its own
        for index, rule in enumerate(value):
            if components is not None and rule.component and rule.component not in components:
                raise ValueError(
                    f"rule {index} uses component '{rule.component}', "
                    f"which is not in this pathway's components"
                )
            if values.get("kind") == "sector" and not (rule.profile and rule.profile.flags_any):
                raise ValueError(
                    f"rule {index}: a sector pathway needs a profile flag in every rule"
                )
        return value


class Fallback(StrictModel):
    """The pathway shown when no component could be scored."""

    pathway: str
    why: str

    @validator("why")
    def one_sentence(cls, value: str) -> str:
        return check_template(value, set())


class TopicTexts(StrictModel):
    """Why-texts for advice on a topic the user asked about, without a full scan."""

    with_score: str
    without_score: str

    @validator("with_score")
    def scored(cls, value: str) -> str:
        return check_template(value, {"component", "score", "level"})

    @validator("without_score")
    def unscored(cls, value: str) -> str:
        return check_template(value, {"component"})


class Catalogue(StrictModel):
    fallback: Fallback
    topic: TopicTexts
    pathways: List[Pathway]

    @validator("pathways")
    def unique_ids(cls, value: List[Pathway]) -> List[Pathway]:
        ids = [p.id for p in value]
        duplicates = sorted({i for i in ids if ids.count(i) > 1})
        if duplicates:
            raise ValueError(f"duplicate pathway id(s): {', '.join(duplicates)}")
        return value

    @root_validator(skip_on_failure=True)
    def fallback_exists(cls, values: dict) -> dict:
        if values["fallback"].pathway not in {p.id for p in values["pathways"]}:
            raise ValueError(f"fallback.pathway '{values['fallback'].pathway}' is not in pathways")
        return values

    def get(self, pathway_id: str) -> Pathway:
        for pathway in self.pathways:
            if pathway.id == pathway_id:
                return pathway
        raise KeyError(pathway_id)

    @property
    def by_priority(self) -> List[Pathway]:
        return sorted(self.pathways, key=lambda p: (p.priority, p.id))


def _cross_check(catalogue: Catalogue, content: Content) -> List[str]:
    """Checks against questions.yml: statement ids and profile option values must exist."""
    statements = {s.id for s in content.questions.statements}
    options: Dict[str, Set[str]] = {
        q.id: {o.value for o in q.options} for q in content.questions.profile
    }
    problems = []
    for p_index, pathway in enumerate(catalogue.pathways):
        where = f"pathways[{p_index}] (id '{pathway.id}')"
        for r_index, rule in enumerate(pathway.triggers):
            for a_index, answer in enumerate(rule.answers):
                if answer.statement not in statements:
                    problems.append(
                        f"  {where}.triggers[{r_index}].answers[{a_index}].statement: "
                        f"unknown statement '{answer.statement}'"
                    )
            if rule.profile is None:
                continue
            for field, question in (
                ("moment_in", "strategic_moment"),
                ("timing_in", "strategic_timing"),
            ):
                for value in getattr(rule.profile, field):
                    if value not in options.get(question, set()):
                        problems.append(
                            f"  {where}.triggers[{r_index}].profile.{field}: unknown value "
                            f"'{value}' for question '{question}'"
                        )
    return problems


def load_catalogue(path: Path = PATHWAYS_FILE, content: Optional[Content] = None) -> Catalogue:
    """Read and validate a pathway catalogue; raises ContentError naming file, entry and field."""
    catalogue = read_yaml(path, Catalogue)
    problems = _cross_check(catalogue, content or get_content())
    if problems:
        raise ContentError(f"{path}: invalid content\n" + "\n".join(problems))
    return catalogue


@lru_cache(maxsize=1)
def get_catalogue() -> Catalogue:
    """The packaged catalogue, loaded once per process."""
    return load_catalogue()
