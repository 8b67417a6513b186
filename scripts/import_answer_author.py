#!/usr/bin/env python
"""Add one author's typed answers to bot/content/answers/, leaving out any answer that also
occurs in a test set (tests/answers_blind/, tests/data/). Prints counts only.

    python scripts/import_answer_author.py SOURCE.yml LETTER "persona"
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]


def norm(text: str) -> str:
    return re.sub(r"[^\w ]", "", str(text).lower()).strip()


def test_texts() -> set:
    found = set()
    blind = yaml.safe_load((ROOT / "tests/answers_blind/answers.yml").read_text(encoding="utf-8"))
    for group in ("statements", "profile"):
        for answers in (blind.get(group) or {}).values():
            found |= {norm(a["text"]) for a in answers}
    for name in ("answer_mapping_cases.yml", "answer_mapping_cases_fresh.yml"):
        cases = yaml.safe_load((ROOT / "tests/data" / name).read_text(encoding="utf-8"))["cases"]
        found |= {norm(c["answer"]) for c in cases}
    return found


class Quoted(yaml.SafeDumper):
    pass


Quoted.add_representer(
    str, lambda dumper, data: dumper.represent_scalar("tag:yaml.org,2002:str", data, style='"')
)


def main(source: str, letter: str, persona: str) -> int:
    data = yaml.safe_load(Path(source).read_text(encoding="utf-8"))
    data["author"] = letter
    seen, dropped = test_texts(), 0
    for group in ("statements", "profile"):
        for question, answers in (data.get(group) or {}).items():
            keep = [a for a in answers if norm(a["text"]) not in seen]
            dropped += len(answers) - len(keep)
            data[group][question] = keep
    body = yaml.dump(data, Dumper=Quoted, allow_unicode=True, sort_keys=False, width=100)
    body = re.sub(r'(?m)^(\s*(?:- )?)"([a-z_]+)":', r"\1\2:", body)
    out = ROOT / "bot/content/answers" / f"author-{letter.lower()}.yml"
    out.write_text(
        f"# Written by author {letter} ({persona}) on 2026-12-02 (docs/briefs/).\n"
        "# Answers that also occur in a test set were left out "
        "(tests/test_training_data.py checks it).\n" + body,
        encoding="utf-8",
    )
    print(f"{out.relative_to(ROOT)}: {dropped} answers left out (they occur in a test set)")
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:4]))
