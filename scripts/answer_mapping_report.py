"""Measure the free-text answer interpreter on a held-out case file.

Usage: python scripts/answer_mapping_report.py [tests/data/answer_mapping_cases.yml ...]
Prints, per file: taken as-is and right, offered for confirmation with the right value, wrong
but checked with the user, wrong without a check (the costly kind), and not understood.
"""

from __future__ import annotations

import sys
from pathlib import Path

import yaml

from bot.assessment.interpretation import Certainty, interpret_answer

DEFAULT = ["tests/data/answer_mapping_cases.yml", "tests/data/answer_mapping_cases_fresh.yml"]


def measure(path: Path) -> dict:
    cases = yaml.safe_load(path.read_text(encoding="utf-8"))["cases"]
    counts = dict(sure_right=0, confirm_right=0, confirm_wrong=0, sure_wrong=0, not_understood=0)
    misses = []
    for case in cases:
        result = interpret_answer(case["answer"])
        got = "unknown" if result.unknown else result.value
        if result.certainty is Certainty.NONE:
            counts["not_understood"] += 1
            misses.append(("not understood", case["answer"], case["expected"], None))
            continue
        sure = result.certainty is Certainty.SURE
        right = got == case["expected"]
        key = ("sure_" if sure else "confirm_") + ("right" if right else "wrong")
        counts[key] += 1
        if not right:
            misses.append((key, case["answer"], case["expected"], got))
    counts["n"] = len(cases)
    counts["misses"] = misses
    return counts


def main(paths: list) -> None:
    for name in paths or DEFAULT:
        path = Path(name)
        if not path.exists():
            continue
        c = measure(path)
        n = c["n"]
        print(f"{path}: {n} answers")
        rows = [
            ("right, taken as is", "sure_right"),
            ("right value, checked with user", "confirm_right"),
            ("wrong value, checked with user", "confirm_wrong"),
            ("wrong, NOT checked", "sure_wrong"),
            ("not understood (asked again)", "not_understood"),
        ]
        for label, key in rows:
            print(f"  {label + ':':32s}{c[key]:4d} ({c[key] / n:.0%})")
        if "-v" in sys.argv:
            for miss in c["misses"]:
                print("   ", miss)


if __name__ == "__main__":
    main([a for a in sys.argv[1:] if not a.startswith("-")])
