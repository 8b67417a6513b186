"""Load the answer model's training data and check it against the scan's questions.

A file that names an unknown statement, an unknown profile option, or a value outside the scale
fails loudly with its name: the data is content that DEN editors extend.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, List, Optional

from bot.content.answers_schema import NONE, UNKNOWN, AnswerFile
from bot.content.loader import CONTENT_DIR, Content, ContentError, read_yaml

ANSWERS_DIR = CONTENT_DIR / "answers"


@dataclass(frozen=True)
class Example:
    """One typed answer: to a statement (`question` is its id) or to a profile question."""

    question: str
    text: str
    label: str  # "1".."5", "unknown", "none", or a profile option value
    also: Optional[str]  # an equally right neighbour ("3" next to "4")
    author: str


def answer_files(directory: Path = ANSWERS_DIR) -> List[Path]:
    return sorted(directory.glob("**/*.yml"))


def load_examples(
    content: Content, paths: Optional[Iterable[Path]] = None
) -> tuple[List[Example], List[Example]]:
    """(statement examples, profile examples) from every answer file, validated."""
    statement_ids = {s.id for s in content.questions.statements}
    options = {
        q.id: {o.value for o in q.options} for q in content.questions.profile if q.kind == "choice"
    }
    statements: List[Example] = []
    profile: List[Example] = []
    for path in paths if paths is not None else answer_files():
        data = read_yaml(path, AnswerFile)
        for question, answers in data.statements.items():
            if question not in statement_ids:
                raise ContentError(f"{path}: unknown statement '{question}'")
            for a in answers:
                also = str(a.also) if a.also is not None else None
                statements.append(Example(question, a.text, str(a.value), also, data.author))
        for question, answers in data.profile.items():
            if question not in options:
                raise ContentError(f"{path}: '{question}' is not a choice question of the profile")
            for a in answers:
                if a.value not in options[question] | {UNKNOWN, NONE}:
                    raise ContentError(
                        f"{path}: '{a.value}' is not an option of '{question}' "
                        f"({', '.join(sorted(options[question]))}, unknown or none)"
                    )
                profile.append(Example(question, a.text, a.value, None, data.author))
    return statements, profile
