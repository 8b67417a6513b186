#!/usr/bin/env python
"""How often a model asks "can you rephrase?", and how often it is right at once.

    python scripts/nlu_fallback_rate.py MODEL.tar.gz [MODEL.tar.gz ...]

`rasa test nlu` scores the intent as if the FallbackClassifier were not there (it undoes fallback
predictions). This sends every line of the held-out set (tests/nlu), the blind set
(tests/nlu_blind) and the blind first messages (tests/nlu_blind_first) through the whole NLU
pipeline of each model and prints, per set, the share answered `nlu_fallback` and the share
with the right intent. Totals only: the blind sets' texts are never printed.
"""

from __future__ import annotations

import asyncio
import logging
import sys
from pathlib import Path

from paired_bootstrap import examples  # the same reading of an NLU folder

ROOT = Path(__file__).resolve().parents[1]
SETS = {
    "held-out": ROOT / "tests" / "nlu",
    "blind": ROOT / "tests" / "nlu_blind",
    # first messages: a fallback there gets the main options (utter_ask_help), not a rephrase
    "blind first messages": ROOT / "tests" / "nlu_blind_first",
}


async def score(model: str) -> None:
    from rasa.core.agent import Agent

    agent = Agent.load(model)
    for name, directory in SETS.items():
        lines = examples(directory)
        fallback = right = 0
        for text, gold in lines:
            intent = (await agent.parse_message(text))["intent"]["name"]
            fallback += intent == "nlu_fallback"
            right += intent == gold
        print(
            f"{model} {name} ({len(lines)} lines): asks again {fallback / len(lines):.1%}, "
            f"right at once {right / len(lines):.3f}"
        )


def main() -> None:
    logging.disable(logging.WARNING)
    import structlog

    structlog.configure(wrapper_class=structlog.make_filtering_bound_logger(logging.WARNING))
    for model in sys.argv[1:]:
        asyncio.run(score(model))


if __name__ == "__main__":
    main()
