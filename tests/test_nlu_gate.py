"""The NLU gate in `make test` fails on a score below its bar and passes at or above it."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _reports(folder: Path, macro_f1: float, faq_accuracy: float | None) -> Path:
    folder.mkdir()
    intents = {
        "greet": {"precision": 1.0, "recall": 1.0, "f1-score": 1.0, "support": 14},
        "goodbye": {"precision": 0.8, "recall": 0.8, "f1-score": 0.8, "support": 14},
        "accuracy": 0.9,
        "macro avg": {"f1-score": macro_f1, "support": 28},
    }
    (folder / "intent_report.json").write_text(json.dumps(intents))
    if faq_accuracy is not None:
        (folder / "response_selection_report.json").write_text(
            json.dumps({"accuracy": faq_accuracy})
        )
    return folder


def _gate(folder: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "nlu_gate.py"), str(folder), *args],
        capture_output=True,
        text=True,
    )


@pytest.mark.parametrize(
    ("macro_f1", "faq_accuracy", "exit_code"),
    [(0.95, 0.95, 0), (0.9499, 0.95, 1), (0.96, 0.89, 1), (0.96, None, 1)],
)
def test_gate_fails_below_either_bar(tmp_path, macro_f1, faq_accuracy, exit_code):
    result = _gate(_reports(tmp_path / "r", macro_f1, faq_accuracy), "--min-intent-f1", "0.95")
    assert result.returncode == exit_code, result.stdout
    assert ("FAILED" in result.stdout) == bool(exit_code)


def test_blind_set_shows_only_totals(tmp_path):
    folder = _reports(tmp_path / "r", 0.95, 0.95)
    named = _gate(folder, "--name", "blind set", "--totals-only")
    assert "intent macro-F1 on blind set: 0.9500" in named.stdout
    assert "goodbye" not in named.stdout
    assert "goodbye 0.80" in _gate(folder).stdout
