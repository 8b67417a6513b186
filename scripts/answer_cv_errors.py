#!/usr/bin/env python
"""Training answers the cross-validated answer model misreads: the brief for new training data.

    python scripts/answer_cv_errors.py OUT.yml [--per-statement 18]

Only training data (bot/content/answers/) is read, out of fold (leave one author out), never a
test set. docs/briefs/answers-from-cv-errors.md says how the file was used.
"""

from __future__ import annotations

import argparse
import random
import sys
from collections import defaultdict
from pathlib import Path

import yaml
from answer_model_cv import out_of_fold

from bot.assessment.answer_data import load_examples
from bot.content import get_content


def main(argv: list) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("out", type=Path)
    parser.add_argument("--per-statement", type=int, default=18)
    args = parser.parse_args(argv)
    statements, _ = load_examples(get_content())
    probabilities = out_of_fold(statements, "logistic", by_question=False)
    errors = defaultdict(list)
    for example, p in zip(statements, probabilities, strict=True):
        best = max(p, key=p.get)
        if best not in {example.label, example.also}:
            errors[example.question].append(
                {
                    "text": example.text,
                    "rater_value": example.label,
                    "model_read": best,
                    "author": example.author,
                }
            )
    rng = random.Random(3)
    sample = {q: rng.sample(v, min(args.per_statement, len(v))) for q, v in sorted(errors.items())}
    args.out.write_text(
        yaml.safe_dump({"errors": sample}, allow_unicode=True, sort_keys=False, width=120),
        encoding="utf-8",
    )
    print(f"{sum(map(len, errors.values()))} misread, {sum(map(len, sample.values()))} written")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
