"""The learned answer model: typed text -> probabilities for 1-5, "weet ik niet", "geen antwoord".

One classifier reads answers to the 20 statements (the statement is a feature), one per profile
choice question reads answers onto that question's options. Both are linear models from
scikit-learn on words (with negation scope marked), word pairs and character n-grams: no
TensorFlow, about a millisecond per answer. `scripts/train_answer_model.py` trains it during
`make train`; `scripts/answer_model_cv.py` compares it with alternatives by cross-validation.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Dict, List, Optional, Sequence, Tuple

import joblib
import numpy as np
import sklearn
from sklearn.calibration import CalibratedClassifierCV
from sklearn.linear_model import LogisticRegression
from sklearn.svm import LinearSVC

from bot.assessment.answer_data import Example
from bot.assessment.answer_features import AnswerFeaturizer

FORMAT_VERSION = 1
DEFAULT_PATH = Path(__file__).resolve().parents[2] / "models" / "answer-model.joblib"
SEED = 2026

# The candidates compared by cross-validation (docs/answer-model.md); "logistic" is served.
CANDIDATES = ("logistic", "logistic_words_only", "svm_calibrated")
SERVED = "logistic"


class AnswerModelMissing(RuntimeError):
    """No trained answer model on disk (run `make train`), or one for other library versions."""


def _estimator(kind: str):
    if kind in ("logistic", "logistic_words_only"):
        return LogisticRegression(C=20.0, max_iter=3000, random_state=SEED)
    if kind == "svm_calibrated":
        return CalibratedClassifierCV(LinearSVC(C=0.5, random_state=SEED), cv=3)
    raise ValueError(f"unknown answer model kind '{kind}'")


def _featurizer(kind: str) -> AnswerFeaturizer:
    if kind == "logistic_words_only":
        return AnswerFeaturizer(char_ngrams=(1, 1))
    return AnswerFeaturizer()


@dataclass
class TextClassifier:
    """A featurizer and an estimator for one label space."""

    kind: str
    featurizer: AnswerFeaturizer = field(repr=False)
    estimator: object = field(repr=False)
    labels: Tuple[str, ...] = ()

    @classmethod
    def train(cls, examples: Sequence[Example], kind: str = SERVED) -> TextClassifier:
        featurizer = _featurizer(kind)
        items = [(e.question, e.text) for e in examples]
        matrix = featurizer.fit_transform(items)
        estimator = _estimator(kind)
        estimator.fit(matrix, np.asarray([e.label for e in examples]))
        labels = tuple(str(c) for c in estimator.classes_)
        return cls(kind=kind, featurizer=featurizer, estimator=estimator, labels=labels)

    def probabilities(self, items: Sequence[Tuple[str, str]]) -> List[Dict[str, float]]:
        matrix = self.featurizer.transform(list(items))
        rows = self.estimator.predict_proba(matrix)  # type: ignore[attr-defined]
        return [dict(zip(self.labels, (float(p) for p in row), strict=False)) for row in rows]


@dataclass
class AnswerModel:
    statements: TextClassifier
    profile: Dict[str, TextClassifier]
    data_fingerprint: str

    def read_statement(self, statement_id: str, text: str) -> Dict[str, float]:
        return self.statements.probabilities([(statement_id, text)])[0]

    def read_profile(self, question_id: str, text: str) -> Optional[Dict[str, float]]:
        classifier = self.profile.get(question_id)
        return classifier.probabilities([(question_id, text)])[0] if classifier else None

    def read(self, question_id: str, text: str) -> Dict[str, float]:
        """Probabilities for a reply to a statement or a profile choice question ({}: unknown)."""
        if question_id in self.profile:
            return self.read_profile(question_id, text) or {}
        if question_id in self.statements.featurizer.questions:
            return self.read_statement(question_id, text)
        return {}


def fingerprint(examples: Sequence[Example]) -> str:
    rows = sorted((e.question, e.text, e.label, e.also or "") for e in examples)
    payload = json.dumps([FORMAT_VERSION, sklearn.__version__, rows], ensure_ascii=False)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def train(
    statements: Sequence[Example], profile: Sequence[Example], kind: str = SERVED
) -> AnswerModel:
    by_question: Dict[str, List[Example]] = {}
    for example in profile:
        by_question.setdefault(example.question, []).append(example)
    return AnswerModel(
        statements=TextClassifier.train(statements, kind),
        profile={q: TextClassifier.train(items, kind) for q, items in sorted(by_question.items())},
        data_fingerprint=fingerprint(list(statements) + list(profile)),
    )


def save(model: AnswerModel, path: Path = DEFAULT_PATH) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    payload = {"format": FORMAT_VERSION, "sklearn": sklearn.__version__, "model": model}
    tmp = path.with_suffix(".tmp")
    joblib.dump(payload, tmp, compress=3)
    tmp.replace(path)


def load(path: Path = DEFAULT_PATH) -> AnswerModel:
    if not path.exists():
        raise AnswerModelMissing(f"{path} does not exist: run `make train`")
    payload = joblib.load(path)
    if payload.get("format") != FORMAT_VERSION or payload.get("sklearn") != sklearn.__version__:
        raise AnswerModelMissing(f"{path} was trained with other versions: run `make train`")
    return payload["model"]


@lru_cache(maxsize=1)
def served_model() -> AnswerModel:
    """The model the assistant reads answers with (loaded once per process)."""
    return load()


__all__ = ["AnswerModel", "AnswerModelMissing", "TextClassifier", "load", "save", "train"]
