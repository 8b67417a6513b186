#!/usr/bin/env python
"""Cross-validate the answer model, compare candidates, and calibrate the decision thresholds.

    python scripts/answer_model_cv.py [--calibrate] [--quick]

Folds are the authors of bot/content/answers/ (leave one author out): each author wrote from a
different brief, so a fold measures how the model reads a way of typing it never saw. For every
candidate in bot.assessment.answer_model.CANDIDATES this prints and writes:

- top-label accuracy (with the rater's tolerance) per statement, with a 95% bootstrap interval;
- the user-facing outcomes (right at once, wrong without a check, right within one check) with
  the thresholds calibrated on the out-of-fold probabilities;
- a paired bootstrap of every candidate against the served one.

`--calibrate` writes the served model's thresholds into bot/content/answer_reading.yml: the
lowest `take` for which at most 2 in 100 taken answers are wrong (and at most 1.5 in 100 of all
answers), then the `pair` and `offer` levels that leave the fewest answers without a useful offer.
Output: results/answer-cv.json, docs/answer-model.md, docs/img/answer-confusion.png.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from functools import cache
from pathlib import Path
from typing import Dict, List, Optional, Sequence, Tuple

from answer_eval import (
    Case,
    as_cases,
    bootstrap_interval,
    outcome,
    paired_difference,
    top_label_right,
    totals,
)

from bot.assessment import answer_model
from bot.assessment.answer_data import Example, load_examples
from bot.assessment.reading import Reading, choice_rule, decide, statement_rule
from bot.content import get_content
from bot.content.answer_reading_schema import Thresholds

ROOT = Path(__file__).resolve().parents[1]
READING_FILE = ROOT / "bot" / "content" / "answer_reading.yml"
MAX_WRONG_OF_TAKEN = 0.02
MAX_WRONG_OF_ALL = 0.015
Probabilities = Dict[str, float]
# The calibration grid reads every case a few hundred times: the rules' readings are cached.
_statement_rule = cache(statement_rule)


@cache
def _choice_rule(question_id: str, text: str) -> Optional[Reading]:
    question = next(q for q in get_content().questions.profile if q.id == question_id)
    return choice_rule(question, text)


def out_of_fold(examples: Sequence[Example], kind: str, by_question: bool) -> List[Probabilities]:
    """Probabilities for every example from a model trained without its author."""
    result: List[Probabilities] = [{} for _ in examples]
    for author in sorted({e.author for e in examples}):
        train = [e for e in examples if e.author != author]
        test = [i for i, e in enumerate(examples) if e.author == author]
        groups = sorted({examples[i].question for i in test}) if by_question else [None]
        for group in groups:
            train_g = [e for e in train if group is None or e.question == group]
            test_g = [i for i in test if group is None or examples[i].question == group]
            if len({e.label for e in train_g}) < 2:
                continue
            classifier = answer_model.TextClassifier.train(train_g, kind)
            rows = classifier.probabilities(
                [(examples[i].question, examples[i].text) for i in test_g]
            )
            for i, row in zip(test_g, rows, strict=False):
                result[i] = row
    return result


def readings(
    cases: Sequence[Case], probs: Sequence[Probabilities], thresholds: Thresholds, scale: bool
) -> List[Reading]:
    """What the assistant decides for each case, with `thresholds` and out-of-fold probabilities:
    the production rules first (bot.assessment.reading), then the decision on the model's
    probabilities."""
    found = []
    for case, p in zip(cases, probs, strict=False):
        rule = _statement_rule(case.text) if scale else _choice_rule(case.question, case.text)
        found.append(rule or decide(p, thresholds, scale=scale))
    return found


def evaluate(cases, probs, thresholds, scale) -> List[str]:
    found = readings(cases, probs, thresholds, scale)
    return [outcome(r, c) for r, c in zip(found, cases, strict=False)]


def calibrate(
    cases: Sequence[Case], probs: Sequence[Probabilities], scale: bool = True
) -> Thresholds:
    grid = [round(0.30 + 0.01 * i, 2) for i in range(71)]  # up to 1.00: the model never takes
    best: Tuple[float, Thresholds] | None = None
    for not_an_answer in [0.35, 0.45, 0.55, 0.65, 0.75, 0.85]:
        for take in grid:
            t = Thresholds(take=take, pair=0.99, offer=min(take, 0.3), not_an_answer=not_an_answer)
            figures = totals(evaluate(cases, probs, t, scale=scale))
            if figures["wrong_of_taken"] > MAX_WRONG_OF_TAKEN:
                continue
            if figures["wrong_unchecked_rate"] > MAX_WRONG_OF_ALL:
                continue
            if best is None or figures["right_at_once_rate"] > best[0]:
                best = (figures["right_at_once_rate"], t)
            break  # a higher take only takes fewer answers
    if best is None:
        what = "statements" if scale else "profile questions"
        raise SystemExit(f"{what}: even the rules alone are wrong more than 2 in 100 times")
    take, not_an_answer = best[1].take, best[1].not_an_answer
    scored = []
    for pair in [0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9] if scale else [0.99]:
        for offer in [0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5]:
            if offer > take:
                continue
            t = Thresholds(take=take, pair=pair, offer=offer, not_an_answer=not_an_answer)
            f = totals(evaluate(cases, probs, t, scale=scale))
            scored.append((f["right_within_one_check_rate"], -f["wrong_checked"], pair, offer, t))
    scored.sort(key=lambda row: (row[0], row[1], row[2], row[3]))
    return scored[-1][4]


def write_thresholds(section: str, thresholds: Thresholds) -> None:
    """Replace the four values under `section:` in answer_reading.yml, keeping the comments."""
    text = READING_FILE.read_text(encoding="utf-8")
    start = text.index(f"\n{section}:\n")
    following = re.compile(r"\n[a-z_]+:").search(text, start + 1)
    end = following.start() if following else len(text)
    block = text[start:end]
    for name in ("take", "pair", "offer", "not_an_answer"):
        value = getattr(thresholds, name)
        block, count = re.subn(rf"(?m)^(  {name}: )[0-9.]+$", rf"\g<1>{value:.2f}", block)
        if count != 1:
            raise SystemExit(f"{READING_FILE}: could not find '{section}.{name}'")
    READING_FILE.write_text(text[:start] + block + text[end:], encoding="utf-8")


def per_statement(cases, probs) -> Dict[str, Dict[str, float]]:
    rows: Dict[str, Dict[str, float]] = {}
    for question in sorted({c.question for c in cases}):
        hits = [
            1.0 if top_label_right(p, c) else 0.0
            for c, p in zip(cases, probs, strict=False)
            if c.question == question
        ]
        low, high = bootstrap_interval(hits, samples=500)
        rows[question] = {
            "n": len(hits),
            "accuracy": sum(hits) / len(hits),
            "low": low,
            "high": high,
        }
    return rows


def confusion_png(cases: Sequence[Case], probs: Sequence[Probabilities], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    labels = ["1", "2", "3", "4", "5", "unknown", "none"]
    matrix = [[0 for _ in labels] for _ in labels]
    for case, p in zip(cases, probs, strict=False):
        best = max(sorted(p), key=lambda k: p[k])
        matrix[labels.index(case.label)][labels.index(best)] += 1
    fig, ax = plt.subplots(figsize=(6, 5))
    ax.imshow(matrix, cmap="Blues")
    names = ["1", "2", "3", "4", "5", "weet niet", "geen antw."]
    ax.set_xticks(range(len(labels)), names)
    ax.set_yticks(range(len(labels)), names)
    ax.set_xlabel("gelezen (model, meest waarschijnlijk)")
    ax.set_ylabel("waarde van de beoordelaar")
    for i, row in enumerate(matrix):
        for j, count in enumerate(row):
            ax.text(
                j,
                i,
                str(count),
                ha="center",
                va="center",
                fontsize=8,
                color="white" if count > max(map(max, matrix)) / 2 else "black",
            )
    ax.set_title("Antwoordmodel, kruisvalidatie per auteur")
    fig.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=110)
    plt.close(fig)


def write_doc(report: Dict[str, dict], path: Path) -> None:
    """docs/answer-model.md: the figures of this run, written by this script."""
    served = answer_model.SERVED
    lines = [
        "# The answer model: cross-validation",
        "",
        "Written by `python scripts/answer_model_cv.py --calibrate` (do not edit by hand).",
        f"Data: {report['n_statements']} statement answers and {report['n_profile']} profile "
        f"answers by authors {', '.join(report['authors'])} (`bot/content/answers/`). Folds: "
        "leave one author out, so every answer is read by a model that never saw its author's",
        "way of typing. Thresholds are calibrated on these out-of-fold readings, so the outcome",
        "figures here are a little optimistic; `scripts/answer_report.py` on the blind set is the",
        "honest estimate (docs/measurements.md).",
        "",
        "| candidate | top-label accuracy [95%] | right at once | wrong without a check | "
        "right within one check | profile: right at once / wrong unchecked | thresholds | s |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for kind, c in report["candidates"].items():
        low, high = c["top_label_interval"]
        st, pr, t = c["statements"], c["profile"], c["thresholds"]
        lines.append(
            f"| {kind}{' (served)' if kind == served else ''} | {c['top_label_accuracy']:.3f} "
            f"[{low:.3f}, {high:.3f}] | {st['right_at_once_rate']:.3f} | "
            f"{st['wrong_unchecked_rate']:.3f} | {st['right_within_one_check_rate']:.3f} | "
            f"{pr['right_at_once_rate']:.3f} / {pr['wrong_unchecked_rate']:.3f} | "
            f"take {t['take']:.2f}, pair {t['pair']:.2f}, offer {t['offer']:.2f}, "
            f"not an answer {t['not_an_answer']:.2f} | {c['seconds']} |"
        )
    lines += [
        "",
        "Paired bootstrap of top-label accuracy against the served candidate "
        "(2,000 resamples of the same answers):",
        "",
    ]
    for kind, (diff, low, high) in report["paired_vs_served"].items():
        lines.append(f"- {kind} - {served}: {diff:+.3f} [{low:+.3f}, {high:+.3f}]")
    lines += [
        "",
        f"## Per statement ({served}, top-label accuracy with the rater's tolerance)",
        "",
        "| statement | n | accuracy [95%] |",
        "|---|---|---|",
    ]
    for question, row in report["candidates"][served]["per_statement"].items():
        lines.append(
            f"| {question} | {row['n']} | {row['accuracy']:.3f} "
            f"[{row['low']:.3f}, {row['high']:.3f}] |"
        )
    lines += [
        "",
        "Confusion of the most likely label, out of fold:",
        "",
        "![confusion](img/answer-confusion.png)",
        "",
    ]
    path.write_text("\n".join(lines), encoding="utf-8")


def main(argv: List[str]) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--calibrate", action="store_true")
    parser.add_argument("--quick", action="store_true", help="the served candidate only")
    args = parser.parse_args(argv)
    statements, profile = load_examples(get_content())
    cases, profile_cases = as_cases(statements), as_cases(profile)
    kinds = [answer_model.SERVED] if args.quick else list(answer_model.CANDIDATES)
    report: Dict[str, dict] = {
        "authors": sorted({e.author for e in statements}),
        "n_statements": len(cases),
        "n_profile": len(profile_cases),
        "candidates": {},
    }
    hits_of: Dict[str, List[float]] = {}
    for kind in kinds:
        start = time.time()
        probs = out_of_fold(statements, kind, by_question=False)
        profile_probs = out_of_fold(profile, kind, by_question=True)
        thresholds = calibrate(cases, probs)
        profile_thresholds = calibrate(profile_cases, profile_probs, scale=False)
        figures = totals(evaluate(cases, probs, thresholds, scale=True))
        profile_figures = totals(
            evaluate(profile_cases, profile_probs, profile_thresholds, scale=False)
        )
        hits = [1.0 if top_label_right(p, c) else 0.0 for c, p in zip(cases, probs, strict=False)]
        hits_of[kind] = hits
        report["candidates"][kind] = {
            "seconds": round(time.time() - start, 1),
            "thresholds": thresholds.dict(),
            "profile_thresholds": profile_thresholds.dict(),
            "top_label_accuracy": sum(hits) / len(hits),
            "top_label_interval": bootstrap_interval(hits),
            "statements": figures,
            "profile": profile_figures,
            "per_statement": per_statement(cases, probs),
        }
        print(
            f"{kind}: top-label {sum(hits) / len(hits):.3f}, right at once "
            f"{figures['right_at_once_rate']:.3f}, wrong unchecked "
            f"{figures['wrong_unchecked_rate']:.3f}, within one check "
            f"{figures['right_within_one_check_rate']:.3f}; profile right at once "
            f"{profile_figures['right_at_once_rate']:.3f}, wrong unchecked "
            f"{profile_figures['wrong_unchecked_rate']:.3f} ({time.time() - start:.0f} s)"
        )
        if kind == answer_model.SERVED:
            served_thresholds = (thresholds, profile_thresholds)
            confusion_png(cases, probs, ROOT / "docs" / "img" / "answer-confusion.png")
    served = answer_model.SERVED
    report["paired_vs_served"] = {
        kind: paired_difference(hits_of[served], hits_of[kind]) for kind in kinds if kind != served
    }
    for kind, (diff, low, high) in report["paired_vs_served"].items():
        print(f"{kind} - {served}: {diff:+.3f} [{low:+.3f}, {high:+.3f}]")
    (ROOT / "results").mkdir(exist_ok=True)
    (ROOT / "results" / "answer-cv.json").write_text(json.dumps(report, indent=2), encoding="utf-8")
    if args.calibrate:
        write_thresholds("thresholds", served_thresholds[0])
        write_thresholds("profile_thresholds", served_thresholds[1])
        write_doc(report, ROOT / "docs" / "answer-model.md")
        print(f"thresholds written to {READING_FILE.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
