"""The training data keeps its promises: held-out sets unseen, contract intents covered."""

import re
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
CONTRACT = [
    "greet",
    "goodbye",
    "thank",
    "affirm",
    "deny",
    "bot_challenge",
    "out_of_scope",
    "start_scan",
    "request_consultation",
    "cancel_consultation",
    "request_human",
    "delete_my_data",
    "skip_question",
    "explain_question",
    "faq",
]


def _examples(paths):
    found = []
    for path in paths:
        for block in yaml.safe_load(path.read_text(encoding="utf-8")).get("nlu", []):
            for line in block.get("examples", "").splitlines():
                if line.strip().startswith("- "):
                    found.append((block["intent"], line.strip()[2:].strip()))
    return found


def _norm(text):
    return re.sub(r"[^\w ]", "", text.lower()).strip()


TRAINING = _examples(sorted((ROOT / "data" / "nlu").glob("*.yml")))
HELD_OUT = _examples(sorted((ROOT / "tests" / "nlu").glob("*.yml")))
BLIND = _examples(sorted((ROOT / "tests" / "nlu_blind").glob("*.yml")))


@pytest.mark.parametrize("test_set", [HELD_OUT, BLIND], ids=["held-out", "blind"])
def test_no_test_example_is_trained_on(test_set):
    trained = {_norm(text) for _, text in TRAINING}
    leaked = [text for _, text in test_set if _norm(text) in trained]
    assert leaked == []


def test_blind_set_covers_every_intent_and_faq_topic():
    assert len(BLIND) >= 350
    assert {name for name, _ in BLIND} == {name for name, _ in HELD_OUT}


def test_no_held_out_scale_answer_is_trained_on():
    trained = {_norm(text) for _, text in TRAINING}
    for name in ("answer_mapping_cases.yml", "answer_mapping_cases_fresh.yml"):
        cases = yaml.safe_load((ROOT / "tests" / "data" / name).read_text(encoding="utf-8"))
        leaked = [c["answer"] for c in cases["cases"] if _norm(c["answer"]) in trained]
        assert leaked == [], name


@pytest.mark.parametrize("intent", CONTRACT)
def test_contract_intent_has_at_least_25_examples(intent):
    count = sum(1 for name, _ in TRAINING if name.split("/")[0] == intent)
    assert count >= 25


def test_every_faq_topic_has_an_answer_and_held_out_questions():
    topics = {name.split("/")[1] for name, _ in TRAINING if name.startswith("faq/")}
    responses = yaml.safe_load((ROOT / "data/responses/faq.yml").read_text(encoding="utf-8"))
    answered = {key.split("/")[1] for key in responses["responses"]}
    held_out = {name.split("/")[1] for name, _ in HELD_OUT if name.startswith("faq/")}
    assert len(topics) >= 30
    assert topics == answered == held_out


def test_no_example_is_labelled_with_two_intents():
    seen = {}
    clashes = []
    for intent, text in TRAINING:
        key = _norm(text)
        if key in seen and seen[key] != intent:
            clashes.append((text, seen[key], intent))
        seen[key] = intent
    assert clashes == []


def _answer_texts(path):
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    for group in ("statements", "profile"):
        for answers in (data.get(group) or {}).values():
            for answer in answers:
                yield answer["text"]


ANSWER_TRAINING = [
    text
    for path in sorted((ROOT / "bot/content/answers").glob("*.yml"))
    for text in _answer_texts(path)
]


def test_no_test_answer_is_in_the_answer_models_training_data():
    trained = {_norm(text) for text in ANSWER_TRAINING}
    blind = list(_answer_texts(ROOT / "tests/answers_blind/answers.yml"))
    older = [
        c["answer"]
        for name in ("answer_mapping_cases.yml", "answer_mapping_cases_fresh.yml")
        for c in yaml.safe_load((ROOT / "tests/data" / name).read_text(encoding="utf-8"))["cases"]
    ]
    assert len(blind) >= 200
    assert [t for t in blind + older if _norm(t) in trained] == []


def test_the_answer_model_has_150_typed_answers_per_statement_from_several_authors():
    from bot.assessment.answer_data import load_examples
    from bot.content import get_content

    statements, _ = load_examples(get_content())
    per_statement = {}
    for example in statements:
        per_statement.setdefault(example.question, []).append(example)
    assert len(per_statement) == len(get_content().questions.statements)
    assert min(len(v) for v in per_statement.values()) >= 150
    assert len({e.author for e in statements}) >= 4


def test_first_message_blind_set_is_not_trained_on():
    blind = _examples(sorted((ROOT / "tests" / "nlu_blind_first").glob("*.yml")))
    trained = {_norm(text) for _, text in TRAINING}
    assert len(blind) >= 150
    assert [text for _, text in blind if _norm(text) in trained] == []
