"""The DIET ensemble: members' confidences are averaged, and a trained model keeps all members."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import List, Tuple

import pytest
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from nlu_components.diet_ensemble import DIETEnsembleClassifier
from nlu_components.ranking import average_rankings


def ranking(*pairs: Tuple[str, float]) -> List[dict]:
    return [{"name": name, "confidence": confidence} for name, confidence in pairs]


def test_the_mean_decides_when_members_disagree():
    averaged = average_rankings(
        [
            ranking(("greet", 0.6), ("goodbye", 0.4)),
            ranking(("goodbye", 0.9), ("greet", 0.1)),
            ranking(("goodbye", 0.5), ("greet", 0.3), ("thank", 0.2)),
        ]
    )
    assert [entry["name"] for entry in averaged] == ["goodbye", "greet", "thank"]
    assert averaged[0]["confidence"] == pytest.approx(0.6)
    assert averaged[2]["confidence"] == pytest.approx(0.2 / 3)  # missing counts as 0


def test_ties_and_length():
    rankings = [ranking(("b", 0.5), ("a", 0.5), ("c", 0.0))]
    assert [e["name"] for e in average_rankings(rankings)] == ["a", "b", "c"]
    assert [e["name"] for e in average_rankings(rankings, length=2)] == ["a", "b"]
    assert len(average_rankings(rankings, length=0)) == 3
    assert average_rankings([]) == []


def ensemble_answering(*rankings: List[dict]) -> DIETEnsembleClassifier:
    """An ensemble whose members answer with fixed rankings, as trained DIETs would."""
    ensemble = DIETEnsembleClassifier({"ranking_length": 10}, members=[], resource=None)  # type: ignore[arg-type]
    ensemble._member_rankings = lambda message: list(rankings)  # type: ignore[method-assign]
    ensemble._intents = {"inform", "affirm", "start_scan", "greet"}
    return ensemble


def test_the_ensemble_sets_the_mean_intent_and_ranking():
    ensemble = ensemble_answering(
        ranking(("pause_scan", 0.55), ("resume_scan", 0.45)),
        ranking(("resume_scan", 0.8), ("pause_scan", 0.2)),
    )
    message = ensemble.process([Message(data={TEXT: "ik ben terug"})])[0]
    assert message.get(INTENT)["name"] == "resume_scan"
    assert message.get(INTENT)["confidence"] == pytest.approx(0.625)
    assert [e["name"] for e in message.get(INTENT_RANKING_KEY)] == ["resume_scan", "pause_scan"]


@pytest.mark.parametrize("text", ['/inform{"answer": "3"}', "/affirm", " /start_scan "])
def test_button_payloads_are_left_to_rasa(text):
    """Rasa replaces the NLU result of a payload with its intent; the members are not asked."""
    ensemble = ensemble_answering()
    ensemble._member_rankings = lambda message: pytest.fail("members asked")  # type: ignore[method-assign]
    message = ensemble.process([Message(data={TEXT: text})])[0]
    assert message.get(INTENT) == {"name": None, "confidence": 0.0}


@pytest.mark.parametrize("text", ["/", "/hallo", "/ hallo", "a/b", "hoi /affirm"])
def test_texts_that_only_look_like_payloads_are_classified(text):
    ensemble = ensemble_answering(ranking(("greet", 0.9)))
    assert ensemble.process([Message(data={TEXT: text})])[0].get(INTENT)["name"] == "greet"


NLU = """version: "3.1"
nlu:
- intent: greet
  examples: |
    - hallo
    - goedemorgen
    - hoi daar
    - goedemiddag allemaal
- intent: goodbye
  examples: |
    - doei
    - tot ziens
    - fijne dag nog
    - tot later
"""

CONFIG = """language: nl
assistant_id: ensemble-test
pipeline:
  - name: WhitespaceTokenizer
  - name: CountVectorsFeaturizer
    analyzer: char_wb
    min_ngram: 1
    max_ngram: 3
  - name: nlu_components.diet_ensemble.DIETEnsembleClassifier
    members: 2
    epochs: 30
    number_of_transformer_layers: 0
    entity_recognition: false
    random_seed: 1
  - name: FallbackClassifier
    threshold: {threshold}
policies: []
"""


def train(tmp_path: Path, name: str, threshold: float) -> Path:
    from rasa.model_training import train_nlu

    config = tmp_path / f"{name}.yml"
    config.write_text(CONFIG.format(threshold=threshold))
    return Path(
        train_nlu(
            str(config), str(tmp_path / "nlu.yml"), str(tmp_path / "models"), fixed_model_name=name
        )
    )


def test_a_trained_ensemble_loads_every_member_even_from_the_training_cache(tmp_path, monkeypatch):
    """Rasa's training cache copies a component's own folder: the members must live inside it."""
    from rasa.core.agent import Agent

    monkeypatch.setenv("RASA_CACHE_DIRECTORY", str(tmp_path / "cache"))
    (tmp_path / "nlu.yml").write_text(NLU)
    first = train(tmp_path, "first", 0.3)
    second = train(tmp_path, "second", 0.31)  # the ensemble comes from the cache this time
    for model in (first, second):
        agent = Agent.load(str(model))
        parsed = asyncio.run(agent.parse_message("goedemorgen"))
        assert parsed["intent"]["name"] == "greet"
        assert {e["name"] for e in parsed["intent_ranking"]} == {"greet", "goodbye"}
