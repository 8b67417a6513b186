#!/usr/bin/env python
"""Is pipeline B really better than A? A paired bootstrap of intent macro-F1 on the same examples.

    python scripts/paired_bootstrap.py DATA_DIR A/intent_errors.json B/intent_errors.json

DATA_DIR holds the NLU examples both runs were scored on: tests/nlu for held-out runs, data/nlu
for cross-validation runs (scripts/nlu_cv.py scores every training example once). Rasa's
intent_errors.json lists the misses; every other example counts as right. The examples are
resampled 1,000 times and B - A is computed on each sample: the 95% interval says how far the
difference could be from chance, given this many examples.
"""

from __future__ import annotations

import argparse
import json
import random
import re
from pathlib import Path
from typing import Dict, List, Tuple

import yaml
from sklearn.metrics import f1_score

ANNOTATION = re.compile(r"\[([^\]]*)\]\([^)]*\)")  # "[museum](sector)" -> "museum"


def examples(directory: Path) -> List[Tuple[str, str]]:
    found = []
    for path in sorted(directory.glob("*.yml")):
        for block in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("nlu", []):
            if "intent" not in block:
                continue
            intent = block["intent"].split("/")[0]  # faq/<topic> is intent faq
            for line in block["examples"].splitlines():
                if line.strip().startswith("- "):
                    found.append((ANNOTATION.sub(r"\1", line.strip()[2:].strip()), intent))
    return found


def predictions(errors_file: Path, items: List[Tuple[str, str]]) -> List[str]:
    errors: Dict[Tuple[str, str], str] = {
        (e["text"], e["intent"]): e["intent_prediction"]["name"]
        for e in json.loads(errors_file.read_text())
    }
    return [errors.get(item, item[1]) for item in items]


def macro_f1(gold: List[str], predicted: List[str]) -> float:
    return float(f1_score(gold, predicted, average="macro", zero_division=0))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("data", type=Path)
    parser.add_argument("a", type=Path)
    parser.add_argument("b", type=Path)
    parser.add_argument("--samples", type=int, default=1000)
    args = parser.parse_args()
    items = examples(args.data)
    gold = [intent for _, intent in items]
    a, b = predictions(args.a, items), predictions(args.b, items)
    rng = random.Random(2026)
    differences = []
    for _ in range(args.samples):
        picked = [rng.randrange(len(items)) for _ in items]
        sample = [gold[i] for i in picked]
        differences.append(
            macro_f1(sample, [b[i] for i in picked]) - macro_f1(sample, [a[i] for i in picked])
        )
    differences.sort()
    low, high = differences[int(0.025 * args.samples)], differences[int(0.975 * args.samples)]
    print(f"{len(items)} examples: A {macro_f1(gold, a):.4f}, B {macro_f1(gold, b):.4f}, "
          f"B - A {macro_f1(gold, b) - macro_f1(gold, a):+.4f} "
          f"(95% interval {low:+.4f} to {high:+.4f})")  # fmt: skip


if __name__ == "__main__":
    main()
