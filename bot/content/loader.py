"""Load and validate the content YAML files once; a broken file fails loudly with its name."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Type, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from bot.content.schema import MaturityModel, QuestionSet

CONTENT_DIR = Path(__file__).resolve().parent

T = TypeVar("T", bound=BaseModel)


class ContentError(ValueError):
    """A content file is missing, not valid YAML, or does not match its schema."""


def _describe(error: ValidationError, data: object) -> str:
    lines = []
    for item in error.errors():
        location = _location(item["loc"], data)
        lines.append(f"  {location}: {item['msg']}")
    return "\n".join(lines)


def _location(loc: tuple, data: object) -> str:
    """Render a pydantic location, naming list entries by their id where they have one."""
    parts = []
    node = data
    for key in loc:
        if isinstance(key, int) and isinstance(node, list) and key < len(node):
            node = node[key]
            entry_id = node.get("id") if isinstance(node, dict) else None
            parts.append(f"[{key}]" + (f" (id '{entry_id}')" if entry_id else ""))
        else:
            node = node.get(key) if isinstance(node, dict) else None
            parts.append(f".{key}" if parts else str(key))
    return "".join(parts) or "(file)"


def read_yaml(path: Path, schema: Type[T]) -> T:
    """Parse one YAML file against a schema; errors name the file and the field."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise ContentError(f"{path}: file not found") from exc
    except yaml.YAMLError as exc:
        raise ContentError(f"{path}: not valid YAML: {exc}") from exc
    if not isinstance(data, dict):
        raise ContentError(f"{path}: expected a mapping at the top level")
    try:
        return schema.parse_obj(data)
    except ValidationError as exc:
        raise ContentError(f"{path}: invalid content\n{_describe(exc, data)}") from exc


@dataclass(frozen=True)
class Content:
    """All content the assistant needs, validated."""

    model: MaturityModel
    questions: QuestionSet

    def component_name(self, component_id: str) -> str:
        return next(c.name for c in self.model.components if c.id == component_id)


def load_content(directory: Path = CONTENT_DIR) -> Content:
    model = read_yaml(directory / "model.yml", MaturityModel)
    questions = read_yaml(directory / "questions.yml", QuestionSet)
    return Content(model=model, questions=questions)


@lru_cache(maxsize=1)
def get_content() -> Content:
    """The packaged content, loaded once per process."""
    return load_content()
