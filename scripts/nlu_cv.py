#!/usr/bin/env python
"""NLU cross-validation on the training data with the same folds every run.

    python scripts/nlu_cv.py CONFIG OUT_DIR [--folds 3]

Runs `rasa test nlu --nlu data/nlu --config CONFIG --cross-validation`. Rasa shuffles the
examples into folds with numpy's global random state and no seed, so two pipelines would be
scored on different splits; seeding numpy first gives every pipeline the same folds, and the
differences between them are the pipelines'. OUT_DIR gets Rasa's reports over all test folds
(intent_report.json, response_selection_report.json).
"""

from __future__ import annotations

import argparse
import random
import sys

import numpy as np

SEED = 2026


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("config")
    parser.add_argument("out")
    parser.add_argument("--folds", type=int, default=3)
    args = parser.parse_args()
    random.seed(SEED)
    np.random.seed(SEED)
    from rasa.__main__ import main as rasa_main

    sys.argv = ["rasa", "test", "nlu", "--nlu", "data/nlu", "--config", args.config, "--quiet",
                "--cross-validation", "--folds", str(args.folds), "--out", args.out]  # fmt: skip
    rasa_main()


if __name__ == "__main__":
    main()
