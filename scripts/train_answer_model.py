#!/usr/bin/env python
"""Train the answer model from bot/content/answers/ into models/answer-model.joblib.

    python scripts/train_answer_model.py

Called by scripts/train_if_needed.sh when the answer data, the questions or the model code
changed. Deterministic: the same data and library versions give the same model.
"""

from __future__ import annotations

import sys
import time

from bot.assessment import answer_model
from bot.assessment.answer_data import load_examples
from bot.content import get_content


def main() -> int:
    start = time.time()
    statements, profile = load_examples(get_content())
    if not statements:
        print("no answer data in bot/content/answers/", file=sys.stderr)
        return 1
    model = answer_model.train(statements, profile)
    answer_model.save(model)
    print(
        f"    answer model: {len(statements)} statement answers, {len(profile)} profile answers, "
        f"trained in {time.time() - start:.1f} s"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
